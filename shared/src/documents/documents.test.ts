// The Phụ lục and Báo cáo models, checked against the rules they follow on plans' tasks put in every
// state: every task once, groups opened once per change of section, counts that add up, late tasks
// the classification calls late (most days late first), and header values from the board settings.
import { describe, expect, it } from 'vitest';
import { classifyTask, countByStatus } from '../status.ts';
import { blankBoard } from '../factories.ts';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '../testing/snapshots.ts';
import { buildAppendix } from './appendix.ts';
import { NO_LEAD, buildProgressReport, reportBody } from './report.ts';
import { taskAddress } from '../address.ts';
import { nd30Header, nd30Signature, vietnameseDateLine } from './common.ts';
import { periodOf } from '../periods.ts';
import type { Plan, TaskDraft } from '../model.ts';
import { parseDeadline } from '../deadline.ts';

const TODAY = '2025-12-10';
/** A plan generated from a rule: three tracks, nested sections, every deadline form, some tasks without a lead. */
function generatedPlan(n: number): Plan {
  const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
  const deadlines = ['Tháng 9/2025', '15/12/2025', 'Quý IV/2025', 'Thường xuyên', 'Hằng tháng', 'Khi có hướng dẫn của Trung ương', 'Năm 2026'];
  const leads = [['Sở Nội vụ'], ['Công an tỉnh', 'Sở Tư pháp'], [], ['Các sở, ban, ngành']];
  const tasks: TaskDraft[] = Array.from({ length: n }, (_, i) => ({
    track: tracks[Math.floor(i / 7) % 3]!,
    ordinal: String((i % 7) + 1),
    group: [`Phụ lục ${['I', 'II', 'III'][Math.floor(i / 7) % 3]}`, `${(Math.floor(i / 3) % 4) + 1}. Nhóm ${Math.floor(i / 3) % 4}`],
    content: `Nhiệm vụ số ${i + 1}: số hóa hồ sơ, kết quả giải quyết TTHC`,
    leads: leads[i % leads.length]!,
    partners: [],
    deadline: parseDeadline(deadlines[i % deadlines.length]!),
  }));
  return { id: 'gen', title: 'Kế hoạch sinh theo quy tắc', issuer: 'UBND tỉnh', number: '12/KH-UBND', date: '2025-10-01', province: '', sections: [], tasks, indicators: [], rhythm: [], roVariant: '5ro', warnings: [] };
}

describe.each([21, 60, 137])('documents of a generated plan of %i tasks', (n) => {
  const snapshot = { ...snapshotFromPlan(generatedPlan(n), { today: TODAY, settings: SAMPLE_SETTINGS }), period: periodOf(TODAY, 'monthly') };

  it('the Phụ lục holds every task once, and opens a group row only when the section changes', () => {
    const a = buildAppendix(snapshot);
    const taskRows = a.rows.filter((r) => r.kind === 'task');
    expect(taskRows.map((r) => r.taskId).sort()).toEqual(snapshot.tasks.map((t) => t.id).sort());
    // No two identical group rows in a row, and every task row has at least one group above it.
    a.rows.forEach((r, i) => {
      if (r.kind === 'group' && i > 0) expect(a.rows[i - 1]).not.toEqual(r);
    });
    expect(a.rows[0]!.kind).toBe('group');
    expect(a.attachedTo).toBe('(Kèm theo Kế hoạch số 12/KH-UBND ngày 01/10/2025 của UBND tỉnh)');
    for (const r of taskRows) expect(r.cells).toHaveLength(a.columns.length);
  });

  it('the Báo cáo counts add up by track and agency, and lists exactly the late unfinished tasks', () => {
    const r = buildProgressReport(snapshot);
    expect(r.total.counts).toEqual(countByStatus(snapshot.tasks, TODAY));
    const sum = (rows: typeof r.byTrack) => rows.reduce((s, x) => s + x.total, 0);
    expect(sum(r.byTrack)).toBe(snapshot.tasks.length);
    expect(sum(r.byAgency)).toBe(snapshot.tasks.reduce((s, t) => s + Math.max(1, t.leads.length), 0));
    if (snapshot.tasks.some((t) => t.leads.length === 0)) expect(r.byAgency.some((x) => x.label === NO_LEAD)).toBe(true);
    const late = snapshot.tasks.filter((t) => ['todo-late', 'doing-late'].includes(classifyTask(t, TODAY).category));
    expect(r.late.map((l) => l.content).sort()).toEqual(late.map((t) => t.content).sort());
    for (let i = 1; i < r.late.length; i++) expect(r.late[i - 1]!.daysLate).toBeGreaterThanOrEqual(r.late[i]!.daysLate);
    // Recurring tasks are listed apart whether their period report is on time or late; undated ones are not.
    expect(r.recurring.length).toBe(
      snapshot.tasks.filter((t) => {
        const s = classifyTask(t, TODAY);
        return s.category === 'recurring-undated' && s.timeliness !== 'undated';
      }).length,
    );
  });

  it('the Báo cáo names each listed task by its place in the plan, so "1" of Phụ lục I and "1" of Phụ lục II differ; its tables count 1, 2, 3…', () => {
    const r = buildProgressReport(snapshot);
    const byContent = new Map(snapshot.tasks.map((t) => [t.content, t]));
    for (const l of r.late) expect(l.address).toBe(taskAddress(byContent.get(l.content)!).short);
    for (const x of r.recurring) expect(x.address).toMatch(/^PL (I|II|III) · /);
    const tables = reportBody(r).flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    const lateTable = tables.find((tb) => tb.columns.some((c) => c.header === 'Khó khăn, vướng mắc'))!;
    expect(lateTable.rows.map((row) => (row.kind === 'cells' ? row.cells[0] : ''))).toEqual(r.late.map((_, i) => String(i + 1)));
    expect(lateTable.rows.map((row) => (row.kind === 'cells' ? row.cells[1] : ''))).toEqual(r.late.map((l) => `${l.address}: ${l.content}`));
    if (r.late.length > 7) expect(new Set(r.late.map((l) => l.address)).size).toBeGreaterThan(new Set(r.late.map((l) => byContent.get(l.content)!.ordinal)).size);
  });

  it('the Báo cáo counts an extended task against its new date and against the printed one both', () => {
    const base = { ...snapshot, tasks: snapshot.tasks.map((t) => ({ ...t, extensions: [] })) };
    const before = buildProgressReport(base);
    // Every other task with a printed date is given a new one a month after today.
    const dated = base.tasks.filter((t) => t.deadline.due !== undefined && !t.deadline.cadence);
    const chosen = new Set(dated.filter((_, i) => i % 2 === 0).map((t) => t.id));
    const extended = {
      ...base,
      tasks: base.tasks.map((t) => (chosen.has(t.id) ? { ...t, extensions: [{ id: 'x', previousDue: t.deadline.due!, due: '2026-01-10', reason: 'Chờ hướng dẫn', approvedBy: 'Chủ tịch UBND tỉnh', at: '2025-12-01T02:00:00Z' }] } : t)),
    };
    const r = buildProgressReport(extended);
    expect(r.extendedCount).toBe(chosen.size);
    expect(r.total.counts).toEqual(countByStatus(extended.tasks, TODAY));
    // Judged against the printed deadlines, the board reads as it did before any extension.
    expect(r.totalAgainstOriginal.counts).toEqual(before.total.counts);
    if (chosen.size > 0) {
      const o = r.totalAgainstOriginal.counts;
      expect(r.summary).toContain(`${chosen.size} nhiệm vụ đã được gia hạn; tính theo thời hạn ban đầu, ${o['done-late'] + o['doing-late'] + o['todo-late']} nhiệm vụ quá hạn`);
    }
    expect(before.summary).not.toContain('gia hạn');
  });
});

