// Pasted plan text goes to the reader its form needs: Excel pastes with multi-line cells, Markdown tables, the seed form.
import { describe, expect, it } from 'vitest';
import { detectPastedForm, formForFilename, readPlanText } from './import-text.ts';

const HEADER = 'STT\tNội dung nhiệm vụ\tĐơn vị làm đầu mối\tThời hạn';

describe('detectPastedForm', () => {
  it('tells an Excel paste by its quoted multi-line cell, a Markdown table by its delimiter row', () => {
    expect(detectPastedForm(`${HEADER}\n1\t"- Rà soát TTHC\n- Công khai kết quả"\tSở Nội vụ\tQuý IV/2025`)).toBe('tsv');
    expect(detectPastedForm('| STT | Nội dung nhiệm vụ |\n|---|:--:|\n| 1 | Rà soát |')).toBe('markdown');
    // The seed form: tab rows, HTML lists, typed quotes that open no quoted cell.
    expect(detectPastedForm(`${HEADER}\n1\t<ul><li>- "Một cửa" điện tử</li></ul>\tSở Nội vụ\tQuý IV/2025`)).toBeUndefined();
    expect(detectPastedForm('a | b\n---- | ---- and prose')).toBeUndefined();
  });

  it('tells CSV (dondoc\'s export, Excel\'s ";") by a header of task columns, even with a quoted multi-line cell', () => {
    expect(detectPastedForm('\uFEFFSTT,Nhóm,Nội dung,Cơ quan chủ trì,Thời hạn\r\n1,Phụ lục I,"- a\r\n- b",Sở Y tế,Quý IV/2025\r\n')).toBe('csv');
    expect(detectPastedForm('STT;Nội dung nhiệm vụ;Đơn vị chủ trì\n"1";"Rà soát";"Sở Nội vụ"\n')).toBe('csv');
  });

  it('takes the form from a file extension when there is one', () => {
    expect(formForFilename('phu-luc.MD')).toBe('markdown');
    expect(formForFilename('bang.tsv')).toBe('tsv');
    expect(formForFilename('bang-xuat.CSV')).toBe('csv');
    expect(formForFilename('ke-hoach.txt')).toBeUndefined();
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
    expect(r.plan.tasks.map((t) => [t.content, t.group, t.track, t.leads])).toEqual([['- Rà soát TTHC', ['Phụ lục II', 'Thủ tục'], 'cchc', ['Sở Nội vụ']]]);
  });

  it('reads a .md file as Markdown even when its table is small', () => {
    const md = '# KẾ HOẠCH Chuyển đổi số\n\n| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n| 1 | Xây dựng CSDL | Sở KH&CN | Quý IV/2025 |';
    const r = readPlanText(md, {}, 'markdown');
    expect(r.form).toBe('markdown');
    expect(r.plan.tasks).toHaveLength(1);
    expect(r.plan.tasks[0]!.leads).toEqual(['Sở Khoa học và Công nghệ']);
  });
});
