// The workbench's table rules: which rows a change touched, and that replacing only those rows gives the table built afresh.
import { describe, expect, it } from 'vitest';
import type { ImportWarning, TaskDraft } from '@dondoc/shared/model';
import { applyEdit, changedRows, EDITABLE, tableEntries } from './workbench.ts';

/** A small deterministic generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` tasks on source lines 10, 12, 14…, in groups of 1 to 6 rows, some with no line or no group. */
function plan(n: number, rnd: () => number): { tasks: TaskDraft[]; warnings: ImportWarning[] } {
  const tasks: TaskDraft[] = [];
  let group = 0;
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.25) group++;
    tasks.push({
      track: 'cchc',
      ordinal: String(i + 1),
      ...(group % 5 === 4 ? {} : { group: ['Bảng 1', `Nhóm ${group}`] }),
      content: `Nhiệm vụ ${i + 1}`,
      leads: rnd() < 0.2 ? [] : ['Sở Nội vụ'],
      partners: [],
      deadline: { raw: 'Quý IV/2026', kind: 'date', due: '2026-12-31', flags: [] },
      ...(rnd() < 0.1 ? {} : { source: { line: 10 + 2 * i } }),
    });
  }
  // Warnings on some task lines, and on lines between tasks that gave none.
  const warnings: ImportWarning[] = [];
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.2) warnings.push({ code: 'empty-cell', message: `Dòng ${10 + 2 * i}`, line: 10 + 2 * i, field: 'leads' });
    if (rnd() < 0.1) warnings.push({ code: 'unreadable-row', message: `Dòng ${11 + 2 * i}`, line: 11 + 2 * i });
  }
  return { tasks, warnings };
}

const VALUES: Record<(typeof EDITABLE)[number], string[]> = {
  ordinal: ['7', 'a)'],
  content: ['Sửa nội dung', ''],
  leadsText: ['Sở Y tế', ''],
  partnersText: ['Công an tỉnh', 'Sở Nội vụ, Sở Y tế'],
  deadline: ['Trước tháng 3/2027', 'Hằng quý', 'Theo hướng dẫn'],
  output: ['Báo cáo'],
};

describe('changedRows', () => {
  it('names exactly the edited rows, and replacing them in the table gives the table built afresh', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = random(seed);
      const { tasks, warnings } = plan(1 + Math.floor(rnd() * 40), rnd);
      const after = [...tasks];
      const edited = new Set<number>();
      for (let k = Math.floor(rnd() * 4); k > 0; k--) {
        const i = Math.floor(rnd() * after.length);
        const field = EDITABLE[Math.floor(rnd() * EDITABLE.length)]!;
        const values = VALUES[field];
        after[i] = applyEdit(after[i]!, field, values[Math.floor(rnd() * values.length)]!);
        edited.add(i);
      }
      const changed = changedRows(tasks, after);
      expect(changed, `seed ${seed}`).toEqual([...edited].sort((a, b) => a - b));
      const patched = tableEntries(tasks, warnings).map((e) => (e.kind === 'task' && edited.has(e.index) ? { ...e, task: after[e.index]! } : e));
      expect(patched, `seed ${seed}`).toEqual(tableEntries(after, warnings));
    }
  });

  it('gives null when the table may have changed shape: a row more or less, a row under another heading or from another line', () => {
    const { tasks } = plan(12, random(7));
    expect(changedRows(tasks, tasks.slice(1))).toBeNull();
    expect(changedRows(tasks, [...tasks, tasks[0]!])).toBeNull();
    const moved = [...tasks];
    moved[3] = { ...tasks[3]!, group: ['Bảng 2'] };
    expect(changedRows(tasks, moved)).toBeNull();
    const relined = [...tasks];
    relined[5] = { ...tasks[5]!, source: { line: 999 } };
    expect(changedRows(tasks, relined)).toBeNull();
    expect(changedRows(tasks, [...tasks])).toEqual([]);
  });
});
