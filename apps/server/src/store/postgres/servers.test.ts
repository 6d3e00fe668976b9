// Two real dondoc processes on one PostgreSQL database: sessions, uploads and sign-in limits shared;
// a move through one read at once through the other; 10 clients moving through both for 20 s with
// nothing lost or doubled; and kill -9 of one server under that load while the other keeps serving.
// Skipped, saying so, without DONDOC_TEST_DATABASE_URL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_IDS, type MoveResponse, type Task } from '@dondoc/shared';
import type { BoardChangeData } from '../../routes/events.ts';
import { PostgresRepository } from './postgres-store.ts';
import { changesAfter, freshDatabase, resetDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from './test-database.ts';
import { createBoardOp } from '../../testing/fixtures.ts';
import { seedUsers } from '../../testing/users.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../testing/server-process.ts';
import { boardOf } from '../../testing/payload.ts';

const MOVABLE = COLUMN_IDS.filter((c) => c !== 'review'); // review needs evidence on this board

interface Ack {
  version: number;
  track: string;
  column: string;
}

async function signIn(base: string, login = 'thuongtruc', password = 'dondoc-demo'): Promise<Response> {
  return fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
}

/** `clients` movers for `ms`; each owns its tasks (so it knows their versions) and goes through `serverOf(client)`. */
async function load(opts: { clients: number; ms: number; tasks: Task[]; cookie: string; serverOf: (client: number) => string; onFailure?: (client: number, task: string) => Promise<number> }) {
  const acks = new Map<string, Ack[]>();
  const per = Math.floor(opts.tasks.length / opts.clients);
  const until = Date.now() + opts.ms;
  let failures = 0;
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, c) => {
      const mine = opts.tasks.slice(c * per, (c + 1) * per);
      const versions = new Map(mine.map((t) => [t.id, t.version]));
      for (let i = 0; Date.now() < until; i++) {
        const t = mine[i % mine.length]!;
        const body = { version: versions.get(t.id)!, track: t.track, column: MOVABLE[(i + c) % MOVABLE.length]!, afterId: null };
        let res: Response;
        try {
          res = await fetch(`${opts.serverOf(c)}/api/boards/b1/tasks/${t.id}/move`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: opts.cookie }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
        } catch {
          // No answer: not acknowledged. The move may or may not have happened; read where the task is now.
          failures++;
          if (!opts.onFailure) throw new Error(`client ${c}: no answer`);
          versions.set(t.id, await opts.onFailure(c, t.id));
          continue;
        }
        if (res.status !== 200) throw new Error(`client ${c}: move ${t.id} → ${res.status} ${await res.text()}`);
        const moved = ((await res.json()) as MoveResponse).task;
        let list = acks.get(t.id);
        if (!list) acks.set(t.id, (list = []));
        list.push({ version: moved.version, track: moved.track, column: moved.column });
        versions.set(t.id, moved.version);
      }
    }),
  );
  return { acks, failures };
}

/**
 * The data of the first `count` `change` events on an SSE body, in the order the stream sent them (the
 * stream is then cancelled). It waits as long as they take: the test runner's timeout is the only clock.
 */
