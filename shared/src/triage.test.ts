import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFailures } from './api.ts';
import { RO_CRITERIA, checkTask } from './checklist/rules.ts';
import { parseDeadline } from './deadline.ts';
import { blankTask } from './factories.ts';
import { parsePlanText } from './import/parse.ts';
import type { Task } from './model.ts';
import { cadencePatch, deadlinePatch, fixesFor, ownerPatch, pickLeadPatch, planBulkFix, trackPatch, triage, triageHeading, type FixPatch } from './triage.ts';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seedPlan = (prefix: string) => parsePlanText(readFileSync(new URL(readdirSync(SEEDS).find((f) => f.startsWith(prefix))!, SEEDS), 'utf8')).plan;

let n = 0;
const task = (fields: Partial<Task> = {}): Task =>
  blankTask({
    id: `t${++n}`,
    boardId: 'b',
    track: 'cchc',
    rank: n,
    content: 'Xây dựng Kế hoạch chuyển đổi số năm 2026',
    leads: ['Sở Nội vụ'],
    partners: ['Sở Tư pháp'],
    deadline: parseDeadline('Quý II/2026'),
    output: 'Kế hoạch được ban hành',
    createdAt: '2025-11-01T00:00:00Z',
    ...fields,
  });
const criteria = RO_CRITERIA['5ro'];
/** The payload's failure map for tasks, from the 5 rõ rules. */
const failuresOf = (tasks: readonly Task[]) => Object.fromEntries(tasks.map((t) => [t.id, checkFailures(checkTask(t, '5ro'), criteria)]).filter(([, f]) => f!.length > 0));
const applyPatch = (t: Task, patch: FixPatch): Task => ({ ...t, ...patch });
const fails = (t: Task, id: string, variant: '4ro' | '5ro' | '6ro' = '5ro') => checkTask(t, variant).some((c) => c.id === id && !c.pass);

describe('triage', () => {
  it('groups failing tasks by criterion in checklist order, headed "Chưa rõ thời gian: n"', () => {
    const tasks = [
      task({ id: 'ok' }),
      task({ id: 'cond', deadline: parseDeadline('Theo hướng dẫn của Bộ Công an') }),
      task({ id: 'bare', deadline: parseDeadline('Thường xuyên'), output: '' }),
      task({ id: 'three', leads: ['Sở Nội vụ', 'Sở KH&CN', 'UBND các xã, phường'] }),
    ];
    const t = triage(tasks, failuresOf(tasks), criteria);
    expect(t.total).toBe(4);
    expect(t.failingTaskIds).toEqual(['cond', 'bare', 'three']);
    expect(t.groups.map((g) => [g.label, g.count])).toEqual([
      ['Chưa rõ việc', 0],
      ['Chưa rõ người', 1],
      ['Chưa rõ trách nhiệm', 0],
      ['Chưa rõ thời gian', 2],
      ['Chưa rõ kết quả', 1],
    ]);
    expect(t.groups[3]!.taskIds).toEqual(['cond', 'bare']);
    expect(triageHeading(t.groups[3]!)).toBe('Chưa rõ thời gian: 2');
  });
  it('takes a lookup as well as the payload map; keeps a criterion the checklist does not list', () => {
    const lookup = (id: string) => (id === 'a' ? [{ id: 'ro-x', label: 'Rõ địa bàn' }, { id: 'ro-x', label: 'Rõ địa bàn' }] : undefined);
    const t = triage([{ id: 'a' }, { id: 'b' }], lookup, criteria);
    expect(t.groups.at(-1)).toEqual({ id: 'ro-x', label: 'Chưa rõ địa bàn', count: 1, taskIds: ['a'] });
    expect(t.failingTaskIds).toEqual(['a']);
  });
  it('counts a seed board the way the rules judge it task by task (Lào Cai 2026)', () => {
    const plan = seedPlan('003');
    const tasks = plan.tasks.map((d, i) => task({ ...d, id: `s${i}`, output: d.output ?? '', leadsText: d.leadsText ?? '', partnersText: d.partnersText ?? '' }));
    const t = triage(tasks, failuresOf(tasks), criteria);
    for (const g of t.groups) expect(g.count, g.label).toBe(tasks.filter((x) => fails(x, g.id)).length);
    expect(t.failingTaskIds.length).toBe(tasks.filter((x) => checkTask(x, '5ro').some((c) => !c.pass)).length);
    // The plan's many bare "Thường xuyên" deadlines are its largest group.
    expect(t.groups.find((g) => g.id === 'ro-thoi-gian')!.count).toBeGreaterThan(30);
  });
});

