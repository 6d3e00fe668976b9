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

describe('a completion date in an Excel cell', () => {
  it('reads a date cell, a bare day number and the text dd/mm/yyyy as the same day; a cell that is no day is warned about and left out', async () => {
    const { planFromTables } = await import('@dondoc/shared/import/tables');
    const day = new Date(Date.UTC(2025, 10, 15));
    // Excel's day number of 15/11/2025, counted from 30/12/1899.
    const serial = Math.round((day.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
    const bytes = await sheetBytes((s) => {
      s.addRow(['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn', 'Tiến độ', 'Ngày hoàn thành']);
      s.addRow([1, 'Việc một', 'Sở Nội vụ', '31/12/2025', 'Hoàn thành', day]).getCell(6).numFmt = 'dd/mm/yyyy';
      s.addRow([2, 'Việc hai', 'Sở Nội vụ', '31/12/2025', 'Hoàn thành', serial]);
      s.addRow([3, 'Việc ba', 'Sở Nội vụ', '31/12/2025', 'Hoàn thành', '15/11/2025']);
      s.addRow([4, 'Việc bốn', 'Sở Nội vụ', '31/12/2025', 'Hoàn thành', '2025-11-15']);
      s.addRow([5, 'Việc năm', 'Sở Nội vụ', '31/12/2025', 'Hoàn thành', 'giữa tháng 11']);
    });
    const { plan } = planFromTables(await readXlsxTables(bytes));
    expect(plan.tasks.map((t) => t.completedAt)).toEqual(['2025-11-15', '2025-11-15', '2025-11-15', '2025-11-15', undefined]);
    expect(plan.warnings.filter((w) => w.field === 'completedAt').map((w) => [w.line, w.message])).toEqual([
      [6, 'Nhiệm vụ 5: ngày hoàn thành "giữa tháng 11" không đọc được (cần một ngày như 15/11/2025); để trống.'],
    ]);
  });
});
