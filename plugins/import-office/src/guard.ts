// Checks an uploaded Office file before any unzipping: size limit, zip signature, inflated sizes.
import { OfficeFileError } from './errors.ts';
import { checkZip } from './zip-guard.ts';

export { OfficeFileError, OfficeLimitError } from './errors.ts';

/** Default upper bound for an uploaded .docx/.xlsx: real plans are well under 2 MB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface ReadOptions {
  /** Refuse inputs larger than this many bytes (default 10 MB): unzipping is memory-hungry. */
  maxBytes?: number;
  /** Inflated-size limits (defaults in zip-guard.ts): a zip bomb is refused before it is unzipped. */
  maxEntryInflated?: number;
  maxTotalInflated?: number;
}

/** "10 MB", "1,5 MB", "64 KB": a size as a Vietnamese reader writes it. */
function formatSize(n: number): string {
  const [value, unit] = n >= 1024 * 1024 ? [n / 1024 / 1024, 'MB'] : [n / 1024, 'KB'];
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${unit}`;
}

/** Throws an `OfficeFileError` unless `bytes` is a zip archive within the size limits, packed and inflated. */
export function checkOfficeBytes(bytes: Uint8Array, kind: 'docx' | 'xlsx', options: ReadOptions = {}): void {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > max) {
    throw new OfficeFileError(`Tệp quá lớn (${formatSize(bytes.byteLength)}): giới hạn là ${formatSize(max)}.`);
  }
  // Every OOXML file is a zip; its first local header starts "PK\x03\x04".
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new OfficeFileError(`Tệp không phải .${kind} hợp lệ`);
  }
  checkZip(bytes, options);
}
