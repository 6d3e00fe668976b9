// Server benches through the real HTTP server (a child process on a temp data folder): card moves and
// field saves acknowledged after fsync, and board reads at 10,000 tasks, each printed beside its target.
// Every request is signed in, as the API requires: the seed adds a coordinator and the bench signs in.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, get, request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { COLUMN_IDS, systemActor, type MoveResponse, type Task } from '@dondoc/shared';
import { LowdbStore } from '../apps/server/src/store/lowdb-store.ts';
import { hashPassword } from '../apps/server/src/auth/passwords.ts';
import { generateBoard, prng, type GeneratedBoard } from './generate.ts';
import { serverArgs } from '../apps/server/src/testing/server-process.ts';

const ROOT = resolve(import.meta.dirname, '..');

export interface ServerBenchOptions {
  tasks?: number;
  moves?: number;
  /** Seconds per autocannon run. */
  duration?: number;
  connections?: number;
}

export interface ServerBenchResult {
  moveP50: number;
  moveP95: number;
  saveP50: number;
  saveP95: number;
  getGzipRps: number;
  getIdentityRps: number;
  leanGzipRps?: number;
  gzipBytes: number;
  identityBytes: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const line = (name: string, value: string, target: string, ok?: boolean) => console.log(`${name}: ${value} (target ${target})${ok === undefined ? '' : ok ? ' ✓' : ' ✗'}`);

/** The bench's own account: a coordinator on every board. */
export const BENCH_USER = { login: 'bench', password: 'bench-password-1' } as const;

/** Seeds the store through the repository itself, so the server starts from a real snapshot; adds the bench's coordinator. */
export async function seedGeneratedBoard(dir: string, tasks: number): Promise<GeneratedBoard> {
  const generated = generateBoard({ tasks, checklist: 'checklist-5ro:5ro' });
  const store = await LowdbStore.open({ dir });
  const created = await store.apply(generated.op);
  if (!created.ok) throw new Error(created.failure.messageEn);
  const at = new Date().toISOString();
  const user = { id: 'ubench', login: BENCH_USER.login, name: 'Bench', agency: '', admin: false, roles: { '*': 'coordinator' as const }, disabled: false, mustChangePassword: false, createdAt: at, updatedAt: at };
  await store.auth.setPasswordHash(user.id, await hashPassword(BENCH_USER.password));
  const u = await store.apply({ type: 'user.create', user, actor: systemActor('bench'), via: 'bench', at });
  if (!u.ok) throw new Error(u.failure.messageEn);
  await store.close();
  return generated;
}

/** Signs the bench's coordinator in; the session cookie (`name=value`) to send with every request. */
export async function signInCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify(BENCH_USER) });
  if (!res.ok) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Starts the real server as a child process on a free port; resolves once it prints its address. */
