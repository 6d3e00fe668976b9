import { describe, expect, it } from 'vitest';
import { DEADLINE_FLAG_LABELS, deadlineFlagText, describeDeadline, parseDeadline } from './deadline.ts';

const due = (raw: string) => parseDeadline(raw).due;

describe('parseDeadline: DOMAIN.md table', () => {
  it('reads printed dates, with or without "Ngày"', () => {
    expect(parseDeadline('31/12/2025')).toMatchObject({ kind: 'date', due: '2025-12-31', flags: [] });
    expect(parseDeadline('Ngày 15/12/2025')).toMatchObject({ kind: 'date', due: '2025-12-15' });
    expect(parseDeadline('15/4/2026')).toMatchObject({ kind: 'date', due: '2026-04-15' });
    expect(due('Ngày 01/01/2026')).toBe('2026-01-01');
    expect(due('ngày 15 tháng 12 năm 2025')).toBe('2025-12-15');
  });
  it('flags "Trước ngày" but keeps the printed date', () => {
    expect(parseDeadline('Trước ngày 30/4/2026')).toMatchObject({ kind: 'date', due: '2026-04-30', flags: ['before-date'] });
  });
  it('reads months as their last day', () => {
    expect(parseDeadline('Tháng 12/2025')).toMatchObject({ kind: 'month', due: '2025-12-31' });
    expect(due('Tháng 6/2025')).toBe('2025-06-30');
    expect(due('Tháng 03/2025')).toBe('2025-03-31');
    expect(due('Tháng 2/2028')).toBe('2028-02-29');
    expect(parseDeadline('Hoàn thành trong tháng 7/2025')).toMatchObject({ kind: 'month', due: '2025-07-31' });
  });
  it('reads quarters, in Roman or Arabic numerals, and quarter ranges', () => {
    expect(parseDeadline('Quý IV/2025')).toMatchObject({ kind: 'quarter', due: '2025-12-31' });
    expect(parseDeadline('Q4/2025')).toMatchObject({ kind: 'quarter', due: '2025-12-31' });
    expect(due('Quý I/2026')).toBe('2026-03-31');
    expect(due('Quý II/2026.')).toBe('2026-06-30');
    expect(parseDeadline('Quý III-IV/2026')).toMatchObject({ kind: 'quarter', start: '2026-07-01', due: '2026-12-31' });
    expect(parseDeadline('Quý II-III/2026')).toMatchObject({ kind: 'quarter', start: '2026-04-01', due: '2026-09-30' });
    expect(due('quý 3 năm 2026')).toBe('2026-09-30');
  });
  it('reads a span between two periods, whatever the dash', () => {
    for (const raw of ['Q3/2025 – Q2/2026', 'Q3/2025 - Q2/2026', 'Q3/2025 — Q2/2026', 'Quý III/2025 đến Quý II/2026']) {
      expect(parseDeadline(raw), raw).toMatchObject({ kind: 'span', start: '2025-07-01', due: '2026-06-30' });
    }
    expect(parseDeadline('Giai đoạn 2025-2030')).toMatchObject({ kind: 'span', start: '2025-01-01', due: '2030-12-31' });
    expect(parseDeadline('Từ 01/10/2025 đến 31/12/2025')).toMatchObject({ kind: 'span', start: '2025-10-01', due: '2025-12-31' });
  });
  it('reads years', () => {
    for (const raw of ['Năm 2026', 'Trong năm 2026', '2026', 'Cuối năm 2026']) {
      expect(parseDeadline(raw), raw).toMatchObject({ kind: 'year', due: '2026-12-31' });
    }
  });
  it('reads recurring tasks and their cadence', () => {
    expect(parseDeadline('Thường xuyên')).toMatchObject({ kind: 'recurring', cadence: 'ongoing' });
    expect(parseDeadline('Nhiệm vụ thường xuyên')).toMatchObject({ kind: 'recurring', cadence: 'ongoing' });
    expect(parseDeadline('Thực hiện thường xuyên')).toMatchObject({ kind: 'recurring', cadence: 'ongoing' });
    expect(parseDeadline('Hàng tháng')).toMatchObject({ kind: 'recurring', cadence: 'monthly' });
    expect(parseDeadline('Hằng năm')).toMatchObject({ kind: 'recurring', cadence: 'yearly' });
    expect(parseDeadline('hàng tuần')).toMatchObject({ kind: 'recurring', cadence: 'weekly' });
    expect(parseDeadline('Hằng quý')).toMatchObject({ kind: 'recurring', cadence: 'quarterly' });
    expect(parseDeadline('Thường xuyên').due).toBeUndefined();
  });
  it('reads a dated task that then recurs', () => {
    expect(parseDeadline('Trong năm 2025 và thực hiện thường xuyên')).toMatchObject({ kind: 'year', due: '2025-12-31', cadence: 'ongoing' });
    expect(parseDeadline('Trong năm 2025 và thường xuyên theo chỉ đạo của Hội sở chính, Thống đốc Ngân hàng Nhà nước Việt Nam')).toMatchObject({
      kind: 'year',
      due: '2025-12-31',
      cadence: 'ongoing',
    });
  });
  it('reads conditional deadlines with their trigger and a reason', () => {
    const d = parseDeadline('Theo hướng dẫn của Bộ Công an');
    expect(d).toMatchObject({ kind: 'conditional', trigger: 'hướng dẫn của Bộ Công an' });
    expect(d.due).toBeUndefined();
    expect(d.reason).toContain('Theo hướng dẫn của Bộ Công an');
    expect(parseDeadline('Khi có hướng dẫn của Trung ương')).toMatchObject({ kind: 'conditional', trigger: 'có hướng dẫn của Trung ương' });
    expect(parseDeadline('Theo chỉ đạo của cơ quan Trung ương').kind).toBe('conditional');
    expect(parseDeadline('Sau khi Ban chỉ đạo của Chính phủ về phát triển khoa học được thành lập').kind).toBe('conditional');
    expect(parseDeadline('Khi có yêu cầu của Chính phủ, Bộ Công an').kind).toBe('conditional');
  });
  it('reads conditional deadlines with an offset in days', () => {
    expect(parseDeadline('Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương')).toMatchObject({
      kind: 'conditional',
      offsetDays: 10,
      trigger: 'có hướng dẫn của Trung ương',
    });
    expect(parseDeadline('Chậm nhất sau 07 ngày kể từ khi có hướng dẫn của Trung ương')).toMatchObject({
      kind: 'conditional',
      offsetDays: 7,
      trigger: 'có hướng dẫn của Trung ương',
    });
  });
  it('gives no deadline, with a reason, for rules and blanks', () => {
    const rules = parseDeadline('Theo Quy chế làm việc đã xác định.');
    expect(rules.kind).toBe('none');
    expect(rules.reason).toMatch(/quy chế/);
    const blank = parseDeadline('  ');
    expect(blank).toMatchObject({ kind: 'none', raw: '' });
    expect(blank.reason).toBeTruthy();
  });
  it('takes the stated date out of a target sentence', () => {
    const d = parseDeadline(
      'vị thuộc Công an tỉnh; 100% các sở, ban, ngành; 80% đối với doanh nghiệp, hợp tác xã; 50% các cơ quan, tổ chức khác có trụ sở chính trên địa bàn tỉnh. Hoàn thành trước ngày 20/6/2025',
    );
    expect(d).toMatchObject({ kind: 'date', due: '2025-06-20' });
    expect(d.flags).toEqual(expect.arrayContaining(['target-sentence', 'before-date']));
  });
  it('does not read "top 15/63" or a cited document\'s date as a deadline', () => {
    const top = parseDeadline('Điểm đánh giá của bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện TTHC, cung cấp dịch vụ công năm 2025 đứng ở top 15/63 tỉnh');
    expect(top).toMatchObject({ kind: 'year', due: '2025-12-31' });
    expect(top.flags).toContain('target-sentence');
    const cited = parseDeadline(
      'Theo tiến độ, lộ trình của từng mô hình đã đề ra tại Kế hoạch số 296/KH-UBND ngày 13/12/2023 của UBND tỉnh về triển khai thực hiện các mô hình của Đề án 06',
    );
    expect(cited.kind).toBe('conditional');
    expect(cited.due).toBeUndefined();
  });
});

