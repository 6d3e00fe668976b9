// A plan from tables an importer read plus the document's text around them: what the host runs
// for a file importer's tables, so files get the same mapping/track corrections as pasted text.
import type { Plan } from '../model.ts';
import { indexAgencies } from './agencies.ts';
import { isReportDocument, readMetadata, readRhythm, readWorkItems } from './body.ts';
import { PROVINCIAL_AGENCIES } from './directory.ts';
import type { TableSource } from './grid.ts';
import { planFromTables, type ImportOptions, type ImportResult } from './tables.ts';

/**
 * Fills a plan's metadata, reporting rhythm and body work items from the document's text
 * outside its tables, as `parsePlanText` does for the text forms. Only what the text prints
 * is set, so a title from the options survives a body that names none.
 */
export function applyBodyText(plan: Plan, lines: readonly string[], options: ImportOptions = {}): Plan {
  const meta = readMetadata(lines);
  if (meta.title) plan.title = meta.title;
  if (meta.issuer) plan.issuer = meta.issuer;
  if (meta.number) plan.number = meta.number;
  if (meta.province) plan.province = meta.province;
  if (meta.date) plan.date = meta.date;
  if (isReportDocument(lines)) plan.kind = 'report';
  const rhythm = readRhythm(lines);
  if (rhythm.length) plan.rhythm = rhythm;
  const workItems = readWorkItems(lines, indexAgencies(options.agencies ?? PROVINCIAL_AGENCIES), options.defaultTrack ?? 'khcn-cds');
  if (workItems.length) plan.workItems = workItems;
  return plan;
}

/** `planFromTables` with the user's options, then the body text (when the source had any) applied. */
export function planFromTablesAndBody(read: { tables: TableSource[]; bodyLines?: readonly string[] }, options: ImportOptions = {}): ImportResult {
  const result = planFromTables(read.tables, options);
  if (read.bodyLines?.length) applyBodyText(result.plan, read.bodyLines, options);
  return result;
}
