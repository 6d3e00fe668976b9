// Every task the store holds keeps V8's fast properties, written live or replayed from the journal at a
// start. A field taken away with `delete` turns an object into a hash table: ~1.5 KB more per task, which
// a heap snapshot found on every moved task (15 MB at 10,000 tasks) before the reducer stopped deleting.
import { setFlagsFromString } from 'node:v8';
import { afterEach, expect, it } from 'vitest';
import { BoardIndex, COLUMN_IDS, blankBoard, defaultBoardSettings, effectsOf, planOperation, recordOf, taskFromDraft, type ChangeRecord, type Operation, type Task } from '@dondoc/shared';
import { prng } from '@dondoc/shared/testing/prng';
import { LowdbStore } from './lowdb-store.ts';
import { tempDir } from '../testing/fixtures.ts';

setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

const env = (at: string) => ({ actor: { kind: 'user' as const, id: 'u1', name: 'Nguyễn Văn A' }, via: 'test', at });

it('keeps fast properties on tasks moved, confirmed, returned and edited, live and after a replay', async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  const AT = '2025-11-20T02:00:00.000Z';
  // Without the evidence rule, so random moves reach "Chờ xác nhận" and get confirmed or returned.
  const board = blankBoard({ id: 'b1', title: 'Kế hoạch chuyển đổi số', createdAt: AT, settings: { ...defaultBoardSettings(), requireEvidence: false } });
  const tasks = Array.from({ length: 60 }, (_, i) =>
    taskFromDraft(
      { track: 'khcn-cds', ordinal: String(i + 1), content: `Nhiệm vụ ${i + 1}`, leads: ['Sở Khoa học và Công nghệ'], partners: [], deadline: { raw: '31/12/2025', kind: 'date', due: '2025-12-31', flags: [] } },
      { id: `t${i}`, boardId: 'b1', rank: (i + 1) * 1024, at: AT },
    ),
  );
  const g = { board, tasks };
  const store = await LowdbStore.open({ dir: t.dir, compactAfterOps: 1_000_000 });
  expect((await store.apply({ type: 'board.create', board, tasks, ...env(AT) })).ok).toBe(true);
  const rand = prng(5);
  const versionOf = async (id: string) => (await store.getTask(g.board.id, id))!.version;
  for (let i = 0; i < 200; i++) {
    const task = g.tasks[Math.floor(rand() * g.tasks.length)]!;
    const at = new Date(Date.UTC(2025, 11, 1, 0, 0, i)).toISOString();
    const base = { boardId: g.board.id, taskId: task.id, expectedVersion: await versionOf(task.id), ...env(at) };
    const current = (await store.getTask(g.board.id, task.id))!;
    const roll = rand();
    // Moves in and out of "done" set and drop completedAt; return and confirm set and drop `returned`.
    const op: Operation =
      current.column === 'review' && roll < 0.5
        ? roll < 0.25
          ? { type: 'task.confirm', ...base }
          : { type: 'task.return', ...base, reason: 'Thiếu minh chứng' }
        : roll < 0.8
          ? { type: 'task.move', ...base, track: current.track, column: COLUMN_IDS[Math.floor(rand() * COLUMN_IDS.length)]!, afterId: null }
          : { type: 'task.update', ...base, patch: { owner: rand() < 0.5 ? '' : `Chuyên viên ${i}` } };
    const r = await store.apply(op);
    expect(r.ok, JSON.stringify(r.ok ? null : r.failure)).toBe(true);
  }
  const slow = (tasks: readonly Task[]) => tasks.filter((task) => !hasFastProperties(task)).map((task) => task.id);
  expect(slow((await store.getTasks(g.board.id))!)).toEqual([]);
  // Opened again beside it, as after a crash (closing would write a snapshot): every change above is
  // replayed from the journal.
  const replayed = await LowdbStore.open({ dir: t.dir });
  expect(replayed.pendingJournalOps).toBeGreaterThan(200);
  expect(slow((await replayed.getTasks(g.board.id))!)).toEqual([]);
  await replayed.close();
});

it('replays a change that takes a field away (a task leaving "done" loses its completedAt) into a fast object', () => {
  const AT = '2025-11-20T02:00:00.000Z';
  const board = blankBoard({ id: 'b1', title: 'Kế hoạch cải cách hành chính', createdAt: AT });
  // Finished, so its completedAt sits among its fields (deleting the last field added is the one case V8 keeps fast).
  const draft = { track: 'cchc', ordinal: '1', content: 'Rà soát thủ tục hành chính', leads: ['Sở Nội vụ'], partners: [], deadline: { raw: 'Quý IV/2025', kind: 'quarter' as const, due: '2025-12-31', flags: [] }, completedAt: '2025-11-19' };
  const task = taskFromDraft(draft, { id: 't1', boardId: 'b1', rank: 1024, at: AT, column: 'done' });
  const live = new BoardIndex();
  const journal: ChangeRecord[] = [];
  const apply = (op: Operation) => {
    const r = planOperation(live, op);
    if (!r.ok) throw new Error(r.failure.messageEn);
    journal.push(recordOf(journal.length + 1, op, r.effects));
    live.apply(r.effects);
  };
  expect(Object.keys(task).at(-1)).not.toBe('completedAt');
  apply({ type: 'board.create', board, tasks: [task], ...env(AT) });
  apply({ type: 'task.move', boardId: 'b1', taskId: 't1', expectedVersion: 1, track: 'cchc', column: 'doing', afterId: null, ...env(AT) });
  expect(journal.at(-1)!.changes.find((c) => c.entity === 'task')).toMatchObject({ fields: { completedAt: { before: '2025-11-19' } } });
  const replayed = new BoardIndex();
  for (const record of JSON.parse(JSON.stringify(journal)) as ChangeRecord[]) replayed.apply(effectsOf(record, replayed));
  const t1 = replayed.task('b1', 't1')!;
  expect(t1).toEqual(live.task('b1', 't1'));
  expect('completedAt' in t1).toBe(false);
  expect(hasFastProperties(t1)).toBe(true);
  expect(hasFastProperties(live.task('b1', 't1')!)).toBe(true);
});
