// A child process for a plugin's long jobs (a document export, an import): the same jobs, limits and
// failure kinds as a one-thread WorkerPool, in a process the kernel runs at idle priority (Linux's
// SCHED_IDLE, set by util-linux's `chrt` as it starts Node). Every thread of that process — the plugin's
// JavaScript, its garbage collector's helpers, its compression — then runs only on a core the server's
// own threads leave free. A worker thread cannot give that: the collector's helper threads are shared
// with the request thread's isolate and keep its priority. Measured with a 10,000-task .xlsx export
// looping beside sequential moves (p95, moves without / with): export in a nice +10 thread 4.9–6.5 /
// 8.0–9.5 ms; the same work in an idle-priority process 4.6–4.8 / 5.0–6.0 ms.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ByteReader, putBytes, takeBytes, writeBytes } from './process-bytes.mjs';
import { wantsReplacing } from './thread.ts';
import { untilRunUnretired, WorkerFailure, workerEnv, type JobPool } from './pool.ts';
import { workerModule } from '../paths.ts';

export interface ProcessPoolOptions {
  /** For logs: "plugin export-xlsx". */
  name: string;
  /** The worker module (TypeScript under the sources) whose default export runs one job: a `serve` handler. */
  module: URL;
  /** Old-generation heap limit of the process, in MB. */
  memoryMb: number;
  /** The process ends after this long without a job (default 60 s); the next job starts a new one. */
  idleTimeoutMs?: number;
  /** Longest a job may wait (behind others, and for the process to start) before it is refused as busy (default 60 s). */
  queueMs?: number;
  /** Jobs that may wait at once; more are refused as busy (default 100). */
  maxQueue?: number;
  /** Code in the process threw outside any job (a timer, an unawaited promise); the process has ended. */
  onCrash?: (err: Error) => void;
  /** Where the process's standard error goes besides the pool's own look at it (default: the server's). */
  stderr?: (chunk: Buffer) => void;
}

const BOOTSTRAP = fileURLToPath(workerModule('process-bootstrap'));
/**
 * util-linux's chrt, which starts a program under a scheduling policy, when it can start one under
 * SCHED_IDLE here (tried once: a sandbox may refuse the policy); undefined off Linux.
 */
