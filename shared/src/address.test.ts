// Task addresses: the rule on generated plans (every appendix × section × number combination gets its
// own address), the heading forms the seeds print, and the seeds themselves — in Lào Cai 2026 the
// numbers 1–7 each stand on seven cards, and their addresses must all differ.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sectionNumber, taskAddress, taskMention } from './address.ts';
import { readPlanText } from './import/read-text.ts';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seedPlan = (prefix: string) => readPlanText(readFileSync(new URL(readdirSync(SEEDS).find((f) => f.startsWith(prefix))!, SEEDS), 'utf8'));

describe('sectionNumber', () => {
  it('reads the number a heading starts with, in every form the plans print', () => {
    expect(sectionNumber('IV. Phát triển dữ liệu, định danh')).toBe('IV');
    expect(sectionNumber('2. Phát triển hạ tầng số')).toBe('2');
    expect(sectionNumber('1.2 Hạ tầng')).toBe('1.2');
    expect(sectionNumber('Nhóm 8 - Công tác chỉ đạo điều hành')).toBe('8');
    expect(sectionNumber('a) Nhiệm vụ trọng tâm')).toBe('a');
    expect(sectionNumber('Mục 3: Chuyển đổi số')).toBe('3');
    expect(sectionNumber('Hoàn thiện thể chế, chính sách')).toBe('');
    expect(sectionNumber('Ấn định')).toBe('');
  });
});

describe('taskAddress', () => {
  it('joins appendix, sections and number: "PL II · IV.3"', () => {
    expect(taskAddress({ group: ['Phụ lục II', 'IV. Phát triển dữ liệu'], ordinal: '3' })).toMatchObject({ short: 'PL II · IV.3', long: 'Phụ lục II, mục IV, nhiệm vụ 3', longEn: 'Appendix II, section IV, task 3' });
    expect(taskAddress({ group: ['Phụ lục III'], ordinal: '3.' }).short).toBe('PL III · 3');
    expect(taskAddress({ group: ['Phụ lục', 'I. Thông báo kết luận', 'Nhóm 8 - Công tác chỉ đạo'], ordinal: '1' }).short).toBe('I.8.1');
    expect(taskAddress({ group: ['Phụ lục I', 'Hoàn thiện thể chế, chính sách'], ordinal: '1' }).short).toBe('PL I · 1');
    expect(taskAddress({ group: ['Phụ lục I', 'Hoàn thiện thể chế'], ordinal: '' }).short).toBe('PL I');
    expect(taskAddress({ group: ['I. Về pháp lý'], ordinal: 'I.3' }).short).toBe('I.3');
    expect(taskAddress({ group: [], ordinal: '' })).toMatchObject({ short: '', long: '', longEn: '' });
  });

  it('gives every (appendix, section, number) of a generated plan its own address', () => {
    const appendices = ['Phụ lục I', 'Phụ lục II', 'PHỤ LỤC 3', 'Phụ lục'];
    const sections = [[], ['I. Thể chế'], ['II. Hạ tầng', 'Nhóm 2 - Dữ liệu'], ['2. Nhân lực'], ['b) Doanh nghiệp']];
    const seen = new Map<string, string>();
    for (const a of appendices)
      for (const s of sections)
        for (const n of ['1', '2', '10', '1.1']) {
          const group = [a, ...s];
          const key = JSON.stringify([a.replace(/^PHỤ LỤC 3$/, 'Phụ lục 3'), s, n]);
          const short = taskAddress({ group, ordinal: n }).short;
          // "Phụ lục" alone (one appendix) and no appendix at all are the same place.
          expect(seen.get(short) ?? key, `${short} for ${key}`).toBe(key);
          seen.set(short, key);
        }
    expect(seen.size).toBe(appendices.length * sections.length * 4);
  });

  it('tells apart the seven (or more) cards each number 1–7 stands on in Lào Cai 2026, and every numbered task of every seed plan', () => {
    const lc = seedPlan('003').plan;
    for (const n of ['1', '2', '3', '4', '5', '6', '7']) {
      const cards = lc.tasks.filter((t) => t.ordinal === n);
      // Seven or more: every section of Phụ lục II and the two appendices after it start again at 1.
      expect(cards.length, `number ${n}`).toBeGreaterThanOrEqual(7);
      expect(new Set(cards.map((t) => taskAddress({ group: t.group ?? [], ordinal: n }).short)).size, `number ${n}`).toBe(cards.length);
    }
    expect(taskAddress({ group: lc.tasks.find((t) => t.ordinal === '3' && t.group?.[1]?.startsWith('IV.'))!.group!, ordinal: '3' }).short).toBe('PL II · IV.3');
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const { plan } = seedPlan(prefix);
      const numbered = plan.tasks.filter((t) => t.ordinal);
      // Where the plan itself prints a (section, number) twice, its address cannot differ either; elsewhere it must.
      const places = new Set(numbered.map((t) => JSON.stringify([t.group, t.ordinal])));
      const addresses = new Set(numbered.map((t) => taskAddress({ group: t.group ?? [], ordinal: t.ordinal ?? '' }).short));
      expect(addresses.size, prefix).toBe(places.size);
    }
  });
});

describe('taskMention', () => {
  const content = 'Phổ cập kỹ năng số cho người dân và cán bộ, công chức cấp xã trên địa bàn tỉnh';

  it('names a numbered task by its address alone', () => {
    expect(taskMention({ group: ['Phụ lục III', 'IV. Dữ liệu'], ordinal: '7', content })).toBe('PL III · IV.7');
    expect(taskMention({ group: [], ordinal: '12.', content })).toBe('12');
  });

  it('adds the start of the content, cut at a word, when the address has no number of its own', () => {
    expect(taskMention({ group: ['Phụ lục III'], ordinal: '', content })).toBe('PL III «Phổ cập kỹ năng số cho người dân và cán bộ, công…»');
    expect(taskMention({ group: [], ordinal: '', content: 'Báo cáo  tháng\n11' })).toBe('«Báo cáo tháng 11»');
    expect(taskMention({ group: [], ordinal: '', content: 'x'.repeat(60) })).toBe(`«${'x'.repeat(48)}…»`);
  });

  it('never falls back to nothing', () => {
    expect(taskMention({ group: ['Phụ lục I'], ordinal: '', content: ' ' })).toBe('PL I');
    expect(taskMention({ group: [], ordinal: '', content: '' })).toBe('—');
  });

  it('tells apart the same number in two appendices of a generated plan', () => {
    const mentions = new Set<string>();
    for (const appendix of ['Phụ lục I', 'Phụ lục II', 'Phụ lục III']) for (const n of ['1', '2', '7']) mentions.add(taskMention({ group: [appendix], ordinal: n, content }));
    expect(mentions.size).toBe(9);
  });
});
