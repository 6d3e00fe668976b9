// A worker thread (a one-thread piscina pool) for code that must not run on the request thread: each job
// gets a time limit that counts only its own run (not its wait for a thread), each thread a memory
// limit, and every way a job can end badly is sorted into a kind the caller can name to a user.
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { isRetired, wantsReplacing, type PoolTask } from './thread.ts';
import { workerModule } from '../paths.ts';

/** How a job ended badly; `threw` is the only one where the thread survives. */
export type WorkerFailureKind = 'threw' | 'timeout' | 'memory' | 'exit' | 'busy' | 'closed';

export class WorkerFailure extends Error {
  readonly kind: WorkerFailureKind;
  /** For `exit`: the code the thread passed to process.exit(). */
  readonly exitCode: number | undefined;
  constructor(kind: WorkerFailureKind, message: string, cause?: unknown, exitCode?: number) {
    super(message, { cause });
    this.name = 'WorkerFailure';
    this.kind = kind;
    this.exitCode = exitCode;
  }
}

/** Where guarded jobs run: a thread (`WorkerPool`) or a process (`ProcessPool`), with the same failures. */
export interface JobPool {
  readonly name: string;
  /** Heap limit of the thread or process, in MB. */
  readonly memoryMb: number;
  /** Whether a job may carry SharedArrayBuffers (a thread shares them) or must carry its own bytes (a process). */
  readonly sharedMemory: boolean;
  readonly closed: boolean;
  run<R>(job: unknown, timeoutMs: number): Promise<R>;
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** For logs: "plugin export-csv", "dondoc". */
  name: string;
  /** The worker module (TypeScript) whose default export runs one job; loaded through `bootstrap.mjs`. */
  module: URL;
  /** Handed to the worker module as `workerData.data`. */
  data?: unknown;
  /** Start a thread now, and a fresh one at once when it retires (default false: on the next job). */
  startNow?: boolean;
  /** The pool's thread ends after this long without a job, and the next job starts one (default 60 s). */
  idleTimeoutMs?: number;
  /** Old-generation heap limit of each thread, in MB. */
  memoryMb: number;
  /** Longest a job may wait for a thread (queue plus a thread starting) before it is refused as busy (default 60 s). */
  queueMs?: number;
  /** Jobs that may wait at once; more are refused as busy (default 100). */
  maxQueue?: number;
  /** Code in a thread threw outside any job (a timer, an unawaited promise); the thread has ended. */
  onCrash?: (err: Error) => void;
  /**
   * Added to the thread's nice value (Linux: per thread, through piscina's `niceIncrement`; default 0).
   * Background work (a 10,000-task export) then yields the CPU to the request thread when cores are short.
   */
  niceIncrement?: number;
}

const BOOTSTRAP = workerModule('bootstrap');
/** Young-generation limit of a thread, in MB (V8's default grows to 48, and a thread holds what it grew to). */
const THREAD_YOUNG_MB = 8;

/**
 * What a worker sees of the environment: enough for locale, time zone and temp files, and none of
 * the server's own settings or secrets.
 */