let chrt: { path: string | undefined } | undefined;
function idleLauncher(): string | undefined {
  if (!chrt) {
    const path = process.platform === 'linux' ? ['/usr/bin/chrt', '/bin/chrt'].find((p) => existsSync(p)) : undefined;
    chrt = { path: path && spawnSync(path, ['--idle', '0', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0 ? path : undefined };
  }
  return chrt.path;
}
/** The lowest nice value, where chrt is missing: the process's first thread and those it starts later. */
const LOWEST_PRIORITY = 19;
/** How V8 says a heap limit was reached, on the way out. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit/;
/** Bytes of the process's standard error kept to tell how it ended. */
const STDERR_KEPT = 4096;

/** What the process says on its IPC channel; an answer's large byte arrays follow on its answer pipe (process-bytes.mjs). */
type ChildMessage = { ready: true } | { started: number } | { answer: number; value: unknown; lengths: number[] } | { crash: string };

interface Job {
  id: number;
  job: unknown;
  timeoutMs: number;
  resolve: (answer: unknown) => void;
  reject: (failure: WorkerFailure) => void;
  /** The queue's limit until the job starts, then the job's own. */
  timer: NodeJS.Timeout;
}

/** One running process and what it said about its end. */
interface Child {
  process: ChildProcess;
  /** Reads answers' byte arrays from the process's answer pipe (its descriptor 4). */
  answers: ByteReader;
  ready: boolean;
  /** The end of its standard error. */
  stderr: string;
  /** What it threw outside a job, as it reported it. */
  crash?: string;
  /** Ended, on purpose or by itself: later news from it changes nothing. */
  ended?: true;
}

export class ProcessPool implements JobPool {
  readonly name: string;
  readonly memoryMb: number;
  readonly sharedMemory = false;
  readonly #options: ProcessPoolOptions;
  #child: Child | undefined;
  readonly #waiting: Job[] = [];
  #running: Job | undefined;
  #nextId = 1;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(o: ProcessPoolOptions) {
    this.name = o.name;
    this.memoryMb = o.memoryMb;
    this.#options = o;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Runs `job` in the process; resolves with what the worker module returned. Rejects with a
   * `WorkerFailure`: the process is ended on a timeout, and has ended by itself on memory or exit.
   */
  run<R>(job: unknown, timeoutMs: number): Promise<R> {
    return untilRunUnretired<R>(() => this.#attempt(job, timeoutMs), this.name);
  }

  #attempt(job: unknown, timeoutMs: number): Promise<unknown> {
    if (this.#closed) return Promise.reject(new WorkerFailure('closed', `${this.name}: pool is closed`));
    if (this.#waiting.length >= (this.#options.maxQueue ?? 100)) return Promise.reject(new WorkerFailure('busy', `${this.name}: queue full`));
    clearTimeout(this.#idle);
    return new Promise((resolve, reject) => {
      const entry: Job = { id: this.#nextId++, job, timeoutMs, resolve, reject, timer: setTimeout(() => this.#refuse(entry), this.#options.queueMs ?? 60_000) };
      this.#waiting.push(entry);
      this.#next();
    });
  }

  /** The queue's limit passed before the job started: refused as busy (and a process that never started it, ended). */
  #refuse(job: Job): void {
    const failure = new WorkerFailure('busy', `${this.name}: no process free in time`);
    const at = this.#waiting.indexOf(job);
    if (at >= 0) {
      this.#waiting.splice(at, 1);
      job.reject(failure);
    } else if (this.#running === job) this.#end(failure);
  }

  /** Sends the next waiting job to the process (starting one if needed) when none is running. */
  #next(): void {
    if (this.#running || this.#closed) return;
    const job = this.#waiting.shift();
    if (!job) {
      this.#idleLater();
      return;
    }
    this.#running = job;
    try {
      this.#child ??= this.#start();
    } catch (err) {
      // No process could be started (too many processes, no memory): this job fails, the next tries again.
      this.#running = undefined;
      clearTimeout(job.timer);
      job.reject(new WorkerFailure('exit', `${this.name}: the process could not start (${err instanceof Error ? err.message : String(err)})`, err));
      this.#next();
      return;
    }
    if (this.#child.ready) this.#send(this.#child, job);
  }

  #start(): Child {
    const execArgv = [`--max-old-space-size=${this.memoryMb}`];
    const launcher = idleLauncher();
    const proc = fork(BOOTSTRAP, [this.#options.module.href], {
      // chrt runs Node in the same process, under SCHED_IDLE; the IPC channel's descriptor stays open.
      ...(launcher ? { execPath: launcher, execArgv: ['--idle', '0', process.execPath, ...execArgv] } : { execArgv }),
      serialization: 'advanced',
      // Jobs' byte arrays go down its standard input, answers' come back on descriptor 4.
      stdio: ['pipe', 'inherit', 'pipe', 'ipc', 'pipe'],
      env: workerEnv(),
    });
    const [input, , , , answers] = proc.stdio;
    if (!input || !(answers instanceof Readable)) throw new Error(`${this.name}: the process has no byte pipes`);
    // A write to a process that has just ended fails here; its 'close' fails the job.
    input.on('error', () => {});
    const child: Child = { process: proc, answers: new ByteReader(answers), ready: false, stderr: '' };
    if (!launcher && proc.pid !== undefined) {
      try {
        setPriority(proc.pid, LOWEST_PRIORITY);
      } catch {
        // Not allowed here: the process keeps the server's priority.
      }
    }
    proc.stderr?.on('data', (chunk: Buffer) => {
      child.stderr = (child.stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
      (this.#options.stderr ?? ((c: Buffer) => process.stderr.write(c)))(chunk);
    });
    proc.on('message', (m: ChildMessage) => this.#heard(child, m));
    // It could not be started: 'close' follows, and the job waiting on it fails naming why.
    proc.on('error', (err) => (child.crash ??= err.message));
    // After its standard error has been read to the end: a heap overrun is told there.
    proc.on('close', (code, signal) => this.#ended(child, code, signal));
    return child;
  }

  #heard(child: Child, m: ChildMessage): void {
    if (child.ended) return;
    if ('ready' in m) {
      child.ready = true;
      if (this.#running) this.#send(child, this.#running);
    } else if ('started' in m) {
      const job = this.#running;
      if (job?.id !== m.started) return;
      clearTimeout(job.timer);
      job.timer = setTimeout(() => this.#end(new WorkerFailure('timeout', `${this.name}: time limit`)), job.timeoutMs);
    } else if ('answer' in m) {
      const job = this.#running;
      if (job?.id !== m.answer) return;
      clearTimeout(job.timer);
      void child.answers.read(m.lengths).then((bytes) => {
        if (this.#running !== job) return; // the process ended while its bytes were on their way
        this.#running = undefined;
        job.resolve(putBytes(m.value, bytes));
        // A process whose built-ins a plugin replaced is not trusted with another job.
        if (wantsReplacing(m.value)) this.#end();
        else this.#next();
      });
    } else if ('crash' in m) {
      child.crash = m.crash;
    }
  }

  #send(child: Child, job: Job): void {
    if (!child.process.connected || !child.process.stdin) return; // it is ending; 'close' fails the job
    const { value, bytes } = takeBytes(job.job);
    child.process.send({ id: job.id, job: value, lengths: bytes.map((b) => b.byteLength) }, (err) => {
      // A job that cannot be serialised fails alone; the process stays.
      if (err && this.#running === job && child.process.connected) {
        clearTimeout(job.timer);
        this.#running = undefined;
        job.reject(new WorkerFailure('threw', `${this.name}: the job could not be sent (${err.message})`, err));
        this.#next();
      }
    });
    void writeBytes(child.process.stdin, bytes);
  }

  /**
   * Ends the process on purpose (a job's limit, idle, replaced, closing); the running job, if any,
   * fails with `failure` now, and the next job starts a new process.
   */
  #end(failure?: WorkerFailure): void {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    child.ended = true;
    child.process.kill('SIGKILL');
    const job = this.#running;
    if (job && failure) {
      this.#running = undefined;
      clearTimeout(job.timer);
      job.reject(failure);
    }
    this.#next();
  }

  /** The process ended by itself (or could not start): the job it ran fails, saying how; between jobs, a crash. */
  #ended(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
    if (child.ended) return;
    child.ended = true;
    this.#child = undefined;
    const job = this.#running;
    this.#running = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(this.#failure(child, code, signal));
    } else this.#options.onCrash?.(new Error(child.crash ?? `${this.name}: process ended (${signal ?? `code ${code}`})`));
    this.#next();
  }

  /** How a process that ended by itself ended, in the kinds a caller names to a user. */
  #failure(child: Child, code: number | null, signal: NodeJS.Signals | null): WorkerFailure {
    if (OUT_OF_MEMORY.test(child.stderr)) return new WorkerFailure('memory', `${this.name}: memory limit`);
    if (child.crash !== undefined) return new WorkerFailure('threw', child.crash);
    if (code !== null) return new WorkerFailure('exit', `${this.name}: process exited (code ${code})`, undefined, code);
    return new WorkerFailure('exit', `${this.name}: process ended by ${signal ?? 'an unknown signal'}`);
  }

  #idleLater(): void {
    clearTimeout(this.#idle);
    if (!this.#child) return;
    this.#idle = setTimeout(() => {
      if (!this.#running && this.#waiting.length === 0) this.#end();
    }, this.#options.idleTimeoutMs ?? 60_000);
    this.#idle.unref();
  }

  /** Ends the process; jobs still waiting or running fail as `closed`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idle);
    const closed = new WorkerFailure('closed', `${this.name}: pool closed`);
    for (const job of this.#waiting.splice(0)) {
      clearTimeout(job.timer);
      job.reject(closed);
    }
    const child = this.#child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => child.process.once('close', () => resolve()));
    this.#end(closed);
    await gone;
  }
}
