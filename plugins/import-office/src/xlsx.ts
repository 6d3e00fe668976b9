// Reads a sheet of an Excel .xlsx into the importer's TableSource[], cells flattened to text.
import type ExcelJS from 'exceljs';
import type { GridRow, TableSource } from '@dondoc/shared/import/grid';
import { appendixTitle } from '@dondoc/shared/import/readers/seed-text';
import { tableHeading } from '@dondoc/shared/import/readers/heading';
import { MAX_CELL_CHARS, MAX_TABLE_ROWS } from '@dondoc/shared/import/limits';
import { checkOfficeBytes, OfficeFileError, OfficeLimitError, type ReadOptions } from './guard.ts';

export interface XlsxReadOptions extends ReadOptions {
  /** Sheet to read: its name, or its 1-based position among the sheets. Default: the first sheet. */
  sheet?: string | number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Excel stores a date as a day count; exceljs hands it over as a Date at UTC midnight of that
 * calendar day, so the UTC fields are the date as the sheet shows it.
 */
export function formatSheetDate(d: Date): string {
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function formatNumber(n: number, numFmt: string | undefined): string {
  // Percent formats store 0.8 and show "80%"; the plan means what it shows.
  if (numFmt?.includes('%')) return `${Number((n * 100).toPrecision(12))}%`;
  return String(Number(n.toPrecision(12)));
}

interface CellText {
  text: string;
  /** All of the visible text is bold. */
  bold: boolean;
}

function cellText(cell: ExcelJS.Cell): CellText {
  const cellBold = cell.font?.bold === true;
  const value = cell.value;
  const plain = (text: string): CellText => ({ text, bold: cellBold });
  if (value === null || value === undefined) return plain('');
  if (value instanceof Date) return plain(formatSheetDate(value));
  if (typeof value === 'number') return plain(formatNumber(value, cell.numFmt));
  if (typeof value === 'string') return plain(value);
  if (typeof value === 'boolean') return plain(value ? 'TRUE' : 'FALSE');
  if ('richText' in value) {
    const runs = value.richText;
    const visible = runs.filter((r) => r.text.trim() !== '');
    return {
      text: runs.map((r) => r.text).join(''),
      bold: visible.length > 0 && visible.every((r) => r.font?.bold ?? cellBold),
    };
  }
  if ('hyperlink' in value) return plain(String(value.text ?? ''));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return plain('');
    if (result instanceof Date) return plain(formatSheetDate(result));
    if (typeof result === 'number') return plain(formatNumber(result, cell.numFmt));
    if (typeof result === 'object' && 'error' in result) return plain(result.error);
    return plain(String(result));
  }
  if ('error' in value) return plain(value.error);
  return plain(String(value));
}


function chooseSheet(workbook: ExcelJS.Workbook, sheet: string | number | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  if (sheets.length === 0) throw new OfficeFileError('Tệp .xlsx không có trang tính nào.');
  if (sheet === undefined) return sheets[0]!;
  // A name wins; a string of digits that names no sheet is a position ("--sheet 2" on the command line).
  const byName = (name: string): ExcelJS.Worksheet | undefined =>
    sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase());
  const found =
    typeof sheet === 'number' ? sheets[sheet - 1] : byName(sheet) ?? (/^\d+$/.test(sheet.trim()) ? sheets[Number(sheet) - 1] : undefined);
  if (!found) throw new OfficeFileError(`Không có trang tính ${typeof sheet === 'number' ? `thứ ${sheet}` : `"${sheet}"`}; tệp có: ${names}.`);
  return found;
}

/**
 * Reads one sheet (the first, or `options.sheet`). Every cell becomes text: rich text runs
 * joined, formulas by their cached result, dates as dd/mm/yyyy; a merged range keeps its
 * text in its top-left cell and the others are empty, as the same table reads when printed.
 * `GridRow.line` is the sheet's row number; a row whose text is all bold is flagged bold.
 * Rows above the table holding one cell of text ("PHỤ LỤC II", the appendix name) become the
 * title and caption; a later one-cell "Phụ lục …" row starts another table on the same sheet.
 * Untitled tables are named after the sheet.
 */
