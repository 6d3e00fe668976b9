// Looks inside an uploaded zip (.docx, .xlsx) before anything unzips it for real: which Office
// file it is, from its entries rather than its name, and whether it inflates to more than any
// plan does. Declared sizes are checked from the central directory, actual sizes by inflating
// each entry in chunks and stopping the moment the count passes the limit, so a zip bomb costs
// a few megabytes and milliseconds, never the server.
import { Inflate } from 'fflate';
import { OfficeFileError, OfficeLimitError } from './errors.ts';

/** Inflated bytes of one entry: a large plan's document.xml or sheet is a few megabytes. */
export const MAX_ENTRY_INFLATED = 32 * 1024 * 1024;
/** Inflated bytes of the whole file. */
export const MAX_TOTAL_INFLATED = 64 * 1024 * 1024;
/** Entries in the archive: a Word file has a few dozen. */
export const MAX_ENTRIES = 2_000;

export interface ZipLimits {
  maxEntryInflated?: number;
  maxTotalInflated?: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mb = (n: number): string => `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} MB`;

function tooLarge(what: string, limit: number): OfficeLimitError {
  return new OfficeLimitError(
    `Tệp giải nén ra quá lớn (${what} vượt ${mb(limit)}): đây không giống một kế hoạch; hãy kiểm tra lại tệp`,
    `The file inflates to more than ${mb(limit)} (${what}); refused`,
  );
}

/** The central directory's entries, or undefined when `bytes` is no readable zip. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  if (count > MAX_ENTRIES) throw new OfficeLimitError(`Tệp nén có ${count} thành phần, quá nhiều cho một kế hoạch`, `The archive has ${count} entries`);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Which Office file a zip is, from what it holds. */
export function officeKindOf(entries: readonly ZipEntry[]): 'docx' | 'xlsx' | undefined {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  return undefined;
}

/** Inflates one entry in chunks, counting; throws as soon as it passes `limit`. Returns its real size. */
function inflatedSize(bytes: Uint8Array, entry: ZipEntry, limit: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new OfficeFileError('Tệp nén hỏng: không đọc được thành phần bên trong.');
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) throw new OfficeFileError('Tệp nén dùng kiểu nén không hỗ trợ.');
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw tooLarge(`"${entry.name}"`, limit);
  });
  // Small pushes: deflate inflates at most ~1,000×, so one push can never allocate more than ~8 MB.
  const STEP = 8 * 1024;
  try {
    for (let i = 0; i < data.length; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  } catch (e) {
    if (e instanceof OfficeFileError) throw e;
    throw new OfficeFileError('Tệp nén hỏng: không giải nén được.');
  }
  return total;
}

/**
 * Checks an Office zip's declared and actual inflated sizes against the limits and tells which
 * kind it is. Throws `OfficeLimitError` (over a limit) or `OfficeFileError` (not a readable zip).
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = {}): { kind: 'docx' | 'xlsx' | undefined; entries: ZipEntry[] } {
  const perEntry = limits.maxEntryInflated ?? MAX_ENTRY_INFLATED;
  const whole = limits.maxTotalInflated ?? MAX_TOTAL_INFLATED;
  const entries = zipEntries(bytes);
  if (!entries) throw new OfficeFileError('Tệp nén hỏng: không đọc được danh mục bên trong.');
  let declared = 0;
  for (const e of entries) {
    if (e.size > perEntry) throw tooLarge(`"${e.name}"`, perEntry);
    declared += e.size;
    if (declared > whole) throw tooLarge('tổng các thành phần', whole);
  }
  // Declared sizes can lie: inflate for real, counting, and stop at the limit.
  let actual = 0;
  for (const e of entries) {
    actual += inflatedSize(bytes, e, Math.min(perEntry, whole - actual));
  }
  return { kind: officeKindOf(entries), entries };
}
