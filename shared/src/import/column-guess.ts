// A table printed without a header the importer knows (a page of a plan pasted without its first row,
// a ministry's sheet whose header is an image) still says what its columns are through what they hold:
// short numbers are the STT, cells that read as deadlines are the deadline, cells naming agencies of the
// directory are the lead and then the partners, and the longest text is the task. The guess is offered
// to the user beside the column pickers, never applied unseen.
import { parseDeadline } from '../deadline.ts';
import type { GridRow } from './grid.ts';
import { cleanInline } from './clean.ts';
import type { ColumnMapping } from './fields.ts';
import { readAgencyCell, type AgencyIndex } from './agencies.ts';

/** Rows looked at: enough to tell a column, few enough that a long table costs nothing. */
const LOOK_AT_ROWS = 40;
/** Share of a column's filled cells that must agree before it is given a field. */
const AGREE = 0.6;
/** A printed task number: "1", "12.", "1.2", "IV", "a)". */
const ORDINAL = /^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]?$/u;
/** Deadline and agency cells are short; a sentence that mentions a date or a Sở is the task itself. */
const SHORT_CELL = 80;
/** The task's text is the longest column, and longer than a label. */
const MIN_CONTENT_CHARS = 15;

interface ColumnCells {
  c: number;
  cells: string[];
  averageLength: number;
}

const share = (cells: readonly string[], test: (text: string) => boolean): number => cells.filter(test).length / cells.length;

/**
 * The fields a headerless table's columns seem to hold, or undefined when the table does not look like
 * tasks (no column long enough to be their text, or neither an agency nor a deadline column beside it).
 */
export function guessColumns(rows: readonly GridRow[], width: number, index: AgencyIndex): ColumnMapping | undefined {
  // Group rows ("I. Nhóm nhiệm vụ …", one filled cell) say nothing of the columns.
  const body = rows.filter((r) => r.cells.filter((c) => c.trim() !== '').length > 1).slice(0, LOOK_AT_ROWS);
  if (body.length === 0) return undefined;
  const columns: ColumnCells[] = [];
  for (let c = 0; c < width; c++) {
    const cells = body.map((r) => cleanInline(r.cells[c] ?? '')).filter((t) => t !== '');
    if (cells.length > 0) columns.push({ c, cells, averageLength: cells.reduce((n, t) => n + t.length, 0) / cells.length });
  }
  const mapping: ColumnMapping = Array.from({ length: width }, () => 'ignore');
  const taken = new Set<number>();
  const give = (col: ColumnCells | undefined, field: ColumnMapping[number]): void => {
    if (!col) return;
    mapping[col.c] = field;
    taken.add(col.c);
  };
  const free = () => columns.filter((col) => !taken.has(col.c));

  give(
    free().find((col) => share(col.cells, (t) => ORDINAL.test(t)) >= AGREE),
    'ordinal',
  );
  give(
    free().find((col) => col.averageLength <= SHORT_CELL && share(col.cells, (t) => parseDeadline(t).kind !== 'none') >= AGREE),
    'deadline',
  );
  const agencyColumns = free().filter(
    (col) => col.averageLength <= SHORT_CELL * 2 && share(col.cells, (t) => readAgencyCell(t, index).matches.some((m) => m.known || m.collective)) >= AGREE,
  );
  give(agencyColumns[0], 'leads');
  give(agencyColumns[1], 'partners');
  const content = free()
    .filter((col) => col.averageLength >= MIN_CONTENT_CHARS)
    .sort((a, b) => b.averageLength - a.averageLength)[0];
  if (!content || (!mapping.includes('leads') && !mapping.includes('deadline'))) return undefined;
  give(content, 'content');
  // Plans print the expected result after the task's text; a text column there is its output.
  give(
    free().find((col) => col.c > content.c && share(col.cells, (t) => !ORDINAL.test(t)) >= AGREE),
    'output',
  );
  return mapping;
}
