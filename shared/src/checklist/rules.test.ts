import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../deadline.ts';
import { RO_CRITERIA, checkScore, checkTask, isCollectiveAgency } from './rules.ts';

const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const seedLine = (prefix: string, line: number): string[] => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return readFileSync(new URL(name, SEEDS), 'utf8').split(/\r?\n/)[line - 1]!.split('\t');
};
const agencies = (cell: string) => cell.split(/[,;]/).map((s) => s.trim()).filter(Boolean);

const base = { content: 'Xây dựng Kế hoạch chuyển đổi số năm 2026', leads: ['Sở KH&CN'], partners: ['Sở Tư pháp'], owner: '', deadline: parseDeadline('Quý II/2026'), output: 'Kế hoạch được ban hành', approver: '' };
const failed = (r: ReturnType<typeof checkTask>) => r.filter((c) => !c.pass).map((c) => c.id);

describe('checkTask with seed rows', () => {
  it('Lào Cai Q4/2025 Phụ lục I group 4, second row: no deadline, no output', () => {
    // STT and group are empty: a further task of group 4 with its own agencies.
    const [, , content, leads, partners, deadline] = seedLine('000', 150);
    const r = checkTask({ ...base, content: content!, leads: agencies(leads!), partners: agencies(partners!), deadline: parseDeadline(deadline!), output: '' }, '5ro');
    expect(failed(r)).toEqual(['ro-thoi-gian', 'ro-ket-qua']);
    expect(r.find((c) => c.id === 'ro-thoi-gian')!.reason).toBe('Chưa có thời hạn — hãy đặt ngày hoàn thành hoặc đánh dấu thường xuyên');
    expect(checkScore(r)).toBe('3/5');
  });
  it('Lào Cai 2026 Phụ lục II row 1 is clear on all five points', () => {
    const [, content, leads, partners, deadline, output] = seedLine('003', 434);
    const r = checkTask({ ...base, content: content!, leads: agencies(leads!), partners: agencies(partners!), deadline: parseDeadline(deadline!), output: output! }, '5ro');
    expect(failed(r)).toEqual([]);
    expect(checkScore(r)).toBe('5/5');
  });
  it('Thanh Hóa no. 5: collective leads and a conditional deadline fail 4 rõ with actionable reasons', () => {
    const [, content, leads, partners, deadline] = seedLine('004', 158);
    const r = checkTask({ ...base, content: content!, leads: ['Sở, ban, ngành cấp tỉnh', 'UBND cấp huyện'], partners: agencies(partners!), deadline: parseDeadline(deadline!), output: '' }, '4ro');
    expect(leads).toBe('Sở, ban, ngành cấp tỉnh, UBND cấp huyện');
    expect(failed(r)).toEqual(['ro-nguoi', 'ro-thoi-gian', 'ro-ket-qua']);
    expect(r.find((c) => c.id === 'ro-nguoi')!.reason).toMatch(/tập thể/);
    expect(r.find((c) => c.id === 'ro-thoi-gian')!.reason).toBe(
      "Chưa có thời hạn cụ thể: thời hạn 'Theo chỉ đạo của cơ quan Trung ương' là có điều kiện — hãy đặt ngày hoặc đánh dấu thường xuyên",
    );
  });
});