export function startServer(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, serverArgs('build'), {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DONDOC_DATA: dataDir, DONDOC_DEMO: '0', DONDOC_TODAY: '2025-11-20', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((ok, fail) => {
    const onData = (buf: Buffer) => {
      log += buf.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) ok({ child, base: m[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${log}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** "Chờ xác nhận" needs evidence on a board that requires it (the default): moves go to the other columns. */
const COLUMNS = COLUMN_IDS.filter((c) => c !== 'review');

/** `count` sequential card moves (after 10 warm-up moves), each timed to its durable answer; sorted ms. */
/**
 * One JSON write on a keep-alive connection through node:http, its answer parsed: a lean client, so
 * the time is the server's (undici's fetch spent 1–2 ms of this machine's two cores per request).
 */
function send(agent: Agent, url: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((ok, fail) => {
    const req = request(url, { method, agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => ok({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const writer = new Agent({ keepAlive: true, maxSockets: 1 });

export async function moves(base: string, cookie: string, boardId: string, tasks: Task[], count: number, versions: Map<string, number>): Promise<number[]> {
  let made = 0;
  // The first few warm up the connection and JIT, and are not counted.
  const times = await movesWhile(base, cookie, boardId, tasks, () => ++made > count + 10, versions);
  return times.slice(10).sort((a, b) => a - b);
}

/** Sequential random moves, back to back, until `stop()` says so (asked before each move); the time of each, in order made. */
export async function movesWhile(base: string, cookie: string, boardId: string, tasks: Task[], stop: () => boolean, versions: Map<string, number>): Promise<number[]> {
  const rand = prng(7);
  const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
  const times: number[] = [];
  while (!stop()) {
    const t = tasks[Math.floor(rand() * tasks.length)]!;
    const body = { version: versions.get(t.id)!, track: tracks[Math.floor(rand() * 3)]!, column: COLUMNS[Math.floor(rand() * COLUMNS.length)]!, afterId: null };
    const started = performance.now();
    const res = await send(writer, `${base}/api/boards/${boardId}/tasks/${t.id}/move`, 'POST', { cookie, origin: base }, JSON.stringify(body));
    const moved = res.json as MoveResponse;
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`move failed: ${res.status} ${JSON.stringify(moved)}`);
    versions.set(t.id, moved.task.version);
    times.push(ms);
  }
  return times;
}

/**
 * Field saves as the panel sends them (PATCH one field with the version seen): the time to a durable
 * acknowledgement, which carries the task and its failed criteria for the card's badge.
 */
async function saves(base: string, cookie: string, boardId: string, tasks: Task[], count: number, versions: Map<string, number>): Promise<number[]> {
  const rand = prng(11);
  const times: number[] = [];
  for (let i = 0; i < count + 10; i++) {
    const t = tasks[Math.floor(rand() * tasks.length)]!;
    const body = { version: versions.get(t.id)!, owner: `Người phụ trách ${i}` };
    const started = performance.now();
    const res = await send(writer, `${base}/api/boards/${boardId}/tasks/${t.id}`, 'PATCH', { cookie, origin: base }, JSON.stringify(body));
    const saved = res.json as { task: Task };
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`save failed: ${res.status} ${JSON.stringify(saved)}`);
    versions.set(t.id, saved.task.version);
    if (i >= 10) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

async function reads(url: string, cookie: string, gzip: boolean, duration: number, connections: number) {
  const headers: Record<string, string> = gzip ? { 'accept-encoding': 'gzip, deflate, br', cookie } : { cookie };
  const r = await autocannon({ url, connections, duration, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`GET board: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r;
}

/**
 * A lean reader: `connections` keep-alive loops that discard bodies. autocannon appends every body to a JS
 * string (pipelinedRequestsQueue.addBody), which for megabyte bodies costs the client more CPU than the
 * server spends; on 2 cores that caps what it can show, so this figure is printed beside it.
 */
async function leanReads(url: string, cookie: string, gzip: boolean, seconds: number, connections: number): Promise<{ rps: number; p50: number; p95: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const until = performance.now() + seconds * 1000;
  const times: number[] = [];
  const one = () =>
    new Promise<void>((ok, fail) => {
      const t0 = performance.now();
      get(url, { agent, headers: gzip ? { 'accept-encoding': 'gzip', cookie } : { cookie } }, (res) => {
        if (res.statusCode !== 200) fail(new Error(`GET board: HTTP ${res.statusCode}`));
        res.on('data', () => {});
        res.on('end', () => {
          times.push(performance.now() - t0);
          ok();
        });
      }).on('error', fail);
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { rps: times.length / elapsed, p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function runServerBench(opts: ServerBenchOptions = {}): Promise<ServerBenchResult> {
  const n = opts.tasks ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-'));
  let child: ChildProcess | undefined;
  try {
    const generated = await seedGeneratedBoard(dir, n);

    const started = await startServer(dir);
    child = started.child;
    const boardUrl = `${started.base}/api/boards/${generated.board.id}`;
    const cookie = await signInCookie(started.base);
    await (await fetch(boardUrl, { headers: { cookie } })).arrayBuffer(); // builds the checks cache once, as the first visitor would

    const versions = new Map(generated.tasks.map((t) => [t.id, t.version]));
    const times = await moves(started.base, cookie, generated.board.id, generated.tasks, opts.moves ?? 250, versions);
    const moveP50 = percentile(times, 50);
    const moveP95 = percentile(times, 95);
    line(`server: card move, durable ack, p50 at ${n} tasks`, `${moveP50.toFixed(1)} ms`, '—');
    line(`server: card move, durable ack, p95 at ${n} tasks (${times.length} moves)`, `${moveP95.toFixed(1)} ms`, '< 25 ms', moveP95 < 25);
    const saveTimes = await saves(started.base, cookie, generated.board.id, generated.tasks, opts.moves ?? 250, versions);
    const saveP50 = percentile(saveTimes, 50);
    const saveP95 = percentile(saveTimes, 95);
    line(`server: field save (PATCH owner, answer with the badge's criteria), durable ack, p50 at ${n} tasks`, `${saveP50.toFixed(1)} ms`, '—');
    line(`server: field save, durable ack, p95 at ${n} tasks (${saveTimes.length} saves)`, `${saveP95.toFixed(1)} ms`, '< 10 ms', saveP95 < 10);

    const identity = await fetch(boardUrl, { headers: { cookie } });
    const identityBytes = (await identity.arrayBuffer()).byteLength;
    const gzRes = await fetch(boardUrl, { headers: { 'accept-encoding': 'gzip', cookie } });
    const gzipBytes = Number(gzRes.headers.get('content-length'));
    await gzRes.arrayBuffer();
    const duration = opts.duration ?? 5;
    const connections = opts.connections ?? 10;
    const gz = await reads(boardUrl, cookie, true, duration, connections);
    const id = await reads(boardUrl, cookie, false, duration, connections);
    line(`server: GET board gzip (${(gzipBytes / 1e6).toFixed(2)} MB), ${connections} connections, req/s`, `${gz.requests.average.toFixed(0)} (p50 ${gz.latency.p50} ms, p97.5 ${gz.latency.p97_5} ms)`, '≥ 300 req/s; autocannon decodes each body to a string, so this is client-bound', gz.requests.average >= 300);
    line(`server: GET board identity (${(identityBytes / 1e6).toFixed(2)} MB), ${connections} connections, req/s`, `${id.requests.average.toFixed(0)} (p50 ${id.latency.p50} ms, p97.5 ${id.latency.p97_5} ms)`, '≥ 300 req/s (browsers send gzip; shown for reference)', id.requests.average >= 300);
    const leanGz = await leanReads(boardUrl, cookie, true, duration, connections);
    const leanId = await leanReads(boardUrl, cookie, false, duration, connections);
    line(`server: GET board gzip, ${connections} connections, lean client (bodies discarded), req/s`, `${leanGz.rps.toFixed(0)} (p50 ${leanGz.p50.toFixed(1)} ms, p95 ${leanGz.p95.toFixed(1)} ms)`, '≥ 300 req/s', leanGz.rps >= 300);
    line(`server: GET board identity, ${connections} connections, lean client, req/s`, `${leanId.rps.toFixed(0)} (p50 ${leanId.p50.toFixed(1)} ms, p95 ${leanId.p95.toFixed(1)} ms)`, '≥ 300 req/s (reference)', leanId.rps >= 300);
    return { moveP50, moveP95, saveP50, saveP95, leanGzipRps: leanGz.rps, getGzipRps: gz.requests.average, getIdentityRps: id.requests.average, gzipBytes, identityBytes };
  } finally {
    if (child) await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}
