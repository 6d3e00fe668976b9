// Cell flattening of the .xlsx reader: formulas, percents, rich-text bold, and two appendices on one sheet.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsxTables } from './xlsx.ts';

async function sheetBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('KH'));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readXlsxTables cells', () => {
  it('shows what the sheet shows: formula results, percents, bold rich text', async () => {
    const bytes = await sheetBytes((s) => {
      s.addRow(['STT', 'Nội dung', 'Tỷ lệ']);
      s.addRow([{ formula: '0+1', result: 1 }, { richText: [{ text: 'I. ', font: { bold: true } }, { text: 'NHÓM', font: { bold: true } }] }, 0.8]);
      s.getCell('C2').numFmt = '0%';
      s.addRow([2, { richText: [{ text: 'Việc ', font: { bold: true } }, { text: 'thường' }] }, 0.25]);
    });
    const [table] = await readXlsxTables(bytes);
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Nội dung', 'Tỷ lệ'],
      ['1', 'I. NHÓM', '80%'],
      ['2', 'Việc thường', '0.25'],
    ]);
    expect(table!.rows.map((r) => r.bold ?? false)).toEqual([false, false, false]);
  });

  it('flags a row bold only when all its text is bold', async () => {
    const bytes = await sheetBytes((s) => {
      s.addRow(['STT', 'Nội dung']).font = { bold: true };
      s.addRow(['I', { richText: [{ text: 'NHÓM MỘT', font: { bold: true } }] }]).getCell(1).font = { bold: true };
      s.addRow(['1', 'Việc']);
    });
    const [table] = await readXlsxTables(bytes);
    expect(table!.rows.map((r) => r.bold ?? false)).toEqual([true, true, false]);
  });

  it('starts a new table at a one-cell "Phụ lục" row', async () => {
    const bytes = await sheetBytes((s) => {
      s.addRow(['PHỤ LỤC I']);
      s.addRow(['STT', 'Nội dung']);
      s.addRow(['1', 'Việc một']);
      s.addRow([]);
      s.addRow(['PHỤ LỤC II']);
      s.addRow(['DANH MỤC CCHC']);
      s.addRow(['STT', 'Nội dung']);
      s.addRow(['1', 'Việc hai']);
    });
    const tables = await readXlsxTables(bytes);
    expect(tables.map((t) => [t.title, t.caption, t.rows.map((r) => r.line)])).toEqual([
      ['Phụ lục I', 'PHỤ LỤC I', [2, 3]],
      ['Phụ lục II', 'PHỤ LỤC II DANH MỤC CCHC', [7, 8]],
    ]);
  });
});