describe('fixesFor', () => {
  it('offers the fix each failure calls for', () => {
    expect(fixesFor(task({ leads: ['A', 'B'] }), 'ro-nguoi')).toEqual(['pick-lead', 'set-owner']);
    expect(fixesFor(task({ leads: ['A', 'B'] }), 'ro-nguoi', { variant: '6ro' })).toEqual(['pick-lead']);
    expect(fixesFor(task({ leads: ['Các sở, ban, ngành'] }), 'ro-nguoi')).toEqual(['set-owner', 'set-lead']);
    expect(fixesFor(task({ leads: ['Các sở, ban, ngành'] }), 'ro-trach-nhiem')).toEqual(['set-lead']);
    expect(fixesFor(task({ partners: ['Sở Nội vụ'] }), 'ro-trach-nhiem')).toEqual(['remove-partner']);
    expect(fixesFor(task({ deadline: parseDeadline('Thường xuyên') }), 'ro-thoi-gian')).toEqual(['set-cadence', 'set-deadline']);
    expect(fixesFor(task({ deadline: parseDeadline('Khi có hướng dẫn của Trung ương') }), 'ro-thoi-gian')).toEqual(['set-deadline']);
    expect(fixesFor(task(), 'ro-san-pham')).toEqual(['set-output']);
    expect(fixesFor(task(), 'ro-tham-quyen')).toEqual(['set-approver']);
    expect(fixesFor(task(), 'ro-khac')).toEqual([]);
  });
});

