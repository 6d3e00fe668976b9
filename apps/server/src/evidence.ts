// Evidence files: what may be uploaded (photos, PDFs, office documents — told from their bytes, not
// their name), how large, and storing them before the task mentions them, so a task never points
// at a half-stored file.
import { fileTypeFromBuffer } from 'file-type';
import type { StoredFile } from '@dondoc/shared';
import { apiError } from './http/api-error.ts';
import type { FileStore } from './store/repository.ts';

const MiB = 1024 * 1024;
/** Largest evidence file: a phone photo or a scanned decision fits; a video does not. */
export const MAX_EVIDENCE_BYTES = 20 * MiB;

/** Media types accepted, by what the bytes are. */
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'ảnh JPEG',
  'image/png': 'ảnh PNG',
  'image/webp': 'ảnh WebP',
  'image/gif': 'ảnh GIF',
  'image/heic': 'ảnh HEIC (iPhone)',
  'image/heif': 'ảnh HEIF',
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (.pptx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument (.odt)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument (.ods)',
  'application/x-cfb': 'Word/Excel 97–2003 (.doc, .xls)',
};

const ACCEPTED = 'ảnh (JPEG, PNG, WebP, HEIC), PDF, Word, Excel, PowerPoint, OpenDocument';

/** A file name safe to keep and show: no folders, no control characters, not too long. */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f]+/g, '').trim();
  return (base || 'tep').slice(0, 200);
}

/** Checks and stores an uploaded file; refuses, storing nothing, what is too big or not an accepted type. */
export async function storeEvidenceFile(files: FileStore, bytes: Uint8Array, name: string): Promise<StoredFile> {
  if (bytes.byteLength === 0) throw apiError(400, { code: 'bad-request', field: 'file', message: 'Tệp minh chứng rỗng', messageEn: 'The evidence file is empty' });
  if (bytes.byteLength > MAX_EVIDENCE_BYTES)
    throw apiError(413, {
      code: 'too-large',
      field: 'file',
      message: `Tệp "${cleanFilename(name)}" quá lớn (${(bytes.byteLength / MiB).toFixed(1)} MB); giới hạn là ${MAX_EVIDENCE_BYTES / MiB} MB`,
      messageEn: `File "${cleanFilename(name)}" is too large (${(bytes.byteLength / MiB).toFixed(1)} MB); the limit is ${MAX_EVIDENCE_BYTES / MiB} MB`,
    });
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !Object.hasOwn(EVIDENCE_TYPES, sniffed.mime))
    throw apiError(415, {
      code: 'unsupported',
      field: 'file',
      message: `Không nhận loại tệp của "${cleanFilename(name)}"${sniffed ? ` (${sniffed.ext})` : ''}; chỉ nhận ${ACCEPTED}`,
      messageEn: `File type of "${cleanFilename(name)}"${sniffed ? ` (${sniffed.ext})` : ''} is not accepted; accepted: images, PDF, Word, Excel, PowerPoint, OpenDocument`,
    });
  return files.put(bytes, cleanFilename(name), sniffed.mime);
}
