// The office readers against a real seed appendix retyped in Word and Excel: same cells, same tasks as the text form.
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { cleanCell } from '@dondoc/shared/import/clean';
import { planFromTables } from '@dondoc/shared/import/tables';
import type { TableSource } from '@dondoc/shared/import/grid';
import type { TaskDraft } from '@dondoc/shared';
import { parsePlanText } from '@dondoc/shared/import/parse';
import { planFromTablesAndBody } from '@dondoc/shared/import/tables-with-body';
import { buildDocx, buildXlsx, readSeed, seedTable } from './fixtures.ts';
import { readDocx, readDocxTables } from './docx.ts';
import { readXlsxTables } from './xlsx.ts';
import plugin, { OfficeFileError } from './index.ts';

const SEED = '000_90562d8295c9ca09.txt';
const HEADING = ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH'];
const seed = seedTable(SEED, 'Phụ lục II');

const cleaned = (t: TableSource): string[][] => t.rows.map((r) => r.cells.map(cleanCell));
/** The cells as the seed text prints them: a merged cell's text only in the row that starts the merge. */
const ownCells = (t: TableSource): string[][] => t.rows.map((r) => r.cells.map((c, k) => (r.merged?.[k] ? '' : cleanCell(c))));
/** Every merged cell holds the text of the cell above it (the merge's text, carried down). */
const carriedDown = (t: TableSource): boolean =>
  t.rows.every((r, i) => (r.merged ?? []).every((m, k) => !m || (i > 0 && cleanCell(r.cells[k]!) === cleanCell(t.rows[i - 1]!.cells[k]!))));
/** Tasks without their source line: a sheet's row numbers differ from the text file's lines. */
const tasksOf = (tables: TableSource[]): Array<Omit<TaskDraft, 'source'>> =>
  planFromTables(tables).plan.tasks.map(({ source: _source, ...task }) => task);

