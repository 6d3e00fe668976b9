// Turns an uploaded .docx or .xlsx into its tables and body text, or straight into a plan draft:
// the office readers feed the shared table parser.
import { planFromTablesAndBody } from '@dondoc/shared/import/tables-with-body';
import type { ImportOptions, ImportResult } from '@dondoc/shared/import/tables';
import type { ImportTables } from '@dondoc/shared';
import { readDocx } from './docx.ts';
import { readXlsx, type XlsxReadOptions } from './xlsx.ts';
import { OfficeFileError } from './guard.ts';
import { officeKindOf, zipEntries } from './zip-guard.ts';

// Kept as the plugin's export: the CLI and older callers import it from here.
export { applyBodyText } from '@dondoc/shared/import/tables-with-body';

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
 * Reads a .docx (tables and body paragraphs) or one sheet of an .xlsx (tables only: a sheet has
 * no body text) without parsing them, so the host can parse with the user's corrections.
 */
export async function readOfficeTables(
  filename: string,
  bytes: Uint8Array,
  options: XlsxReadOptions = {},
  kind: 'docx' | 'xlsx' | undefined = officeKind(filename),
): Promise<ImportTables> {
  // What the file holds decides how it is read, not its name: a workbook saved as ".docx" is still a workbook.
  const entries = zipEntries(bytes);
  const actual = (entries && officeKindOf(entries)) ?? kind;
  if (!actual) throw new OfficeFileError(`Không đọc được "${filename}": tệp không phải Word (.docx) hay Excel (.xlsx).`);
  let read: ImportTables;
  if (actual === 'docx') {
    const d = await readDocx(bytes, options);
    read = { tables: d.tables, bodyLines: d.text.split('\n') };
  } else {
    const x = await readXlsx(bytes, options);
    read = { tables: x.tables, sheets: x.sheets, sheet: x.sheet };
  }
  if (read.tables.length === 0) throw new OfficeFileError(`Tệp "${baseName(filename)}" không có bảng nào để nhập.`);
  return read;
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
  return planFromTablesAndBody(await readOfficeTables(filename, bytes, options, kind), { title: baseName(filename), ...options });
}
