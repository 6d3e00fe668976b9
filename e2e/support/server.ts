// Starts and stops a real dondoc server as a child process on its own port and data
// folder, so specs can restart it and see what survived.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverArgs } from '../../apps/server/src/testing/server-process.ts';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const fixturePlugins = join(repoRoot, 'e2e/fixtures/plugins');

export interface ServerOptions {
  /** Extra environment, e.g. DONDOC_PLUGINS. */
  env?: Record<string, string>;
  /** Reuse a data folder (for restarts); a fresh temp folder by default. */
  dataDir?: string;
}

export class DondocServer {
  readonly port: number;
  readonly dataDir: string;
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly options: ServerOptions = {}, port = 9100 + Math.floor(Math.random() * 800)) {
    this.port = port;
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dondoc-e2e-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, serverArgs('build'), {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DONDOC_DATA: this.dataDir,
        DONDOC_TODAY: '2025-12-10',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d) => (this.output += String(d)));
    child.stderr?.on('data', (d) => (this.output += String(d)));
    // Generous: on a loaded machine plugin threads start slowly; how fast a server starts is the bench's figure.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start in 90 s:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  /** Kills the server with SIGKILL, as a power cut or the OOM killer would: no shutdown code runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  logs(): string {
    return this.output;
  }

  cleanup(): void {
    if (!this.options.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
