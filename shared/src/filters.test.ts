// The filter model shared by the web app and the export route: query round trips and, for every
// combination of filters over generated tasks, the predicate keeps exactly what each rule says.
import { describe, expect, it } from 'vitest';
import { blankTask } from './factories.ts';
import { parseDeadline } from './deadline.ts';
import { timelinessChip } from './status.ts';
import { fold } from './fold.ts';
import { CHIP_KINDS, emptyFilters, filterTasks, filtersFromQuery, filtersToQuery, isFiltering, narrowing, sameFilters, type BoardFilters } from './filters.ts';
import type { ColumnId, Task } from './model.ts';
import { prng } from './testing/prng.ts';

const today = '2025-11-20';
const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
const leads = [['Sở Khoa học và Công nghệ'], ['Công an tỉnh'], ['Sở Nội vụ', 'Sở Tư pháp'], []];
const deadlines = ['Tháng 9/2025', '25/11/2025', '31/12/2025', 'Thường xuyên', 'Khi có hướng dẫn của Trung ương'];
const columns: ColumnId[] = ['todo', 'doing', 'review', 'done'];
const contents = ['Số hóa hồ sơ, kết quả giải quyết TTHC', 'Triển khai VNeID mức 2', 'Báo cáo Sở KH&CN về chuyển đổi số'];

/** Every combination of the dimensions a filter looks at, so each rule is checked against all of them. */
const tasks: Task[] = [];
let n = 0;
for (const track of tracks)
  for (const lead of leads)
    for (const raw of deadlines)
      for (const column of columns) {
        n++;
        tasks.push(
          blankTask({ id: `t${n}`, boardId: 'b', track, rank: n, column, content: contents[n % contents.length]!, leads: lead, leadsText: lead.join(', '), deadline: parseDeadline(raw), createdAt: '' }),
        );
      }
/** Every third task fails "rõ kết quả". */
const failed = (t: Task) => (Number(t.id.slice(1)) % 3 === 0 ? [{ id: 'ro-ket-qua' }] : []);

describe('filters from and to the URL query', () => {
  it('reads what is set, ignores unknown keys and an unknown timeliness, and writes back only what is set', () => {
    const f = filtersFromQuery({ track: 'cchc', time: 'late', q: 'so khcn', bogus: 'x', lead: ['Công an tỉnh', 'Sở Nội vụ'] });
    expect(f).toEqual({ track: 'cchc', lead: 'Công an tỉnh', time: 'late', fail: '', q: 'so khcn', status: '', due: '' });
    expect(filtersToQuery(f)).toEqual({ track: 'cchc', lead: 'Công an tỉnh', time: 'late', q: 'so khcn' });
    expect(filtersFromQuery(filtersToQuery(f))).toEqual(f);
    expect(filtersFromQuery({ time: 'someday' }).time).toBe('');
    expect(filtersFromQuery({ track: null, q: undefined })).toEqual(emptyFilters());
    expect(isFiltering(emptyFilters())).toBe(false);
    expect(filtersToQuery({ ...emptyFilters(), lead: '   ' })).toEqual({});
  });
  it('survives URLSearchParams, as the server reads the export link', () => {
    const f: BoardFilters = { track: 'khcn-cds', lead: 'Sở Khoa học và Công nghệ', time: 'due-soon', fail: 'ro-ket-qua', q: 'số hóa & "TTHC"', status: 'doing-on-time', due: '30' };
    const params = new URLSearchParams(filtersToQuery(f));
    expect(filtersFromQuery(Object.fromEntries(params))).toEqual(f);
  });
});

describe('filterTasks keeps what each rule says, for every combination', () => {
  const expected = (f: BoardFilters, t: Task): boolean => {
    const chip = timelinessChip(t, today).kind;
    const words = fold([t.ordinal, t.content, t.leadsText, t.partnersText, t.output, t.owner, t.deadline.raw].join(' ')).split(' ');
    const terms = fold(f.q).split(' ').filter(Boolean);
    return (
      (!f.track || t.track === f.track) &&
      (!f.lead || t.leads.includes(f.lead)) &&
      (!f.time || chip === f.time) &&
      (!f.fail || failed(t).some((c) => c.id === f.fail)) &&
      terms.every((term) => words.some((w) => w.startsWith(term)))
    );
  };
  const cases: BoardFilters[] = [];
  for (const track of ['', ...tracks])
    for (const lead of ['', 'Công an tỉnh', 'Sở Tư pháp'])
      for (const time of ['', ...CHIP_KINDS] as const)
        for (const fail of ['', 'ro-ket-qua'])
          for (const q of ['', 'so hoa', 'VNeID']) cases.push({ track, lead, time, fail, q, status: '', due: '' });

  it(`over ${tasks.length} tasks and ${cases.length} filter combinations`, () => {
    for (const f of cases) {
      const kept = filterTasks(tasks, f, { today, failed }).map((t) => t.id);
      expect(kept, JSON.stringify(f)).toEqual(tasks.filter((t) => expected(f, t)).map((t) => t.id));
    }
  });
  it('every chip kind occurs, so the timeliness cases are not vacuous', () => {
    const chips = new Set(tasks.map((t) => timelinessChip(t, today).kind));
    expect([...chips].sort()).toEqual([...CHIP_KINDS].sort());
  });
  it('keeps every task, in order, when nothing filters', () => {
    expect(filterTasks(tasks, emptyFilters(), { today })).toEqual(tasks);
  });
  it('finds "Sở KH&CN" and "Sở Khoa học và Công nghệ" by "so khcn" without diacritics', () => {
    const kept = filterTasks(tasks, { ...emptyFilters(), q: 'so khcn' }, { today });
    const named = (t: Task) => t.content.includes('Sở KH&CN') || t.leads.includes('Sở Khoa học và Công nghệ');
    expect(kept.map((t) => t.id)).toEqual(tasks.filter(named).map((t) => t.id));
  });
});

