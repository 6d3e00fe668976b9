// Reads Markdown pipe tables into tables, titled by the nearest heading or bold lines above them.
import type { GridRow, TableSource } from '../grid.ts';
import { tableHeading } from './heading.ts';

const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

/**
 * Cells of one pipe-table line: the outer pipes are optional, `\|` is a literal pipe, and
 * everything else (including `<br>` and `**`) is kept raw for the cleaner.
 */
export function splitPipeRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let k = 0; k < body.length; k++) {
    const ch = body[k]!;
    if (ch === '\\' && body[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** GFM: the delimiter row has one `---` cell per header cell. */
function isDelimiterRow(line: string, width: number): boolean {
  if (!line.includes('-')) return false;
  const cells = splitPipeRow(line);
  return cells.length === width && cells.every((c) => DELIMITER_CELL.test(c));
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
/** A line wholly in bold (`**PHỤ LỤC I**`) or italics (`*(Kèm theo …)*`): the way converted documents print appendix headings. */
const EMPHASISED = /^\s*(\*\*|__|\*|_)(.+)\1\s*$/;

/** Text of a line wholly wrapped in one emphasis marker (`**a** and **b**` is not). */
function emphasised(line: string): string | undefined {
  const m = EMPHASISED.exec(line);
  return m && !m[2]!.includes(m[1]!) ? m[2] : undefined;
}

/** The heading text of a line, or undefined if the line is not a heading or an emphasised line. */
function headingText(line: string): string | undefined {
  const h = HEADING.exec(line);
  const inner = h ? h[1]! : emphasised(line);
  if (inner === undefined) return undefined;
  const text = inner.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/**
 * The block of heading lines nearest above `end` (exclusive), not looking past `floor`:
 * blank lines inside the block are allowed, plain paragraphs end it once it has started.
 */
function headingAbove(lines: string[], end: number, floor: number): string[] {
  const block: string[] = [];
  for (let k = end - 1; k >= floor; k--) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    const text = headingText(line);
    if (text !== undefined) block.unshift(text);
    else if (block.length > 0) break;
  }
  return block;
}

/**
 * Reads every pipe table (header row, delimiter row `|---|:--:|`, body rows) in Markdown
 * text. `GridRow.line` is the 1-based source line; the header row is flagged bold, and so is
 * a body row whose filled cells are all wholly bold (a group row). A table is titled by the
 * heading/bold lines nearest above it (see `tableHeading`: "PHỤ LỤC I" → "Phụ lục I",
 * caption with the appendix name); a table with none is "Bảng N".
 */
export function readMarkdownTables(text: string): TableSource[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const tables: TableSource[] = [];
  let floor = 0;
  for (let k = 0; k + 1 < lines.length; k++) {
    const headerLine = lines[k]!;
    if (!headerLine.includes('|')) continue;
    const header = splitPipeRow(headerLine);
    const width = header.length;
    if (!isDelimiterRow(lines[k + 1]!, width)) continue;
    const rows: GridRow[] = [{ cells: header, line: k + 1, bold: true }];
    let j = k + 2;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === '' || !line.includes('|')) break;
      const cells = splitPipeRow(line);
      // GFM: extra cells are ignored, missing ones are empty.
      cells.length = width;
      for (let c = 0; c < width; c++) cells[c] ??= '';
      const filled = cells.filter((c) => c !== '');
      const row: GridRow = { cells, line: j + 1 };
      if (filled.length > 0 && filled.every((c) => /^(\*\*|__)/.test(c) && emphasised(c) !== undefined)) row.bold = true;
      rows.push(row);
    }
    const heading = headingAbove(lines, k, floor);
    tables.push({ ...tableHeading(heading, `Bảng ${tables.length + 1}`), rows });
    floor = j;
    k = j - 1;
  }
  return tables;
}
