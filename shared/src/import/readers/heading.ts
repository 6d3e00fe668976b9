// Titles a table from the lines printed above it, and groups pasted rows into tables, the same way for every reader, so that
// "Phụ lục II" names the same table (and track override) whether it came from text, Word or Excel.
import { squareUp, type GridRow, type TableSource } from '../grid.ts';
import { appendixTitle } from './seed-text.ts';

/** Heading lines kept from the appendix line on: "PHỤ LỤC I", its name, "(Kèm theo …)". */
const MAX_HEADING_LINES = 3;

/**
 * `lines` are the heading lines nearest above a table, in reading order. With a "Phụ lục …"
 * line, the title is its normalised name ("Phụ lục II", as the seed-text reader gives) and
 * the caption that line and the ones after it; without, the title is the first line (or
 * `fallback` if there is none) and the caption all the lines.
 */
export function tableHeading(lines: readonly string[], fallback: string): Pick<TableSource, 'title' | 'caption'> {
  let appendixAt = -1;
  let appendix: string | undefined;
  for (let k = lines.length - 1; k >= 0 && appendix === undefined; k--) {
    appendix = appendixTitle(lines[k]!);
    if (appendix !== undefined) appendixAt = k;
  }
  const kept = appendix !== undefined ? lines.slice(appendixAt, appendixAt + MAX_HEADING_LINES) : lines.slice(-MAX_HEADING_LINES);
  const caption = kept.join(' ').replace(/\s+/g, ' ').trim();
  const title = appendix ?? kept[0]?.replace(/\s+/g, ' ').trim() ?? fallback;
  return caption === '' || caption === title ? { title } : { title, caption };
}

/**
 * Groups a pasted sheet's rows into tables, the same way for TSV and CSV: a blank line ends a
 * table (headings seen so far stay: a blank line may sit between a heading and its table),
 * rows with no text are skipped, one-cell rows before a table are its heading, and each table
 * is squared up.
 */
export function tablesFromRows(rows: Iterable<{ cells: string[]; line: number; blank: boolean }>): TableSource[] {
  const tables: TableSource[] = [];
  let heading: string[] = [];
  let current: GridRow[] = [];
  const flush = (): void => {
    if (current.length > 0) {
      squareUp(current);
      tables.push({ ...tableHeading(heading, `Bảng ${tables.length + 1}`), rows: current });
      heading = [];
    }
    current = [];
  };
  for (const row of rows) {
    if (row.blank) {
      flush();
      continue;
    }
    const filled = row.cells.filter((c) => c.trim() !== '').length;
    if (filled === 0) continue;
    if (current.length === 0 && filled === 1 && row.cells[0]!.trim() !== '') {
      heading.push(row.cells[0]!.trim());
      continue;
    }
    current.push({ cells: row.cells, line: row.line });
  }
  flush();
  return tables;
}
