// PostgreSQL figures of issue 17 through real servers (child processes on one database), printed
// beside their goals and beside the embedded store's figures measured the same way: start-up, move
// acknowledged (p50/p95), how soon a move through one server reaches a live stream on the other,
// moves/s with 10 clients across two servers, board GET req/s per server, on a 10,000-task board. Skipped, saying so, without DONDOC_TEST_DATABASE_URL (scripts/with-postgres.sh
// provides one). The machine is shared and noisy: compare ratios, not single numbers.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLUMN_IDS, type Task } from '@dondoc/shared';
import { LowdbStore } from '../apps/server/src/store/lowdb-store.ts';
import { PostgresRepository } from '../apps/server/src/store/postgres/postgres-store.ts';
import { freshDatabase, TEST_DATABASE_URL } from '../apps/server/src/store/postgres/test-database.ts';
import { seedUsers } from '../apps/server/src/testing/users.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../apps/server/src/testing/server-process.ts';
import type { Repository } from '../apps/server/src/store/repository.ts';
import { generateBoard, prng } from './generate.ts';

const TRACKS = ['de-an-06', 'cchc', 'khcn-cds'];
const MOVABLE = COLUMN_IDS.filter((c) => c !== 'review');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

function http(agent: Agent, base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; ms: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  const t0 = performance.now();
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { method, agent, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        ok({ status: res.statusCode ?? 0, ms: performance.now() - t0, text: buf.length < 100_000 ? buf.toString() : '', headers: res.headers });
      });
    });
    req.on('error', fail);
    if (body) req.write(body);
    req.end();
  });
}

async function signIn(base: string): Promise<string> {
  const r = await http(new Agent(), base, 'POST', '/api/auth/login', {}, JSON.stringify({ login: 'thuongtruc', password: 'dondoc-demo' }));
  if (r.status !== 200) throw new Error(`sign-in: ${r.status} ${r.text}`);
  return String(r.headers['set-cookie']).split(';')[0]!;
}

async function mover(base: string, cookie: string, boardId: string, tasks: Task[], seed: number, until: () => boolean, times: number[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const rand = prng(seed);
  const versions = new Map(tasks.map((t) => [t.id, t.version]));
  while (!until()) {
    const t = tasks[Math.floor(rand() * tasks.length)]!;
    const body = JSON.stringify({ version: versions.get(t.id)!, track: TRACKS[Math.floor(rand() * 3)]!, column: MOVABLE[Math.floor(rand() * MOVABLE.length)]!, afterId: null });
    const r = await http(agent, base, 'POST', `/api/boards/${boardId}/tasks/${t.id}/move`, { cookie }, body);
    if (r.status !== 200) throw new Error(`move: ${r.status} ${r.text.slice(0, 300)}`);
    versions.set(t.id, (JSON.parse(r.text) as { task: Task }).task.version);
    times.push(r.ms);
  }
  agent.destroy();
}

/**
 * Board GETs (gzip, as browsers ask) on keep-alive connections for `seconds`, bodies discarded as they
 * arrive (gathering a few hundred KB per response costs this client more than the server spends on it).
 * Returns req/s; the caller measures this process's CPU per request, which on 2 cores caps the figure.
 */
async function reads(base: string, cookie: string, boardId: string, seconds: number, connections: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const t0 = performance.now();
  const one = () =>
    new Promise<void>((ok, fail) => {
      request(`${base}/api/boards/${boardId}`, { agent, headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
        if (res.statusCode !== 200) fail(new Error(`GET board: ${res.statusCode}`));
        res.on('data', () => {});
        res.on('end', ok);
      })
        .on('error', fail)
        .end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        await one();
        n++;
      }
    }),
  );
  agent.destroy();
  return n / ((performance.now() - t0) / 1000);
}

interface Figures {
  startMs: number;
  moveP50: number;
  moveP95: number;
  /** From sending a move to one server to its change on a live stream of the other, sorted ms (empty with one server). */
  reach: number[];
  movesPerSec: number;
  /** The first board GET after the load (each server rebuilding its payload), the slowest server's. */
  rebuildMs: number;
  getRps: number[];
  /** CPU milliseconds this (client) process spent per board GET. */
  getClientCpu: number;
  /** CPU milliseconds per move while 10 clients moved: the dondoc servers', PostgreSQL's processes', the bench's clients'. */
  moveCpu: { servers: number; database: number; clients: number };
}

