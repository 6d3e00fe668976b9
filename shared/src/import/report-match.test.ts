// A progress report read onto the board of its plan: rows matched by section and number, then by
// content; statuses and notes land on the matched tasks through one `tasks.applyReport`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Task } from '../model.ts';
import { planOperation, systemActor, taskFromDraft, type Operation, type OperationResult } from '../operations.ts';
import { BoardIndex } from '../board-index.ts';
import { blankBoard } from '../factories.ts';
import { parsePlanText } from './parse.ts';
import { planFromTables } from './tables.ts';
import { matchReport } from './report-match.ts';
import { taskAddress } from '../address.ts';

const SEED = readFileSync(new URL('../../../../shared/seeds/000_90562d8295c9ca09.txt', import.meta.url), 'utf8');
const plan = parsePlanText(SEED).plan;
const AT = '2025-12-10T03:00:00.000Z';

const env = { actor: systemActor('test'), via: 'test', at: AT };
/** Plans `op` and applies its effects, as a store does. */
function applyOperation(state: BoardIndex, op: Operation): OperationResult {
  const r = planOperation(state, op);
  if (r.ok) state.apply(r.effects);
  return r;
}
const written = (r: OperationResult): Task[] => (r.ok ? r.effects.tasks.map((w) => w.after!) : []);
const snapshot = (s: BoardIndex) => JSON.stringify([...s.tasks.get('b')!.values()]);

function boardState(): { state: BoardIndex; tasks: Task[] } {
  const state = new BoardIndex();
  const tasks = plan.tasks.map((d, i) => taskFromDraft(d, { id: `t${i + 1}`, boardId: 'b', rank: (i + 1) * 1024, at: AT }));
  const board = blankBoard({ id: 'b', title: 'KH', origin: 'test', tracks: [{ id: 'khcn-cds', label: 'KHCN/CĐS' }, { id: 'cchc', label: 'CCHC' }, { id: 'de-an-06', label: 'Đề án 06' }], createdAt: AT });
  expect(applyOperation(state, { type: 'board.create', board, tasks, ...env }).ok).toBe(true);
  return { state, tasks };
}

/** Phụ lục II of the plan as a unit reports on it: its own column order and headers, content shortened, one row renumbered, one foreign row. */
function reportRows(title = 'Phụ lục II') {
  const appendix = plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục II');
  const status = ['Hoàn thành', 'Đang thực hiện', 'Đang thực hiện, chậm tiến độ', 'Chưa thực hiện'];
  const rows = [['TT', 'Nhiệm vụ', 'Thời gian thực hiện', 'Cơ quan thực hiện', 'Tiến độ', 'Kết quả thực hiện']];
  appendix.forEach((t, i) => {
    const words = t.content.replace(/\n/g, ' ').split(' ');
    // Reports shorten the task text; the sub-rows (no number) are numbered by the unit after the last one.
    rows.push([t.ordinal || `${20 + i}`, words.slice(0, Math.max(8, Math.ceil(words.length * 0.6))).join(' '), t.deadline.raw, t.leadsText ?? '', status[i % 4]!, `Kết quả đến 30/11/2025 của nhiệm vụ ${i + 1}`]);
  });
  rows.push(['99', 'Tổ chức hội thi tìm hiểu pháp luật về giao thông đường thủy', 'Quý IV/2025', 'Sở Xây dựng', 'Hoàn thành', 'Đã tổ chức']);
  const read = planFromTables([{ title, rows: rows.map((cells, k) => ({ cells, line: k + 1 })) }]);
  return { appendix, drafts: read.plan.tasks, kind: read.plan.kind };
}

describe('matchReport', () => {
  it('matches every reported task of the plan, by number or by content, and lists the row that is not on the board', () => {
    const { tasks } = boardState();
    const { appendix, drafts, kind } = reportRows();
    expect(kind).toBe('report');
    const result = matchReport(tasks, drafts);
    expect(result.matched).toHaveLength(appendix.length);
    expect(result.unmatched).toEqual([{ row: drafts.length - 1, reason: expect.stringContaining('Không có nhiệm vụ') }]);
    // Each row went to the task it reports on: the same content on the board.
    for (const m of result.matched) {
      const task = tasks.find((t) => t.id === m.taskId)!;
      expect(task.content.replace(/\s+/g, ' ')).toContain(drafts[m.row]!.content.replace(/\s+/g, ' '));
    }
    expect(new Set(result.matched.map((m) => m.by))).toEqual(new Set(['number', 'content']));
  });

  it('leaves a row unmatched when, without its appendix, it fits two tasks equally well', () => {
    const { tasks } = boardState();
    // Phụ lục II no. 5 and Phụ lục III no. 5 both ask for 100% online payment of fees.
    const { drafts } = reportRows('Bảng 1');
    const result = matchReport(tasks, drafts);
    expect(result.unmatched).toContainEqual({ row: 4, reason: 'Nội dung giống nhiều nhiệm vụ trên bảng như nhau, không chọn được một' });
    expect(result.matched).toHaveLength(drafts.length - 2);
  });

  it('does not take a task by number alone when the content says it is another', () => {
    const { tasks } = boardState();
    const foreign = planFromTables([
      {
        title: 'Báo cáo',
        rows: [
          { cells: ['STT', 'Nội dung', 'Tiến độ'], line: 1 },
          { cells: ['1', 'Xây dựng bến xe khách phía Nam thành phố', 'Hoàn thành'], line: 2 },
        ],
      },
    ]).plan.tasks;
    expect(matchReport(tasks, foreign).matched).toEqual([]);
  });
});