describe('parseDeadline: messy text', () => {
  it('strips HTML, line breaks and trailing periods', () => {
    expect(parseDeadline('<p>Ngày 01/01/2026</p>')).toMatchObject({ kind: 'date', due: '2026-01-01', raw: 'Ngày 01/01/2026' });
    expect(parseDeadline('Nhiệm vụ thường<br>xuyên')).toMatchObject({ kind: 'recurring' });
    expect(parseDeadline('Nhiệm vụ thường \n\nxuyên ')).toMatchObject({ kind: 'recurring' });
    expect(parseDeadline('Theo hướng dẫn của Bộ Công an.')).toMatchObject({ kind: 'conditional', trigger: 'hướng dẫn của Bộ Công an' });
  });
  it('accepts decomposed Unicode (NFD) as printed by some PDF tools', () => {
    expect(parseDeadline('Quý IV/2025'.normalize('NFD'))).toMatchObject({ kind: 'quarter', due: '2025-12-31' });
    expect(parseDeadline('Thường xuyên'.normalize('NFD')).kind).toBe('recurring');
  });
  it('refuses impossible dates with a reason instead of inventing one', () => {
    const d = parseDeadline('31/4/2026');
    expect(d.kind).toBe('none');
    expect(d.flags).toContain('invalid-date');
    expect(d.reason).toMatch(/không tồn tại/);
    expect(parseDeadline('Tháng 13/2025').kind).toBe('none');
  });
  it('reads a month range as the end of its last month, not as a day and month', () => {
    expect(parseDeadline('Tháng 10-12/2025')).toMatchObject({ kind: 'month', start: '2025-10-01', due: '2025-12-31' });
    expect(parseDeadline('Từ tháng 3-5/2026')).toMatchObject({ kind: 'month', due: '2026-05-31' });
    expect(parseDeadline('10-12-2025')).toMatchObject({ kind: 'date', due: '2025-12-10' });
    expect(parseDeadline('15.4.2026')).toMatchObject({ kind: 'date', due: '2026-04-15' });
  });

  it('flags "Trước" before a date even without "ngày"', () => {
    expect(parseDeadline('Trước 15/12/2025')).toMatchObject({ kind: 'date', due: '2025-12-15', flags: ['before-date'] });
  });

  it('reads half years', () => {
    expect(due('6 tháng đầu năm 2026')).toBe('2026-06-30');
    expect(due('6 tháng cuối năm 2026')).toBe('2026-12-31');
  });
  it('reads a bare month/year', () => {
    expect(parseDeadline('12/2025')).toMatchObject({ kind: 'month', due: '2025-12-31' });
  });
});

