// Reads plan text that was pasted or uploaded (.txt/.md/.tsv) with the reader its form needs:
// parsePlanText knows the seed and PDF forms; Markdown tables and Excel pastes are told apart here.
import { parsePlanText, planFromTables, readMarkdownTables, readTsv, type ImportOptions, type TableReport, type TableSource } from '@dondoc/shared';
import type { Plan } from '@dondoc/shared/model';
import { applyBodyText } from '@dondoc/plugin-import-office';

export const PLAN_TEXT_FORMS = ['seed-text', 'pdf-text', 'markdown', 'tsv'] as const;
export type PlanTextForm = (typeof PLAN_TEXT_FORMS)[number];

/** A GFM delimiter row (`|---|:--:|`): only a Markdown table has one under its header. */
const MARKDOWN_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
/**
 * A cell Excel quoted because it holds a line break. The seed form never quotes its cells, and
 * reading such a paste line by line would cut every multi-line cell into rows of its own.
 */
const QUOTED_MULTILINE_CELL = /(?:^|\t)"(?:[^"]|"")*\n(?:[^"]|"")*"(?=\t|\r?\n|$)/m;

/** 'markdown' or 'tsv' when the text is one of those pastes, else undefined (parsePlanText decides). */
export function detectPastedForm(text: string): 'markdown' | 'tsv' | undefined {
  const lines = text.split(/\r?\n/);
  if (lines.some((l, i) => i > 0 && lines[i - 1]!.includes('|') && l.includes('|') && MARKDOWN_DELIMITER.test(l))) return 'markdown';
  if (QUOTED_MULTILINE_CELL.test(text)) return 'tsv';
  return undefined;
}

/** The form a file's extension names; .txt (and anything else) is left to detection. */
export function formForFilename(filename: string): 'markdown' | 'tsv' | undefined {
  const ext = filename.split('.').pop()?.toLowerCase();
  return ext === 'md' || ext === 'markdown' ? 'markdown' : ext === 'tsv' ? 'tsv' : undefined;
}

export interface PlanTextResult {
  plan: Plan;
  tables: TableReport[];
  form: PlanTextForm;
  tableSources: TableSource[];
}

/** Reads `text` as `form` (detected when not given) into a plan draft and its per-table report. */
export function readPlanText(text: string, options: ImportOptions = {}, form?: 'markdown' | 'tsv'): PlanTextResult {
  const pasted = form ?? detectPastedForm(text);
  if (!pasted) return parsePlanText(text, options);
  const tableSources = pasted === 'markdown' ? readMarkdownTables(text) : readTsv(text);
  const result = planFromTables(tableSources, options);
  // Markdown converted from a document keeps its body text (title, issuer, rhythm); a TSV paste is only its table.
  if (pasted === 'markdown') applyBodyText(result.plan, text.split(/\r?\n/), options);
  return { ...result, form: pasted, tableSources };
}
