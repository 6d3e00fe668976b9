// Reads plan text that was pasted or uploaded (.txt/.md/.tsv/.csv) with the reader its form needs:
// parsePlanText knows the seed and PDF forms; Markdown tables, CSV and Excel pastes are told apart here.
import { applyCsvBoardState, looksLikeCsv, parsePlanText, planFromTables, readCsv, readMarkdownTables, readTsv, type ImportOptions, type TableReport, type TableSource } from '@dondoc/shared';
import type { Plan } from '@dondoc/shared/model';
import { applyBodyText } from '@dondoc/shared/import/tables-with-body';

export const PLAN_TEXT_FORMS = ['seed-text', 'pdf-text', 'markdown', 'tsv', 'csv'] as const;
export type PlanTextForm = (typeof PLAN_TEXT_FORMS)[number];

/** A GFM delimiter row (`|---|:--:|`): only a Markdown table has one under its header. */
const MARKDOWN_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
/**
 * A cell Excel quoted because it holds a line break. The seed form never quotes its cells, and
 * reading such a paste line by line would cut every multi-line cell into rows of its own.
 */
const QUOTED_MULTILINE_CELL = /(?:^|\t)"(?:[^"]|"")*\n(?:[^"]|"")*"(?=\t|\r?\n|$)/m;

export type PastedForm = 'markdown' | 'tsv' | 'csv';

/** 'markdown', 'tsv' or 'csv' when the text is one of those pastes, else undefined (parsePlanText decides). */
export function detectPastedForm(text: string): PastedForm | undefined {
  const lines = text.split(/\r?\n/);
  if (lines.some((l, i) => i > 0 && lines[i - 1]!.includes('|') && l.includes('|') && MARKDOWN_DELIMITER.test(l))) return 'markdown';
  // Before the TSV test: a CSV cell quoted for its line break would look like an Excel paste.
  if (looksLikeCsv(text)) return 'csv';
  if (QUOTED_MULTILINE_CELL.test(text)) return 'tsv';
  return undefined;
}

/** The form a file's extension names; .txt (and anything else) is left to detection. */
export function formForFilename(filename: string): PastedForm | undefined {
  const ext = filename.split('.').pop()?.toLowerCase();
  return ext === 'md' || ext === 'markdown' ? 'markdown' : ext === 'tsv' ? 'tsv' : ext === 'csv' ? 'csv' : undefined;
}

export interface PlanTextResult {
  plan: Plan;
  tables: TableReport[];
  form: PlanTextForm;
  tableSources: TableSource[];
}

/** Reads `text` as `form` (detected when not given) into a plan draft and its per-table report. */
export function readPlanText(text: string, options: ImportOptions = {}, form?: PastedForm): PlanTextResult {
  const pasted = form ?? detectPastedForm(text);
  if (!pasted) return parsePlanText(text, options);
  const tableSources = pasted === 'markdown' ? readMarkdownTables(text) : pasted === 'csv' ? readCsv(text) : readTsv(text);
  const result = planFromTables(tableSources, options);
  // dondoc's own CSV export carries each task's column, progress and owner back onto the board.
  if (pasted === 'csv') applyCsvBoardState(result.plan, tableSources);
  // Markdown converted from a document keeps its body text (title, issuer, rhythm); a TSV paste is only its table.
  if (pasted === 'markdown') applyBodyText(result.plan, text.split(/\r?\n/), options);
  return { ...result, form: pasted, tableSources };
}