export function workerEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['NODE_ENV', 'TZ', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'PATH', 'HOME', 'TMPDIR']) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export class WorkerPool implements JobPool {
  readonly name: string;
  readonly memoryMb: number;
  readonly sharedMemory = true;
  readonly #options: WorkerPoolOptions;
  #pool: Piscina | undefined;
  #inFlight = 0;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(o: WorkerPoolOptions) {
    this.name = o.name;
    this.memoryMb = o.memoryMb;
    this.#options = o;
    if (o.startNow) this.#start();
  }

  /**
   * The piscina pool, started on demand. It always keeps one thread: with none, piscina starts no
   * thread for jobs already queued when its only thread is ended (a timeout), and they would stall.
   * Idle shutdown is done here instead, by ending the whole pool.
   */
  #piscina(): Piscina {
    if (this.#pool) return this.#pool;
    const o = this.#options;
    const pool = new Piscina({
      filename: BOOTSTRAP.href,
      workerData: { module: o.module.href, data: o.data },
      minThreads: 1,
      // One thread per pool: a plugin's memory is bounded by one limit, and a thread that must be
      // replaced (it retired) takes no other pool's job with it.
      maxThreads: 1,
      maxQueue: o.maxQueue ?? 100,
      niceIncrement: o.niceIncrement ?? 0,
      // A small young generation: V8 holds on to the largest it grew to for as long as the thread lives.
      resourceLimits: { maxOldGenerationSizeMb: o.memoryMb, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
      // Idle threads keep their event loop running (piscina would otherwise park them in
      // Atomics.wait), so a plugin's own timers and promises behave as in any Node program.
      atomics: 'disabled',
      // The bootstrap registers tsx itself when it is needed; the server's own flags are not the threads'.
      execArgv: [],
      env: workerEnv(),
    });
    pool.on('error', (err: Error) => {
      if (!this.#closed && this.#pool === pool) o.onCrash?.(err);
    });
    this.#pool = pool;
    return pool;
  }

  /**
   * Sends later jobs to fresh threads. The old pool is closed once its jobs settle: those piscina had
   * already handed the retired thread come back unrun and are sent again by `run`.
   */
  #replace(): void {
    const old = this.#pool;
    this.#pool = undefined;
    if (old) void old.close().catch(() => old.destroy());
    if (this.#options.startNow && !this.#closed) this.#start();
  }

  /** Starts a thread ahead of any job; it ends like any other when no job comes. */
  #start(): void {
    this.#piscina();
    if (this.#inFlight === 0) this.#endWhenIdle();
  }

  #busy(): void {
    this.#inFlight++;
    clearTimeout(this.#idle);
  }

  #done(): void {
    if (--this.#inFlight === 0) this.#endWhenIdle();
  }

  #endWhenIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      const pool = this.#pool;
      if (this.#inFlight > 0 || !pool) return;
      this.#pool = undefined;
      void pool.destroy();
    }, this.#options.idleTimeoutMs ?? 60_000);
    this.#idle.unref();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether the pool has a thread up (started, or starting). */
  get threadUp(): boolean {
    return this.#pool !== undefined;
  }

  /**
   * Runs `job` in a thread; resolves with what the worker module returned. Rejects with a
   * `WorkerFailure`: the thread is ended on a timeout, and has ended by itself on memory or exit.
   */
  run<R>(job: unknown, timeoutMs: number): Promise<R> {
    return untilRunUnretired<R>(() => this.#attempt(job, timeoutMs), this.name);
  }

  async #attempt(job: unknown, timeoutMs: number): Promise<unknown> {
    if (this.#closed) throw new WorkerFailure('closed', `${this.name}: pool is closed`);
    const { port1, port2 } = new MessageChannel();
    const controller = new AbortController();
    let why: 'timeout' | 'busy' | undefined;
    const abort = (reason: 'timeout' | 'busy') => {
      why = reason;
      controller.abort(reason);
    };
    // The job's clock starts when a thread picks it up: waiting behind another job, or for a
    // thread to start and load its module, is the queue's limit, not the job's.
    let timer = setTimeout(abort, this.#options.queueMs ?? 60_000, 'busy');
    port1.once('message', () => {
      clearTimeout(timer);
      if (!why) timer = setTimeout(abort, timeoutMs, 'timeout');
    });
    this.#busy();
    try {
      const task: PoolTask<unknown> = { started: port2, job };
      const answer: unknown = await this.#piscina().run(task, { transferList: [port2], signal: controller.signal });
      if (wantsReplacing(answer)) this.#replace();
      return answer;
    } catch (err) {
      throw classify(err, why, this.name);
    } finally {
      clearTimeout(timer);
      port1.close();
      this.#done();
    }
  }

  /** Ends every thread; jobs still waiting or running fail as `closed`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idle);
    await this.#pool?.destroy();
  }
}

/**
 * Runs a job's attempts until one is answered by a thread or process that had not retired. One that
 * retired (its state could not be trusted) hands the job back unrun, and the pool has a fresh one for
 * it by then. Bounded, so a worker that retires at once cannot spin.
 */
export async function untilRunUnretired<R>(attempt: () => Promise<unknown>, name: string): Promise<R> {
  for (let tries = 0; tries < 5; tries++) {
    const answer = await attempt();
    if (!isRetired(answer)) return answer as R;
  }
  throw new WorkerFailure('busy', `${name}: every worker retired before running the job`);
}

function classify(err: unknown, why: 'timeout' | 'busy' | undefined, name: string): WorkerFailure {
  if (err instanceof WorkerFailure) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  if (why === 'timeout') return new WorkerFailure('timeout', `${name}: time limit`, e);
  if (why === 'busy') return new WorkerFailure('busy', `${name}: no thread free in time`, e);
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return new WorkerFailure('memory', `${name}: memory limit`, e);
  const exited = /^worker exited with code: (-?\d+)/.exec(e.message);
  if (exited) return new WorkerFailure('exit', `${name}: thread exited (code ${exited[1]})`, e, Number(exited[1]));
  if (e.message === 'Task queue is at limit') return new WorkerFailure('busy', `${name}: queue full`, e);
  if (e.message === 'Terminating worker thread' || e.message === 'queue is being terminated' || e.name === 'AbortError')
    return new WorkerFailure('closed', `${name}: pool closed`, e);
  return new WorkerFailure('threw', e.message || e.name, e);
}