describe('readDocx', () => {
  it('reads the appendix table with the same cells as the seed text, merged group cells marked and carrying their text down', async () => {
    const { tables, text } = await readDocx(await buildDocx(seed, HEADING));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ title: 'Phụ lục II', caption: seed.caption });
    expect(ownCells(tables[0]!)).toEqual(cleaned(seed));
    expect(tables[0]!.rows.some((r) => r.merged?.some(Boolean))).toBe(true);
    expect(carriedDown(tables[0]!)).toBe(true);
    expect(tables[0]!.rows.map((r) => r.line)).toEqual(seed.rows.map((_, k) => k + 1));
    expect(tables[0]!.rows[0]!.bold).toBe(true);
    expect(tables[0]!.rows[1]!.bold).toBeUndefined();
    expect(text).toContain('Ghi chú sau bảng.');
  });

  it('gives the same 14 CCHC tasks as the text form', async () => {
    const tables = await readDocxTables(await buildDocx(seed, HEADING));
    const tasks = tasksOf(tables);
    expect(tasks).toHaveLength(14);
    expect(tasks).toEqual(tasksOf([seed]));
    expect(new Set(tasks.map((t) => t.track))).toEqual(new Set(['cchc']));
  });

  it('reads spans, line breaks, bold runs and deleted revisions in hand-written XML', async () => {
    const p = (inner: string): string => `<w:p>${inner}</w:p>`;
    const r = (text: string, bold = false): string => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
${p(r('Phụ lục I', true))}${p(r('DANH MỤC NHIỆM VỤ'))}
<w:tbl>
<w:tr><w:tc>${p(r('STT', true))}</w:tc><w:tc>${p(r('Nội dung', true))}</w:tc><w:tc>${p(r('Thời hạn', true))}</w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>${p(r('I. NHÓM MỘT', true))}</w:tc></w:tr>
<w:tr><w:tc>${p(r('01'))}</w:tc><w:tc>${p(r('Dòng một') + '<w:r><w:br/></w:r>' + r('dòng hai'))}${p(r('Đoạn &amp; hai'))}</w:tc><w:tc>${p('<w:del><w:r><w:delText>cũ</w:delText></w:r></w:del>' + r('Quý IV/2025'))}</w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>${p(r('2'))}</w:tc><w:tc>${p(r('Việc') + r(' hai', true))}</w:tc><w:tc>${p(r('2025'))}</w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>${p(r('2'))}</w:tc><w:tc>${p(r('Việc con'))}</w:tc></w:tr>
</w:tbl></w:body></w:document>`;
    const zip = new JSZip();
    zip.file('word/document.xml', xml);
    const [table] = await readDocxTables(await zip.generateAsync({ type: 'uint8array' }));
    expect(table!.title).toBe('Phụ lục I');
    expect(table!.rows.map((row) => row.cells)).toEqual([
      ['STT', 'Nội dung', 'Thời hạn'],
      ['I. NHÓM MỘT', '', ''],
      ['01', 'Dòng một\ndòng hai\nĐoạn & hai', 'Quý IV/2025'],
      ['2', 'Việc hai', '2025'],
      ['2', 'Việc con', ''],
    ]);
    expect(table!.rows[4]!.merged).toEqual([true, false]);
    expect(table!.rows.map((row) => row.bold ?? false)).toEqual([true, true, false, false, false]);
  });

  it('refuses non-zip bytes, zips without a document, and files over the limit', async () => {
    await expect(readDocxTables(new TextEncoder().encode('STT\tNội dung'))).rejects.toThrow('Tệp không phải .docx hợp lệ');
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    await expect(readDocxTables(await zip.generateAsync({ type: 'uint8array' }))).rejects.toThrow(/không phải \.docx hợp lệ.*word\/document\.xml/);
    const bytes = await buildDocx(seed, HEADING);
    await expect(readDocxTables(bytes, { maxBytes: 1024 })).rejects.toThrow(OfficeFileError);
    await expect(readDocxTables(bytes, { maxBytes: 1024 })).rejects.toThrow(/^Tệp quá lớn \(\d+(,\d)? KB\): giới hạn là 1 KB\.$/);
    await expect(readDocxTables(new Uint8Array(11 * 1024 * 1024))).rejects.toThrow('Tệp quá lớn (11 MB): giới hạn là 10 MB.');
  });
});

describe('readXlsxTables', () => {
  it('reads the appendix sheet with the same cells as the seed text', async () => {
    const tables = await readXlsxTables(await buildXlsx(seed, HEADING));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ title: 'Phụ lục II', caption: seed.caption });
    expect(ownCells(tables[0]!)).toEqual(cleaned(seed));
    expect(carriedDown(tables[0]!)).toBe(true);
    // Two heading rows, then the table: row numbers are the sheet's.
    expect(tables[0]!.rows[0]).toMatchObject({ line: 3, bold: true });
    expect(tables[0]!.rows.at(-1)!.line).toBe(3 + seed.rows.length - 1);
  });

  it('gives the same tasks as the text form, deadlines typed as dates included', async () => {
    const tables = await readXlsxTables(await buildXlsx(seed, HEADING));
    expect(tasksOf(tables)).toEqual(tasksOf([seed]));
    expect(tables[0]!.rows[1]!.cells[5]).toBe('31/12/2025');
  });

  it('picks a sheet by name or position, and names the sheets when one is missing', async () => {
    const bytes = await buildXlsx(seed, []);
    expect((await readXlsxTables(bytes, { sheet: 'Nhiệm vụ' }))[0]!.title).toBe('Nhiệm vụ');
    expect((await readXlsxTables(bytes, { sheet: 1 }))[0]!.rows).toHaveLength(seed.rows.length);
    await expect(readXlsxTables(bytes, { sheet: 'Phụ lục III' })).rejects.toThrow('Không có trang tính "Phụ lục III"; tệp có: "Nhiệm vụ".');
  });

  it('refuses non-zip bytes', async () => {
    await expect(readXlsxTables(new Uint8Array([1, 2, 3, 4, 5]))).rejects.toThrow('Tệp không phải .xlsx hợp lệ');
  });
});

describe('the plugin', () => {
  it('reads plan metadata from the Word body text as the text form does', async () => {
    const seedText = readSeed(SEED);
    // The document's opening, before its first table, as Word paragraphs.
    const lines = seedText.split('\n');
    const body = lines.slice(0, lines.findIndex((l) => l.includes('\t'))).map((l) => l.replace(/[#*]/g, '').trim()).filter(Boolean);
    const plan = await plugin.importers[0]!.import({ filename: 'ke-hoach.docx', bytes: await buildDocx(seed, HEADING, body) });
    const fromText = parsePlanText(seedText).plan;
    expect(plan.title).toMatch(/^Kế hoạch hoạt động Quý IV năm 2025/);
    expect({ title: plan.title, issuer: plan.issuer, province: plan.province }).toEqual({ title: fromText.title, issuer: fromText.issuer, province: fromText.province });
    expect(fromText.workItems?.length).toBeGreaterThan(0);
    expect(plan.workItems?.map((w) => w.content)).toEqual(fromText.workItems?.map((w) => w.content));
  });

  it('hands the host raw tables and body lines through readTables, parsed the same as its own import', async () => {
    const [docx, xlsx] = plugin.importers;
    const lines = readSeed(SEED).split('\n');
    const body = lines.slice(0, lines.findIndex((l) => l.includes('\t'))).map((l) => l.replace(/[#*]/g, '').trim()).filter(Boolean);
    const docxBytes = await buildDocx(seed, HEADING, body);
    const read = await docx!.readTables!({ filename: 'kh.docx', bytes: docxBytes });
    // Raw cells, not yet parsed: the header row is there as printed, for the host's mapping.
    expect(ownCells(read.tables[0]!)).toEqual(cleaned(seed));
    expect(read.bodyLines).toEqual(expect.arrayContaining(body));
    expect(read.bodyLines).toContain('Ghi chú sau bảng.');
    const fromTables = planFromTablesAndBody(read, { title: 'kh' }).plan;
    expect(fromTables).toEqual(await docx!.import({ filename: 'kh.docx', bytes: docxBytes }));

    // A sheet has no body text; the sheet the user picked is the one read.
    const xlsxBytes = await buildXlsx(seed, HEADING);
    const sheet = await xlsx!.readTables!({ filename: 'kh.xlsx', bytes: xlsxBytes, sheet: 1 });
    expect(sheet.bodyLines).toBeUndefined();
    expect(tasksOf(sheet.tables)).toEqual(tasksOf([seed]));
    await expect(xlsx!.readTables!({ filename: 'kh.xlsx', bytes: xlsxBytes, sheet: 'Phụ lục III' })).rejects.toThrow('Không có trang tính "Phụ lục III"');
    await expect(xlsx!.import({ filename: 'kh.xlsx', bytes: xlsxBytes, sheet: 2 })).rejects.toThrow(/trang tính/);
    // A document with no table at all is refused by name rather than previewed as an empty plan.
    const noTable = await buildXlsx({ title: '', rows: [{ cells: ['Chỉ một dòng chữ'], line: 1 }] }, []);
    await expect(xlsx!.readTables!({ filename: 'ghi-chu.xlsx', bytes: noTable })).rejects.toThrow('Tệp "ghi-chu" không có bảng nào để nhập.');
  });

  it('offers a docx and an xlsx importer that return the plan draft', async () => {
    expect(plugin.importers.map((i) => i.extensions)).toEqual([['docx'], ['xlsx']]);
    const plan = await plugin.importers[1]!.import({ filename: 'Lào Cai Q4.xlsx', bytes: await buildXlsx(seed, HEADING) });
    expect(plan.title).toBe('Lào Cai Q4');
    expect(plan.tasks).toHaveLength(14);
    // What the file holds decides how it is read: a workbook handed to the Word importer is still a workbook.
    expect((await plugin.importers[0]!.import({ filename: 'a.docx', bytes: await buildXlsx(seed, HEADING) })).tasks).toHaveLength(14);
  });
});

describe('a lead or a deadline merged down over several tasks', () => {
  const expectShared = (tasks: ReadonlyArray<Pick<TaskDraft, 'ordinal' | 'content' | 'leads' | 'deadline'>>) => {
    expect(tasks.map((t) => [t.ordinal, t.content, t.leads.join('; '), t.deadline.due])).toEqual([
      ['1', 'Xây dựng cơ sở dữ liệu khoa học', 'Sở Khoa học và Công nghệ', '2026-12-31'],
      ['2', 'Số hóa hồ sơ sở hữu trí tuệ', 'Sở Khoa học và Công nghệ', '2026-12-31'],
      ['3', 'Đánh giá năng lực đổi mới sáng tạo', 'Sở Khoa học và Công nghệ', '2026-12-31'],
      ['4', 'Tổng kết, báo cáo Ban Chỉ đạo', 'Văn phòng Ủy ban nhân dân tỉnh', '2027-03-31'],
    ]);
  };
  const TASKS = ['Xây dựng cơ sở dữ liệu khoa học', 'Số hóa hồ sơ sở hữu trí tuệ', 'Đánh giá năng lực đổi mới sáng tạo'];

  it('gives every task of a Word table the merged lead and deadline (w:vMerge), not the first alone', async () => {
    const p = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    const tc = (text: string, merge?: 'restart' | 'continue'): string =>
      `<w:tc>${merge ? `<w:tcPr>${merge === 'restart' ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>'}</w:tcPr>` : ''}${p(text)}</w:tc>`;
    const rows = TASKS.map((content, i) => `<w:tr>${tc(String(i + 1))}${tc(content)}${tc(i === 0 ? 'Sở Khoa học và Công nghệ' : '', i === 0 ? 'restart' : 'continue')}${tc(i === 0 ? 'Quý IV/2026' : '', i === 0 ? 'restart' : 'continue')}</w:tr>`).join('');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p('Phụ lục I')}
<w:tbl><w:tr>${tc('STT')}${tc('Nội dung nhiệm vụ')}${tc('Cơ quan chủ trì')}${tc('Thời hạn')}</w:tr>${rows}<w:tr>${tc('4')}${tc('Tổng kết, báo cáo Ban Chỉ đạo')}${tc('VP UBND tỉnh')}${tc('Quý I/2027')}</w:tr></w:tbl></w:body></w:document>`;
    const zip = new JSZip();
    zip.file('word/document.xml', xml);
    expectShared(tasksOf(await readDocxTables(await zip.generateAsync({ type: 'uint8array' }))));
  });

  it('does the same for an Excel range merged down a column', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục I');
    sheet.addRow(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn']);
    TASKS.forEach((content, i) => sheet.addRow([String(i + 1), content, i === 0 ? 'Sở KH&CN' : '', i === 0 ? 'Quý IV/2026' : '']));
    sheet.addRow(['4', 'Tổng kết, báo cáo Ban Chỉ đạo', 'VP UBND tỉnh', 'Quý I/2027']);
    sheet.mergeCells('C2:C4');
    sheet.mergeCells('D2:D4');
    expectShared(tasksOf(await readXlsxTables(new Uint8Array(await workbook.xlsx.writeBuffer()))));
  });
});
