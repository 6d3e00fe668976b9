// Trust benches, each printed beside its target: signing in through the real server (Argon2id
// verify + a durable session write), the permission check a move makes, a move's durable
// acknowledgement with its audit entry, and verifying a 100,000-entry audit trail.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BoardIndex, COLUMN_IDS, abilityFor, accessKey, planOperation, recordOf, systemActor, taskSubject, type Agency, type ChangeRecord, type Operation } from '@dondoc/shared';
import { PROVINCIAL_AGENCIES } from '@dondoc/shared/import/directory';
import { LowdbStore } from '../apps/server/src/store/lowdb-store.ts';
import { AuditLog, verifyAuditFile } from '../apps/server/src/store/audit-log.ts';
import { generateBoard, prng } from './generate.ts';
import { stopServer } from './server.ts';
import { serverArgs } from '../apps/server/src/testing/server-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** Columns a move may go to without evidence ("Chờ xác nhận" needs some first). */
const FREE_COLUMNS = ['todo', 'doing', 'done'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const line = (name: string, value: string, target: string, ok: boolean) => console.log(`${name}: ${value} (target ${target}) ${ok ? '✓' : '✗'}`);

export interface TrustBenchResult {
  loginMedianMs: number;
  permissionCheckMs: number;
  moveP95Ms: number;
  verify100kMs: number;
}

/** The real server with the demo users, on a temp folder. */
function startDemoServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, serverArgs('build'), {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DONDOC_DATA: dataDir, DONDOC_DEMO: '1', DONDOC_TODAY: '2025-11-20', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (b: Buffer) => {
      log += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) ok({ child, base: m[1]! });
    });
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${log}`)));
  });
}

/** Median of real sign-ins: POST /api/auth/login over HTTP, Argon2id verify and the session written to disk. */
async function loginBench(rounds = 40): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-login-'));
  let child: ChildProcess | undefined;
  try {
    const started = await startDemoServer(dir);
    child = started.child;
    const times: number[] = [];
    for (let i = 0; i < rounds + 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${started.base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: started.base }, body: JSON.stringify({ login: 'donvi', password: 'dondoc-demo' }) });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`login: HTTP ${res.status}`);
      if (i >= 5) times.push(ms);
    }
    return median(times);
  } finally {
    if (child) await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What the rules add to a move: the user's agency key, the ability (cached per role and agency),
 * the task as the rules see it (its agencies matched against the province's and the board's
 * directories) and the `can` itself — for a unit editor, whose rules carry conditions.
 */
function permissionBench(): number {
  const { tasks, board } = generateBoard({ tasks: 2000, seed: 11 });
  const province: Agency[] = PROVINCIAL_AGENCIES.map((a) => ({ ...a, aliases: [...a.aliases] }));
  const directory = Object.freeze([...province, ...board.agencies]);
  const batch = 10_000;
  const means: number[] = [];
  let allowed = 0;
  for (let round = 0; round < 25; round++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) {
      const task = tasks[(round * batch + i) % tasks.length]!;
      const access = { role: 'unit' as const, agency: accessKey('Sở Khoa học và Công nghệ', directory) };
      if (abilityFor(access).can('move', taskSubject(task, directory, COLUMN_IDS[i % 4]))) allowed++;
    }
    means.push((performance.now() - t0) / batch);
  }
  if (allowed === 0) throw new Error('permission bench: no move was allowed, so the conditions were never matched');
  return median(means.slice(5));
}

/** A move's durable acknowledgement through the real store: journal append + fsync, audit append + fsync. */
async function moveBench(moves = 300): Promise<{ p50: number; p95: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-audit-'));
  try {
    const generated = generateBoard({ tasks: 10_000 });
    const store = await LowdbStore.open({ dir });
    const created = await store.apply(generated.op);
    if (!created.ok) throw new Error(created.failure.messageEn);
    const rand = prng(5);
    const versions = new Map(generated.tasks.map((t) => [t.id, t.version]));
    const times: number[] = [];
    for (let i = 0; i < moves + 10; i++) {
      const t = generated.tasks[Math.floor(rand() * generated.tasks.length)]!;
      const op: Operation = { type: 'task.move', boardId: generated.board.id, taskId: t.id, expectedVersion: versions.get(t.id)!, track: t.track, column: FREE_COLUMNS[Math.floor(rand() * 3)]!, afterId: null, at: new Date().toISOString(), actor: systemActor('bench'), via: 'bench' };
      const t0 = performance.now();
      const r = await store.apply(op);
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(r.failure.messageEn);
      versions.set(t.id, r.effects.tasks[0]!.after!.version);
      if (i >= 10) times.push(ms);
    }
    await store.close();
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 100,000 real move records (planned on a 10,000-task board) appended through AuditLog, then verified. */
async function verifyBench(entries = 100_000): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-verify-'));
  try {
    const generated = generateBoard({ tasks: 10_000, seed: 3 });
    const index = new BoardIndex();
    index.load({ boards: [], tasks: [], trash: [], users: [], directory: [] });
    const created = planOperation(index, generated.op);
    if (!created.ok) throw new Error(created.failure.messageEn);
    index.apply(created.effects);
    const log = await AuditLog.open(join(dir, 'audit.jsonl'), join(dir, 'audit-key.pem'));
    const rand = prng(9);
    let batch: ChangeRecord[] = [recordOf(1, generated.op, created.effects)];
    const at = Date.parse('2025-11-20T02:00:00.000Z');
    for (let seq = 2; seq <= entries; seq++) {
      const t = generated.tasks[Math.floor(rand() * generated.tasks.length)]!;
      const current = index.task(generated.board.id, t.id)!;
      const op: Operation = { type: 'task.move', boardId: generated.board.id, taskId: t.id, expectedVersion: current.version, track: current.track, column: FREE_COLUMNS[Math.floor(rand() * 3)]!, afterId: null, at: new Date(at + seq * 1000).toISOString(), actor: { kind: 'user', id: 'u1', name: 'Trần Văn Minh' }, via: 'POST /api/boards/:boardId/tasks/:taskId/move' };
      const r = planOperation(index, op);
      if (!r.ok) throw new Error(r.failure.messageEn);
      index.apply(r.effects);
      batch.push(recordOf(seq, op, r.effects));
      if (batch.length === 1000 || seq === entries) {
        await log.append(log.encode(batch));
        batch = [];
      }
    }
    const { size } = await (await import('node:fs/promises')).stat(log.file);
    await log.close();
    // Best of three: the first read also warms the page cache.
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await verifyAuditFile(join(dir, 'audit.jsonl'));
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
      if (!r.ok || r.entries !== entries) throw new Error(`verify: ${JSON.stringify(r)}`);
    }
    return { ms: median(times), cpuMs: median(cpu), bytes: size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runTrustBench(): Promise<TrustBenchResult> {
  const loginMedianMs = await loginBench();
  line('trust: sign-in, POST /api/auth/login over HTTP (Argon2id 32 MiB × 2, durable session), median', `${loginMedianMs.toFixed(1)} ms`, '< 150 ms', loginMedianMs < 150);
  const permissionCheckMs = permissionBench();
  line('trust: permission check on a move (agency key + ability + task subject + can, unit editor), median', `${(permissionCheckMs * 1000).toFixed(1)} µs`, '< 0.1 ms', permissionCheckMs < 0.1);
  const move = await moveBench();
  line('trust: card move through the store with its audit entry, durable ack, p50', `${move.p50.toFixed(2)} ms`, '—', true);
  line('trust: card move through the store with its audit entry, durable ack, p95 (10,000 tasks)', `${move.p95.toFixed(2)} ms`, '< 10 ms', move.p95 < 10);
  const verify = await verifyBench();
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  line(`trust: verify a 100,000-entry audit trail (${(verify.bytes / 1e6).toFixed(0)} MB)`, `${(verify.ms / 1000).toFixed(2)} s (CPU ${(verify.cpuMs / 1000).toFixed(2)} s)`, '< 2 s', verify.ms < 2000);
  return { loginMedianMs, permissionCheckMs, moveP95Ms: move.p95, verify100kMs: verify.ms };
}

// `node --import tsx bench/trust.ts` runs this bench alone.
if (import.meta.url === `file://${process.argv[1]}`) await runTrustBench();
