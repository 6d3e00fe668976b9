// planFromTables on hand-made tables: recurring marks in the task text, limits on rows and cells.
import { describe, expect, it } from 'vitest';
import type { TableSource } from './grid.ts';
import { ImportLimitError, MAX_CELL_CHARS, MAX_TABLE_ROWS } from './limits.ts';
import { planFromTables } from './tables.ts';
import { readFileSync } from 'node:fs';
import { parsePlanText } from './parse.ts';
import { buildAppendix } from '../documents/appendix.ts';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '../testing/snapshots.ts';

const table = (rows: string[][]): TableSource => ({ title: 'Phụ lục', rows: rows.map((cells, i) => ({ cells, line: i + 1 })) });
const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn'];

describe('"Nhiệm vụ thường xuyên" in the task text', () => {
  it('makes a dated task recur, with or without brackets, but not when it is only words in a sentence', () => {
    const { plan } = planFromTables([
      table([
        HEADER,
        ['1', 'Tuyên truyền về chuyển đổi số (Nhiệm vụ thường xuyên)', 'Sở KH&CN', '31/12/2025'],
        ['2', 'Tuyên truyền về chuyển đổi số. Nhiệm vụ thường xuyên', 'Sở KH&CN', '31/12/2025'],
        ['3', 'Tuyên truyền về chuyển đổi số\n*Nhiệm vụ thường xuyên*', 'Sở KH&CN', '31/12/2025'],
        ['4', 'Rà soát nhiệm vụ thường xuyên của các sở để báo cáo', 'Sở KH&CN', '31/12/2025'],
        ['5', 'Cập nhật dữ liệu. Nhiệm vụ thường xuyên', 'Sở KH&CN', ''],
      ]),
    ]);
    expect(plan.tasks.map((t) => t.deadline.cadence)).toEqual(['ongoing', 'ongoing', 'ongoing', undefined, 'ongoing']);
    expect(plan.tasks[4]!.deadline.kind).toBe('recurring');
  });
});

describe('limits', () => {
  it('refuses a document with more table rows than any plan has, before reading them', () => {
    const rows = [HEADER, ...Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => [String(i + 1), 'Việc', 'Sở Y tế', '2025'])];
    expect(() => planFromTables([table(rows)])).toThrow(ImportLimitError);
    expect(() => planFromTables([table(rows)])).toThrow(/vượt giới hạn/);
  });
  it('cuts an overlong cell with a warning on its line instead of refusing the plan', () => {
    const { plan } = planFromTables([table([HEADER, ['1', 'Việc '.repeat(MAX_CELL_CHARS), 'Sở Y tế', '1'.repeat(200_000)]])]);
    expect(plan.tasks).toHaveLength(1);
    expect(plan.tasks[0]!.content.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(plan.tasks[0]!.deadline.kind).toBe('none');
    expect(plan.warnings.map((w) => [w.code, w.line])).toContainEqual(['cell-too-long', 2]);
  });
});

describe("dondoc's own Phụ lục read back", () => {
  it('takes bold one-cell rows as groups: a track name sets the track, "Phụ lục III" and plain titles open groups; every task comes back in its track and group', () => {
    const plan = parsePlanText(readFileSync(new URL('../../../../shared/seeds/000_90562d8295c9ca09.txt', import.meta.url), 'utf8')).plan;
    const snapshot = snapshotFromPlan(plan, { today: '2025-12-10', settings: SAMPLE_SETTINGS });
    const doc = buildAppendix(snapshot);
    expect(doc.rows.filter((r) => r.kind === 'group' && r.level === 0).length).toBeGreaterThan(1);
    // As the Word export prints it: group rows bold and spanning the table (one cell), task rows cell by cell.
    const rows = [
      { cells: doc.columns.map((c) => c.header), line: 1, bold: true },
      ...doc.rows.map((r, i) => (r.kind === 'group' ? { cells: [r.text], line: i + 2, bold: true } : { cells: r.cells, line: i + 2 })),
    ];
    const read = planFromTables([{ title: doc.heading, rows }]);
    expect(read.plan.warnings.filter((w) => w.code === 'unreadable-row')).toEqual([]);
    const byId = new Map(snapshot.tasks.map((t) => [t.id, t]));
    const exported = doc.rows.flatMap((r) => (r.kind === 'task' ? [byId.get(r.taskId)!] : []));
    expect(read.plan.tasks).toHaveLength(exported.length);
    read.plan.tasks.forEach((t, i) => {
      const original = exported[i]!;
      expect(t.content, `task ${i + 1}`).toBe(original.content);
      expect(t.track, `task ${i + 1} ${original.content.slice(0, 30)}`).toBe(original.track);
      expect((t.group ?? []).slice(-original.group.length), `task ${i + 1}`).toEqual(original.group);
    });
  });
});
