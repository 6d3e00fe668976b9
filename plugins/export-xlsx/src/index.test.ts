// Reads the .xlsx back with exceljs (a different library from the writer) and checks the cells are
// typed (dates are dates, progress a number), the header frozen with filters on, widths set, text
// wrapped, the counts sheet right, and the indicators sheet there only when the plan has indicators.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, TASK_EXPORT_FIELDS, countByStatus, trackLabel, type BoardSnapshot } from '@dondoc/shared';
import { snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { template as thaiNguyen } from '../../template-thai-nguyen/src/index.ts';
import { y2026, q4_2025 } from '../../template-lao-cai/src/index.ts';
import { exportXlsx } from './index.ts';

const TODAY = '2025-12-10';

async function read(snapshot: BoardSnapshot): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportXlsx(snapshot)).buffer as ArrayBuffer);
  return wb;
}
const col = (header: string): number => TASK_EXPORT_FIELDS.findIndex((f) => f.header === header) + 1;

describe.each([
  { name: 'Thái Nguyên', snapshot: snapshotFromPlan(thaiNguyen.plan, { today: TODAY }) },
  { name: 'Lào Cai 2026', snapshot: snapshotFromPlan(y2026.plan, { today: TODAY }) },
])('Excel export of $name', ({ snapshot }) => {
  it('has a tasks sheet with every field, typed cells, frozen header, filters, widths and wrapped text', async () => {
    const wb = await read(snapshot);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(TASK_EXPORT_FIELDS.map((f) => f.header));
    expect(ws.rowCount).toBe(snapshot.tasks.length + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(TASK_EXPORT_FIELDS.length).letter}${snapshot.tasks.length + 1}`);
    TASK_EXPORT_FIELDS.forEach((f, i) => expect(ws.getColumn(i + 1).width, f.header).toBe(f.width));
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);

    snapshot.tasks.forEach((t, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('Nội dung')).value).toBe(t.content);
      expect(row.getCell(col('Nội dung')).alignment?.wrapText).toBe(true);
      expect(row.getCell(col('Mã')).value).toBe(t.id);
      expect(row.getCell(col('Lĩnh vực')).value).toBe(trackLabel(snapshot.board, t.track));
      const progress = row.getCell(col('Phần trăm'));
      expect(progress.value).toBe(t.progress);
      expect(progress.type).toBe(ExcelJS.ValueType.Number);
      const due = row.getCell(col('Hạn (ngày)'));
      if (t.deadline.due) {
        expect(due.value).toBeInstanceOf(Date);
        expect((due.value as Date).toISOString().slice(0, 10)).toBe(t.deadline.due);
        expect(due.numFmt).toBe('dd/mm/yyyy');
      } else expect(due.value).toBeNull();
      const done = row.getCell(col('Ngày hoàn thành')).value;
      expect(done instanceof Date ? done.toISOString().slice(0, 10) : done).toBe(t.completedAt ?? null);
    });
  });

  it('has a counts sheet per track and per lead agency in the crossed classification', async () => {
    const ws = (await read(snapshot)).getWorksheet('Thống kê')!;
    const rows = (ws.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const header = rows.findIndex((r) => r[0] === 'Lĩnh vực');
    expect(rows[header]).toEqual(['Lĩnh vực', 'Tổng số', ...['done-on-time', 'done-late', 'doing-on-time', 'doing-late', 'todo-on-time', 'todo-late', 'recurring-undated'].map((c) => STATUS_LABELS[c as keyof typeof STATUS_LABELS].vi)]);
    const totals = rows.filter((r) => r[0] === 'Tổng cộng');
    expect(totals).toHaveLength(2);
    const c = countByStatus(snapshot.tasks, TODAY);
    const expected = [snapshot.tasks.length, c['done-on-time'], c['done-late'], c['doing-on-time'], c['doing-late'], c['todo-on-time'], c['todo-late'], c['recurring-undated']];
    for (const t of totals) expect(t.slice(1)).toEqual(expected);
    expect(rows.some((r) => r[0] === 'Cơ quan chủ trì')).toBe(true);
  });

  it('has an indicators sheet exactly when the plan has indicators', async () => {
    const wb = await read(snapshot);
    const ws = wb.getWorksheet('Chỉ tiêu');
    if (snapshot.board.indicators.length === 0) expect(ws).toBeUndefined();
    else {
      expect(ws!.rowCount).toBe(snapshot.board.indicators.length + 1);
      expect(ws!.getRow(2).getCell(2).value).toBe(snapshot.board.indicators[0]!.name);
      expect(ws!.autoFilter).toBeTruthy();
    }
  });
});

it('Lào Cai 2026 has indicators and Q4/2025 none, so both branches above ran', () => {
  expect(y2026.plan.indicators.length).toBeGreaterThan(0);
  expect(q4_2025.plan.indicators).toHaveLength(0);
  expect(thaiNguyen.plan.indicators).toHaveLength(0);
});

describe('Excel round trip of the board state', () => {
  it('reads owner, approver and progress back through the importer (the same reader a user upload takes)', async () => {
    const { readXlsxTables } = await import('../../import-office/src/xlsx.ts');
    const { planFromTables } = await import('@dondoc/shared');
    const worked = snapshotFromPlan(q4_2025.plan, { today: TODAY });
    worked.tasks = worked.tasks.map((t, i) => ({ ...t, owner: i % 3 === 0 ? `Nguyễn Văn ${i}` : '', approver: i % 4 === 0 ? 'Phó Chủ tịch UBND tỉnh' : '', progress: (i * 7) % 101 }));
    const tables = await readXlsxTables(await exportXlsx(worked));
    const { plan } = planFromTables(tables, { agencies: q4_2025.agencies ?? [] });
    expect(plan.tasks).toHaveLength(worked.tasks.length);
    const people = (t: { owner?: string; approver?: string; progress?: number }) => ({ owner: t.owner ?? '', approver: t.approver ?? '', progress: t.progress ?? 0 });
    expect(plan.tasks.map(people)).toEqual(worked.tasks.map(people));
  });
});

describe('Excel round trip of the completion date', () => {
  it('brings every finished task back finished on the day it was finished, through the same columns as owner and progress', async () => {
    const { readXlsxTables } = await import('../../import-office/src/xlsx.ts');
    const { planFromTables, taskFromDraft } = await import('@dondoc/shared');
    // Every column and completion state the snapshot rule produces: done tasks finished before, on and after their due date.
    const worked = snapshotFromPlan(thaiNguyen.plan, { today: TODAY });
    const finished = worked.tasks.filter((t) => t.completedAt !== undefined);
    expect(finished.length).toBeGreaterThan(3);
    const { plan, tables } = planFromTables(await readXlsxTables(await exportXlsx(worked)), { agencies: thaiNguyen.agencies ?? [] });
    expect(tables[0]!.mapping[tables[0]!.headers.indexOf('Ngày hoàn thành')]).toBe('completedAt');
    const again = plan.tasks.map((d, i) => taskFromDraft(d, { id: `n-${i}`, boardId: 'again', rank: i, at: '2025-12-10T00:00:00Z' }));
    const state = (t: { column: string; progress: number; completedAt?: string }) => ({ column: t.column, progress: t.progress, completedAt: t.completedAt });
    expect(again.map(state)).toEqual(worked.tasks.map(state));
    // An export holds no completion date the board would drop: nothing to warn about.
    expect(plan.warnings.filter((w) => w.field === 'completedAt')).toEqual([]);
  });
});
