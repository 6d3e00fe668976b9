import { describe, expect, it } from 'vitest';
import { planFromTables } from '../tables.ts';
import { looksLikeCsv, readCsv } from './csv.ts';

const EXCEL_VI =
  'sep=;\r\n' +
  'PHỤ LỤC II;;;;\r\n' +
  'Nhiệm vụ cải cách hành chính;;;;\r\n' +
  'STT;Nội dung nhiệm vụ;Cơ quan chủ trì;Thời hạn;Lĩnh vực\r\n' +
  '1;"Rà soát, đơn giản hóa ""thủ tục"" hành chính\r\n- cấp tỉnh";Sở Tư pháp;Quý IV/2025;CCHC\r\n' +
  ';;;;\r\n' +
  "2;'- Số hóa hồ sơ;Văn phòng UBND tỉnh;31/12/2025;Đề án 06\r\n";

describe('readCsv', () => {
  it('reads Excel\'s ";" CSV with its heading rows, quoted multi-line cells and padding rows', () => {
    const tables = readCsv(EXCEL_VI);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table!.title).toBe('Phụ lục II');
    expect(table!.rows.map((r) => r.line)).toEqual([4, 5, 8]);
    expect(table!.rows[1]!.cells[1]).toBe('Rà soát, đơn giản hóa "thủ tục" hành chính\r\n- cấp tỉnh');
    // The exporter's formula guard is dropped: the bullet reads back as printed.
    expect(table!.rows[2]!.cells[1]).toBe('- Số hóa hồ sơ');
  });

  it('feeds planFromTables: the "Lĩnh vực" column sets each task\'s track', () => {
    const { plan } = planFromTables(readCsv(EXCEL_VI));
    expect(plan.tasks.map((t) => [t.ordinal, t.track, t.leads[0], t.deadline.kind])).toEqual([
      ['1', 'cchc', 'Sở Tư pháp', 'quarter'],
      ['2', 'de-an-06', 'Văn phòng Ủy ban nhân dân tỉnh', 'date'],
    ]);
    expect(plan.tasks[1]!.content).toBe('Số hóa hồ sơ') // the guard's apostrophe is gone, and so is a lone item's marker;
  });

  it('splits tables at an empty line, and one warning covers unknown "Lĩnh vực" values', () => {
    const text = 'STT,Nội dung,Chủ trì,Lĩnh vực\n1,A,Sở Y tế,Y tế\n2,B,Sở Y tế,Giáo dục\n3,C,Sở Y tế,Y tế\n\nSTT,Nội dung,Chủ trì\n1,D,Sở Tư pháp\n';
    const tables = readCsv(text);
    expect(tables.map((t) => [t.title, t.rows.length])).toEqual([['Bảng 1', 4], ['Bảng 2', 2]]);
    const { plan } = planFromTables(tables);
    expect(plan.tasks.map((t) => t.track)).toEqual(['khcn-cds', 'khcn-cds', 'khcn-cds', 'khcn-cds']);
    const other = plan.warnings.filter((w) => w.code === 'other');
    expect(other).toHaveLength(1);
    expect(other[0]!.message).toContain('"Y tế", "Giáo dục"');
  });

  it('takes a "Nhóm" cell joined with " › " as the whole group path, row by row', () => {
    const text = 'STT,Nhóm,Nội dung,Chủ trì\n1,Phụ lục I › Thể chế,A,Sở Y tế\n,,B,Sở Y tế\n2,Phụ lục II › Hạ tầng › Dữ liệu,C,Sở Y tế\n';
    const { plan } = planFromTables(readCsv(text));
    expect(plan.tasks.map((t) => [t.ordinal, t.content, t.group])).toEqual([
      ['1', 'A', ['Phụ lục I', 'Thể chế']],
      ['', 'B', []],
      ['2', 'C', ['Phụ lục II', 'Hạ tầng', 'Dữ liệu']],
    ]);
  });
});

describe('looksLikeCsv', () => {
  it('knows a CSV header by three task columns, with "," or ";"', () => {
    expect(looksLikeCsv(EXCEL_VI)).toBe(true);
    expect(looksLikeCsv('\uFEFFSTT,Nhóm,Nội dung,Cơ quan chủ trì,Thời hạn\r\n1,a,b,c,d\r\n')).toBe(true);
  });
  it('does not take tab-separated text or prose with commas for CSV', () => {
    expect(looksLikeCsv('STT\tNội dung\tCơ quan chủ trì\tThời hạn\n1\ta\tb\tc\n')).toBe(false);
    expect(looksLikeCsv('KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026, thời gian qua, chủ trì bởi Sở\n')).toBe(false);
    expect(looksLikeCsv('Nội dung, thời hạn, cơ quan chủ trì và phối hợp được giao tại Phụ lục kèm theo.\n')).toBe(false);
  });
});
