// The workbench's table rules: which rows a change touched, and that replacing only those rows gives the table built afresh.
import { describe, expect, it } from 'vitest';
import type { ImportWarning, TaskDraft } from '@dondoc/shared/model';
import { applyEdit, cellText, changedRows, EDITABLE, editProblem, openWarnings, tableEntries } from './workbench.ts';

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
  owner: ['Nguyễn Văn An', ''],
  approver: ['Phó Chủ tịch UBND tỉnh'],
  progress: ['80%', '0,5', 'Hoàn thành', ''],
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

describe('the board fields edited in the preview', () => {
  const base: TaskDraft = {
    track: 'cchc',
    ordinal: '1',
    content: 'Số hóa hồ sơ',
    leads: ['Sở Nội vụ'],
    partners: [],
    deadline: { raw: 'Quý IV/2026', kind: 'date', due: '2026-12-31', flags: [] },
    source: { line: 3 },
  };

  it('reads a typed percent as the importer reads a cell, refuses one that does not read, and an empty cell clears it', () => {
    const typed: Array<[string, number]> = [['80', 80], ['80%', 80], ['80 %', 80], ['0,8', 80], ['Hoàn thành', 100], ['0', 0], ['100', 100], ['99,9%', 99]];
    for (const [text, n] of typed) {
      expect(editProblem('progress', text), text).toBeUndefined();
      const edited = applyEdit(base, 'progress', text);
      expect(edited.progress, text).toBe(n);
      expect(cellText(edited, 'progress')).toBe(String(n));
    }
    for (const bad of ['abc', '140', '-1', '101%', 'gần xong']) {
      expect(editProblem('progress', bad), bad).toBe('percent');
      // Nothing typed that does not read ever reaches the draft.
      expect(applyEdit({ ...base, progress: 40 }, 'progress', bad).progress, bad).toBe(40);
    }
    expect('progress' in applyEdit({ ...base, progress: 40 }, 'progress', '  ')).toBe(false);
  });

  it('keeps a name as typed (spaces tidied, as long as a task keeps it), and an empty one removes it', () => {
    for (const field of ['owner', 'approver'] as const) {
      expect(editProblem(field, 'anything')).toBeUndefined();
      expect(applyEdit(base, field, '  Nguyễn   Văn Lạ ')[field]).toBe('Nguyễn Văn Lạ');
      expect(applyEdit(base, field, 'x'.repeat(300))[field]).toHaveLength(200);
      expect(field in applyEdit({ ...base, [field]: 'Ai đó' }, field, ' ')).toBe(false);
    }
  });

  it("moves a report row to where its new percent puts it when no status says, and keeps the status's column when one does", () => {
    const report = (statusText: string) => ({ ...base, report: { statusText, late: false, note: '' } });
    expect(applyEdit(report(''), 'progress', '100').report).toMatchObject({ progress: 100, column: 'done' });
    expect(applyEdit(report(''), 'progress', '30').report).toMatchObject({ progress: 30, column: 'doing' });
    expect(applyEdit(report('Đang thực hiện, chậm tiến độ'), 'progress', '100').report).toMatchObject({ progress: 100, column: 'doing', late: true });
  });

  it('drops the warning about an unreadable percent once one is typed, and about a contested lead once it is resolved', () => {
    const warnings = [
      { code: 'other' as const, message: 'phần trăm', line: 3, field: 'progress' },
      { code: 'agency-role' as const, message: 'Sở Tài chính', line: 3, field: 'partners', subject: 'Sở Tài chính' },
    ];
    const contested = { ...base, partners: ['Sở Tài chính'] };
    expect(openWarnings(warnings, [contested], {})).toEqual(warnings);
    expect(openWarnings(warnings, [applyEdit(contested, 'progress', '60')], {})).toEqual([warnings[1]]);
    // The lead cell now says who leads: Sở Tài chính, printed "(chủ trì)" in the partner cell.
    const resolved = applyEdit({ ...contested, partnersText: 'Sở Tài chính (chủ trì)' }, 'leadsText', '');
    expect([resolved.leads, resolved.partners]).toEqual([['Sở Tài chính'], []]);
    expect(openWarnings(warnings, [resolved], {})).toEqual([warnings[0]]);
  });

  it('reads both agency cells again when one is edited, so a role typed in one moves an agency to the other', () => {
    const edited = applyEdit({ ...base, partnersText: 'Sở Y tế', partners: ['Sở Y tế'] }, 'leadsText', 'Sở Nội vụ (chủ trì); Sở Tư pháp, Công an tỉnh (phối hợp)');
    expect([edited.leads, edited.partners]).toEqual([['Sở Nội vụ'], ['Sở Tư pháp', 'Công an tỉnh', 'Sở Y tế']]);
    expect(edited.partnersText).toBe('Sở Y tế');
    // A directory entry the server matched with (a board's own) is matched again in the browser.
    const local = [{ name: 'Ban Quản lý khu kinh tế', aliases: ['BQL KKT'], collective: false }];
    expect(applyEdit({ ...base, partnersText: 'BQL KKT', partners: ['Ban Quản lý khu kinh tế'] }, 'leadsText', 'Sở Nội vụ', local).partners).toEqual(['Ban Quản lý khu kinh tế']);
  });
});
