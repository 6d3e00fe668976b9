// Previews an upload or a paste. What the bytes hold decides how they are read, never the file's
// name: a zip is checked for its inflated size and handed to the importer plugin for the Office
// file it holds (which gives raw tables the host parses with the user's corrections, as for
// pasted text); anything else is read as text by the shared readers, whichever form it is in.
import { z } from 'zod';
import { ImportLimitError, NoTableError, Plan, type Agency, type ImportInput, type ImportOptions, type TableReport } from '@dondoc/shared';
import { checkZip } from '@dondoc/plugin-import-office/zip-guard';
import { OfficeFileError, OfficeLimitError } from '@dondoc/plugin-import-office/errors';
import type { Services } from './deps.ts';
import { apiError } from './http/api-error.ts';

export interface UploadedFile {
  filename: string;
  mediaType?: string | undefined;
  base64: string;
  sheet?: string | number | undefined;
}

/** What the preview answers. `form` says how the document was read: a text form, or "docx"/"xlsx" (no plugin ids). */
export interface ImportPreview {
  plan: Plan;
  form: string;
  /** Per-table report to correct against; empty for an importer that only gives a finished plan. */
  tables: TableReport[];
  /** A workbook's sheets, and the one that was read. */
  sheets?: string[];
  sheet?: string;
  /** The named agencies the preview matched against (every province's, the board's, the user's additions): what an unknown agency can be mapped to. */
  directory?: string[];
  /** The directory entries it matched against beyond every province's (the server's, the board's): a cell edited in the preview is read against the same. */
  agencies?: Agency[];
  /** The people an owner may name without a warning, when the preview warned about owners: an owner typed in the preview is checked against the same. */
  people?: string[];
}

/**
 * What `readTables` must return, checked because it comes from plugin code: a malformed table
 * would otherwise fail deep inside the parser with a stack trace instead of naming the plugin.
 */
const ImportTablesShape = z.object({
  tables: z.array(
    z.object({
      title: z.string(),
      caption: z.string().optional(),
      rows: z.array(z.object({ cells: z.array(z.string()), line: z.number().int(), bold: z.boolean().optional(), merged: z.array(z.boolean()).optional() })),
    }),
  ),
  bodyLines: z.array(z.string()).optional(),
  sheets: z.array(z.string()).optional(),
  sheet: z.string().optional(),
});

/** The importer's refusals and limits as the HTTP errors a user reads: 413 for a limit, 400 otherwise. */
export function importError(e: unknown, field: string): unknown {
  if (e instanceof ImportLimitError || e instanceof OfficeLimitError) return apiError(413, { code: 'too-large', field, message: e.message, messageEn: e.messageEn });
  if (e instanceof NoTableError) return apiError(400, { code: 'bad-request', field, message: e.message, messageEn: e.messageEn });
  if (e instanceof OfficeFileError) return apiError(400, { code: 'bad-request', field, message: e.message, messageEn: e.message });
  return e;
}

/** Reads pasted or uploaded text, whatever its form, in a worker thread (it can be 10 MB). */
export async function previewText(s: Services, text: string, options: ImportOptions, field = 'text'): Promise<ImportPreview> {
  const r = await s.work.readPlanText(text, options, field);
  return { plan: r.plan, form: r.form, tables: r.tables };
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isPdf = (b: Uint8Array): boolean => b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-';
const extensionOf = (filename: string): string => /\.([^.\\/]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';

export async function previewFile(s: Services, file: UploadedFile, options: ImportOptions): Promise<ImportPreview> {
  const bytes = new Uint8Array(Buffer.from(file.base64, 'base64'));
  if (isPdf(bytes))
    throw apiError(415, {
      code: 'unsupported',
      field: 'file',
      message: 'Tệp PDF chưa đọc trực tiếp được: hãy mở tệp, chép bảng phụ lục (hoặc toàn văn) rồi dán vào ô "Hoặc dán nội dung"',
      messageEn: 'PDF files are not read directly: copy the appendix table (or the whole text) and paste it',
    });
  if (!isZip(bytes)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
      // NUL bytes: a binary file that happens to be valid UTF-8 is still not text.
      if (text.includes('\u0000')) throw new Error('binary');
    } catch {
      throw apiError(415, {
        code: 'unsupported',
        field: 'file',
        message: `Tệp "${file.filename}" không phải văn bản UTF-8, Word (.docx) hay Excel (.xlsx)`,
        messageEn: `"${file.filename}" is neither UTF-8 text nor a Word or Excel file`,
      });
    }
    return previewText(s, text, options, 'file');
  }

  // A zip: checked for its inflated sizes before any plugin unzips it, and read as what it holds.
  let kind: string | undefined;
  try {
    kind = checkZip(bytes).kind;
  } catch (e) {
    throw importError(e, 'file');
  }
  const ext = kind ?? extensionOf(file.filename);
  const importer = s.plugins.all('importers').find((i) => i.contribution.extensions.map((x) => x.toLowerCase().replace(/^\./, '')).includes(ext));
  if (!importer)
    throw apiError(415, {
      code: 'unsupported',
      field: 'file',
      message: `Chưa có plugin đọc được tệp này (${ext ? `.${ext}` : 'tệp nén không rõ loại'}); hãy cài plugin nhập phù hợp hoặc dán nội dung`,
      messageEn: `No importer plugin reads this file (${ext || 'unknown archive'})`,
    });
  const { plugin, contribution, address } = importer;
  const input: ImportInput = {
    filename: file.filename,
    bytes,
    ...(file.mediaType ? { mediaType: file.mediaType } : {}),
    ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
  };
  const form = kind ?? ext;
  const malformed = (what: string, whatEn: string) =>
    apiError(500, { code: 'internal', message: `Plugin "${plugin.displayName}" trả về ${what} sai cấu trúc`, messageEn: `Plugin "${plugin.id}" returned malformed ${whatEn}` });
  // The plugin's own message, without its internal id: the user knows it by its display name.
  const refused = (err: { cause?: unknown; messageVi: string; messageEn: string }) =>
    apiError(400, {
      code: 'bad-request',
      field: 'file',
      message: err.cause instanceof Error && err.cause.message ? err.cause.message : err.messageVi,
      messageEn: err.messageEn,
    });

  if (contribution.readTables) {
    const r = await s.plugins.readTables(address, input);
    if (!r.ok) throw refused(r.error);
    const read = ImportTablesShape.safeParse(r.value);
    if (!read.success) throw malformed('bảng', 'tables');
    const result = await s.work.planFromTablesAndBody(read.data, options);
    return { plan: result.plan, form, tables: result.tables, ...(read.data.sheets ? { sheets: read.data.sheets } : {}), ...(read.data.sheet ? { sheet: read.data.sheet } : {}) };
  }

  const r = await s.plugins.importFile(address, input);
  if (!r.ok) throw refused(r.error);
  const plan = Plan.safeParse(r.value);
  if (!plan.success) throw malformed('kế hoạch', 'a plan');
  return { plan: plan.data, form, tables: [] };
}