describe('matchReport on a report that numbers its own rows', () => {
  it("takes each row of the board's own progress report back to the task it names, never to another task that has the row's number", () => {
    const { tasks } = boardState();
    // As the Báo cáo lists late tasks: rows 1, 2, 3… of its own, each "PL I · 7: content", under its section heading.
    const picked = tasks.filter((_, i) => i % 3 !== 1);
    const rows = [['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn', 'Kết quả thực hiện']];
    picked.forEach((t, i) => rows.push([String(i + 1), `${taskAddress(t).short}: ${t.content}`, t.leads.join(', '), t.deadline.raw, `Đang thực hiện, đạt ${(i * 7) % 100}%`]));
    const drafts = planFromTables([{ title: 'II. NHIỆM VỤ QUÁ HẠN; KHÓ KHĂN, VƯỚNG MẮC', rows: rows.map((cells, k) => ({ cells, line: k + 1 })) }]).plan.tasks;
    expect(drafts).toHaveLength(picked.length);
    const result = matchReport(tasks, drafts);
    const wrong = result.matched.filter((m) => m.taskId !== picked[m.row]!.id).map((m) => `row ${m.row + 1} → ${tasks.find((t) => t.id === m.taskId)!.content.slice(0, 40)}`);
    expect(wrong).toEqual([]);
    // Rows whose text is shared by two tasks may stay unmatched; none goes to the wrong task, and most are placed.
    expect(result.matched.length).toBeGreaterThan(picked.length * 0.8);
  });
});

