// A worker pool's thread lives while jobs come and ends once none came for its idle time; the next job
// starts a fresh one and runs as before.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from './pool.ts';
import { callPlugin } from '../plugins/guard.ts';

const module = new URL('../testing/guard-worker.ts', import.meta.url);
let pool: WorkerPool | undefined;
afterEach(() => pool?.close());

const whoRan = async (p: WorkerPool): Promise<string> => {
  const r = await callPlugin({ id: 'test', pool: p }, 'checklists', { kind: 'whoami' });
  if (!r.ok) throw r.error;
  return r.value as string;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WorkerPool', () => {
  it('keeps its thread while jobs come within the idle time', async () => {
    pool = new WorkerPool({ name: 'test', module, memoryMb: 64, startNow: true, idleTimeoutMs: 60_000 });
    const first = await whoRan(pool);
    await sleep(50);
    expect(await whoRan(pool)).toBe(first);
  });

  it('ends its thread after the idle time and starts a fresh one for the next job', async () => {
    pool = new WorkerPool({ name: 'test', module, memoryMb: 64, startNow: true, idleTimeoutMs: 100 });
    const first = await whoRan(pool);
    await sleep(600);
    const second = await whoRan(pool);
    expect(second).not.toBe(first);
    // The fresh thread serves like the first.
    expect(await callPlugin({ id: 'test', pool }, 'checklists', { kind: 'value', value: 7 })).toEqual({ ok: true, value: 7 });
  });

  it('ends a thread started ahead of any job when no job comes', async () => {
    pool = new WorkerPool({ name: 'test', module, memoryMb: 64, startNow: true, idleTimeoutMs: 100 });
    expect(pool.threadUp).toBe(true);
    await sleep(600);
    expect(pool.threadUp).toBe(false);
    await whoRan(pool);
    expect(pool.threadUp).toBe(true);
  });
});