describe('describeDeadline', () => {
  it('reads the parse back in Vietnamese', () => {
    expect(describeDeadline(parseDeadline('Quý IV/2025'))).toBe('31/12/2025');
    expect(describeDeadline(parseDeadline('Q3/2025 – Q2/2026'))).toBe('01/07/2025 – 30/06/2026');
    expect(describeDeadline(parseDeadline('Hàng tháng'))).toBe('Thường xuyên (hằng tháng)');
    expect(describeDeadline(parseDeadline('Trong năm 2025 và thực hiện thường xuyên'))).toBe('31/12/2025, sau đó thường xuyên');
  });
});

describe('deadlineFlagText: what a flag says to a person', () => {
  it('gives every known code its label and keeps a flag written as a sentence as it is', () => {
    for (const [code, label] of Object.entries(DEADLINE_FLAG_LABELS)) {
      expect(deadlineFlagText(code)).toBe(label.vi);
      expect(deadlineFlagText(code, 'en')).toBe(label.en);
    }
    expect(deadlineFlagText('Nội dung ghi "Nhiệm vụ thường xuyên"')).toBe('Nội dung ghi "Nhiệm vụ thường xuyên"');
    expect(deadlineFlagText('Nội dung ghi "Nhiệm vụ thường xuyên"', 'en')).toBe('Nội dung ghi "Nhiệm vụ thường xuyên"');
    // Every flag the parser sets has a label.
    for (const raw of ['Trước ngày 30/4/2026', 'Trước tháng 7/2026', 'Đầu tháng 3/2026', '31/02/2026', 'Sau khi Nghị quyết có hiệu lực'])
      for (const f of parseDeadline(raw).flags) expect(deadlineFlagText(f)).not.toBe(f);
  });
});