describe('checkTask rules', () => {
  it('follows each variant\'s criteria and order', () => {
    expect(checkTask(base, '4ro').map((c) => c.id)).toEqual(RO_CRITERIA['4ro'].map((c) => c.id));
    expect(checkTask(base, '6ro').map((c) => c.label)).toEqual(['Rõ người', 'Rõ việc', 'Rõ thời gian', 'Rõ trách nhiệm', 'Rõ thẩm quyền', 'Rõ sản phẩm']);
  });
  it('rõ việc fails on an empty content or a bare heading', () => {
    expect(failed(checkTask({ ...base, content: ' ' }, '5ro'))).toEqual(['ro-viec']);
    expect(failed(checkTask({ ...base, content: 'Chuyển đổi số' }, '5ro'))).toEqual(['ro-viec']);
  });
  it('rõ người: collective leads pass with a named owner under 5 rõ, never under 6 rõ', () => {
    const collective = { ...base, leads: ['Các sở, ban, ngành'] };
    expect(failed(checkTask(collective, '5ro'))).toEqual(['ro-nguoi']);
    expect(failed(checkTask({ ...collective, owner: 'Nguyễn Văn A' }, '5ro'))).toEqual([]);
    expect(failed(checkTask({ ...collective, owner: 'Nguyễn Văn A', approver: 'Chủ tịch UBND tỉnh' }, '6ro'))).toEqual(['ro-nguoi']);
  });
  it('rõ người under 6 rõ: exactly one lead', () => {
    const two = { ...base, leads: ['Sở KH&CN', 'Công an tỉnh'], approver: 'Chủ tịch UBND tỉnh' };
    expect(failed(checkTask(two, '5ro'))).toEqual([]);
    const r = checkTask(two, '6ro');
    expect(failed(r)).toEqual(['ro-nguoi']);
    expect(r[0]!.reason).toMatch(/một đầu mối/);
    expect(failed(checkTask({ ...base, approver: 'Chủ tịch UBND tỉnh' }, '6ro'))).toEqual([]);
  });
  it('rõ trách nhiệm: an agency cannot both lead and coordinate, whatever its spelling in the directory', () => {
    const dir = { agencies: [{ name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN'], collective: false }] };
    const both = { ...base, partners: ['Sở Khoa học và Công nghệ', 'Sở Tư pháp'] };
    expect(failed(checkTask(both, '5ro'))).toEqual([]);
    expect(failed(checkTask(both, '5ro', dir))).toEqual(['ro-trach-nhiem']);
    expect(failed(checkTask({ ...base, partners: [] }, '5ro'))).toEqual([]);
  });
  it('rõ thời gian: dates and cadenced recurring pass; conditional, rules and blank fail', () => {
    for (const raw of ['31/12/2025', 'Tháng 12/2025', 'Q3/2025 – Q2/2026', 'Hàng tháng', 'Thường xuyên', 'Trong năm 2025 và thực hiện thường xuyên']) {
      expect(failed(checkTask({ ...base, deadline: parseDeadline(raw) }, '5ro')), raw).toEqual([]);
    }
    for (const raw of ['Theo hướng dẫn của Bộ Công an', 'Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương', 'Theo quy chế làm việc', '']) {
      expect(failed(checkTask({ ...base, deadline: parseDeadline(raw) }, '5ro')), raw).toEqual(['ro-thoi-gian']);
    }
  });
  it('rõ kết quả / rõ sản phẩm: a named product, not "hoàn thành"', () => {
    expect(failed(checkTask({ ...base, output: 'Hoàn thành' }, '5ro'))).toEqual(['ro-ket-qua']);
    expect(failed(checkTask({ ...base, output: '03 lớp được tổ chức' }, '5ro'))).toEqual([]);
    expect(failed(checkTask({ ...base, output: '', approver: 'Giám đốc Sở' }, '6ro'))).toEqual(['ro-san-pham']);
  });
  it('rõ thẩm quyền needs an approver (6 rõ only)', () => {
    expect(failed(checkTask(base, '6ro'))).toEqual(['ro-tham-quyen']);
    expect(failed(checkTask(base, '5ro'))).toEqual([]);
  });
});

describe('isCollectiveAgency', () => {
  it('recognises collective entries of the seeds', () => {
    for (const name of ['Các sở, ban, ngành', 'các địa phương', 'UBND cấp xã', 'UBND các xã, phường', 'Sở, ban, ngành cấp tỉnh', 'Các Sở, ngành, địa phương', 'UBND cấp huyện']) {
      expect(isCollectiveAgency(name), name).toBe(true);
    }
    for (const name of ['Sở KH&CN', 'Công an tỉnh', 'Văn phòng UBND tỉnh', 'UBND tỉnh', 'Sở Nội vụ', 'Trung tâm PVHCC tỉnh']) {
      expect(isCollectiveAgency(name), name).toBe(false);
    }
  });
  it('honours the board directory', () => {
    expect(isCollectiveAgency('Khối thi đua', [{ name: 'Khối thi đua', aliases: [], collective: true }])).toBe(true);
  });
});
