// Reads plan or report text of any form (seed text, PDF extraction, Markdown, TSV pasted from
// Excel/Word, CSV) into a plan draft. The form is told from the content, never the file name:
// every reader says how sure it is that the text is its form, and the surest one that finds a
// table wins. One entry for the server, the CLI and a worker: a plain function of the text.
import { fold } from '../fold.ts';
import type { Plan } from '../model.ts';
import type { TableSource } from './grid.ts';
import { checkTextSize } from './limits.ts';
import { parsePlanText, detectTextForm } from './parse.ts';
import { readCsv, looksLikeCsv } from './readers/csv.ts';
import { readMarkdownTables } from './readers/markdown.ts';
import { readTsv } from './readers/tsv.ts';
import { applyBodyText } from './tables-with-body.ts';
import { planFromTables, type ImportOptions, type TableReport } from './tables.ts';

export const PLAN_TEXT_FORMS = ['seed-text', 'pdf-text', 'markdown', 'tsv', 'csv'] as const;
export type PlanTextForm = (typeof PLAN_TEXT_FORMS)[number];

export interface FormGuess {
  form: PlanTextForm;
  /** 0 (surely not) to 1 (surely). */
  confidence: number;
}

/** A GFM delimiter row (`|---|:--:|`, outer pipes optional): only a Markdown table has one under its header. */
const MARKDOWN_DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/;
/** A cell Excel quoted because it holds a line break: the seed form never quotes its cells. */
const QUOTED_MULTILINE_CELL = /(?:^|\t)"(?:[^"\n]|"")*\n(?:[^"]|"")*"(?=\t|\r?\n|$)/m;
const HTML_FRAGMENT = /<(?:ul|li|b|p|br|i|strong|em)\b[^<>]*>/i;

/** How sure each reader is that `text` is its form, surest first. Reads at most the first 200 KB for the guess. */
export function sniffForms(text: string): FormGuess[] {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const lines = head.split(/\r?\n/);
  const filled = lines.filter((l) => l.trim() !== '');
  const n = Math.max(1, filled.length);
  const tabRows = filled.filter((l) => /\S\t+\S|^\t*\S[^\t]*\t/.test(l)).length;
  const guesses: FormGuess[] = [];

  const delimiters = lines.filter((l, i) => i > 0 && l.includes('|') && lines[i - 1]!.includes('|') && MARKDOWN_DELIMITER.test(l)).length;
  guesses.push({ form: 'markdown', confidence: delimiters > 0 ? 0.95 : 0 });

  const csv = looksLikeCsv(head);
  guesses.push({ form: 'csv', confidence: csv ? 0.85 : 0 });

  const quoted = QUOTED_MULTILINE_CELL.test(head.slice(0, 50_000));
  const html = HTML_FRAGMENT.test(head);
  const prose = filled.length - tabRows;
  // A paste that is all table reads best as TSV (a blank line ends a table); a document with prose
  // and HTML in its cells is the seed form (blank lines inside a table are page breaks).
  const tsv = tabRows === 0 ? 0 : quoted ? 0.9 : html ? 0.3 : prose / n < 0.2 ? 0.6 : 0.4;
  guesses.push({ form: 'tsv', confidence: tsv });
  const seed = tabRows === 0 ? 0.05 : html ? 0.8 : prose / n < 0.2 ? 0.5 : 0.7;
  // A cell quoted across lines is Excel's: read line by line (the seed form) it would fall apart.
  guesses.push({ form: 'seed-text', confidence: quoted ? 0.2 : seed });

  // PDF extraction: one cell fragment per line, no tabs; surer when a task table's header words are there.
  const pdfLike = detectTextForm(head) === 'pdf-text';
  const header = pdfLike || tabRows === 0 ? filled.slice(0, 3000).some((l) => l.length < 300 && /\b(?:s?tt)\b.*\b(?:noi dung|nhiem vu)\b/.test(fold(l))) || /\b(?:s?tt)\b[^\n]*\b(?:noi dung|nhiem vu)\b/.test(fold(filled.slice(0, 300).join('\n'))) : false;
  guesses.push({ form: 'pdf-text', confidence: pdfLike ? (header ? 0.75 : 0.5) : tabRows === 0 && header ? 0.3 : 0 });

  return guesses.filter((g) => g.confidence > 0).sort((a, b) => b.confidence - a.confidence);
}

export interface PlanTextResult {
  plan: Plan;
  tables: TableReport[];
  form: PlanTextForm;
  tableSources: TableSource[];
}

/** No reader found a table in the text: the route answers 400 with this message. */
export class NoTableError extends Error {
  override name = 'NoTableError';
  readonly messageEn = 'No table of tasks was found in the text: paste the appendix table (with its header row) or upload the file';
  constructor() {
    super('Không tìm thấy bảng nhiệm vụ nào trong nội dung: hãy dán bảng phụ lục (có dòng tiêu đề STT, Nội dung, Cơ quan chủ trì, Thời hạn…) hoặc tải lên tệp gốc');
  }
}

/** Reads `text` as one form. */
export function readTextAs(text: string, form: PlanTextForm, options: ImportOptions = {}): PlanTextResult {
  if (form === 'seed-text' || form === 'pdf-text') {
    const r = parsePlanText(text, options, form);
    return { plan: r.plan, tables: r.tables, form, tableSources: r.tableSources };
  }
  const tableSources = form === 'markdown' ? readMarkdownTables(text) : form === 'csv' ? readCsv(text) : readTsv(text);
  const result = planFromTables(tableSources, options);
  // Markdown converted from a document keeps its body text (title, issuer, rhythm); a paste is only its table.
  if (form === 'markdown') applyBodyText(result.plan, text.split(/\r?\n/), options);
  return { ...result, form, tableSources };
}

const found = (r: PlanTextResult): boolean => r.tables.some((t) => t.kind !== 'skipped');

/**
 * Reads plan or report text, whatever its form: the readers are tried surest first and the first
 * that finds a table of tasks (or indicators) wins; when none does, the surest that found any table
 * at all is kept (its tables are there to be mapped by hand). Throws `NoTableError` when no reader
 * sees a table, and `ImportLimitError` for text no plan could be.
 */
export function readPlanText(text: string, options: ImportOptions = {}): PlanTextResult {
  checkTextSize(text);
  const guesses = sniffForms(text);
  let fallback: PlanTextResult | undefined;
  for (const { form } of guesses) {
    const r = readTextAs(text, form, options);
    if (found(r)) return r;
    // A table is at least a header and a row of several cells; one line of text is not.
    if (!fallback && r.tableSources.some((t) => t.rows.length >= 2 && t.rows.some((row) => row.cells.length > 1))) fallback = r;
  }
  if (fallback) return fallback;
  throw new NoTableError();
}
