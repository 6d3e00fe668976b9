// Reader for the seed text form: Markdown-ish body text with tables as tab-separated rows
// whose cells hold HTML fragments; appendix headings ("**PHỤ LỤC I**") name the tables.
import type { GridRow, TableSource } from '../grid.ts';

const APPENDIX = /ph[uụ]\s*l[uụ]c(?:\s+(?:s[ốo]\s+)?([IVXLC]+|\d+)\b)?/iu;
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