describe('NĐ 30 header and signature', () => {
  it('write dates with a leading zero for days under 10 and for January and February', () => {
    expect(vietnameseDateLine('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(vietnameseDateLine('2025-12-10')).toBe('ngày 10 tháng 12 năm 2025');
    expect(vietnameseDateLine('2025-03-09')).toBe('ngày 09 tháng 3 năm 2025');
  });
  it('leave blanks for a clerk, never a made-up agency, when the settings are empty', () => {
    const board = blankBoard({ id: 'b', title: 'Bảng', createdAt: '' });
    expect(nd30Header(board, TODAY)).toMatchObject({ issuerParent: '', issuer: '……', numberLine: 'Số:        /BC', placeDate: '……, ngày 10 tháng 12 năm 2025' });
    expect(nd30Signature(board)).toEqual({ authority: '', title: '……', name: '', recipients: ['- Lưu: VT.'] });
  });
});

describe('the Báo cáo dates each recurring task\'s report by the rule the board judges it on', () => {
  it('lists the period with its due day, late when it passed unfinished, and keeps the task in the recurring count', () => {
    const draft = (content: string, lead: string, deadline: string): TaskDraft => ({ track: 'cchc', ordinal: '1', group: ['Phụ lục I'], content, leads: [lead], partners: [], deadline: parseDeadline(deadline) });
    const tasks = [draft('Báo cáo tiến độ hằng tháng', 'Sở KH&CN', 'Hằng tháng (trước ngày 5)'), draft('Tổng kết năm', 'Sở Nội vụ', 'Trước ngày 15/12 hằng năm'), draft('Sơ kết quý', 'Sở Tư pháp', 'Quý IV hằng năm')];
    const plan: Plan = { ...generatedPlan(1), tasks };
    const base = snapshotFromPlan(plan, { today: TODAY, pristine: true });
    // Made at the start of the year: every report of 2025 is asked of them.
    const snapshot = { ...base, tasks: base.tasks.map((t) => ({ ...t, createdAt: '2025-01-01T00:00:00Z' })), period: periodOf(TODAY, 'monthly') };
    const r = buildProgressReport(snapshot);
    const byContent = new Map(r.recurring.map((x) => [x.content, x]));
    expect(byContent.get('Báo cáo tiến độ hằng tháng')).toMatchObject({ cadence: 'Hằng tháng, trước ngày 5', period: 'tháng 12/2025, hạn 05/12/2025', due: '05/12/2025', stateLabel: 'Chưa báo cáo (quá hạn)' });
    expect(byContent.get('Tổng kết năm')).toMatchObject({ cadence: 'Hằng năm, trước ngày 15/12', period: 'năm 2025, hạn 15/12/2025', stateLabel: 'Chưa báo cáo' });
    expect(byContent.get('Sơ kết quý')).toMatchObject({ cadence: 'Hằng năm, hết quý IV', period: 'năm 2025, hạn 31/12/2025' });
    expect(r.total.counts['recurring-undated']).toBe(3);
    expect(r.late).toEqual([]);
  });
});
