// Reads CSV files (dondoc's own export, Excel's "Save as CSV" with "," or ";") into tables.
import { detectCsvDelimiter, parseCsvRecords, unguardFormula } from '../../csv.ts';
import type { Plan, TaskDraft } from '../../model.ts';
import { COLUMNS } from '../../vocabulary.ts';
import { fold } from '../../fold.ts';
import { isValidDate, isoDate } from '../../dates.ts';
import { cleanInline } from '../clean.ts';
import { fieldForHeader } from '../fields.ts';
import type { TableSource } from '../grid.ts';
import { tablesFromRows } from './heading.ts';

/**
 * Reads CSV text into tables. The separator is detected from the header line (Excel's
 * "sep=;" line is honoured and skipped). Cells lose the apostrophe dondoc's exporter puts
 * before a leading = + - @ (the formula guard), so "- Tập huấn…" reads back as printed.
 * As with a TSV paste: an empty line ends a table, a row of empty cells (Excel's padding)
 * is dropped, one-cell rows before a table title it, and trailing empty columns are cut.
 */
export function readCsv(text: string): TableSource[] {
  const delimiter = detectCsvDelimiter(text);
  const records = parseCsvRecords(text, delimiter);
  if (/^\uFEFF?sep=[,;]\r?\n/.test(text)) records.shift();
  return tablesFromRows(
    records.map((record) => {
      const cells = record.cells.map(unguardFormula);
      return { cells, line: record.line, blank: cells.length === 1 && cells[0] === '' };
    }),
  );
}


/**
 * Is this text a CSV table of tasks? One of its first lines (a heading may come first) is a
 * header: no tab (a TSV paste or the seed form would have tabs there), at least three short
 * comma- or semicolon-separated cells naming different task fields, the content among them,
 * and a next line as wide, so a prose sentence that happens to hold commas is not taken for one.
 */
export function looksLikeCsv(text: string): boolean {
  const delimiter = detectCsvDelimiter(text);
  const records = parseCsvRecords(text.slice(0, 20_000), delimiter).slice(0, 7);
  return records.slice(0, 6).some((r, i) => {
    if (r.cells.some((c) => c.includes('\t')) || records[i + 1]?.cells.length !== r.cells.length) return false;
    const fields = new Set(r.cells.filter((c) => c.length <= 80).map((c) => fieldForHeader(cleanInline(c))));
    fields.delete(undefined);
    return fields.size >= 3 && fields.has('content');
  });
}

/**
 * The board-state columns dondoc's CSV export writes beside the plan's (see `TASK_EXPORT_FIELDS`)
 * that no column mapping reads. Owner, approver and progress are task fields of the mapping
 * ("Người phụ trách", "Người phê duyệt", "Phần trăm"), read for every form in `planFromTables`.
 */
const STATE_HEADERS = { column: 'tien do', progress: 'phan tram', completedAt: 'ngay hoan thanh' } as const;

/**
 * A table exported by dondoc carries each task's board state: its column ("Tiến độ": "Đang thực
 * hiện") and completion date (progress and owner are mapped columns). Puts them on the
 * drafts read from that table (matched by table and source line), so a board exported to CSV and
 * imported again is in the same state, not all "Chưa thực hiện". Tables without those columns (a
 * plan saved as CSV) are left alone, and a value that does not read is ignored, never guessed.
 */
export function applyCsvBoardState(plan: Plan, tables: readonly TableSource[]): void {
  const byLine = new Map<string, Partial<Pick<TaskDraft, 'column' | 'completedAt'>>>();
  for (const table of tables) {
    const headerAt = table.rows.findIndex((r) => {
      const folded = r.cells.map((c) => fold(c));
      return folded.includes(STATE_HEADERS.column) && folded.includes(STATE_HEADERS.progress);
    });
    if (headerAt < 0) continue;
    const folded = table.rows[headerAt]!.cells.map((c) => fold(c));
    const at = (key: keyof typeof STATE_HEADERS): number => folded.indexOf(STATE_HEADERS[key]);
    const [cColumn, cDone] = [at('column'), at('completedAt')];
    for (const row of table.rows.slice(headerAt + 1)) {
      const cell = (c: number): string => (c < 0 ? '' : (row.cells[c] ?? '').trim());
      const state: Partial<Pick<TaskDraft, 'column' | 'completedAt'>> = {};
      const column = COLUMNS.find((c) => fold(c.label) === fold(cell(cColumn)))?.id;
      if (column) state.column = column;
      const done = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell(cDone));
      if (done && isValidDate(Number(done[3]), Number(done[2]), Number(done[1]))) state.completedAt = isoDate(Number(done[3]), Number(done[2]), Number(done[1]));
      byLine.set(`${table.title}\u0000${row.line}`, state);
    }
  }
  if (byLine.size === 0) return;
  for (const draft of plan.tasks) {
    const state = draft.source?.line !== undefined ? byLine.get(`${draft.source.ref ?? ''}\u0000${draft.source.line}`) : undefined;
    if (state) Object.assign(draft, state);
  }
}
