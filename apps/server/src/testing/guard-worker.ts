// A worker module for the guard's tests: each job names a way to behave, good or bad.
import { threadId } from 'node:worker_threads';
import { serve } from '../workers/thread.ts';
import type { WorkerAnswer } from '../plugins/guard.ts';

type Job =
  | { kind: 'value' | 'async-value'; value: unknown }
  | { kind: 'throw'; message: string }
  | { kind: 'never' | 'loop' | 'allocate' | 'exit' | 'whoami' }
  | { kind: 'sleep'; ms: number }
  | { kind: 'sleep-value'; ms: number; value: unknown }
  | { kind: 'throw-later' | 'throw-during'; message: string };

export default serve<Job>(async (job): Promise<WorkerAnswer> => {
  switch (job.kind) {
    case 'value':
      return { ok: true, value: job.value };
    // Which thread (or process) ran the job.
    case 'whoami':
      return { ok: true, value: `${process.pid}/${threadId}` };
    case 'async-value':
      return { ok: true, value: await Promise.resolve(job.value) };
    case 'throw':
      return { ok: false, message: job.message };
    case 'never':
      return new Promise(() => {});
    case 'loop':
      for (;;);
    case 'allocate': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(100_000).fill(hoard.length));
    }
    case 'exit':
      process.exit(3);
    case 'sleep':
      await new Promise((r) => setTimeout(r, job.ms));
      return { ok: true, value: 'slept' };
    case 'sleep-value':
      await new Promise((r) => setTimeout(r, job.ms));
      return { ok: true, value: job.value };
    // A throw from a timer: after the job has answered, or while it still waits.
    case 'throw-later':
      setTimeout(() => {
        throw new Error(job.message);
      }, 20);
      return { ok: true, value: 'scheduled' };
    case 'throw-during':
      setTimeout(() => {
        throw new Error(job.message);
      }, 20);
      return new Promise(() => {});
  }
});
