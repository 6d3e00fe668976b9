// A board exported to CSV imports back (readCsv + planFromTables) as the same tasks, field by field.
import { describe, expect, it } from 'vitest';
import { blankBoard, planFromTables, readCsv, taskFromDraft, type Agency, type BoardSnapshot, type Plan, type Task, type TaskDraft } from '@dondoc/shared';
import { snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { q4_2025 } from '../../template-lao-cai/src/index.ts';
import { template as thaiNguyen } from '../../template-thai-nguyen/src/index.ts';
import plugin from './index.ts';

function snapshotOf(plan: Plan, agencies: Agency[]): BoardSnapshot {
  const at = '2025-12-01T00:00:00.000Z';
  const tasks = plan.tasks.map((d, i) => taskFromDraft(d, { id: `t-${i + 1}`, boardId: plan.id, rank: (i + 1) * 1000, at }));
  return {
    board: blankBoard({ id: plan.id, title: plan.title, roVariant: plan.roVariant, agencies, revision: 1, createdAt: at }),
    today: '2025-12-10',
    tasks,
    checks: {},
  };
}

async function exportText(snapshot: BoardSnapshot): Promise<string> {
  const out = await plugin.exporters[0]!.export(snapshot);
  return typeof out === 'string' ? out : new TextDecoder().decode(out);
}

/** The fields a task keeps from its plan, in a form both sides share (leadsText is the printed text, which the export replaces by the matched names). */
const comparable = (t: Task | TaskDraft) => ({
  ordinal: t.ordinal,
  group: t.group,
  content: t.content,
  leads: t.leads,
  partners: t.partners,
  deadline: { raw: t.deadline.raw, kind: t.deadline.kind, due: t.deadline.due },
  output: t.output,
  sourceDoc: t.sourceDoc,
  track: t.track,
});

describe.each([
  { name: 'Lào Cai Q4/2025', template: q4_2025, count: 49 },
  { name: 'Thái Nguyên NQ 57', template: thaiNguyen, count: 83 },
])('CSV round trip of $name', ({ template, count }) => {
  const agencies = template.agencies ?? [];
  const snapshot = snapshotOf(template.plan, agencies);

  it(`re-imports the ${count} exported tasks unchanged, in order`, async () => {
    expect(snapshot.tasks).toHaveLength(count);
    const { plan, tables } = planFromTables(readCsv(await exportText(snapshot)), { agencies });
    expect(tables.map((t) => t.kind)).toEqual(['tasks']);
    expect(plan.tasks).toHaveLength(count);
    plan.tasks.forEach((draft, i) => expect(comparable(draft), `task ${i + 1}`).toEqual(comparable(snapshot.tasks[i]!)));
  });

  it('reads the progress columns back and names the board-only columns it ignores in one warning, not one per row', async () => {
    const { plan, tables } = planFromTables(readCsv(await exportText(snapshot)), { agencies });
    const mapped = tables[0]!.headers.filter((_, c) => tables[0]!.mapping[c] !== 'ignore');
    expect(mapped).toEqual(['STT', 'Nhóm', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Kết quả đầu ra', 'Văn bản giao nhiệm vụ', 'Người phụ trách', 'Người phê duyệt', 'Lĩnh vực', 'Tiến độ', 'Phần trăm', 'Kết quả thực hiện', 'Khó khăn', 'Đề xuất', 'Ngày hoàn thành']);
    // "Tiến độ" holds the board column: every task comes back in the column it was exported from.
    expect(plan.tasks.every((t, i) => t.report?.column === snapshot.tasks[i]!.column)).toBe(true);
    // Warnings the template itself has (unresolved deadlines, empty cells) come back; none about tracks or rows.
    expect(plan.warnings.filter((w) => w.code === 'other' || w.code === 'unreadable-row')).toEqual([]);
    const columns = plan.warnings.filter((w) => w.code === 'unknown-column');
    expect(columns).toHaveLength(1);
    expect(columns[0]!.message).toContain('"Hạn (ngày)"');
  });

  it('still round-trips when Excel re-saves it with ";" separators', async () => {
    const text = await exportText(snapshot);
    const { parseCsv, encodeCsv } = await import('@dondoc/shared');
    const resaved = encodeCsv(parseCsv(text), ';');
    const { plan } = planFromTables(readCsv(resaved), { agencies });
    expect(plan.tasks.map(comparable)).toEqual(snapshot.tasks.map(comparable));
  });
});

describe('CSV round trip of the board state', () => {
  it('brings every task back in its column, with its progress, owner, approver and completion date', async () => {
    const agencies = thaiNguyen.agencies ?? [];
    // Every column, progress and completion state the rule in snapshotFromPlan produces, plus owners.
    const worked = snapshotFromPlan(thaiNguyen.plan, { today: '2025-12-10', agencies });
    worked.tasks = worked.tasks.map((t, i) => ({ ...t, owner: i % 3 === 0 ? `Nguyễn Văn ${i}` : '', approver: i % 4 === 0 ? 'Phó Chủ tịch UBND tỉnh' : '' }));
    const { plan } = planFromTables(readCsv(await exportText(worked)), { agencies });
    const state = (t: Task) => ({ column: t.column, progress: t.progress, owner: t.owner, approver: t.approver, completedAt: t.completedAt });
    // The board made from the re-imported drafts holds the same state: the columns the mapping reads carry it.
    const again = plan.tasks.map((d, i) => taskFromDraft(d, { id: `n-${i}`, boardId: 'again', rank: i, at: '2025-12-10T00:00:00Z' }));
    expect(again.map(state)).toEqual(worked.tasks.map(state));
    expect(new Set(again.map((t) => t.column))).toEqual(new Set(['todo', 'doing', 'review', 'done']));
    expect(again.some((t) => t.completedAt !== undefined)).toBe(true);
  });

  it('lands a plain plan CSV whose "Tiến độ" says "Hoàn thành" in that column, with no completion date it did not print', () => {
    const text = 'STT,Nội dung,Cơ quan chủ trì,Thời hạn,Tiến độ\r\n1,Số hóa hồ sơ,Sở Nội vụ,31/12/2025,Hoàn thành\r\n';
    const { plan } = planFromTables(readCsv(text), {});
    const task = taskFromDraft(plan.tasks[0]!, { id: 't', boardId: 'b', rank: 1, at: '2025-12-10T00:00:00Z' });
    expect([task.column, task.completedAt]).toEqual(['done', undefined]);
  });
});
