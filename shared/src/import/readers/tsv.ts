// Reads text pasted from Excel or Word (tab-separated, Excel's quoted multi-line cells) into tables.
import type { TableSource } from '../grid.ts';
import { tablesFromRows } from './heading.ts';

interface RawRow {
  cells: string[];
  line: number;
  /** The physical line was empty: it separates two tables. */
  blank: boolean;
}

/**
 * Splits pasted text into rows of cells. Excel's clipboard quotes a cell that holds a tab, a
 * line break or a quote (`"a ""b"" c"`); a quote that does not open a well-formed quoted cell
 * (typed text such as `"Một cửa" điện tử`) is kept as a literal character, so one stray quote
 * cannot swallow the rest of the paste.
 */
function splitRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let rowDone = false;
    while (!rowDone) {
      let cell = '';
      if (text[i] === '"') {
        const end = closingQuote(text, i);
        if (end >= 0) {
          cell = text.slice(i + 1, end).replace(/""/g, '"');
          line += countBreaks(cell);
          cell = cell.replace(/\r\n?/g, '\n');
          i = end + 1;
        }
      }
      // Unquoted cell, or the text after a literal quote: up to the next tab or line break.
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      cells.push(cell);
      if (i >= n) rowDone = true;
      else if (text[i] === '\t') i++;
      else {
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        rowDone = true;
      }
    }
    rows.push({ cells, line: startLine, blank: cells.length === 1 && cells[0]!.trim() === '' });
  }
  return rows;
}

/** Index of the quote closing a quoted cell opened at `open`, or -1 if the cell is not well-formed. */
function closingQuote(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    if (text[q + 1] === '"') {
      j = q + 2;
      continue;
    }
    const after = text[q + 1];
    return after === undefined || after === '\t' || after === '\n' || after === '\r' ? q : -1;
  }
}

function countBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\n' || (s[k] === '\r' && s[k + 1] !== '\n')) count++;
  }
  return count;
}


/**
 * Reads tab-separated text into tables. A blank line ends a table; a row of empty cells (a
 * spacer row inside a copied range) is dropped. Rows before a table's first multi-cell row
 * whose only text is in the first cell title it (see `tableHeading`: "PHỤ LỤC I" and the
 * appendix name), as when a user copies the heading together with the table; other text between
 * tables is not a table and is skipped. Text with no tabs at all becomes one one-column table
 * rather than nothing. `GridRow.line` is the line where the row starts.
 */
export function readTsv(text: string): TableSource[] {
  const raws = splitRows(text.replace(/^\uFEFF/, ''));
  if (raws.every((r) => r.cells.length === 1)) {
    const rows = raws.filter((r) => !r.blank).map((r) => ({ cells: r.cells, line: r.line }));
    return rows.length === 0 ? [] : [{ title: 'Bảng 1', rows }];
  }
  return tablesFromRows(raws);
}
