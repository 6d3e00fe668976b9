// The repository contract: what every store (the embedded lowdb store, PostgreSQL) must do, as one
// suite each store's test file runs against itself. Store-specific behaviour (journal files, torn
// lines, group commit internals; several servers on one database) is tested beside each store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor, type Operation, type Task, type User } from '@dondoc/shared';
import type { ChangeEvent, Repository } from './repository.ts';
import { verifyAuditLines, checkpointSigned } from './audit-log.ts';
import { FIXTURE_AT, TEST_ACTOR, createBoardOp, fixtureTask, moveOp } from '../testing/fixtures.ts';

export interface ContractHooks {
  /** Prepares empty data for one test. */
  fresh(): Promise<void>;
  /** Opens a repository on the test's data; called again, another one on the same data (the first left open, as after a crash or on a second server). */
  open(opts?: { keepEvents?: number }): Promise<Repository>;
  /** Removes the test's data once its repositories are closed. */
  cleanup(): Promise<void>;
}

/**
 * Waits until `check` passes (listeners are told after the write is acknowledged, not necessarily before).
 * The bound only ends a wait that would never pass; how soon a change arrives is a benchmark figure, not a
 * test's, so it is generous (a busy machine must not fail a store that is right), within the test's own timeout.
 */
export async function eventually(check: () => void | Promise<void>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

type Bare<O> = O extends unknown ? Omit<O, 'actor' | 'via' | 'at' | 'today'> : never;
const op = (o: Bare<Operation>): Operation => ({ actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT, ...o }) as Operation;
const cellOf = (tasks: readonly Task[], track: string, column: string) => tasks.filter((t) => t.track === track && t.column === column).map((t) => t.id);
const user = (id: string, login: string): User => ({ id, login, name: 'Trần Văn Minh', agency: 'Sở Khoa học và Công nghệ', admin: false, roles: { '*': 'unit' }, disabled: false, mustChangePassword: false, createdAt: FIXTURE_AT, updatedAt: FIXTURE_AT });

export function repositoryContract(name: string, hooks: ContractHooks): void {
  describe(`${name}: the repository contract`, () => {
    let opened: Repository[] = [];
    beforeEach(() => hooks.fresh());
    afterEach(async () => {
      await Promise.allSettled(opened.map((s) => s.close()));
      opened = [];
      await hooks.cleanup();
    });
    const open = async (opts?: { keepEvents?: number }) => {
      const s = await hooks.open(opts);
      opened.push(s);
      return s;
    };

    it('keeps every acknowledged write for the next repository opened on the same data', async () => {
      const store = await open();
      expect((await store.apply(createBoardOp())).ok).toBe(true);
      expect((await store.apply(moveOp('t2', 1))).ok).toBe(true);
      const again = await open();
      expect(await again.getTask('b1', 't2')).toMatchObject({ column: 'doing', version: 2 });
      expect((await again.getBoard('b1'))!.revision).toBe(1);
      expect((await again.getTasks('b1'))!.map((t) => t.id)).toEqual(['t1', 't3', 't2']);
    });

    it('lists tasks in display order (track order, column, rank) and answers unknown ids with undefined', async () => {
      const store = await open();
      await store.apply(createBoardOp(4));
      await store.apply(moveOp('t1', 1, { track: 'de-an-06', column: 'done' }));
      await store.apply(moveOp('t4', 1, { afterId: null }));
      await store.apply(moveOp('t3', 1, { afterId: 't4' }));
      expect((await store.getTasks('b1'))!.map((t) => `${t.track}/${t.column}/${t.id}`)).toEqual(['de-an-06/done/t1', 'khcn-cds/todo/t2', 'khcn-cds/doing/t4', 'khcn-cds/doing/t3']);
      for (const id of ['constructor', '__proto__', 'toString', 'nope']) {
        expect(await store.getBoard(id)).toBeUndefined();
        expect(await store.getTask('b1', id)).toBeUndefined();
        expect(await store.getTasks(id)).toBeUndefined();
        expect(await store.getUser(id)).toBeUndefined();
        expect(await store.apply(moveOp(id, 1))).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'task' } });
      }
      expect(await store.apply(moveOp('t2', 1, { boardId: 'nope' }))).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'board' } });
    });

    it('never lets a caller change the store by changing a record it was given', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      const task = (await store.getTask('b1', 't1'))!;
      const list = (await store.getTasks('b1'))!;
      try {
        (task as { content: string }).content = 'đã sửa';
      } catch {
        // frozen: fine too
      }
      try {
        (list as Task[]).reverse();
      } catch {
        // frozen
      }
      expect((await store.getTask('b1', 't1'))!.content).not.toBe('đã sửa');
      expect((await store.getTasks('b1'))!.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    });

    it('checks versions between concurrent writers: one move wins, the other gets a conflict with the winner\'s task', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      const [a, b] = await Promise.all([store.apply(moveOp('t1', 1, { column: 'doing' })), store.apply(moveOp('t1', 1, { column: 'done' }))]);
      const won = [a, b].filter((r) => r.ok);
      const lost = [a, b].filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      const winner = (await store.getTask('b1', 't1'))!;
      expect(winner.version).toBe(2);
      expect(lost[0]).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { id: 't1', version: 2, column: winner.column } } });
      expect(((await store.changesSince(0)) as ChangeEvent[]).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('hands a write\'s planned effects to `planned` before it is durable, the same effects it resolves with; a refused write hands none', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      let seen: unknown;
      let resolved = false;
      const applied = store.apply(moveOp('t1', 1, { column: 'doing' }), {
        planned: (effects) => {
          expect(resolved).toBe(false);
          seen = effects;
        },
      });
      void applied.then(() => (resolved = true));
      const r = await applied;
      expect(r.ok && r.effects).toBe(seen);
      expect((seen as { tasks: Array<{ after: Task }> }).tasks[0]!.after).toMatchObject({ id: 't1', column: 'doing', version: 2 });
      let refused = false;
      expect((await store.apply(moveOp('t1', 1, { column: 'done' }), { planned: () => (refused = true) })).ok).toBe(false);
      expect(refused).toBe(false);
    });

    it('applies 30 concurrent moves, each once, numbered 1, 2, 3… without gaps', async () => {
      const store = await open();
      await store.apply(createBoardOp(30));
      await store.getTasks('b1'); // a store that keeps a copy updates it from here
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store.apply(moveOp(`t${i + 1}`, 1, { column: i % 2 ? 'doing' : 'done', afterId: null }))));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(((await store.changesSince(0)) as ChangeEvent[]).map((e) => e.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
      expect(await store.lastSeq()).toBe(31);
      const again = await open();
      for (let i = 0; i < 30; i++) expect(await again.getTask('b1', `t${i + 1}`)).toMatchObject({ version: 2, column: i % 2 ? 'doing' : 'done' });
      expect((await store.getTasks('b1'))!.map((t) => t.id)).toEqual((await again.getTasks('b1'))!.map((t) => t.id));
      const ranks = (await again.getTasks('b1'))!.filter((t) => t.column === 'done').map((t) => t.rank);
      expect(new Set(ranks).size).toBe(ranks.length);
    });

    it('places a card between two neighbours, and renumbers the cell when they are too close to split', async () => {
      const store = await open();
      const tasks = [fixtureTask('a', 1024, { column: 'doing' }), fixtureTask('b', 1024 + 1e-6, { column: 'doing' }), fixtureTask('c', 4096, { column: 'doing' }), fixtureTask('m', 1024)];
      await store.apply({ ...createBoardOp(0), tasks });
      const between = await store.apply(moveOp('m', 1, { column: 'doing', afterId: 'a' }));
      expect(between.ok).toBe(true);
      const cell = cellOf((await store.getTasks('b1'))!, 'khcn-cds', 'doing');
      expect(cell).toEqual(['a', 'm', 'b', 'c']);
      // The renumbered neighbours are written too (same version: only their place number changed).
      expect(between.ok && between.effects.tasks.map((w) => w.after!.id).sort()).toEqual(['b', 'm']);
      expect(await store.getTask('b1', 'b')).toMatchObject({ version: 1, rank: 3 * 1024 });
      // A drop after a card in another cell is refused, naming the field.
      expect(await store.apply(moveOp('m', 2, { column: 'done', afterId: 'a' }))).toMatchObject({ ok: false, failure: { kind: 'invalid', field: 'afterId' } });
      expect(await store.apply(moveOp('m', 2, { column: 'doing', afterId: 'c' }))).toMatchObject({ ok: true });
      expect(cellOf((await store.getTasks('b1'))!, 'khcn-cds', 'doing')).toEqual(['a', 'b', 'c', 'm']);
    });

    it('creates, imports, edits in bulk, confirms and returns tasks at the right place', async () => {
      const store = await open();
      await store.apply({ ...createBoardOp(2), board: { ...createBoardOp().board, settings: { ...createBoardOp().board.settings, requireEvidence: false } } });
      expect(await store.apply(op({ type: 'task.create', boardId: 'b1', task: fixtureTask('n1', 0) }))).toMatchObject({ ok: true });
      expect(await store.apply(op({ type: 'task.create', boardId: 'b1', task: fixtureTask('n2', 0), afterId: null }))).toMatchObject({ ok: true });
      expect(await store.apply(op({ type: 'task.create', boardId: 'b1', task: fixtureTask('n1', 0) }))).toMatchObject({ ok: false, failure: { field: 'task.id' } });
      expect(await store.apply(op({ type: 'tasks.import', boardId: 'b1', tasks: [fixtureTask('i1', 0), fixtureTask('i2', 0, { column: 'doing' })], agencies: [{ name: 'Sở Y tế', aliases: ['SYT'], collective: false }] }))).toMatchObject({ ok: true });
      expect(cellOf((await store.getTasks('b1'))!, 'khcn-cds', 'todo')).toEqual(['n2', 't1', 't2', 'n1', 'i1']);
      expect((await store.getBoard('b1'))!.agencies.map((a) => a.name)).toContain('Sở Y tế');
      expect(await store.apply(op({ type: 'tasks.bulkUpdate', boardId: 'b1', items: [{ taskId: 't1', expectedVersion: 1, patch: { owner: 'Lê Thị Hoa' } }, { taskId: 't2', expectedVersion: 1, patch: { owner: 'Lê Thị Hoa' } }] }))).toMatchObject({ ok: true });
      expect(await store.apply(op({ type: 'tasks.bulkUpdate', boardId: 'b1', items: [{ taskId: 't1', expectedVersion: 1, patch: { owner: 'X' } }] }))).toMatchObject({ ok: false, failure: { kind: 'conflict' } });
      await store.apply(moveOp('t1', 2, { column: 'review' }));
      await store.apply(moveOp('t2', 2, { column: 'review' }));
      expect(await store.apply(op({ type: 'task.confirm', boardId: 'b1', taskId: 't1', expectedVersion: 3 }))).toMatchObject({ ok: true });
      expect(await store.apply(op({ type: 'task.return', boardId: 'b1', taskId: 't2', expectedVersion: 3, reason: 'Thiếu minh chứng' }))).toMatchObject({ ok: true });
      expect(await store.getTask('b1', 't1')).toMatchObject({ column: 'done', progress: 100, completedAt: '2025-11-20' });
      expect(await store.getTask('b1', 't2')).toMatchObject({ column: 'doing', returned: { reason: 'Thiếu minh chứng' } });
      expect(cellOf((await store.getTasks('b1'))!, 'khcn-cds', 'doing')).toEqual(['i2', 't2']);
    });

    it('deletes a task to the trash and restores it where it was, for the next repository too', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      expect((await store.apply(op({ type: 'task.delete', boardId: 'b1', taskId: 't2', expectedVersion: 1 }))).ok).toBe(true);
      expect((await store.getTasks('b1'))!.map((t) => t.id)).toEqual(['t1', 't3']);
      const again = await open();
      expect(await again.getTrashedTask('b1', 't2')).toMatchObject({ id: 't2' });
      expect(await again.apply(op({ type: 'task.restore', boardId: 'b1', taskId: 't2' }))).toMatchObject({ ok: true });
      expect((await again.getTasks('b1'))!.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
      expect(await again.getTrashedTask('b1', 't2')).toBeUndefined();
      expect(await again.apply(op({ type: 'task.restore', boardId: 'b1', taskId: 't2' }))).toMatchObject({ ok: false, failure: { kind: 'not-found' } });
    });

    it('updates, archives and deletes a board, taking its tasks and trash with it', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      await store.apply(createBoardOp(2, 'b2'));
      expect(await store.apply(op({ type: 'board.update', boardId: 'b1', patch: { title: 'Kế hoạch mới', archived: true } }))).toMatchObject({ ok: true });
      expect(await store.apply(moveOp('t1', 1))).toMatchObject({ ok: false, failure: { kind: 'invalid', field: 'boardId' } });
      expect(await store.getBoard('b1')).toMatchObject({ title: 'Kế hoạch mới', archived: true, revision: 1 });
      expect(await store.apply(op({ type: 'board.create', board: createBoardOp().board, tasks: [] }))).toMatchObject({ ok: false, failure: { field: 'board.id' } });
      expect(await store.apply(op({ type: 'board.delete', boardId: 'b1' }))).toMatchObject({ ok: true });
      expect(await store.getBoard('b1')).toBeUndefined();
      expect(await store.getTasks('b1')).toBeUndefined();
      expect(await store.getTask('b1', 't1')).toBeUndefined();
      expect((await store.listBoards()).map((b) => b.id)).toEqual(['b2']);
      expect((await store.getTasks('b2'))!).toHaveLength(2);
    });

    it('restores a board from a backup in one write: the tasks whole with their earlier history, the same task ids beside the original, survives reopening', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      const earlier = [{ n: 7, at: FIXTURE_AT, actor: { id: 'u1', name: 'Hà', kind: 'user' }, op: 'task.move', via: 'test', fromBackup: true }];
      const tasks = createBoardOp().tasks.map((t) => ({ ...t, boardId: 'b9', earlierHistory: earlier }));
      expect(await store.apply(op({ type: 'board.restore', board: { ...createBoardOp().board, id: 'b9' }, tasks }))).toMatchObject({ ok: true });
      expect(await store.apply(op({ type: 'board.restore', board: { ...createBoardOp().board, id: 'b9' }, tasks }))).toMatchObject({ ok: false, failure: { field: 'board.id' } });
      await store.close();
      const again = await open();
      expect((await again.getTasks('b9'))!).toEqual(tasks);
      expect((await again.getTasks('b1'))!.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
      expect((await again.audit.history('task:b9/t1')).map((e) => e.op)).toEqual(['board.restore']);
    });

    it('keeps meetings, indicator readings and daily counts for the next repository, announces them, and deletes them with their board', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      const at = FIXTURE_AT;
      const meeting = { kind: 'meeting' as const, id: 'm1', boardId: 'b1', title: 'Họp tháng 12', date: '2025-12-10', chair: 'Lê Quang Huy', attendees: ['Sở Nội vụ'], filter: { track: 'khcn-cds' }, agenda: 'track' as const, reviewed: [], version: 0, createdAt: at, updatedAt: at };
      const seen: ChangeEvent[] = [];
      const off = store.onChange((events) => seen.push(...events));
      expect(await store.apply(op({ type: 'meeting.create', boardId: 'b1', meeting }))).toMatchObject({ ok: true });
      const [x, y] = await Promise.all([store.apply(op({ type: 'meeting.review', boardId: 'b1', meetingId: 'm1', taskId: 't2', reviewed: true })), store.apply(op({ type: 'meeting.review', boardId: 'b1', meetingId: 'm1', taskId: 't1', reviewed: true }))]);
      expect(x.ok && y.ok).toBe(true);
      expect(await store.apply(op({ type: 'board.recordDay', boardId: 'b1', day: { kind: 'daily', id: '2025-12-10', boardId: 'b1', total: 3, counts: { 'todo-on-time': 3 }, late: 0, done: 0, at } }))).toMatchObject({ ok: true });
      // A store whose feed runs behind its writes (PostgreSQL's follower) may still announce the board's creation here.
      const ours = () => seen.filter((e) => e.op !== 'board.create');
      await eventually(() => expect(ours()).toHaveLength(4));
      off();
      expect(ours()[0]).toMatchObject({ op: 'meeting.create', boardId: 'b1', taskIds: [], records: [{ kind: 'meeting', id: 'm1' }], actor: { id: TEST_ACTOR.id } });
      const again = await open();
      expect(await again.getRecord('b1', 'meeting', 'm1')).toMatchObject({ version: 3, filter: { track: 'khcn-cds' } });
      expect((await again.getRecord('b1', 'meeting', 'm1'))!.reviewed.map((r) => r.taskId).sort()).toEqual(['t1', 't2']);
      expect((await again.getRecords('b1', 'daily')).map((d) => d.id)).toEqual(['2025-12-10']);
      expect(await again.getRecords('b1', 'indicator')).toEqual([]);
      expect(await again.getRecords('nope', 'meeting')).toEqual([]);
      expect(await again.apply(op({ type: 'board.delete', boardId: 'b1' }))).toMatchObject({ ok: true });
      expect(await again.getRecords('b1', 'meeting')).toEqual([]);
      expect(await again.getRecord('b1', 'daily', '2025-12-10')).toBeUndefined();
    });

    it('keeps users, logins and the directory', async () => {
      const store = await open();
      await store.apply(op({ type: 'user.create', user: user('u1', 'donvi') }));
      await store.apply(op({ type: 'directory.update', agencies: [{ name: 'Sở Y tế', aliases: ['SYT'], collective: false }] }));
      expect(await store.apply(op({ type: 'user.create', user: user('u2', 'donvi') }))).toMatchObject({ ok: false, failure: { field: 'login' } });
      const [x, y] = await Promise.all([store.apply(op({ type: 'user.create', user: user('u3', 'same') })), store.apply(op({ type: 'user.create', user: user('u4', 'same') }))]);
      expect([x.ok, y.ok].sort()).toEqual([false, true]);
      expect(await store.apply(op({ type: 'user.update', userId: 'u1', patch: { login: 'donvi2', disabled: true } }))).toMatchObject({ ok: true });
      const again = await open();
      expect(await again.getUserByLogin('donvi')).toBeUndefined();
      expect(await again.getUserByLogin('donvi2')).toMatchObject({ id: 'u1', disabled: true });
      expect(await again.getDirectory()).toEqual([{ name: 'Sở Y tế', aliases: ['SYT'], collective: false }]);
      expect((await again.listUsers()).map((u) => u.id).sort()).toHaveLength(2);
    });

    it('appends one chained audit entry per operation, with the actor and each field before → after; checkpoints verify', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      await store.apply(moveOp('t1', 1));
      await store.apply({ type: 'task.update', boardId: 'b1', taskId: 't1', expectedVersion: 2, patch: { owner: 'Nguyễn Văn An' }, actor: systemActor('tester'), via: 'PATCH test', at: FIXTURE_AT });
      expect(await store.audit.verify()).toEqual({ ok: true, entries: 3 });
      const history = await store.audit.history('task:b1/t1');
      expect(history.map((e) => e.op)).toEqual(['task.update', 'task.move', 'board.create']);
      const owner = history[0]!.changes.find((c) => c.entity === 'task')!;
      expect(owner.entity === 'task' && owner.fields?.owner).toEqual({ before: '', after: 'Nguyễn Văn An' });
      expect(history[0]).toMatchObject({ actor: systemActor('tester'), via: 'PATCH test', n: 3, seq: 3 });
      expect((await store.audit.history('board:b1', 2)).map((e) => e.seq)).toEqual([3, 2]);
      const cp = await store.audit.checkpoint();
      expect(cp).toMatchObject({ entries: 3 });
      expect(checkpointSigned(cp, store.audit.publicKey)).toBe(true);
      await store.apply(moveOp('t2', 1));
      expect(await store.audit.verify(cp)).toEqual({ ok: true, entries: 4 });
      expect(await store.audit.verify({ ...cp, head: 'f'.repeat(64) })).toMatchObject({ ok: false, brokenAt: 3 });
      const lines: string[] = [];
      for await (const l of store.audit.lines()) lines.push(l);
      expect(lines).toHaveLength(4);
      expect(await verifyAuditLines(lines)).toEqual({ ok: true, entries: 4 });
      expect(await verifyAuditLines([lines[0]!, lines[2]!])).toMatchObject({ ok: false, brokenAt: 2 });
    });

    it('tells listeners about each durable change and replays recent changes for a stream that resumes', async () => {
      const store = await open();
      const seen: ChangeEvent[] = [];
      const off = store.onChange((events) => seen.push(...events));
      await store.apply(createBoardOp());
      await Promise.all([store.apply(moveOp('t1', 1)), store.apply(moveOp('t2', 1, { column: 'done' }))]);
      await eventually(() => expect(seen).toHaveLength(3));
      off();
      await store.apply(moveOp('t3', 1));
      expect(seen.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(seen[0]).toMatchObject({ op: 'board.create', boardId: 'b1', taskIds: ['t1', 't2', 't3'], boardChanged: true });
      expect(seen.slice(1).map((e) => [e.op, e.taskIds[0], e.boardChanged]).sort()).toEqual([
        ['task.move', 't1', false],
        ['task.move', 't2', false],
      ]);
      expect((await store.changesSince(2)) as ChangeEvent[]).toMatchObject([{ seq: 3 }, { seq: 4, taskIds: ['t3'] }]);
      expect(await store.changesSince(4)).toEqual([]);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(3);
    });

    it('answers "gone" when a stream resumes from before the changes it still offers', async () => {
      const store = await open({ keepEvents: 2 });
      await store.apply(createBoardOp());
      for (let v = 1; v <= 4; v++) await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'todo' }));
      expect(await store.changesSince(1)).toBe('gone');
      expect(((await store.changesSince(3)) as ChangeEvent[]).map((e) => e.seq)).toEqual([4, 5]);
    });

    it('reads a session with its user, and a board with the directory and a named task, each as the separate reads give them, and both in one read', async () => {
      const store = await open();
      await store.apply(createBoardOp());
      await store.apply(op({ type: 'user.create', user: user('u1', 'donvi') }));
      await store.auth.createSession({ idHash: 's1', userId: 'u1', createdAt: FIXTURE_AT, lastSeenAt: FIXTURE_AT });
      await store.auth.createSession({ idHash: 's2', userId: 'gone', createdAt: FIXTURE_AT, lastSeenAt: FIXTURE_AT });
      expect(await store.getSessionUser('s1')).toEqual({ session: await store.auth.session('s1'), user: await store.getUser('u1') });
      expect(await store.getSessionUser('s2')).toEqual({ session: await store.auth.session('s2'), user: undefined });
      expect(await store.getSessionUser('nobody')).toBeUndefined();
      expect(await store.getBoardContext('b1')).toEqual({ board: await store.getBoard('b1'), directory: [], task: undefined });
      await store.apply(op({ type: 'directory.update', agencies: [{ name: 'Sở Y tế', aliases: ['SYT'], collective: false }] }));
      await store.apply(moveOp('t2', 1));
      const ctx = await store.getBoardContext('b1', 't2');
      expect(ctx).toEqual({ board: await store.getBoard('b1'), directory: await store.getDirectory(), task: await store.getTask('b1', 't2') });
      expect(ctx!.task).toMatchObject({ column: 'doing', version: 2 });
      expect((await store.getBoardContext('b1', 'no-such-task'))!.task).toBeUndefined();
      expect(await store.getBoardContext('no-such-board', 't2')).toBeUndefined();
      // With a board named, the session's read brings its context too, as getBoardContext gives it.
      expect(await store.getSessionUser('s1', { boardId: 'b1', taskId: 't2' })).toEqual({ session: await store.auth.session('s1'), user: await store.getUser('u1'), board: ctx });
      expect((await store.getSessionUser('s1', { boardId: 'b1' }))!.board).toEqual({ ...ctx, task: undefined });
      expect((await store.getSessionUser('s2', { boardId: 'b1', taskId: 'no-such-task' }))!).toMatchObject({ user: undefined, board: { board: ctx!.board, task: undefined } });
      const none = await store.getSessionUser('s1', { boardId: 'no-such-board', taskId: 't2' });
      expect(none).toMatchObject({ user: { id: 'u1' } });
      expect(none!.board).toBeUndefined();
      expect(await store.getSessionUser('nobody', { boardId: 'b1' })).toBeUndefined();
      // Read twice unchanged, the agency lists are the same objects: permission checks key their indexes by identity.
      expect((await store.getBoardContext('b1'))!.directory).toBe((await store.getBoardContext('b1'))!.directory);
    });

    it('keeps password hashes and sessions apart from the audit trail, for the next repository too', async () => {
      const store = await open();
      await store.auth.setPasswordHash('u1', 'hash-1');
      await store.auth.setPasswordHash('u1', 'hash-2');
      await store.auth.createSession({ idHash: 's1', userId: 'u1', createdAt: FIXTURE_AT, lastSeenAt: FIXTURE_AT });
      await store.auth.createSession({ idHash: 's2', userId: 'u1', createdAt: FIXTURE_AT, lastSeenAt: FIXTURE_AT });
      await store.auth.createSession({ idHash: 's3', userId: 'u2', createdAt: FIXTURE_AT, lastSeenAt: FIXTURE_AT });
      await store.auth.touchSession('s3', '2025-11-20T04:00:00.000Z');
      await store.auth.deleteSession('s1');
      expect(await store.auth.passwordHash('u1')).toBe('hash-2');
      expect(await store.auth.passwordHash('nobody')).toBeUndefined();
      expect(await store.auth.session('s1')).toBeUndefined();
      await store.auth.deleteSessionsOf('u1');
      expect(await store.auth.session('s2')).toBeUndefined();
      await store.close();
      const again = await open();
      expect(await again.auth.passwordHash('u1')).toBe('hash-2');
      expect(await again.auth.session('s3')).toMatchObject({ userId: 'u2', lastSeenAt: '2025-11-20T04:00:00.000Z' });
      const lines: string[] = [];
      for await (const l of again.audit.lines()) lines.push(l);
      expect(lines.join('\n')).not.toContain('hash-2');
    });

    it('stores evidence files by content hash, once, and never answers a path for a hash', async () => {
      const store = await open();
      const bytes = new TextEncoder().encode('%PDF-1.4 minh chứng');
      const stored = await store.files.put(bytes, 'bien-ban.pdf', 'application/pdf');
      expect(stored).toMatchObject({ name: 'bien-ban.pdf', size: bytes.byteLength, mediaType: 'application/pdf' });
      expect(await store.files.put(bytes, 'ban-sao.pdf', 'application/pdf')).toMatchObject({ sha256: stored.sha256 });
      const again = await open();
      expect(Buffer.from((await again.files.get(stored.sha256))!).toString()).toBe('%PDF-1.4 minh chứng');
      expect(await again.files.get('0'.repeat(64))).toBeUndefined();
      expect(await again.files.get('../../etc/passwd')).toBeUndefined();
    });
  });
}
