// Pasted plan text goes to the reader its form needs, told from the content: Excel pastes with
// multi-line cells, dondoc's CSV export, Markdown tables, the seed form.
import { describe, expect, it } from 'vitest';
import { readPlanText, sniffForms } from './read-text.ts';

const HEADER = 'STT\tNội dung nhiệm vụ\tĐơn vị làm đầu mối\tThời hạn';

describe('telling pastes apart', () => {
  it('an Excel paste by its quoted multi-line cell, a Markdown table by its delimiter row, CSV by its header', () => {
    expect(sniffForms(`${HEADER}\n1\t"- Rà soát TTHC\n- Công khai kết quả"\tSở Nội vụ\tQuý IV/2025`)[0]!.form).toBe('tsv');
    expect(sniffForms('| STT | Nội dung nhiệm vụ |\n|---|:--:|\n| 1 | Rà soát |')[0]!.form).toBe('markdown');
    expect(sniffForms(`${HEADER}\n1\t<ul><li>- "Một cửa" điện tử</li></ul>\tSở Nội vụ\tQuý IV/2025`)[0]!.form).toBe('seed-text');
    expect(sniffForms('\uFEFFSTT,Nhóm,Nội dung,Cơ quan chủ trì,Thời hạn\r\n1,Phụ lục I,"- a\r\n- b",Sở Y tế,Quý IV/2025\r\n')[0]!.form).toBe('csv');
    expect(sniffForms('STT;Nội dung nhiệm vụ;Đơn vị chủ trì\n"1";"Rà soát";"Sở Nội vụ"\n')[0]!.form).toBe('csv');
  });
});

describe('readPlanText', () => {
  const paste = ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH', HEADER, '1\t"- Rà soát TTHC\n- Công khai kết quả"\tSở Nội vụ\tQuý IV/2025', '2\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\t31/12/2025'].join('\n');

  it('keeps a multi-line cell in one task and reports the column it could not map', () => {
    const r = readPlanText(paste);
    expect(r.form).toBe('tsv');
    expect(r.plan.tasks.map((t) => t.content)).toEqual(['- Rà soát TTHC\n- Công khai kết quả', 'Số hóa hồ sơ']);
    expect(r.tables[0]).toMatchObject({ title: 'Phụ lục II', track: 'cchc', mapping: ['ordinal', 'content', 'ignore', 'deadline'] });
    expect(r.plan.warnings.filter((w) => w.field === 'leads').map((w) => w.line)).toEqual([4, 6]);
    expect(r.plan.warnings.filter((w) => w.code === 'unknown-column').map((w) => w.subject)).toEqual(['Đơn vị làm đầu mối']);
  });

  it('applies the user mapping (table → column → field) and the warnings go', () => {
    const r = readPlanText(paste, { mapping: { 0: { 2: 'leads' } } });
    expect(r.plan.tasks.map((t) => t.leads)).toEqual([['Sở Nội vụ'], ['Văn phòng Ủy ban nhân dân tỉnh']]);
    expect(r.plan.warnings).toEqual([]);
  });

  it('reads CSV back with its "Lĩnh vực" track and group path', () => {
    const csv = "STT,Nhóm,Nội dung,Cơ quan chủ trì,Thời hạn,Lĩnh vực\r\n1,Phụ lục II › Thủ tục,'- Rà soát TTHC,Sở Nội vụ,Quý IV/2025,CCHC\r\n";
    const r = readPlanText(csv);
    expect(r.form).toBe('csv');
    expect(r.plan.tasks.map((t) => [t.content, t.group, t.track, t.leads])).toEqual([['Rà soát TTHC', ['Phụ lục II', 'Thủ tục'], 'cchc', ['Sở Nội vụ']]]);
  });

  it('reads a one-row Markdown table as Markdown', () => {
    const md = '# KẾ HOẠCH Chuyển đổi số\n\n| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n| 1 | Xây dựng CSDL | Sở KH&CN | Quý IV/2025 |';
    const r = readPlanText(md);
    expect(r.form).toBe('markdown');
    expect(r.plan.tasks).toHaveLength(1);
    expect(r.plan.tasks[0]!.leads).toEqual(['Sở Khoa học và Công nghệ']);
  });
});
