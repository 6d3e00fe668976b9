// readPlanText: the form is told from the content (every reader says how sure it is), a text with
// no table is refused by name, and the metadata comes from the header block only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeCsv } from '../csv.ts';
import { cleanCell } from './clean.ts';
import { ImportLimitError, MAX_TEXT_LINES } from './limits.ts';
import { NoTableError, readPlanText, sniffForms } from './read-text.ts';
import { readSeedText } from './readers/seed-text.ts';

const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const seedText = (name: string) => readFileSync(new URL(name, SEEDS), 'utf8');
const table = readSeedText(seedText('000_90562d8295c9ca09.txt')).find((t) => t.title === 'Phụ lục II')!;
const cells = table.rows.map((r) => r.cells.map((c) => cleanCell(c)));
const HEADING = ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH'];

const pipe = (row: string[]) => `| ${row.map((c) => c.replace(/\n/g, '<br>').replace(/\|/g, '\\|')).join(' | ')} |`;
const quote = (c: string) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** The same appendix in every text form a user brings. */
const FORMS = {
  markdown: ['Bảng dưới đây chép từ phụ lục của kế hoạch.', '', pipe(cells[0]!), pipe(cells[0]!.map(() => '---')), ...cells.slice(1).map(pipe)].join('\n'),
  tsv: [...HEADING, ...cells.map((r) => r.map(quote).join('\t'))].join('\r\n'),
  csv: encodeCsv([...HEADING.map((h) => [h, ...cells[0]!.slice(1).map(() => '')]), ...cells], ';'),
  'seed-text': seedText('000_90562d8295c9ca09.txt'),
  'pdf-text': seedText('001_7445e7d735843406.txt'),
} as const;

describe('the form is told from the content', () => {
  it.each(Object.entries(FORMS))('reads %s as itself and finds its tasks', (form, text) => {
    expect(sniffForms(text)[0]!.form).toBe(form);
    const r = readPlanText(text);
    expect(r.form).toBe(form);
    expect(r.plan.tasks.length).toBeGreaterThanOrEqual(14);
  });

  it('reads Markdown tables under a line of preamble (the ".txt" that gave 0 tasks)', () => {
    const r = readPlanText(FORMS.markdown);
    expect(r.plan.tasks).toHaveLength(14);
    expect(r.plan.tasks[0]!.leads).toEqual(['Sở Nội vụ']);
  });

  it('refuses a text with no table by saying so, not with an empty plan', () => {
    for (const text of ['Kính gửi: Sở Khoa học và Công nghệ.\nĐề nghị báo cáo tiến độ trước ngày 25.', '%PDF-1.7 binary', '\n\n']) {
      expect(() => readPlanText(text), text).toThrow(NoTableError);
      expect(() => readPlanText(text)).toThrow(/Không tìm thấy bảng nhiệm vụ/);
    }
  });

  it('refuses a million-row paste at once instead of reading it', () => {
    const text = `STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\n${'1,Việc,Sở Y tế,2025\n'.repeat(MAX_TEXT_LINES)}`;
    expect(() => readPlanText(text)).toThrow(ImportLimitError);
  });
});

describe('metadata from the header block only', () => {
  const table = ['| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |', '|---|---|---|---|', '| 1 | Triển khai nền tảng số | Sở KH&CN | Quý IV/2025 |'];
  it('a national resolution names no province, whatever its body says', () => {
    const text = [
      'CHÍNH PHỦ',
      'Số: 71/NQ-CP',
      'Hà Nội, ngày 01 tháng 4 năm 2025',
      'NGHỊ QUYẾT',
      'Sửa đổi, bổ sung Chương trình hành động của Chính phủ',
      'Căn cứ Luật Tổ chức Chính phủ; xét đề nghị của Ủy ban nhân dân tỉnh Bắc Ninh tại Tờ trình số 12;',
      'Giao UBND tỉnh Bắc Ninh chủ trì thí điểm.',
      '',
      ...table,
    ].join('\n');
    const { plan } = readPlanText(text);
    expect(plan).toMatchObject({ province: '', number: '71/NQ-CP', date: '2025-04-01', title: 'Nghị quyết sửa đổi, bổ sung Chương trình hành động của Chính phủ' });
  });
  it('a province is taken from the place line or the issuer, never from the body', () => {
    const provincial = ['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'Số: 15/BC-UBND', 'Lào Cai, ngày 25 tháng 11 năm 2025', 'BÁO CÁO', 'Kết quả thực hiện chuyển đổi số tháng 11', 'Thực hiện chỉ đạo của tỉnh Yên Bái cũ …', '', ...table].join('\n');
    expect(readPlanText(provincial).plan).toMatchObject({ province: 'Lào Cai', title: 'Báo cáo kết quả thực hiện chuyển đổi số tháng 11', kind: 'report' });
    const bare = ['Bảng nhiệm vụ chép từ kế hoạch của tỉnh Bắc Ninh', '', ...table].join('\n');
    expect(readPlanText(bare).plan.province).toBe('');
  });
});
