// The live stream over a real socket: a change reaches an open stream with the store's sequence as
// its id, a reconnect with Last-Event-ID gets what it missed, a gap too old gives `reset`, other
// boards' changes are not sent, and a user without a role on the board gets a 404.
import { boardOf, type DecodedBoard } from '../testing/payload.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Board } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import type { BoardChangeData, BoardCountsData } from './events.ts';

let store: LowdbStore;
let server: ServerType;
let base = '';
let cookie = '';
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const t = await tempDir();
  store = await LowdbStore.open({ dir: t.dir, keepEvents: 5 });
  const plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'e2e/fixtures/plugins'), timeoutMs: 500 });
  const app = createApp({ repository: store, plugins, config: { today: () => '2025-12-10', webDist: null } });
  await seedUsers(store);
  cookie = await sessionCookie(app, 'thuongtruc');
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanup = async () => {
    (server as import('node:http').Server).closeAllConnections();
    await new Promise((r) => server.close(r));
    await store.close();
    await t.cleanup();
  };
});
afterEach(async () => cleanup());

const api = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } });

/** Reads SSE events from a stream until `until` says enough (or 5 s pass). */
async function events(res: Response, until: (seen: Array<{ event: string; id?: string; data: string }>) => boolean) {
  const reader = res.body!.getReader();
  const seen: Array<{ event: string; id?: string; data: string }> = [];
  let buffer = '';
  const deadline = Date.now() + 5000;
  while (!until(seen) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
      if (field('event')) seen.push({ event: field('event')!, ...(field('id') ? { id: field('id')! } : {}), data: field('data') ?? '' });
    }
  }
  await reader.cancel();
  return seen;
}

async function newBoard(): Promise<{ board: Board; payload: DecodedBoard }> {
  const board = (await (await api('/api/boards', { method: 'POST', body: JSON.stringify({ template: 'fixture-tiny:tiny' }) })).json()) as Board;
  return { board, payload: boardOf(await (await api(`/api/boards/${board.id}`)).json()) };
}
const move = (boardId: string, t: { id: string; version: number; track: string }, column = 'doing') =>
  api(`/api/boards/${boardId}/tasks/${t.id}/move`, { method: 'POST', body: JSON.stringify({ version: t.version, track: t.track, column, afterId: null }) });

describe('GET /api/boards/:boardId/events', () => {
  it('sends each change of this board with the store sequence as id, the tasks it touched and the board counts', async () => {
    const { board, payload } = await newBoard();
    const other = await newBoard();
    const stream = await api(`/api/boards/${board.id}/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const t = payload.tasks[0]!;
    setTimeout(() => {
      void move(other.board.id, other.payload.tasks[0]!).then(() => move(board.id, t, 'done'));
    }, 100);
    const seen = await events(stream, (s) => s.some((e) => e.event === 'change'));
    expect(seen[0]!.event).toBe('hello');
    const change = seen.find((e) => e.event === 'change')!;
    const data = JSON.parse(change.data) as BoardChangeData;
    expect(data).toMatchObject({ board: board.id, op: 'task.move', tasks: [t.id], boardChanged: false, counts: { done: 1 }, records: [], by: { name: 'Nguyễn Thị Thu Hà' } });
    expect(Number(change.id)).toBe(await store.lastSeq());
  });

  it('resumes from Last-Event-ID with every change missed, and says reset when they are no longer kept', async () => {
    const { board, payload } = await newBoard();
    const since = await store.lastSeq();
    const [a, b] = payload.tasks;
    await move(board.id, a!);
    await move(board.id, b!);
    const resumed = await events(await api(`/api/boards/${board.id}/events`, { headers: { 'Last-Event-ID': String(since) } }), (s) => s.filter((e) => e.event === 'change').length >= 2);
    expect(resumed.filter((e) => e.event === 'change').map((e) => (JSON.parse(e.data) as BoardChangeData).tasks[0])).toEqual([a!.id, b!.id]);
    // keepEvents is 5 here: six more changes push the first ones out.
    let version = a!.version + 1;
    for (let i = 0; i < 6; i++) await move(board.id, { ...a!, version: version++ }, i % 2 ? 'doing' : 'todo');
    const reset = await events(await api(`/api/boards/${board.id}/events`, { headers: { 'Last-Event-ID': String(since) } }), (s) => s.some((e) => e.event === 'reset'));
    expect(reset.find((e) => e.event === 'reset')).toMatchObject({ id: String(await store.lastSeq()) });
  });

  it('is a 404 for a board the user has no role on, and a 401 signed out; refuses a malformed Last-Event-ID', async () => {
    const { board } = await newBoard();
    await store.apply({ type: 'user.update', userId: 'u-xem', patch: { roles: { other: 'viewer' } }, actor: { kind: 'system', id: 'system:test', name: 'test' }, via: 'test', at: new Date().toISOString() });
    const app = { request: (p: string, i?: RequestInit) => fetch(`${base}${p}`, i) };
    const viewer = await sessionCookie(app, 'xem');
    expect((await fetch(`${base}/api/boards/${board.id}/events`, { headers: { Cookie: viewer } })).status).toBe(404);
    expect((await fetch(`${base}/api/boards/${board.id}/events`)).status).toBe(401);
    expect((await api(`/api/boards/${board.id}/events`, { headers: { 'Last-Event-ID': 'abc' } })).status).toBe(400);
  });
});

describe('GET /api/boards/:boardId/tasks?ids=', () => {
  it('returns the named tasks with their failures and lists the ids it does not have', async () => {
    const { board, payload } = await newBoard();
    const [a, b] = payload.tasks;
    const res = (await (await api(`/api/boards/${board.id}/tasks?ids=${a!.id},${b!.id},nope`)).json()) as { tasks: Array<{ task: { id: string } }>; missing: string[] };
    expect(res.tasks.map((x) => x.task.id)).toEqual([a!.id, b!.id]);
    expect(res.missing).toEqual(['nope']);
  });
});

describe('records on the board stream, and the board list stream', () => {
  it('names the meeting a change wrote', async () => {
    const { board } = await newBoard();
    const stream = await api(`/api/boards/${board.id}/events`);
    setTimeout(() => void api(`/api/boards/${board.id}/meetings`, { method: 'POST', body: JSON.stringify({ title: 'Họp', date: '2025-12-10' }) }), 100);
    const seen = await events(stream, (s) => s.some((e) => e.event === 'change'));
    const data = JSON.parse(seen.find((e) => e.event === 'change')!.data) as BoardChangeData;
    expect(data).toMatchObject({ op: 'meeting.create', tasks: [], records: [{ kind: 'meeting' }] });
  });

  it('sends the counts of each board the user can see as they change, and catches up from Last-Event-ID', async () => {
    const { board, payload } = await newBoard();
    const since = await store.lastSeq();
    const stream = await api('/api/events');
    setTimeout(() => void move(board.id, payload.tasks[0]!, 'done'), 100);
    const seen = await events(stream, (s) => s.some((e) => e.event === 'counts'));
    expect(seen[0]!.event).toBe('hello');
    const counts = JSON.parse(seen.find((e) => e.event === 'counts')!.data) as BoardCountsData;
    expect(counts).toMatchObject({ board: board.id, title: board.title, taskCount: 3, counts: { done: 1 } });
    const resumed = await events(await api('/api/events', { headers: { 'Last-Event-ID': String(since) } }), (s) => s.some((e) => e.event === 'counts'));
    expect(JSON.parse(resumed.find((e) => e.event === 'counts')!.data)).toMatchObject({ board: board.id, counts: { done: 1 } });
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
  });
});
