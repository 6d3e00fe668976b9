// PostgreSQL store: the repository contract, then what several servers on one database need — a write
// through one read at once through another, changes reaching the other's listeners in order (LISTEN/NOTIFY of
// (board, seq), read forward, so a lost notification loses nothing), concurrent writers on one board
// across servers, a dead server's unsealed records sealed by the survivor, and the board payload
// never served stale across servers. Skipped, saying so, without DONDOC_TEST_DATABASE_URL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { ChangeEvent } from '../repository.ts';
import { repositoryContract, eventually } from '../contract.ts';
import { PostgresRepository } from './postgres-store.ts';
import { changesAfter, freshDatabase, resetDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from './test-database.ts';
import { createBoardOp, moveOp } from '../../testing/fixtures.ts';
import { BoardPayloadCache } from '../../board-payload.ts';
import { PluginHost } from '../../plugins/host.ts';
import { boardOf } from '../../testing/payload.ts';

if (!TEST_DATABASE_URL) {
  describe('PostgresRepository', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
  console.warn(`[dondoc] ${SKIP_MESSAGE}`);
} else {
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await freshDatabase();
    // Migrated once; each test then starts from empty tables.
    await (await PostgresRepository.open({ url: db.url })).close();
  }, 30_000);
  afterAll(() => db?.drop());

  repositoryContract('PostgresRepository', {
    fresh: () => resetDatabase(db.url),
    open: (opts) => PostgresRepository.open({ url: db.url, maxConnections: 4, ...opts }),
    cleanup: async () => {},
  });

  /**
   * What `repo`'s listeners are told, as it arrives; `upTo(seq)` settles once they have heard that far. It
   * waits as long as it takes: the test runner's timeout is the only clock.
   */
  const listen = (repo: PostgresRepository) => {
    const events: ChangeEvent[] = [];
    const waiting = new Set<{ seq: number; heard: () => void }>();
    const reached = (seq: number) => events.some((e) => e.seq >= seq);
    repo.onChange((batch) => {
      events.push(...batch);
      for (const w of waiting) {
        if (!reached(w.seq)) continue;
        waiting.delete(w);
        w.heard();
      }
    });
    return { events, upTo: (seq: number) => new Promise<void>((heard) => (reached(seq) ? heard() : waiting.add({ seq, heard }))) };
  };

  describe('PostgresRepository: several servers on one database', () => {
    let opened: PostgresRepository[] = [];
    const server = async () => {
      const r = await PostgresRepository.open({ url: db.url, maxConnections: 4 });
      opened.push(r);
      return r;
    };
    afterEach(async () => {
      await Promise.allSettled(opened.map((r) => r.close()));
      opened = [];
      await resetDatabase(db.url);
    });

    it('moves through one server are read at once through the other and reach its listeners, in order, each naming its task', async () => {
      const a = await server();
      const b = await server();
      await a.apply(createBoardOp());
      expect((await b.getTasks('b1'))!.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
      const heard = listen(b);
      // Several moves in a row: the listener must be told each, once, in the order they were made. (No
      // clock here: how soon is the servers bench's figure; a machine busy with other work may be slow.)
      expect((await a.apply(moveOp('t2', 1, { column: 'done' }))).ok).toBe(true);
      expect((await a.apply(moveOp('t1', 1, { column: 'doing' }))).ok).toBe(true);
      expect((await a.apply(moveOp('t3', 1, { column: 'done' }))).ok).toBe(true);
      expect(await b.getTask('b1', 't2')).toMatchObject({ column: 'done', version: 2 });
      expect((await b.getTasks('b1'))!.find((t) => t.id === 't2')).toMatchObject({ column: 'done' });
      await heard.upTo(4);
      expect(heard.events.filter((e) => e.seq > 1).map(({ seq, op, boardId, taskIds, boardChanged }) => ({ seq, op, boardId, taskIds, boardChanged }))).toEqual([
        { seq: 2, op: 'task.move', boardId: 'b1', taskIds: ['t2'], boardChanged: false },
        { seq: 3, op: 'task.move', boardId: 'b1', taskIds: ['t1'], boardChanged: false },
        { seq: 4, op: 'task.move', boardId: 'b1', taskIds: ['t3'], boardChanged: false },
      ]);
      expect((await changesAfter(b, 1)).map((e) => e.seq)).toEqual([2, 3, 4]);
      expect(await b.lastSeq()).toBe(4);
    });

    it('loses no change when a listener\'s connection drops: it reads forward from its last sequence after reconnecting', async () => {
      const a = await server();
      const b = await server();
      await a.apply(createBoardOp(10));
      const seen: number[] = [];
      b.onChange((events) => seen.push(...events.map((e) => e.seq)));
      await eventually(() => expect(seen).toEqual([1]));
      // Cut every connection of server b (its LISTEN connection among them), then write while it reconnects.
      const admin = postgres(db.url, { max: 1, onnotice: () => {} });
      await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'listen%'`;
      await admin.end();
      for (let i = 1; i <= 5; i++) expect((await a.apply(moveOp(`t${i}`, 1))).ok).toBe(true);
      await eventually(() => expect(seen).toEqual([1, 2, 3, 4, 5, 6]));
    });

    it('keeps versions and ranks exact when two servers move cards of one board concurrently', async () => {
      const a = await server();
      const b = await server();
      await a.apply(createBoardOp(20));
      // Every move drops its card first in the same cell, from both servers at once.
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).apply(moveOp(`t${i + 1}`, 1, { column: 'doing', afterId: null }))));
      expect(results.every((r) => r.ok)).toBe(true);
      const doing = (await a.getTasks('b1'))!.filter((t) => t.column === 'doing');
      expect(doing).toHaveLength(20);
      expect(new Set(doing.map((t) => t.rank)).size).toBe(20);
      // Both servers agree on the order, and the last move to commit is first.
      expect((await b.getTasks('b1'))!.filter((t) => t.column === 'doing').map((t) => t.id)).toEqual(doing.map((t) => t.id));
      const events = await changesAfter(b, 1);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect(events.at(-1)!.taskIds[0]).toBe(doing[0]!.id);
      expect(await a.audit.verify()).toEqual({ ok: true, entries: 21 });
    });

    it('seals what a server committed and could not seal before it died', async () => {
      const a = await server();
      await a.apply(createBoardOp());
      const b = await server();
      const seen: number[] = [];
      b.onChange((events) => seen.push(...events.map((e) => e.seq)));
      // As if a server committed an operation and was killed before its sealer ran.
      const raw = postgres(db.url, { max: 1, onnotice: () => {} });
      await raw`INSERT INTO changes (board_id, task_ids, record) VALUES ('b1', ARRAY['t1'], ${{ at: '2025-11-20T03:00:00.000Z', actor: { kind: 'system', id: 'system:test', name: 'test' }, via: 'test', op: 'task.comment.add', board: 'b1', tasks: ['t1'], changes: [] } as never})`;
      await raw.end();
      await eventually(() => expect(seen).toContain(2));
      expect(await b.audit.verify()).toEqual({ ok: true, entries: 2 });
    });

    it('seals the operations made while sealing waits in one pass, announced together, and a read of the changes does not wait', async () => {
      const a = await PostgresRepository.open({ url: db.url, maxConnections: 4, sealDelayMs: 300 });
      opened.push(a);
      const passes: number[][] = [];
      a.onChange((events) => passes.push(events.map((e) => e.seq)));
      await a.apply(createBoardOp(5));
      // The board's creation is sealed (lastSeq seals first) and announced before the moves start: its
      // announcement may reach listeners a turn after the seal, so it is waited for, then set aside.
      await a.lastSeq();
      await eventually(() => expect(passes).toEqual([[1]]));
      passes.length = 0;
      for (let i = 1; i <= 5; i++) expect((await a.apply(moveOp(`t${i}`, 1))).ok).toBe(true);
      await eventually(() => expect(passes).toEqual([[2, 3, 4, 5, 6]]));
      expect(await a.audit.verify()).toEqual({ ok: true, entries: 6 });
      // Waiting a minute to seal, the store still answers a stream's resume and the trail (within the test's timeout): they seal first.
      const slow = await PostgresRepository.open({ url: db.url, maxConnections: 4, sealDelayMs: 60_000 });
      opened.push(slow);
      expect((await slow.apply(moveOp('t1', 2, { column: 'done' }))).ok).toBe(true);
      expect(await slow.lastSeq()).toBe(7);
      expect((await changesAfter(slow, 6)).map((e) => e.op)).toEqual(['task.move']);
      expect(await slow.audit.verify()).toEqual({ ok: true, entries: 7 });
    });

    it('never serves a board payload older than the board revision another server wrote', async () => {
      const plugins = await PluginHost.load({ pluginsDir: '/nonexistent', extra: [] });
      const a = await server();
      const b = await server();
      const payloadsB = new BoardPayloadCache(b, plugins);
      await a.apply(createBoardOp());
      const first = await payloadsB.get((await b.getBoard('b1'))!);
      expect(boardOf(JSON.parse(first.json.toString())).tasks.find((t) => t.id === 't1')!.column).toBe('todo');
      await a.apply(moveOp('t1', 1, { column: 'done' }));
      const board = (await b.getBoard('b1'))!;
      const second = await payloadsB.get(board);
      expect(second.etag).not.toBe(first.etag);
      expect(boardOf(JSON.parse(second.json.toString())).tasks.find((t) => t.id === 't1')).toMatchObject({ column: 'done', version: 2 });
      // Unchanged tasks keep their objects in the server's copy, so the payload re-serialises only what changed.
      const [x, y] = [(await b.getTasks('b1'))!, (await b.getTasks('b1'))!];
      expect(x).toBe(y);
    });
  });
}