/**
 * How soon each of `tasks`, moved one at a time through server `a`, is told on a live stream of server `b`
 * (LISTEN/NOTIFY, then b's reading forward): from sending the move to the change naming the task. Sorted ms.
 * The unit tests check that the changes arrive, in order; how soon is this figure's, on a machine's load.
 */
async function liveReach(a: string, b: string, cookie: string, boardId: string, tasks: Task[]): Promise<number[]> {
  const stop = new AbortController();
  const live = await fetch(`${b}/api/boards/${boardId}/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: stop.signal });
  if (live.status !== 200 || !live.body) throw new Error(`live stream: ${live.status}`);
  const reader = live.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  /** Reads the stream until a change names `taskId` (changes the stream was still catching up on are passed over). */
  const toldOf = async (taskId: string): Promise<void> => {
    for (;;) {
      for (let m = /event: change\ndata: (.*)\n/.exec(text); m; m = /event: change\ndata: (.*)\n/.exec(text)) {
        text = text.slice(m.index + m[0].length);
        if ((JSON.parse(m[1]!) as { tasks: string[] }).tasks.includes(taskId)) return;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('live stream ended');
      text += decoder.decode(value, { stream: true });
    }
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (const [i, t] of tasks.entries()) {
      const t0 = performance.now();
      const told = toldOf(t.id);
      const r = await http(agent, a, 'POST', `/api/boards/${boardId}/tasks/${t.id}/move`, { cookie }, JSON.stringify({ version: t.version, track: t.track, column: MOVABLE[i % MOVABLE.length]!, afterId: null }));
      if (r.status !== 200) throw new Error(`move: ${r.status} ${r.text.slice(0, 300)}`);
      await told;
      times.push(performance.now() - t0);
    }
  } finally {
    stop.abort();
  }
  return times.sort((x, y) => x - y);
}

/** Clock ticks a second in /proc's CPU times (Linux's USER_HZ, 100 on every common build). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) `pid` has used, from /proc; 0 for a process gone. */
async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND || 0;
}

/** CPU milliseconds used by every PostgreSQL process now running (its postmaster's children all call themselves `postgres`). */
async function postgresCpuMs(): Promise<number> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  const comms = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')));
  const times = await Promise.all(pids.filter((_, i) => comms[i]!.trim() === 'postgres').map((pid) => cpuMsOf(Number(pid))));
  return times.reduce((a, b) => a + b, 0);
}

/** PostgreSQL's own pgbench, from the newest Debian server package installed; undefined when there is none. */
function pgbenchPath(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => join(root, v, 'bin/pgbench')).find((p) => existsSync(p));
}

/**
 * What this machine's PostgreSQL commits with no application in front of it: pgbench's TPC-B-like
 * transaction (three updates, a select and an insert, one commit each), 10 clients on 2 threads for
 * `seconds`, on a fresh database. Beside the CPU each move takes (printed above it), it shows how much
 * of the machine PostgreSQL's own work fills. Transactions a second, or undefined without pgbench.
 */
async function pgbenchTps(seconds: number): Promise<number | undefined> {
  const pgbench = pgbenchPath();
  if (!pgbench) return undefined;
  const db = await freshDatabase();
  const run = (args: string[]) => new Promise<string>((ok, fail) => execFile(pgbench, [...args, db.url], (err, stdout, stderr) => (err ? fail(new Error(`pgbench: ${stderr}`)) : ok(stdout))));
  try {
    await run(['-i', '-q', '-s', '10']);
    const out = await run(['-n', '-c', '10', '-j', '2', '-T', String(seconds)]);
    const tps = /tps = ([\d.]+)/.exec(out);
    return tps ? Number(tps[1]) : undefined;
  } finally {
    await db.drop();
  }
}

/** The same measurements on whichever store `env` names; `servers` processes share it (one for the embedded store). */
async function measure(env: Record<string, string>, seed: (repo: Repository) => Promise<void>, open: () => Promise<Repository>, servers: 1 | 2, seconds: number, board: { id: string; tasks: Task[] }, moves = 320): Promise<Figures | Pick<Figures, 'startMs' | 'moveP50' | 'moveP95'>> {
  /** Tasks moved for the live-stream figure, apart from every other mover's (which know their versions). */
  const REACH_MOVES = 30;
  const repo = await open();
  await seed(repo);
  await repo.close();
  const running: ServerProcess[] = [];
  try {
    running.push(await startServerProcess(env, 'build'));
    const startMs = running[0]!.startMs;
    const cookie = await signIn(running[0]!.base);
    const agent = new Agent({ keepAlive: true });
    await http(agent, running[0]!.base, 'GET', `/api/boards/${board.id}`, { cookie, 'accept-encoding': 'gzip' });
    // Sequential moves through one server.
    const seq: number[] = [];
    let count = 0;
    const fifth = Math.floor(board.tasks.length / 5);
    await mover(running[0]!.base, cookie, board.id, board.tasks.slice(0, fifth), 7, () => ++count > moves, seq);
    const warm = seq.slice(20).sort((a, b) => a - b);
    if (seconds === 0) return { startMs, moveP50: pct(warm, 50), moveP95: pct(warm, 95) };
    if (servers === 2) running.push(await startServerProcess(env, 'build'));
    for (const s of running.slice(1)) await http(agent, s.base, 'GET', `/api/boards/${board.id}`, { cookie, 'accept-encoding': 'gzip' });
    const reach = running.length === 2 ? await liveReach(running[0]!.base, running[1]!.base, cookie, board.id, board.tasks.slice(fifth, fifth + REACH_MOVES)) : [];
    // 10 clients, spread over the servers.
    const pool = board.tasks.slice(fifth + REACH_MOVES);
    const per = Math.floor(pool.length / 10);
    const end = performance.now() + seconds * 1000;
    const times: number[] = [];
    const serverCpu = () => Promise.all(running.map((s) => cpuMsOf(s.child.pid!))).then((t) => t.reduce((a, b) => a + b, 0));
    const [servers0, database0, clients0] = [await serverCpu(), await postgresCpuMs(), process.cpuUsage()];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 10 }, (_, c) => mover(running[c % running.length]!.base, cookie, board.id, pool.slice(c * per, (c + 1) * per), 100 + c, () => performance.now() > end, times)));
    const movesPerSec = times.length / ((performance.now() - t0) / 1000);
    const clients = process.cpuUsage(clients0);
    const moveCpu = { servers: ((await serverCpu()) - servers0) / times.length, database: ((await postgresCpuMs()) - database0) / times.length, clients: (clients.user + clients.system) / 1000 / times.length };
    // The first read after the load rebuilds each server's payload for the new revision: timed on its own, so
    // the req/s below measure serving a revision (what most reads do) rather than one rebuild in a short window.
    const rebuild = await Promise.all(running.map(async (s) => (await http(agent, s.base, 'GET', `/api/boards/${board.id}`, { cookie, 'accept-encoding': 'gzip' })).ms));
    // Board reads on every server at once.
    const cpu0 = process.cpuUsage();
    const r0 = performance.now();
    const getRps = await Promise.all(running.map((s) => reads(s.base, cookie, board.id, 5, 10)));
    const cpu = process.cpuUsage(cpu0);
    const getClientCpu = (cpu.user + cpu.system) / 1000 / (((performance.now() - r0) / 1000) * getRps.reduce((a, b) => a + b, 0));
    return { startMs, moveP50: pct(warm, 50), moveP95: pct(warm, 95), reach, movesPerSec, rebuildMs: Math.max(...rebuild), getRps, getClientCpu, moveCpu };
  } finally {
    await Promise.all(running.map((s) => stopServerProcess(s)));
  }
}

/**
 * All figures, or with `only: 'move'` just the sequential moves on PostgreSQL (`moves` of them, 320 by
 * default): what to run, repeatedly, while working on the move's latency alone.
 */
export async function runPostgresBench(opts: { seconds?: number; only?: 'move'; moves?: number } = {}): Promise<void> {
  if (!TEST_DATABASE_URL) {
    console.log('postgres: skipped — DONDOC_TEST_DATABASE_URL is not set (run `bash scripts/with-postgres.sh npx --yes pnpm@10 bench`)');
    return;
  }
  const seconds = opts.seconds ?? Number(process.env.DONDOC_BENCH_SECONDS ?? 20);
  const g = generateBoard({ tasks: 10_000, seed: 20251120, boardId: 'bench', checklist: 'checklist-5ro:5ro' });
  const board = { id: g.board.id, tasks: g.tasks };
  const seed = async (repo: Repository) => {
    const r = await repo.apply(g.op);
    if (!r.ok) throw new Error(r.failure.messageEn);
    await seedUsers(repo);
  };
  const db = await freshDatabase();
  let pg: Figures;
  try {
    if (opts.only === 'move') {
      const m = await measure({ DATABASE_URL: db.url }, seed, () => PostgresRepository.open({ url: db.url }), 1, 0, board, opts.moves);
      console.log(`postgres: move acknowledged at 10,000 tasks, p50 / p95: ${fmt(m.moveP50)} / ${fmt(m.moveP95)} ms (goal p95 < 10 ms) ${m.moveP95 < 10 ? '✓' : '✗'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
      return;
    }
    pg = (await measure({ DATABASE_URL: db.url }, seed, () => PostgresRepository.open({ url: db.url }), 2, seconds, board)) as Figures;
  } finally {
    await db.drop();
  }
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-pg-'));
  let low: Figures;
  try {
    low = (await measure({ DONDOC_DATA: dir }, seed, () => LowdbStore.open({ dir }), 1, seconds, board)) as Figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const line = (name: string, p: string, l: string, goal: string, ok: boolean) => console.log(`postgres: ${name}: ${p} (lowdb ${l}; goal ${goal}) ${ok ? '✓' : '✗'}`);
  line('server start-up at 10,000 tasks', `${fmt(pg.startMs)} ms`, `${fmt(low.startMs)} ms`, '< 3 s', pg.startMs < 3000);
  line('move acknowledged at 10,000 tasks, p50 / p95', `${fmt(pg.moveP50)} / ${fmt(pg.moveP95)} ms`, `${fmt(low.moveP50)} / ${fmt(low.moveP95)} ms`, 'p95 < 10 ms', pg.moveP95 < 10);
  console.log(
    `postgres: a move through one server told on a live stream of the other, ${pg.reach.length} moves one at a time, p50 / p95: ${fmt(pct(pg.reach, 50))} / ${fmt(pct(pg.reach, 95))} ms (goal < 1 s) ${pct(pg.reach, 95) < 1000 ? '✓' : '✗'}`,
  );
  line(`moves/s, 10 clients across two servers for ${seconds} s`, pg.movesPerSec.toFixed(0), `${low.movesPerSec.toFixed(0)} on its one server`, '≥ 1,500', pg.movesPerSec >= 1500);
  // What 1,500 moves/s would ask of this machine: the CPU each move took, everyone's, against the cores there are.
  const cpu = (f: Figures) => `servers ${fmt(f.moveCpu.servers)} + PostgreSQL ${fmt(f.moveCpu.database)} + the bench's clients ${fmt(f.moveCpu.clients)} ms`;
  const perMove = pg.moveCpu.servers + pg.moveCpu.database + pg.moveCpu.clients;
  console.log(
    `postgres: CPU per move while 10 clients moved: ${cpu(pg)} = ${fmt(perMove)} ms (lowdb: ${cpu(low)}); at 1,500 moves/s that is ${((perMove * 1500) / 1000).toFixed(1)} cores of work, on ${availableParallelism()} cores here (reference)`,
  );
  const tps = await pgbenchTps(seconds);
  console.log(
    tps === undefined
      ? 'postgres: pgbench reference not run (no pgbench installed)'
      : `postgres: reference, PostgreSQL alone on this machine (pgbench's TPC-B-like transaction, 10 clients, ${seconds} s, no application): ${tps.toFixed(0)} transactions/s, its client and PostgreSQL sharing the cores as the servers would`,
  );
  line('board GET (gzip) req/s per server, 10 connections each, both servers at once', `${pg.getRps.map((r) => r.toFixed(0)).join(' / ')} (client CPU ${fmt(pg.getClientCpu)} ms a request)`, `${low.getRps[0]!.toFixed(0)} on its one server, client CPU ${fmt(low.getClientCpu)} ms a request`, '≥ 300 per server', pg.getRps.every((r) => r >= 300));
  console.log(`postgres: first board GET after the load (payload rebuilt for the new revision): ${fmt(pg.rebuildMs)} ms (lowdb ${fmt(low.rebuildMs)} ms)`);
  console.log(`postgres: load average while measuring ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores (the machine is shared: compare ratios)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runPostgresBench();
