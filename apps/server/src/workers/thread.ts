// The worker side of a pool's job (a thread's, or a plugin process's): the job itself, a port the thread answers on the moment it picks
// the job up (which starts the job's clock in the pool), and retiring a thread whose state can no
// longer be trusted: its answer asks the pool to replace it, and any job it still receives is
// handed back unrun, so no job runs on a tainted thread and none is lost.
import { MessagePort } from 'node:worker_threads';
import type { WorkerAnswer } from '../plugins/guard.ts';

export interface PoolTask<J> {
  /** Told the moment the job starts: a port to the pool's thread, or (in a plugin's process) a call that tells the server. */
  started: MessagePort | (() => void);
  job: J;
}

/** What a retired thread answers instead of running a job; the pool runs the job again elsewhere. */
export interface Retired {
  retired: true;
}

export const isRetired = (answer: unknown): answer is Retired => !!answer && typeof answer === 'object' && (answer as Partial<Retired>).retired === true;

/** Set on the answer of the job during which the thread retired: the pool replaces its threads. */
export const wantsReplacing = (answer: unknown): boolean => !!answer && typeof answer === 'object' && (answer as { retire?: unknown }).retire === true;

// Captured when the worker module loads, before any plugin code could replace them.
const post = MessagePort.prototype.postMessage;
const close = MessagePort.prototype.close;
let retiring = false;

/** Marks this thread as not to be trusted with another job (the pool ends it). */
export function retire(): void {
  retiring = true;
}

/** A piscina handler that signals the start of each job, then runs it (or refuses it while retiring). */
export function serve<J>(run: (job: J) => WorkerAnswer | Promise<WorkerAnswer>): (task: PoolTask<J>) => Promise<WorkerAnswer | Retired> {
  return async (task) => {
    if (retiring) return { retired: true };
    if (typeof task.started === 'function') task.started();
    else {
      post.call(task.started, 0);
      close.call(task.started);
    }
    const answer = await run(task.job);
    return retiring ? { ...answer, retire: true } : answer;
  };
}