async function nextChanges(body: ReadableStream<Uint8Array>, count: number): Promise<BoardChangeData[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const changes: BoardChangeData[] = [];
  let text = '';
  try {
    for (;;) {
      for (let m = /event: change\ndata: (.*)\n/.exec(text); m; m = /event: change\ndata: (.*)\n/.exec(text)) {
        changes.push(JSON.parse(m[1]!) as BoardChangeData);
        text = text.slice(m.index + m[0].length);
        if (changes.length === count) return changes;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended after ${changes.length} of ${count} changes: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
}

if (!TEST_DATABASE_URL) {
  describe('two dondoc servers on one PostgreSQL database', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
} else {
  describe('two dondoc servers on one PostgreSQL database', () => {
    let db: { url: string; drop: () => Promise<void> };
    let servers: ServerProcess[] = [];
    let repo: PostgresRepository;
    let tasks: Task[];
    beforeAll(async () => {
      db = await freshDatabase();
    }, 30_000);
    afterAll(() => db?.drop());
    afterEach(async () => {
      await Promise.all(servers.map((s) => stopServerProcess(s)));
      servers = [];
      await repo?.close();
      await resetDatabase(db.url);
    });
    const start = async () => {
      // Kept changes above what 20 s of moves make on a fast machine: the test counts every one.
      repo = await PostgresRepository.open({ url: db.url, maxConnections: 2, keepEvents: 1_000_000 });
      const op = createBoardOp(200);
      tasks = op.tasks;
      await repo.apply(op);
      await seedUsers(repo);
      servers = await Promise.all([startServerProcess({ DATABASE_URL: db.url }), startServerProcess({ DATABASE_URL: db.url })]);
      const res = await signIn(servers[0]!.base);
      expect(res.status).toBe(200);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    };

    it('shares sessions, uploads and sign-in limits; moves through one are read at once through the other and reach its live stream in order', async () => {
      const cookie = await start();
      const [a, b] = servers.map((s) => s.base) as [string, string];
      // Signed in on a, known on b.
      expect((await fetch(`${b}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
      // A browser's live stream on b, opened before the move through a.
      const live = await fetch(`${b}/api/boards/b1/events`, { headers: { cookie, accept: 'text/event-stream' } });
      expect(live.status).toBe(200);
      const changes = nextChanges(live.body!, 2);
      const move = (task: string, column: string) =>
        fetch(`${a}/api/boards/b1/tasks/${task}/move`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ version: 1, track: 'khcn-cds', column, afterId: null }) });
      expect((await move('t5', 'done')).status).toBe(200);
      expect((await move('t7', 'doing')).status).toBe(200);
      // Each change reaches b's stream through LISTEN/NOTIFY and b's reading forward: once, in the order
      // made, naming its task and who moved it. (How soon is bench/postgres.ts's figure, not a test's.)
      const [first, second] = await changes;
      expect(first).toMatchObject({ board: 'b1', op: 'task.move', tasks: ['t5'], boardChanged: false, by: { id: 'u-thuongtruc', name: 'Nguyễn Thị Thu Hà' } });
      expect(second).toMatchObject({ board: 'b1', op: 'task.move', tasks: ['t7'], boardChanged: false, by: { id: 'u-thuongtruc', name: 'Nguyễn Thị Thu Hà' } });
      expect(second!.seq).toBe(first!.seq + 1);
      const read = (await (await fetch(`${b}/api/boards/b1/tasks/t5`, { headers: { cookie } })).json()) as { task: Task };
      expect(read.task).toMatchObject({ column: 'done', version: 2 });
      const board = await fetch(`${b}/api/boards/b1`, { headers: { cookie } });
      expect(boardOf(await board.json()).tasks.find((t) => t.id === 't5')).toMatchObject({ column: 'done' });
      // A file uploaded through a is downloaded through b.
      const form = new FormData();
      form.set('file', new File([Buffer.from('%PDF-1.4\n%minh chung\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], 'bien-ban.pdf', { type: 'application/pdf' }));
      const up = await fetch(`${a}/api/boards/b1/tasks/t6/evidence/file`, { method: 'POST', headers: { cookie, origin: a }, body: form });
      expect(up.status).toBe(201);
      const evidence = ((await up.json()) as { task: Task }).task.evidence[0]!;
      const down = await fetch(`${b}/api/boards/b1/tasks/t6/evidence/${evidence.id}/file`, { headers: { cookie } });
      expect(down.status).toBe(200);
      expect(Buffer.from(await down.arrayBuffer()).toString()).toContain('minh chung');
      // Wrong passwords spread over both servers are counted together.
      for (let i = 0; i < 5; i++) expect((await signIn(servers[i % 2]!.base, 'donvi', 'sai-mat-khau')).status).toBe(401);
      expect((await signIn(b, 'donvi', 'dondoc-demo')).status).toBe(429);
      expect((await signIn(a, 'donvi', 'dondoc-demo')).status).toBe(429);
      // Signing out on b ends the session on a too.
      expect((await fetch(`${b}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: b } })).status).toBe(200);
      expect((await fetch(`${a}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    }, 60_000);

    it('10 clients moving through both servers for 20 s: nothing lost or doubled, every task where its last acknowledged move put it', async () => {
      const cookie = await start();
      const { acks } = await load({ clients: 10, ms: 20_000, tasks, cookie, serverOf: (c) => servers[c % 2]!.base });
      const total = [...acks.values()].reduce((n, l) => n + l.length, 0);
      expect(total).toBeGreaterThan(20);
      const moves = new Map<string, number>();
      const changes = await changesAfter(repo, 1);
      for (const e of changes) if (e.op === 'task.move') moves.set(e.taskIds[0]!, (moves.get(e.taskIds[0]!) ?? 0) + 1);
      for (const [id, list] of acks) {
        // Versions strictly increasing, one per acknowledged move.
        expect(list.map((a) => a.version)).toEqual(list.map((_, i) => i + 2));
        const now = (await repo.getTask('b1', id))!;
        expect({ version: now.version, track: now.track, column: now.column }).toEqual(list.at(-1));
        expect(moves.get(id)).toBe(list.length);
      }
      expect([...moves.values()].reduce((a, b) => a + b, 0)).toBe(total);
      // The board, the five users, one entry per acknowledged move, and each server's daily record of the
      // board: two servers starting together may both apply it, and the second, finding the day recorded,
      // leaves it as it was — one day's counts, up to two entries.
      const days = changes.filter((e) => e.op === 'board.recordDay').length;
      expect(days).toBeLessThanOrEqual(2);
      expect(await repo.getRecords('b1', 'daily')).toHaveLength(1);
      expect(await repo.audit.verify()).toEqual({ ok: true, entries: 1 + 5 + total + days });
      console.log(`[dondoc] two servers, 10 clients, 20 s: ${total} moves acknowledged (${(total / 20).toFixed(0)}/s)`);
    }, 90_000);

    it('kill -9 of one server under load: the other keeps serving and nothing acknowledged is lost', async () => {
      const cookie = await start();
      const [a] = servers as [ServerProcess, ServerProcess];
      let killed = false;
      const killer = setTimeout(() => {
        killed = true;
        servers[1]!.child.kill('SIGKILL');
      }, 4000);
      const afterKill = { a: 0 };
      const { acks, failures } = await load({
        clients: 10,
        ms: 10_000,
        tasks,
        cookie,
        serverOf: (c) => (c % 2 === 0 || killed ? (killed && (afterKill.a += 1), a.base) : servers[1]!.base),
        onFailure: async (_, id) => ((await (await fetch(`${a.base}/api/boards/b1/tasks/${id}`, { headers: { cookie } })).json()) as { task: Task }).task.version,
      });
      clearTimeout(killer);
      expect(killed).toBe(true);
      expect(afterKill.a).toBeGreaterThan(5);
      const events = await changesAfter(repo, 1);
      const moves = new Map<string, number>();
      for (const e of events) if (e.op === 'task.move') moves.set(e.taskIds[0]!, (moves.get(e.taskIds[0]!) ?? 0) + 1);
      for (const [id, list] of acks) {
        for (let i = 1; i < list.length; i++) expect(list[i]!.version).toBeGreaterThan(list[i - 1]!.version);
        const now = (await repo.getTask('b1', id))!;
        const last = list.at(-1)!;
        // Every acknowledged move is there; at most one unanswered move (cut by the kill) came after it.
        expect(now.version - last.version).toBeGreaterThanOrEqual(0);
        expect(now.version - last.version).toBeLessThanOrEqual(1);
        if (now.version === last.version) expect({ version: now.version, track: now.track, column: now.column }).toEqual(last);
        // Each version bump is one recorded move: none lost, none doubled.
        expect(moves.get(id)).toBe(now.version - 1);
      }
      expect(await repo.audit.verify()).toMatchObject({ ok: true });
      console.log(`[dondoc] kill -9 under load: ${[...acks.values()].reduce((n, l) => n + l.length, 0)} moves acknowledged, ${failures} unanswered at the kill`);
    }, 90_000);
  });
}
