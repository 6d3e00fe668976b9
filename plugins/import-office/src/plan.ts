// Turns an uploaded .docx or .xlsx into a plan draft: the office readers feed the shared table parser.
import { planFromTables, type ImportOptions, type ImportResult } from '@dondoc/shared/import/tables';
import { readDocx } from './docx.ts';
import { readXlsxTables, type XlsxReadOptions } from './xlsx.ts';
import { OfficeFileError } from './guard.ts';

export interface OfficeImportOptions extends XlsxReadOptions, ImportOptions {}

/** "KH 44 Thái Nguyên.docx" → "KH 44 Thái Nguyên": the plan's title when the tables carry none. */
export function baseName(filename: string): string {
  return (filename.split(/[\\/]/).pop() ?? filename).replace(/\.[^.]+$/, '');
}

/** The office extension of a file name, or undefined for anything else. */
export function officeKind(filename: string): 'docx' | 'xlsx' | undefined {
  const ext = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return ext === 'docx' || ext === 'xlsx' ? ext : undefined;
}

/**
 * Reads a .docx or .xlsx and parses its tables into a plan draft with the per-table report.
 * `kind` defaults to the file name's extension; an importer passes its own.
 */
export async function importOfficeFile(
  filename: string,
  bytes: Uint8Array,
  options: OfficeImportOptions = {},
  kind: 'docx' | 'xlsx' | undefined = officeKind(filename),
): Promise<ImportResult> {
  if (!kind) throw new OfficeFileError(`Không đọc được "${filename}": chỉ nhận tệp .docx hoặc .xlsx.`);
  const tables = kind === 'docx' ? (await readDocx(bytes, options)).tables : await readXlsxTables(bytes, options);
  if (tables.length === 0) throw new OfficeFileError(`Tệp "${baseName(filename)}" không có bảng nào để nhập.`);
  return planFromTables(tables, { title: baseName(filename), ...options });
}
