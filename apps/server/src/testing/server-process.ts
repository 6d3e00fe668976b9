// A real dondoc server as a child process (for tests and benches that need several servers, a kill -9,
// or a proxy in front): started on a free port, resolved once it prints its address.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * Node's arguments to run the server from its build (what `pnpm start` runs: benches and e2e measure
 * and drive that) or from its sources under tsx (tests, which need no build).
 */
export function serverArgs(from: 'build' | 'sources'): string[] {
  if (from === 'sources') return ['--import', 'tsx', resolve(ROOT, 'apps/server/src/index.ts')];
  const built = resolve(ROOT, 'apps/server/dist/index.mjs');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`pnpm build\` first`);
  // The flags `pnpm start` gives (package.json): the young generation V8 keeps at most, 8 MB instead
  // of 32 — an idle server at 10,000 tasks holds ~24 MB less, at the cost of more (cheap) scavenges —
  // and gc() for the collection once requests stop (idle-collect.ts).
  return ['--max-semi-space-size=4', '--expose-gc', built];
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  port: number;
  /** Milliseconds from spawn to "listening". */
  startMs: number;
  logs(): string;
}

export function startServerProcess(env: Record<string, string>, from: 'build' | 'sources' = 'sources'): Promise<ServerProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, serverArgs(from), {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DONDOC_DEMO: '0', DONDOC_TODAY: '2025-11-20', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (buf: Buffer) => {
      log += buf.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) ok({ child, base: m[1]!, port: Number(new URL(m[1]!).port), startMs: performance.now() - t0, logs: () => log });
    });
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${log}`)));
  });
}

export async function stopServerProcess(p: ServerProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill(signal);
  await exited;
}
