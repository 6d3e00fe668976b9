// @vitest-environment happy-dom
// Filters: URL query round-trip and what each filter keeps, including diacritic-insensitive search.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useFilterStore } from './filters.ts';
import { buildTaskView } from '../lib/taskView.ts';
import { check, makeTask } from '../testing/factory.ts';

const today = '2025-11-20';
const views = [
  buildTaskView(makeTask({ id: 'a', leads: ['Sở Khoa học và Công nghệ'], leadsText: 'Sở KH&CN', content: 'Số hóa hồ sơ' }), [check('ro-viec', true), check('ro-ket-qua', false, 'Chưa nêu sản phẩm')], today),
  buildTaskView(makeTask({ id: 'b', track: 'de-an-06', leads: ['Công an tỉnh'], leadsText: 'Công an tỉnh', deadline: { raw: 'Tháng 9/2025', kind: 'month', due: '2025-09-30', flags: [] } }), [check('ro-viec', true)], today),
  buildTaskView(makeTask({ id: 'c', deadline: { raw: 'Thường xuyên', kind: 'recurring', cadence: 'ongoing', flags: [] } }), [], today),
  buildTaskView(makeTask({ id: 'd', deadline: { raw: '25/11/2025', kind: 'date', due: '2025-11-25', flags: [] } }), [], today),
  // Finished: once late, once on time. Neither is "quá hạn" any more.
  buildTaskView(makeTask({ id: 'e', column: 'done', completedAt: '2025-10-02', deadline: { raw: 'Tháng 9/2025', kind: 'month', due: '2025-09-30', flags: [] } }), [], today),
  buildTaskView(makeTask({ id: 'f', column: 'done', completedAt: '2025-09-20', deadline: { raw: 'Tháng 9/2025', kind: 'month', due: '2025-09-30', flags: [] } }), [], today),
];
const kept = (pred: ((v: (typeof views)[number]) => boolean) | null): string[] => views.filter(pred ?? (() => true)).map((v) => v.task.id);

beforeEach(() => setActivePinia(createPinia()));

describe('filter store', () => {
  it('reads the URL query and writes back only what is set', () => {
    const f = useFilterStore();
    f.fromQuery({ track: 'cchc', time: 'late', q: 'so khcn', status: 'doing-late', due: '30', bogus: 'x' });
    expect(f.filters).toEqual({ track: 'cchc', lead: '', time: 'late', fail: '', q: 'so khcn', status: 'doing-late', due: '30' });
    expect(f.query).toEqual({ track: 'cchc', time: 'late', q: 'so khcn', status: 'doing-late', due: '30' });
    // And back again: the written query reads to the same filters.
    const copy = useFilterStore();
    copy.fromQuery(f.query as Record<string, string>);
    expect(copy.filters).toEqual(f.filters);
  });

  it('reads "soon" in links from before finished tasks had chips of their own as "due-soon"', () => {
    const f = useFilterStore();
    f.fromQuery({ time: 'soon' });
    expect(f.filters.time).toBe('due-soon');
  });

  it('ignores an unknown timeliness value in a hand-edited link', () => {
    const f = useFilterStore();
    f.fromQuery({ time: 'someday' });
    expect(f.filters.time).toBe('');
    expect(f.active).toBe(false);
  });

  it('keeps the same filters object when the URL echoes what is already set', () => {
    const f = useFilterStore();
    f.set('lead', 'Công an tỉnh');
    const before = f.filters;
    f.fromQuery({ lead: 'Công an tỉnh' });
    expect(f.filters).toBe(before);
  });

  it('matches "so khcn" against "Sở KH&CN" without diacritics', () => {
    const f = useFilterStore();
    f.set('q', 'so khcn');
    expect(kept(f.predicate)).toEqual(['a']);
    f.set('q', 'SO HOA');
    expect(kept(f.predicate)).toEqual(['a']);
  });

  it('filters by track, lead, timeliness and failed criterion, and resets', () => {
    const f = useFilterStore();
    expect(f.predicate).toBeNull();
    f.set('track', 'de-an-06');
    expect(kept(f.predicate)).toEqual(['b']);
    f.reset();
    f.set('lead', 'Sở Khoa học và Công nghệ');
    expect(kept(f.predicate)).toEqual(['a']);
    f.reset();
    f.set('time', 'late');
    expect(kept(f.predicate)).toEqual(['b']);
    f.set('time', 'due-soon');
    expect(kept(f.predicate)).toEqual(['d']);
    f.set('time', 'recurring');
    expect(kept(f.predicate)).toEqual(['c']);
    f.set('time', 'done-late');
    expect(kept(f.predicate)).toEqual(['e']);
    f.set('time', 'done-on-time');
    expect(kept(f.predicate)).toEqual(['f']);
    f.set('time', 'on-time');
    expect(kept(f.predicate)).toEqual(['a']);
    f.reset();
    f.set('fail', 'ro-ket-qua');
    expect(kept(f.predicate)).toEqual(['a']);
    f.reset();
    expect(f.query).toEqual({});
    expect(kept(f.predicate)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