describe('tasks.applyReport', () => {
  it('moves matched tasks to the reported column, records progress notes, and writes nothing when one task is stale', () => {
    const { state } = boardState();
    const { drafts } = reportRows();
    const result = matchReport([...state.tasks.get('b')!.values()], drafts);
    const updates = result.matched.map((m) => m.update);

    // One stale version refuses the whole report: no task changes.
    const before = snapshot(state);
    const stale = applyOperation(state, { type: 'tasks.applyReport', boardId: 'b', updates: [...updates.slice(0, -1), { ...updates.at(-1)!, expectedVersion: 7 }], source: 'Báo cáo tháng 11', ...env });
    expect(stale.ok).toBe(false);
    expect(snapshot(state)).toBe(before);

    const r = applyOperation(state, { type: 'tasks.applyReport', boardId: 'b', updates, source: 'Báo cáo tháng 11', ...env, today: '2025-12-10' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(written(r)).toHaveLength(updates.length);
    const done = written(r).filter((t) => t.column === 'done');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((t) => t.completedAt === '2025-12-10' && t.progress === 100 && t.version === 2)).toBe(true);
    const late = written(r).filter((t) => t.progressNotes?.[0]?.late);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((t) => t.column === 'doing' && t.progressNotes![0]!.status === 'Đang thực hiện, chậm tiến độ')).toBe(true);
    expect(written(r)[0]!.progressNotes).toEqual([expect.objectContaining({ text: 'Kết quả đến 30/11/2025 của nhiệm vụ 1', source: 'Báo cáo tháng 11', at: AT })]);
    // A moved task lands after the tasks already in its new cell.
    const doingBefore = (JSON.parse(before) as Task[]).filter((t) => t.column === 'doing');
    expect(doingBefore).toEqual([]);
  });

  it('writes the completion date a report prints onto the tasks that end up done, and only those, for every status, date form and column the task was in', () => {
    const DONE = ['Hoàn thành', 'Đã hoàn thành', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn'];
    const NOT_DONE = ['Đang thực hiện', 'Chưa thực hiện', 'Đang thực hiện, chậm tiến độ'];
    // The date forms a "Ngày hoàn thành" cell holds, and the day each means; '' is a blank cell.
    const DATES: Array<[string, string | undefined]> = [['', undefined], ['15/11/2025', '2025-11-15'], ['3/12/2025', '2025-12-03'], ['2025-11-28', '2025-11-28'], ['01/10/2025', '2025-10-01']];
    const COLUMNS = ['todo', 'doing', 'done'] as const;
    const BEFORE = '2025-09-30';
    const cases = [...DONE, ...NOT_DONE].flatMap((status) => DATES.flatMap(([text, day]) => COLUMNS.map((column) => ({ status, text, day, column, done: DONE.includes(status) }))));
    const appendix = plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục II');
    const wrong: string[] = [];
    for (let from = 0; from < cases.length; from += appendix.length) {
      const batch = cases.slice(from, from + appendix.length);
      // A board whose Phụ lục II tasks sit in the columns the cases name; a done one was finished on BEFORE.
      const state = new BoardIndex();
      const tasks = plan.tasks.map((d, i) => {
        const c = batch[appendix.indexOf(d)];
        const t = taskFromDraft(d, { id: `t${i + 1}`, boardId: 'b', rank: (i + 1) * 1024, at: AT, column: c?.column ?? 'todo' });
        return c?.column === 'done' ? { ...t, completedAt: BEFORE } : t;
      });
      const board = blankBoard({ id: 'b', title: 'KH', origin: 'test', tracks: [{ id: 'khcn-cds', label: 'KHCN/CĐS' }, { id: 'cchc', label: 'CCHC' }, { id: 'de-an-06', label: 'Đề án 06' }], createdAt: AT });
      expect(applyOperation(state, { type: 'board.create', board, tasks, ...env }).ok).toBe(true);
      const rows = [['TT', 'Nhiệm vụ', 'Cơ quan thực hiện', 'Tiến độ', 'Kết quả thực hiện', 'Ngày hoàn thành']];
      batch.forEach((c, k) => rows.push([appendix[k]!.ordinal || `${20 + k}`, appendix[k]!.content.replace(/\n/g, ' '), appendix[k]!.leadsText ?? '', c.status, `Kết quả ${k + 1}`, c.text]));
      const drafts = planFromTables([{ title: 'Phụ lục II', rows: rows.map((cells, k) => ({ cells, line: k + 1 })) }]).plan.tasks;
      const result = matchReport([...state.tasks.get('b')!.values()], drafts);
      expect(result.matched).toHaveLength(batch.length);
      const r = applyOperation(state, { type: 'tasks.applyReport', boardId: 'b', updates: result.matched.map((m) => m.update), source: 'Báo cáo', ...env, today: '2025-12-10' });
      expect(r.ok).toBe(true);
      batch.forEach((c, k) => {
        const after = state.task('b', tasks[plan.tasks.indexOf(appendix[k]!)]!.id)!;
        // Done: the printed day; else the day it was finished, kept; else today, when it moves there. Not done: no date.
        const meant = c.done ? (c.day ?? (c.column === 'done' ? BEFORE : '2025-12-10')) : undefined;
        if (after.column !== (c.done ? 'done' : after.column) || after.completedAt !== meant || (!c.done && after.column === 'done'))
          wrong.push(`${c.status} / "${c.text}" / was ${c.column} → ${after.column} ${after.completedAt}, meant ${meant}`);
      });
    }
    expect(cases.length).toBe(105);
    expect(wrong).toEqual([]);
  });

  it('tasks.import adds the directory entries it carries to the board in the same write', () => {
    const { state } = boardState();
    const draft = plan.tasks[0]!;
    const task = taskFromDraft(draft, { id: 'n1', boardId: 'b', rank: 1, at: AT });
    const r = applyOperation(state, {
      type: 'tasks.import',
      boardId: 'b',
      tasks: [task],
      agencies: [
        { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở TT&TT cũ'], collective: false },
        { name: 'Ban Quản lý khu kinh tế', aliases: [], collective: false },
      ],
      ...env,
    });
    expect(r.ok).toBe(true);
    expect(state.board('b')!.agencies).toEqual([
      { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở TT&TT cũ'], collective: false },
      { name: 'Ban Quản lý khu kinh tế', aliases: [], collective: false },
    ]);
  });
});

describe('a report whose units give a percent', () => {
  it('sets the progress of each matched task from its percent column, with or without a status, and places the task by it when no status does', () => {
    const { tasks } = boardState();
    const appendix = plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục II').slice(0, 6);
    const percents = ['80%', '80', '0,8', '80 %', 'Hoàn thành', 'không rõ'];
    for (const [header, status] of [['Tỷ lệ hoàn thành', ''], ['% hoàn thành', ''], ['Tiến độ (%)', 'Đang thực hiện'], ['Phần trăm', '']] as const) {
      const rows = [['TT', 'Nhiệm vụ', 'Cơ quan thực hiện', ...(status ? ['Tiến độ'] : []), header]];
      appendix.forEach((t, i) => rows.push([t.ordinal!, t.content, t.leadsText ?? '', ...(status ? [status] : []), percents[i]!]));
      const read = planFromTables([{ title: 'Phụ lục II', rows: rows.map((cells, k) => ({ cells, line: k + 1 })) }]).plan;
      expect(read.kind, header).toBe('report');
      const { matched } = matchReport(tasks, read.tasks);
      const byRow = new Map(matched.map((m) => [m.row, m.update]));
      // "0,8" among percents of 80 is less than one percent: a column is read by its own scale.
      expect([0, 1, 2, 3, 4, 5].map((r) => byRow.get(r)?.progress), header).toEqual([80, 80, 0, 80, 100, undefined]);
      if (!status) expect([0, 4].map((r) => byRow.get(r)?.column), header).toEqual(['doing', 'done']);
      else expect(byRow.get(4)?.column, header).toBe('doing');
      expect(read.warnings.filter((w) => w.field === 'progress').map((w) => w.line), header).toEqual([7]);
    }
  });
});
