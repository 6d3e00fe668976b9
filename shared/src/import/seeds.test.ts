// The importer against the five real plans in ../shared/seeds: the counts seeds/README.md
// states, and field-level checks of first, last and hard rows.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './parse.ts';
import type { TaskDraft } from '../model.ts';

const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, SEEDS), 'utf8');
const parse = (name: string) => parsePlanText(read(name));
const countBy = (tasks: TaskDraft[], key: (t: TaskDraft) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const t of tasks) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
};

describe('seed plans', () => {
  it('reads the seeds from ../shared/seeds beside the repository', () => {
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    expect(fileURLToPath(SEEDS)).toBe(join(dirname(repo), 'shared', 'seeds') + sep);
    expect(readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))).toHaveLength(5);
  });

  describe('000 Lào Cai Q4/2025', () => {
    const { plan, tables } = parse('000_90562d8295c9ca09.txt');
    it('23/14/12 tasks in 10/12/9 groups on the three tracks, and 4 work items', () => {
      expect(tables.map((t) => [t.title, t.count, t.track])).toEqual([
        ['Phụ lục I', 23, 'khcn-cds'],
        ['Phụ lục II', 14, 'cchc'],
        ['Phụ lục III', 12, 'de-an-06'],
      ]);
      const groups = (title: string) => new Set(plan.tasks.filter((t) => t.group?.[0] === title).map((t) => t.group?.[1])).size;
      expect([groups('Phụ lục I'), groups('Phụ lục II'), groups('Phụ lục III')]).toEqual([10, 12, 9]);
      expect(plan.workItems?.map((w) => w.ordinal)).toEqual(['a)', 'b)', 'c)', 'd)']);
      expect(plan.workItems?.[1]).toMatchObject({ leads: ['Sở Khoa học và Công nghệ'], deadline: { kind: 'month', due: '2025-12-31' } });
    });
    it('sub-rows with empty STT are further tasks of the group above', () => {
      const sub = plan.tasks[1]!;
      expect(sub).toMatchObject({ ordinal: '', group: ['Phụ lục I', 'Hoàn thiện thể chế, chính sách'], leads: ['Sở Khoa học và Công nghệ'] });
      expect(sub.content).toBe('Quy định về Quỹ đầu tư mạo hiểm cho Đổi mới sáng tạo và Chuyển đổi số');
    });
    it('cleans lists and LaTeX, splits multi-agency cells, flags the empty deadline', () => {
      const list = plan.tasks.find((t) => t.ordinal === '2' && t.track === 'khcn-cds')!;
      expect(list.content.split('\n')).toHaveLength(4);
      expect(list.content.startsWith('- Hoàn thiện Kho dữ liệu dùng chung')).toBe(true);
      const many = plan.tasks.find((t) => t.content.startsWith('Đào tạo kỹ năng số cho 100%'))!;
      expect(many.leads).toEqual(['Sở Nội vụ', 'Sở Khoa học và Công nghệ', 'Ủy ban nhân dân các xã, phường']);
      expect(many.leadsText).toBe('Sở Nội vụ, Sở KH&CN, UBND các xã, phường');
      const culture = plan.tasks.find((t) => t.leadsText === 'Sở Văn hóa, Thể thao và Du lịch')!;
      expect(culture.leads).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
      const empty = plan.tasks.find((t) => t.content.includes('thương mại điện tử, logistics'))!;
      expect(empty.deadline.kind).toBe('none');
      expect(plan.warnings.some((w) => w.code === 'deadline-unresolved' && w.line === empty.source?.line)).toBe(true);
      const last = plan.tasks.at(-1)!;
      expect(last).toMatchObject({ ordinal: '9', track: 'de-an-06', deadline: { kind: 'recurring' } });
    });
    it('reads the plan header', () => {
      expect(plan.number).toBe('/KH-BCĐ');
      expect(plan.title.startsWith('Kế hoạch hoạt động Quý IV năm 2025')).toBe(true);
    });
  });

  describe('001 Bình Lư (PDF-extracted)', () => {
    const text = read('001_7445e7d735843406.txt');
    const { plan, form, tables } = parsePlanText(text);
    it('is detected as PDF-extracted text and gives 37 tasks in 7 Roman sections on KHCN/CĐS', () => {
      expect(form).toBe('pdf-text');
      expect(tables.find((t) => t.kind === 'tasks')).toMatchObject({ title: 'Phụ lục', count: 37, track: 'khcn-cds' });
      expect(plan.tasks).toHaveLength(37);
      const bySection = countBy(plan.tasks, (t) => t.group![1]!.split('.')[0]!);
      expect(bySection).toEqual({ I: 8, II: 3, III: 9, IV: 1, V: 12, VI: 3, VII: 1 });
      expect(new Set(plan.tasks.map((t) => t.track))).toEqual(new Set(['khcn-cds']));
      expect(plan.issuer).toBe('UBND xã Bình Lư');
      expect(plan.title).toMatch(/^Kế hoạch thực hiện Chương trình hành động số 63-CTr\/TU .* chuyển đổi số quốc gia$/);
    });
    it('keeps section II as printed (1, 3, 4) and warns about the missing 2', () => {
      expect(plan.tasks.filter((t) => t.group![1]!.startsWith('II.')).map((t) => t.ordinal)).toEqual(['1', '3', '4']);
      const gap = plan.warnings.filter((w) => w.code === 'other' && /nhảy từ 1 lên 3/.test(w.message));
      expect(gap).toHaveLength(1);
      expect(gap[0]!.line).toBe(528);
    });
    it('reads the 12 numbered targets to 2030 as indicators', () => {
      expect(plan.indicators.map((i) => i.ordinal)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
      expect(plan.indicators[0]).toMatchObject({ name: 'Tỷ lệ phủ sóng 5G trên địa bàn tối thiểu 45%', unit: '%', target: 'tối thiểu 45%' });
      expect(plan.indicators[1]!.name).toBe('Có ≥ 45% người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gbps/s');
      expect(plan.indicators[10]).toMatchObject({ target: '', unit: '' });
    });
    it('first task: every column rebuilt from the line-broken cells', () => {
      const first = plan.tasks[0]!;
      expect(first).toMatchObject({
        ordinal: '1',
        group: ['Phụ lục', 'I. Công tác chỉ đạo điều hành, nâng cao nhận thức về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số'],
        content: 'Phát huy vai trò người đứng đầu tại cơ quan, đơn vị, lãnh đạo, chỉ đạo, kiểm tra việc cụ thể hóa Nghị quyết số 57-NQ/TW phù hợp với chức năng, nhiệm vụ và điều kiện thực tiễn tại cơ quan, đơn vị.',
        leadsText: 'Phòng Văn hóa – Xã hội',
        output: 'Phân công nhiệm vụ của người đứng đầu tại cơ quan, đơn vị.',
        deadline: { raw: 'Nhiệm vụ thường xuyên', kind: 'recurring' },
        source: { line: 276 },
      });
    });
    it('multi-agency cell: wrapped entries joined, bullets split, lead apart from partners', () => {
      const first = plan.tasks[0]!;
      expect(first.partners).toEqual(['Các phòng chuyên môn UBND xã', 'Các cơ quan, đơn vị']);
      // Content and lead printed on one line; lead without bullet, partners bulleted from its second line.
      const v4 = plan.tasks.find((t) => t.group![1]!.startsWith('V.') && t.ordinal === '4')!;
      expect(v4.leadsText).toBe('VP HĐND-UBND xã');
      expect(v4.partners).toEqual(['Các phòng chuyên môn UBND xã', 'Các cơ quan, đơn vị']);
      const i6 = plan.tasks.find((t) => t.group![1]!.startsWith('I.') && t.ordinal === '6')!;
      expect(i6.leadsText).toBe('- Trung tâm văn hóa, thể thao và truyền thông');
      expect(i6.partners).toEqual(['Các phòng chuyên môn UBND xã', 'Các cơ quan, đơn vị', 'Trung tâm văn hóa, thể thao và truyền thông xã']);
      expect(i6.output).toBe('Các chuyên đề, chuyên mục, tin/bài.');
      const i4 = plan.tasks.find((t) => t.group![1]!.startsWith('I.') && t.ordinal === '4')!;
      expect(i4.content.endsWith('cán bộ khoa học và công nghệ')).toBe(true);
      expect(i4.leadsText).toBe('Phòng Văn hóa – Xã hội');
    });
    it('rows across page breaks: the page number is dropped, a deadline on the next page joins its row', () => {
      const iii2 = plan.tasks.find((t) => t.group![1]!.startsWith('III.') && t.ordinal === '2')!;
      const iii3 = plan.tasks.find((t) => t.group![1]!.startsWith('III.') && t.ordinal === '3')!;
      expect(iii2).toMatchObject({ output: 'Văn bản rà soát.', deadline: { kind: 'month', due: '2025-06-30' } });
      expect(iii3.content.startsWith('Đẩy mạnh kết nối, chia sẻ dữ liệu')).toBe(true);
      expect(iii3).toMatchObject({ output: 'Các kết nối, chia sẻ hoàn thành', deadline: { kind: 'recurring', cadence: 'monthly' } });
      // V.12 has no output; its deadline cell printed at the top of the next page.
      const v12 = plan.tasks.find((t) => t.group![1]!.startsWith('V.') && t.ordinal === '12')!;
      expect(v12).toMatchObject({ output: '', deadline: { kind: 'date', due: '2025-12-31' } });
      expect(v12.content).toBe('Tổ chức khai thác, sử dụng các hệ thống thông tin, cơ sở dữ liệu dùng chung và các phần mềm nghiệp vụ của cơ quan đảng đúng quy định, hiệu quả.');
    });
    it('last task, and the task printed without a deadline', () => {
      const last = plan.tasks.at(-1)!;
      expect(last).toMatchObject({
        ordinal: '1',
        group: ['Phụ lục', 'VII. Tăng cường hợp tác quốc tế trong phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số'],
        content: 'Hợp tác với các tổ chức để phát triển công nghệ và đào tạo nhân lực số theo hướng dẫn của UBND tỉnh',
        leadsText: 'Phòng Văn hóa – Xã hội',
        output: 'Chương trình hợp tác.',
        deadline: { kind: 'recurring' },
      });
      const vi3 = plan.tasks.at(-2)!;
      expect(vi3).toMatchObject({ ordinal: '3', output: 'Chương trình được ban hành.', deadline: { kind: 'none' } });
      expect(plan.warnings.some((w) => w.code === 'deadline-unresolved' && w.line === vi3.source?.line)).toBe(true);
    });
  });

  describe('002 Thái Nguyên KH 44', () => {
    const { plan } = parse('002_4aad64e552c58ff4.txt');
    it('83 tasks under 5 source sections with Nhóm groups and source documents', () => {
      expect(plan.tasks).toHaveLength(83);
      expect(plan.tasks.map((t) => t.ordinal)).toEqual(Array.from({ length: 83 }, (_, i) => String(i + 1)));
      expect(Object.keys(countBy(plan.tasks, (t) => t.group![1]!))).toHaveLength(5);
      expect(plan.tasks[0]!.group).toEqual(['Phụ lục', 'I. Thông báo kết luận - BCĐTW', 'Nhóm 8 - Công tác chỉ đạo điều hành, tổ chức thực hiện']);
      expect(plan.tasks.every((t) => t.sourceDoc !== '' && /Nhóm/.test(t.group!.at(-1)!))).toBe(true);
      expect(plan.tasks.at(-1)!.group![1]).toBe('V. Nghị quyết 71');
      expect(plan).toMatchObject({ number: '44/KH-UBND', date: '2025-11-15' });
    });
    it('reads a group row printed as one cell with no tabs (line 191, "V.1 Nhóm 1 - …") as the group of task 83', () => {
      expect(plan.tasks.at(-1)!.group!.at(-1)).toMatch(/^Nhóm 1 - Nâng cao nhận thức/);
      expect(plan.tasks[81]!.group!.at(-1)).toMatch(/^Nhóm 3 - Tăng cường đầu tư/);
      expect(plan.warnings.filter((w) => w.code === 'unreadable-row')).toEqual([]);
    });
    it('"(Nhiệm vụ thường xuyên)" in the text makes a dated task recur; <p> is stripped', () => {
      const t3 = plan.tasks[2]!;
      expect(t3.deadline).toMatchObject({ kind: 'date', due: '2025-12-15', cadence: 'ongoing' });
      expect(t3.leads).toEqual(['Các sở, ban, ngành', 'Ủy ban nhân dân các xã, phường']);
      expect(plan.tasks[27]!.content).not.toMatch(/<p>/);
    });
    it('records the weekly reporting rhythm: units by 9:00 Friday, Sở KH&CN by 17:00 Friday', () => {
      expect(plan.rhythm.map((r) => r.cadence)).toEqual(['weekly', 'weekly']);
      expect(plan.rhythm[0]!.text).toMatch(/^Định kỳ báo cáo UBND tỉnh .* muộn nhất vào 9h00' sáng ngày thứ Sáu hằng tuần/);
      expect(plan.rhythm[1]!.text).toMatch(/^Định kỳ trước 17h00' ngày thứ Sáu hằng tuần, tổng hợp báo cáo/);
    });
  });

  describe('003 Lào Cai 2026', () => {
    const { plan, tables } = parse('003_7446053ca8f2eaca.txt');
    it('13 indicators; 61/21/18 tasks; 36 work items (9 + 13 + 7 + 7)', () => {
      expect(plan.indicators).toHaveLength(13);
      expect(plan.indicators[0]).toMatchObject({ ordinal: '1', name: 'Mở rộng phủ sóng 5G', unit: '%', target: '≥ 70', monitors: ['Sở Khoa học và Công nghệ'] });
      expect(tables.filter((t) => t.kind === 'tasks').map((t) => [t.title, t.count])).toEqual([
        ['Phụ lục II', 61],
        ['Phụ lục III', 21],
        ['Phụ lục IV', 18],
      ]);
      expect(countBy(plan.workItems!, (w) => w.group![1]!.slice(0, 2))).toEqual({ '2.': 9, '3.': 13, '4.': 7, '5.': 7 });
    });
    it('Phụ lục II: 7 sections, IV on Đề án 06, VI on CCHC, the rest KHCN/CĐS', () => {
      const inII = plan.tasks.filter((t) => t.group![0] === 'Phụ lục II');
      const tracks = countBy(inII, (t) => `${t.group![1]!.split('.')[0]} ${t.track}`);
      expect(Object.keys(tracks)).toHaveLength(7);
      expect(tracks['IV de-an-06']).toBeGreaterThan(0);
      expect(tracks['VI cchc']).toBe(3);
      expect(Object.keys(tracks).filter((k) => !k.startsWith('IV ') && !k.startsWith('VI ')).every((k) => k.endsWith('khcn-cds'))).toBe(true);
    });
    it('page-break continuation rows are appended to the task above', () => {
      const t4 = plan.tasks.find((t) => t.group![0] === 'Phụ lục II' && t.content.startsWith('Rà soát, đề xuất sửa đổi, bổ sung quy định của tỉnh về quản lý, sử dụng tài sản công'))!;
      expect(t4.content).toMatch(/xử lý nhà, đất của các cơ quan/);
      const split = plan.tasks.find((t) => t.content.startsWith('Chỉ đạo các cơ quan, đơn vị, huy động mọi nguồn lực'))!;
      expect(split.output).toBe('Các lỗ hổng bảo mật được khắc phục; báo cáo kết quả.');
      expect(split.deadline).toMatchObject({ kind: 'date', due: '2026-04-30' });
    });
    it('monthly reports before the 25th and the annual one before 30/11/2026, one entry each', () => {
      expect(plan.rhythm.map((r) => r.cadence)).toEqual(['monthly', 'yearly']);
      expect(plan.rhythm[0]!.text).toMatch(/^định kỳ báo cáo kết quả .* gửi về Sở Khoa học và Công nghệ \(Cơ quan Thường trực Ban Chỉ đạo\) trước ngày 25 hằng tháng$/);
      expect(plan.rhythm[1]!.text).toBe('báo cáo kết quả thực hiện năm trước ngày 30/11/2026');
    });
  });

  describe('004 Thanh Hóa Đề án 06 2025', () => {
    const text = read('004_0f880a7b6638bed9.txt');
    const { plan } = parsePlanText(text);
    it('has no final newline and gives 64 tasks in 10 groups on Đề án 06, as the body declares', () => {
      expect(text.endsWith('\n')).toBe(false);
      expect(plan.tasks.map((t) => t.ordinal)).toEqual(Array.from({ length: 64 }, (_, i) => String(i + 1)));
      expect(Object.values(countBy(plan.tasks, (t) => t.group![1]!))).toEqual([6, 13, 11, 3, 9, 7, 4, 5, 1, 5]);
      expect(new Set(plan.tasks.map((t) => t.track))).toEqual(new Set(['de-an-06']));
      expect(plan.warnings.filter((w) => w.code === 'count-mismatch')).toEqual([]);
      expect(plan.roVariant).toBe('4ro');
    });
    it('monthly reports before the 15th, the 6-month one before 15/6 and the annual one before 15/12', () => {
      expect(plan.rhythm).toEqual([
        { cadence: 'monthly', text: 'định kỳ hàng tháng (trước ngày 15 hàng tháng)' },
        { cadence: 'half-yearly', text: '6 tháng (trước ngày 15/6)' },
        { cadence: 'yearly', text: '01 năm (trước ngày 15/12)' },
      ]);
    });
    it('joins rows split across a repeated header', () => {
      const t9 = plan.tasks[8]!;
      expect(t9.content).toMatch(/gần nhất để nộp hồ sơ giao dịch/);
      expect(t9.partnersText).toMatch(/UBND cấp huyện; UBND cấp xã$/);
      const t39 = plan.tasks[38]!;
      expect(t39.leadsText).toBe('Sở Giáo dục và Đào tạo');
      expect(t39.deadline.kind).toBe('recurring');
    });
    it('warns when a group holds fewer tasks than the body declares', () => {
      const broken = text.replace(/\n64\t[^\n]*$/, '');
      const { plan: short } = parsePlanText(broken);
      expect(short.tasks).toHaveLength(63);
      expect(short.warnings.filter((w) => w.code === 'count-mismatch').length).toBeGreaterThanOrEqual(1);
    });
  });

  it('every task deadline parses to a kind; none and conditional carry a reason', () => {
    for (const name of ['000_90562d8295c9ca09.txt', '001_7445e7d735843406.txt', '002_4aad64e552c58ff4.txt', '003_7446053ca8f2eaca.txt', '004_0f880a7b6638bed9.txt']) {
      const { plan } = parse(name);
      for (const t of [...plan.tasks, ...(plan.workItems ?? [])]) {
        expect(t.deadline.kind).toBeTruthy();
        if (t.deadline.kind === 'none' || t.deadline.kind === 'conditional') expect(t.deadline.reason, `${name} ${t.ordinal} ${t.deadline.raw}`).toBeTruthy();
      }
    }
  });
});