describe('status and due-within filters (what a dashboard bar opens)', () => {
  const today = '2025-12-10';
  const mk = (id: string, column: Task['column'], due: string | undefined): Task =>
    ({ id, track: 'cchc', column, leads: ['Sở Nội vụ'], partners: [], ordinal: id, content: id, leadsText: '', partnersText: '', output: '', owner: '', extensions: [], deadline: due ? { raw: due, kind: 'date', due, flags: [] } : { raw: 'Thường xuyên', kind: 'recurring', cadence: 'ongoing', flags: [] }, ...(column === 'done' ? { completedAt: '2025-12-01' } : {}) }) as unknown as Task;
  const tasks = [mk('a', 'todo', '2025-12-01'), mk('b', 'doing', '2025-12-01'), mk('c', 'review', '2025-12-15'), mk('d', 'todo', '2026-01-05'), mk('e', 'done', '2025-11-20'), mk('f', 'doing', undefined), mk('g', 'todo', '2025-12-10')];
  const ids = (q: Record<string, string>) => filterTasks(tasks, filtersFromQuery(q), { today }).map((t) => t.id);

  it('keeps the tasks of one report bucket, review counted with "doing" as reports do', () => {
    expect(ids({ status: 'todo-late' })).toEqual(['a']);
    expect(ids({ status: 'doing-late' })).toEqual(['b']);
    expect(ids({ status: 'doing-on-time' })).toEqual(['c']);
    expect(ids({ status: 'done-late' })).toEqual(['e']);
    expect(ids({ status: 'recurring-undated' })).toEqual(['f']);
    expect(ids({ status: 'todo-on-time', track: 'cchc' })).toEqual(['d', 'g']);
  });

  it('keeps open tasks due from today to N days ahead; drops a malformed value instead of keeping everything or nothing', () => {
    expect(ids({ due: '7' })).toEqual(['c', 'g']);
    expect(ids({ due: '30' })).toEqual(['c', 'd', 'g']);
    expect(filtersFromQuery({ due: '0' }).due).toBe('');
    expect(filtersFromQuery({ due: 'abc', status: 'nope' })).toMatchObject({ due: '', status: '' });
    expect(filtersToQuery(filtersFromQuery({ due: '007', status: 'doing-late' }))).toEqual({ due: '7', status: 'doing-late' });
  });
});

describe('a recurring task whose period report is late', () => {
  const today = '2025-12-10';
  const recurring = (id: string, deadline: string, reported: string[]): Task =>
    blankTask({ id, boardId: 'b', track: 'cchc', rank: 1, content: id, deadline: parseDeadline(deadline), createdAt: '2025-01-01T00:00:00Z', periodReports: reported.map((period) => ({ period, done: true, note: '', at: '2025-11-01T00:00:00Z' })) });
  // December's report was due on the 5th; the 15th is 5 days away; the other one reported December.
  const tasks = [recurring('late', 'Hằng tháng (trước ngày 5)', ['2025-11']), recurring('soon', 'Hằng tháng (trước ngày 15)', ['2025-11']), recurring('settled', 'Hằng tháng (trước ngày 5)', ['2025-11', '2025-12'])];
  const ids = (q: Record<string, string>) => filterTasks(tasks, filtersFromQuery(q), { today }).map((t) => t.id);

  it('shows under "Quá hạn" and "Sắp đến hạn" as any task does, and stays in the recurring report bucket', () => {
    expect(ids({ time: 'late' })).toEqual(['late']);
    expect(ids({ time: 'due-soon' })).toEqual(['soon']);
    expect(ids({ time: 'recurring' })).toEqual(['settled']);
    expect(ids({ status: 'recurring-undated' })).toEqual(['late', 'soon', 'settled']);
    expect(ids({ status: 'todo-late' })).toEqual([]);
    expect(ids({ due: '7' })).toEqual(['soon']);
  });
});