export async function readXlsxTables(bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<TableSource[]> {
  return (await readXlsx(bytes, options)).tables;
}

/** What a workbook holds for the importer: the chosen sheet's tables, and every sheet's name for a sheet picker. */
export interface XlsxContent {
  tables: TableSource[];
  sheets: string[];
  sheet: string;
}

/** `readXlsxTables`, plus the workbook's sheet names and which one was read. */
export async function readXlsx(bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<XlsxContent> {
  checkOfficeBytes(bytes, 'xlsx', options);
  // Imported on first use: exceljs takes a second or more to load, which every thread describing
  // this plugin at start-up would otherwise pay.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs types its input as a Node Buffer; a view over the same memory avoids a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new OfficeFileError('Tệp không phải .xlsx hợp lệ: không đọc được bảng tính.');
  }
  const sheet = chooseSheet(workbook, options.sheet);
  if (sheet.rowCount > MAX_TABLE_ROWS) {
    throw new OfficeLimitError(
      `Trang tính "${sheet.name}" có ${sheet.rowCount.toLocaleString('vi-VN')} dòng, vượt giới hạn ${MAX_TABLE_ROWS.toLocaleString('vi-VN')} dòng`,
      `Sheet "${sheet.name}" has ${sheet.rowCount} rows; the limit is ${MAX_TABLE_ROWS}`,
    );
  }
  const width = Math.min(sheet.columnCount, 200);

  const tables: TableSource[] = [];
  let heading: string[] = [];
  let rows: GridRow[] = [];
  const flush = (): void => {
    if (rows.length > 0) {
      // Drop columns empty in every row (formatting often reaches past the table).
      let used = 0;
      for (const r of rows) for (let c = r.cells.length; c > used; c--) if (r.cells[c - 1]!.trim() !== '') used = c;
      for (const r of rows) r.cells.length = used;
      // Without a "Phụ lục" row the sheet's name is the better title than a stray line above.
      const named = heading.some((h) => appendixTitle(h) !== undefined);
      const caption = heading.slice(-3).join(' ').replace(/\s+/g, ' ').trim();
      const titled = named ? tableHeading(heading, sheet.name) : caption === '' ? { title: sheet.name } : { title: sheet.name, caption };
      tables.push({ ...titled, rows });
    }
    heading = [];
    rows = [];
  };

  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    let filled = 0;
    let plain = false;
    const merged: boolean[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) {
        // Below a merged range's first row, in its first column: the range's text, marked as merged
        // (the table reader keeps it for the fields a merge shares). Beside it: nothing, as before.
        const vertical = Number(cell.master.row) < r && Number(cell.master.col) === c;
        if (vertical) merged[cells.length] = true;
        cells.push(vertical ? cellText(cell.master).text.replace(/\r\n?/g, '\n').slice(0, MAX_CELL_CHARS) : '');
        continue;
      }
      const { text, bold } = cellText(cell);
      const clean = (text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text).replace(/\r\n?/g, '\n');
      cells.push(clean);
      if (clean.trim() !== '') {
        filled++;
        if (!bold) plain = true;
      }
    }
    if (filled === 0) continue;
    const only = filled === 1 ? cells.find((t) => t.trim() !== '')!.trim() : undefined;
    if (only !== undefined && rows.length > 0 && appendixTitle(only) !== undefined) flush();
    if (only !== undefined && rows.length === 0) {
      heading.push(only);
      continue;
    }
    const gridRow: GridRow = { cells, line: r, ...(merged.length > 0 ? { merged: Array.from(cells, (_, k) => merged[k] === true) } : {}) };
    if (!plain) gridRow.bold = true;
    rows.push(gridRow);
  }
  flush();
  return { tables, sheets: workbook.worksheets.map((w) => w.name), sheet: sheet.name };
}
