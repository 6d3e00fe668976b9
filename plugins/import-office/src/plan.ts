// Turns an uploaded .docx or .xlsx into a plan draft: the office readers feed the shared table parser.
import { planFromTables, type ImportOptions, type ImportResult } from '@dondoc/shared/import/tables';
import { readMetadata, readRhythm, readWorkItems } from '@dondoc/shared/import/body';
import { indexAgencies } from '@dondoc/shared/import/agencies';
import { PROVINCIAL_AGENCIES } from '@dondoc/shared/import/directory';
import type { Plan } from '@dondoc/shared';
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
 * Fills a plan's metadata, reporting rhythm and body work items from the document's text
 * outside its tables, as `parsePlanText` does for the text forms.
 */
export function applyBodyText(plan: Plan, lines: readonly string[], options: ImportOptions = {}): Plan {
  const meta = readMetadata(lines);
  if (meta.title) plan.title = meta.title;
  if (meta.issuer) plan.issuer = meta.issuer;
  if (meta.number) plan.number = meta.number;
  if (meta.province) plan.province = meta.province;
  if (meta.date) plan.date = meta.date;
  const rhythm = readRhythm(lines);
  if (rhythm.length) plan.rhythm = rhythm;
  const workItems = readWorkItems(lines, indexAgencies(options.agencies ?? PROVINCIAL_AGENCIES), options.defaultTrack ?? 'khcn-cds');
  if (workItems.length) plan.workItems = workItems;
  return plan;
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
  const docx = kind === 'docx' ? await readDocx(bytes, options) : undefined;
  const tables = docx ? docx.tables : await readXlsxTables(bytes, options);
  if (tables.length === 0) throw new OfficeFileError(`Tệp "${baseName(filename)}" không có bảng nào để nhập.`);
  const result = planFromTables(tables, { title: baseName(filename), ...options });
  if (docx) applyBodyText(result.plan, docx.text.split('\n'), options);
  return result;
}