describe('narrowing: when the tasks one filter kept can be filtered again for the next, and for what', () => {
  const rand = prng(20251120);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = ['Sở', 'Khoa', 'học', 'và', 'Công', 'nghệ', 'KH&CN', 'số', 'hóa', 'hồ', 'sơ', 'Đề', 'án', '06', 'VNeID', 'của', 'UBND', 'tỉnh', 'Văn', 'phòng', 'chuyển', 'đổi', 'TT&TT', 'kết', 'nối', 'dữ', 'liệu'];
  const phrase = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');
  const many: Task[] = Array.from({ length: 300 }, (_, i) =>
    blankTask({ id: `g${i}`, boardId: 'b', track: pick(tracks), rank: i, column: pick(columns), content: phrase(4 + Math.floor(rand() * 10)), leads: [phrase(3)], deadline: parseDeadline(pick(deadlines)), createdAt: '' }),
  );
  const kept = (f: BoardFilters, from: readonly Task[] = many) => filterTasks(from, f, { today, failed }).map((t) => t.id);
  /** What a person types: a phrase a key at a time (some of it abbreviated), with the odd backspace and a filter set or cleared on the way. */
  const session = (): BoardFilters[] => {
    const target = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const w = pick(words);
      return rand() < 0.3 ? `${w} ${pick(words)}`.split(' ').map((x) => x[0]).join('') : w;
    }).join(' ');
    const steps: BoardFilters[] = [emptyFilters()];
    let f = emptyFilters();
    for (let i = 1; i <= target.length; i++) {
      const r = rand();
      if (r < 0.1 && i > 1) steps.push((f = { ...f, q: target.slice(0, i - 2) })); // a backspace, then the key again
      else if (r < 0.15) steps.push((f = { ...f, track: f.track ? '' : pick(tracks) }));
      else if (r < 0.2) steps.push((f = { ...f, fail: f.fail ? '' : 'ro-ket-qua' }));
      steps.push((f = { ...f, q: target.slice(0, i) }));
    }
    return steps;
  };

  it('over generated typing sessions: whenever it narrows, filtering the previous result by what it leaves gives exactly the full result', () => {
    let narrowed = 0;
    let refused = 0;
    for (let s = 0; s < 40; s++) {
      const steps = session();
      for (let i = 1; i < steps.length; i++) {
        const [prev, next] = [steps[i - 1]!, steps[i]!];
        const full = kept(next);
        const rest = narrowing(prev, next);
        if (rest) {
          narrowed++;
          const before = new Set(kept(prev));
          const from = many.filter((t) => before.has(t.id));
          expect(full.every((id) => before.has(id)), `${JSON.stringify(prev)} → ${JSON.stringify(next)}`).toBe(true);
          expect(kept(next, from)).toEqual(full);
          expect(kept(rest, from), `${JSON.stringify(prev)} → ${JSON.stringify(next)}, left ${JSON.stringify(rest)}`).toEqual(full);
        } else refused++;
      }
    }
    // Both answers occur, so neither half of the property is vacuous.
    expect(narrowed).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(10);
  });

  it('narrows to a longer word, another word, or a newly set filter, leaving only what is new; not to a shorter query or a changed or cleared filter', () => {
    const f = (fields: Partial<BoardFilters>): BoardFilters => ({ ...emptyFilters(), ...fields });
    expect(narrowing(f({ q: 'so kh' }), f({ q: 'so khcn' }))).toEqual(f({ q: 'khcn' }));
    expect(narrowing(f({ q: 'Sở' }), f({ q: 'so hoa' }))).toEqual(f({ q: 'hoa' }));
    expect(narrowing(f({ q: 'so ' }), f({ q: 'so' }))).toEqual(f({}));
    expect(narrowing(f({ q: 'so', track: 'cchc' }), f({ q: 'so', track: 'cchc', time: 'late' }))).toEqual(f({ time: 'late' }));
    expect(narrowing(f({}), f({ q: 'x', track: 'cchc' }))).toEqual(f({ q: 'x', track: 'cchc' }));
    expect(narrowing(f({ q: 'so khcn' }), f({ q: 'so kh' }))).toBeNull();
    expect(narrowing(f({ q: 'so hoa' }), f({ q: 'so ho' }))).toBeNull();
    expect(narrowing(f({ track: 'cchc' }), f({ track: 'de-an-06' }))).toBeNull();
    expect(narrowing(f({ track: 'cchc' }), f({}))).toBeNull();
    expect(sameFilters(f({ q: 'a' }), f({ q: 'a' }))).toBe(true);
    expect(sameFilters(f({ q: 'a' }), f({ q: 'a ' }))).toBe(false);
  });
});
