// Previews an uploaded file through the importer plugin for its extension. A plugin that offers
// `readTables` hands over raw tables and the host parses them with the user's column mapping and
// track per table, exactly as for pasted text; older importers give a finished plan, uncorrectable.
import { z } from 'zod';
import { Plan, type ImportInput, type ImportOptions, type TableReport } from '@dondoc/shared';
import type { Services } from './deps.ts';
import { apiError } from './http/api-error.ts';

export interface UploadedFile {
  filename: string;
  mediaType?: string | undefined;
  base64: string;
  sheet?: string | number | undefined;
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
      rows: z.array(z.object({ cells: z.array(z.string()), line: z.number().int(), bold: z.boolean().optional() })),
    }),
  ),
  bodyLines: z.array(z.string()).optional(),
});

/** "KH 44 Thái Nguyên.docx" → "KH 44 Thái Nguyên": the plan title when the document prints none. */
const baseName = (filename: string): string => (filename.split(/[\\/]/).pop() ?? filename).replace(/\.[^.]+$/, '');

export async function previewFile(s: Services, file: UploadedFile, options: ImportOptions): Promise<{ plan: Plan; form: string; tables: TableReport[] }> {
  const ext = file.filename.split('.').pop()?.toLowerCase() ?? '';
  const importer = s.plugins.all('importers').find((i) => i.contribution.extensions.map((e) => e.toLowerCase().replace(/^\./, '')).includes(ext));
  if (!importer)
    throw apiError(415, {
      code: 'unsupported',
      field: 'file.filename',
      message: `Chưa có plugin nhập tệp ".${ext}" (cài plugin nhập, ví dụ import-office cho .docx/.xlsx)`,
      messageEn: `No importer plugin reads ".${ext}" files`,
    });
  const { plugin, contribution, address } = importer;
  const input: ImportInput = {
    filename: file.filename,
    bytes: new Uint8Array(Buffer.from(file.base64, 'base64')),
    ...(file.mediaType ? { mediaType: file.mediaType } : {}),
    ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
  };
  const malformed = (what: string, whatEn: string) =>
    apiError(500, { code: 'internal', message: `Plugin "${plugin.id}" trả về ${what} sai cấu trúc`, messageEn: `Plugin "${plugin.id}" returned malformed ${whatEn}` });

  if (contribution.readTables) {
    const r = await s.plugins.readTables(address, input);
    if (!r.ok) throw apiError(400, { code: 'bad-request', field: 'file', message: r.error.messageVi, messageEn: r.error.messageEn });
    const read = ImportTablesShape.safeParse(r.value);
    if (!read.success) throw malformed('bảng', 'tables');
    const result = await s.work.planFromTablesAndBody(read.data, { title: baseName(file.filename), ...options });
    return { plan: result.plan, form: address, tables: result.tables };
  }

  const r = await s.plugins.importFile(address, input);
  if (!r.ok) throw apiError(400, { code: 'bad-request', field: 'file', message: r.error.messageVi, messageEn: r.error.messageEn });
  const plan = Plan.safeParse(r.value);
  if (!plan.success) throw malformed('kế hoạch', 'a plan');
  return { plan: plan.data, form: address, tables: [] };
}
