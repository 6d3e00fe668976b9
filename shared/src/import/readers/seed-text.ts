// Reader for the seed text form: Markdown-ish body text with tables as tab-separated rows
// whose cells hold HTML fragments; appendix headings ("**PHỤ LỤC I**") name the tables.
import type { GridRow, TableSource } from '../grid.ts';

const APPENDIX = /ph[uụ]\s*l[uụ]c(?:\s+(?:s[ốo]\s+)?([IVXLC]+|\d+)\b)?/iu;
const GROUP_LINE = /^(?:[IVXLC]+(?:\.\d+)?\.?\s|Nhóm\s+\d+\s*-)/u;
const SEPARATOR_ROW = /^[\s\-|:]*$/;

/** Is this line a table row of the seed form? */
export function isTabRow(line: string): boolean {
  return line.includes('\t');
}

/** "Phụ lục II" from a heading line such as "**PHỤ LỤC II: DANH MỤC …**", or undefined. */
export function appendixTitle(line: string): string | undefined {
  const plain = line.replace(/[*#_]/g, ' ').trim();
  const m = APPENDIX.exec(plain);
  if (!m || m.index > 3) return undefined;
  return m[1] ? `Phụ lục ${m[1].toUpperCase()}` : 'Phụ lục';
}

function isBoldRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length > 0 && filled.every((c) => /^\s*<b>[\s\S]*<\/b>\s*$/i.test(c));
}

function nextNonBlank(lines: readonly string[], i: number): string | undefined {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim() !== '') return lines[j];
  return undefined;
}

/**
 * Tables of the text. A table runs over tab rows, blank lines between them (page breaks)
 * included; a line of prose ends it. Title and caption come from the nearest appendix
 * heading after the previous table.
 */
export function readSeedText(text: string): TableSource[] {
  const lines = text.split(/\r?\n/);
  const tables: TableSource[] = [];
  let headingLines: string[] = [];
  let title = '';
  let current: TableSource | undefined;
  let untitled = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isTabRow(line)) {
      if (!current) {
        current = { title: title || `Bảng ${++untitled}`, caption: headingLines.join(' ').replace(/\s+/g, ' ').trim(), rows: [] };
        tables.push(current);
      }
      if (SEPARATOR_ROW.test(line.replace(/\t/g, ''))) continue;
      const cells = line.split('\t');
      const row: GridRow = { cells, line: i + 1 };
      if (isBoldRow(cells)) row.bold = true;
      current.rows.push(row);
      continue;
    }
    if (line.trim() === '') continue;
    // A group row printed without its empty cells ("V.1 Nhóm 1 - …") inside a table.
    if (current && GROUP_LINE.test(line.trim()) && isTabRow(nextNonBlank(lines, i) ?? '')) {
      current.rows.push({ cells: [line.trim()], line: i + 1 });
      continue;
    }
    // Prose: the table (if any) is over; collect what may title the next one.
    if (current) {
      current = undefined;
      title = '';
      headingLines = [];
    }
    const appendix = appendixTitle(line);
    if (appendix) {
      title = appendix;
      headingLines = [];
    }
    const plain = line.replace(/[*#]/g, ' ').replace(/\s+/g, ' ').trim();
    if (title) headingLines.push(plain);
    else headingLines = [plain].slice(-1);
  }
  return tables;
}