describe('fix patches: each turns its criterion to pass', () => {
  it('pick one lead among several: the others become partners, without duplicates', () => {
    const t = task({ leads: ['Sở Nội vụ', 'Sở KH&CN', 'UBND các xã, phường'], leadsText: 'Sở Nội vụ, Sở KH&CN, UBND các xã, phường', partners: ['Các sở, ngành, địa phương', 'sở kh&cn'] });
    const patch = pickLeadPatch(t, 'sở nội vụ');
    expect(patch).toEqual({
      leads: ['Sở Nội vụ'],
      leadsText: 'Sở Nội vụ',
      partners: ['Các sở, ngành, địa phương', 'sở kh&cn', 'UBND các xã, phường'],
      partnersText: 'Các sở, ngành, địa phương, sở kh&cn, UBND các xã, phường',
    });
    for (const v of ['4ro', '5ro', '6ro'] as const) {
      expect(fails(t, 'ro-nguoi', v), v).toBe(true);
      expect(fails(applyPatch(t, patch), 'ro-nguoi', v), v).toBe(false);
    }
    // A lead named among the partners leaves them, so it does not both lead and coordinate.
    expect(pickLeadPatch(task({ leads: ['A', 'B'], partners: ['A', 'C'] }), 'A').partners).toEqual(['C', 'B']);
  });
  it('owner: a named person holds a task with a collective lead', () => {
    const t = task({ leads: ['Các sở, ban, ngành'] });
    expect(ownerPatch('  Nguyễn Văn An ')).toEqual({ owner: 'Nguyễn Văn An' });
    expect(fails(applyPatch(t, ownerPatch('Nguyễn Văn An')), 'ro-nguoi')).toBe(false);
  });
  it('deadline typed as printed, read by the shared parser', () => {
    const t = task({ deadline: parseDeadline('Theo hướng dẫn của Bộ Công an') });
    const patch = deadlinePatch('Quý I/2026');
    expect(patch.deadline).toMatchObject({ raw: 'Quý I/2026', kind: 'quarter', due: '2026-03-31' });
    expect(fails(t, 'ro-thoi-gian')).toBe(true);
    expect(fails(applyPatch(t, patch), 'ro-thoi-gian')).toBe(false);
  });
  it('cadence: "Thường xuyên" keeps its words and gains the cadence, for every cadence', () => {
    const t = task({ deadline: parseDeadline('Nhiệm vụ thường xuyên') });
    for (const cadence of ['daily', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'] as const) {
      const patch = cadencePatch(t, cadence);
      expect(patch.deadline, cadence).toMatchObject({ kind: 'recurring', cadence });
      expect(patch.deadline!.raw.startsWith('Nhiệm vụ thường xuyên ('), cadence).toBe(true);
      expect(patch.deadline!.reason, cadence).toBeUndefined();
      expect(fails(applyPatch(t, patch), 'ro-thoi-gian'), cadence).toBe(false);
      // Applying another cadence replaces the one added, rather than stacking them.
      expect(cadencePatch(applyPatch(t, patch), 'monthly').deadline!.raw).toBe('Nhiệm vụ thường xuyên (hằng tháng)');
    }
    expect(cadencePatch(task({ deadline: parseDeadline('Trong năm 2025 và thực hiện thường xuyên') }), 'monthly').deadline).toMatchObject({ due: '2025-12-31', cadence: 'monthly' });
  });
  it('track', () => {
    expect(trackPatch('de-an-06')).toEqual({ track: 'de-an-06' });
  });
});

describe('planBulkFix over a selection', () => {
  const selection = [
    task({ id: 'a', leads: ['Sở Nội vụ', 'Sở KH&CN'], deadline: parseDeadline('Thường xuyên'), owner: 'Nguyễn Văn An' }),
    task({ id: 'b', leads: ['Sở KH&CN', 'Công an tỉnh'], deadline: parseDeadline('Hàng tháng'), version: 4 }),
    task({ id: 'c', leads: ['Sở Nội vụ'], deadline: parseDeadline('31/12/2025'), track: 'de-an-06' }),
  ];
  it('one patch per changed task, with the version it was computed from; the rest skipped with a reason', () => {
    const owner = planBulkFix(selection, { kind: 'owner', owner: 'Nguyễn Văn An' });
    expect(owner.patches.map((p) => [p.taskId, p.version, p.patch])).toEqual([
      ['b', 4, { owner: 'Nguyễn Văn An' }],
      ['c', 1, { owner: 'Nguyễn Văn An' }],
    ]);
    expect(owner.skipped).toEqual([{ taskId: 'a', reason: 'same-owner' }]);

    const lead = planBulkFix(selection, { kind: 'lead', lead: 'Sở KH&CN' });
    expect(lead.patches.map((p) => [p.taskId, p.patch.leads, p.patch.partners])).toEqual([
      ['a', ['Sở KH&CN'], ['Sở Tư pháp', 'Sở Nội vụ']],
      ['b', ['Sở KH&CN'], ['Sở Tư pháp', 'Công an tỉnh']],
    ]);
    expect(lead.skipped).toEqual([{ taskId: 'c', reason: 'lead-not-listed', lead: 'Sở KH&CN' }]);

    const cadence = planBulkFix(selection, { kind: 'cadence', cadence: 'monthly' });
    expect(cadence.patches.map((p) => p.taskId)).toEqual(['a']);
    expect(cadence.skipped).toEqual([
      { taskId: 'b', reason: 'same-cadence' },
      { taskId: 'c', reason: 'not-recurring' },
    ]);

    const deadline = planBulkFix(selection, { kind: 'deadline', text: '31/12/2025' });
    expect(deadline.patches.map((p) => [p.taskId, p.patch.deadline!.due])).toEqual([['a', '2025-12-31'], ['b', '2025-12-31']]);

    const track = planBulkFix(selection, { kind: 'track', track: 'de-an-06' });
    expect(track.patches.map((p) => p.taskId)).toEqual(['a', 'b']);
  });
  it('a bulk fix applied clears its criterion from every task it patched', () => {
    const plan = planBulkFix(selection, { kind: 'lead', lead: 'Sở KH&CN' });
    const after = selection.map((t) => {
      const p = plan.patches.find((x) => x.taskId === t.id);
      return p ? applyPatch(t, p.patch) : t;
    });
    const before = triage(selection, failuresOf(selection), criteria).groups.find((g) => g.id === 'ro-nguoi')!;
    const now = triage(after, failuresOf(after), criteria).groups.find((g) => g.id === 'ro-nguoi')!;
    expect([before.count, now.count]).toEqual([1, 0]); // "a" has an owner, so only "b" failed
  });
});
