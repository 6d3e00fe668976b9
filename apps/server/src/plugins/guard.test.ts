// The guard runs a job in a worker pool (a thread, or a plugin's process) and turns every way it can
// end badly into a failure stamped with the plugin (or the server) and the point: throws, hangs,
// endless loops, memory, exit(), and for a process a throw outside any job.
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool, type JobPool } from '../workers/pool.ts';
import { ProcessPool } from '../workers/process-pool.ts';
import { JoinedBytes } from '../workers/process-bytes.mjs';
import { callPlugin, PluginCallError } from './guard.ts';

// A worker module that does what the job says; see testing/guard-worker.ts.
const module = new URL('../testing/guard-worker.ts', import.meta.url);
const crashes: Error[] = [];
const pools: Array<[string, JobPool]> = [
  ['a thread', new WorkerPool({ name: 'test', module, memoryMb: 64, startNow: true })],
  ['a process', new ProcessPool({ name: 'test', module, memoryMb: 64, onCrash: (err) => crashes.push(err), stderr: () => {} })],
];
afterAll(() => Promise.all(pools.map(([, pool]) => pool.close())));

describe.each(pools)('callPlugin in %s', (_, pool) => {
  const p = { id: 'export-csv', pool };

  it('passes values through, sync and async', async () => {
    expect(await callPlugin(p, 'exporters', { kind: 'value', value: 42 })).toEqual({ ok: true, value: 42 });
    expect(await callPlugin(p, 'exporters', { kind: 'async-value', value: 'x' })).toEqual({ ok: true, value: 'x' });
  });

  it('stamps a throw with the plugin id and extension point', async () => {
    const r = await callPlugin(p, 'exporters', { kind: 'throw', message: 'hỏng' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(PluginCallError);
    expect(r.error).toMatchObject({ pluginId: 'export-csv', point: 'exporters', kind: 'threw', timedOut: false });
    expect(r.error.messageVi).toBe('Plugin "export-csv" lỗi tại exporters: hỏng');
    expect(r.error.messageEn).toBe('Plugin "export-csv" failed at exporters: hỏng');
  });

  it('times out a promise that never settles', async () => {
    const r = await callPlugin(p, 'templates', { kind: 'never' }, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', timedOut: true, messageVi: expect.stringContaining('không trả lời sau 100 ms') } });
  });

  it('stops a synchronous endless loop, and the next call gets a fresh thread', async () => {
    const r = await callPlugin(p, 'checklists', { kind: 'loop' }, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', messageEn: 'Plugin "export-csv" failed at checklists: did not answer within 100 ms (stopped)' } });
    expect(await callPlugin(p, 'checklists', { kind: 'value', value: 'again' })).toEqual({ ok: true, value: 'again' });
  });

  it('stops a job that allocates without bound at the memory limit', async () => {
    const r = await callPlugin(p, 'exporters', { kind: 'allocate' }, 20_000);
    expect(r).toMatchObject({ ok: false, error: { kind: 'memory', messageVi: expect.stringContaining('vượt giới hạn bộ nhớ 64 MB') } });
    expect(await callPlugin(p, 'exporters', { kind: 'value', value: 1 })).toEqual({ ok: true, value: 1 });
  });

  it('reports process.exit() as the job ending its thread or process', async () => {
    const r = await callPlugin(p, 'importers', { kind: 'exit' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'exit', messageVi: expect.stringContaining('process.exit') } });
  });

  it('names the server, not a plugin, for the host\'s own work', async () => {
    const r = await callPlugin({ id: 'dondoc', host: true, pool }, 'import-text', { kind: 'never' }, 50);
    expect(r).toMatchObject({ ok: false, error: { messageVi: 'Máy chủ dừng việc đọc kế hoạch: không trả lời sau 50 ms (đã dừng)' } });
  });

  it('counts only the job\'s own run time: a job queued behind a slow one is not timed out', async () => {
    const slow = callPlugin(p, 'exporters', { kind: 'sleep', ms: 300 }, 1000);
    const queued = callPlugin(p, 'exporters', { kind: 'value', value: 'after' }, 200);
    expect(await slow).toEqual({ ok: true, value: 'slept' });
    expect(await queued).toEqual({ ok: true, value: 'after' });
  });
});

describe('a plugin\'s process', () => {
  const pool = pools[1]![1];
  const p = { id: 'export-csv', pool };

  it('reports a throw outside any job as a crash, and the next job gets a new process', async () => {
    crashes.length = 0;
    expect(await callPlugin(p, 'exporters', { kind: 'throw-later', message: 'hẹn giờ hỏng' })).toEqual({ ok: true, value: 'scheduled' });
    await expect.poll(() => crashes.map((e) => e.message)).toEqual(['hẹn giờ hỏng']);
    expect(await callPlugin(p, 'exporters', { kind: 'value', value: 'again' })).toEqual({ ok: true, value: 'again' });
  });

  it('fails a throw from a timer during a job as that job\'s throw', async () => {
    const r = await callPlugin(p, 'exporters', { kind: 'throw-during', message: 'giữa chừng' }, 5000);
    expect(r).toMatchObject({ ok: false, error: { kind: 'threw', messageVi: 'Plugin "export-csv" lỗi tại exporters: giữa chừng' } });
  });

  it('runs queued jobs one at a time, in order, and refuses more than its queue holds', async () => {
    const small = new ProcessPool({ name: 'small', module, memoryMb: 64, maxQueue: 2, stderr: () => {} });
    try {
      const order: string[] = [];
      // One runs, two wait: a fourth finds the queue full.
      const jobs = ['a', 'b', 'c'].map((v) => small.run<{ value: string }>({ kind: 'sleep-value', ms: 50, value: v }, 5000).then((r) => order.push(r.value)));
      await expect(small.run({ kind: 'value', value: 'd' }, 5000)).rejects.toMatchObject({ kind: 'busy' });
      await Promise.all(jobs);
      expect(order).toEqual(['a', 'b', 'c']);
    } finally {
      await small.close();
    }
  });

  it('carries bytes both ways, and fails jobs still waiting when it is closed', async () => {
    const other = new ProcessPool({ name: 'other', module, memoryMb: 64, stderr: () => {} });
    const bytes = new Uint8Array([0, 1, 2, 250]);
    expect(await other.run({ kind: 'value', value: bytes }, 5000)).toEqual({ ok: true, value: bytes });
    // Large arrays go on the process's pipes, not in the message: they come back whole, in place, as they were sent.
    const large = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256);
    const shared = new SharedArrayBuffer(70_000);
    new Uint8Array(shared).fill(9);
    const value = { parts: [large.buffer, shared], file: { name: 'kế hoạch.docx', bytes: large.subarray(1000, 200_000) }, small: bytes };
    const back = await other.run<{ ok: true; value: typeof value }>({ kind: 'value', value }, 5000);
    // Runs sent joined (a snapshot's kept record bytes) arrive as one array.
    const runs = [bytes, large.subarray(0, 10), new Uint8Array(0), large];
    expect(await other.run({ kind: 'value', value: { joined: new JoinedBytes(runs) } }, 5000)).toEqual({ ok: true, value: { joined: new Uint8Array(Buffer.concat(runs)) } });
    expect(back.value.parts[0]).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(back.value.parts[0]!)).toEqual(large);
    expect(new Uint8Array(back.value.parts[1]!)).toEqual(new Uint8Array(70_000).fill(9));
    expect(back.value.file).toEqual({ name: 'kế hoạch.docx', bytes: large.subarray(1000, 200_000) });
    expect(back.value.small).toEqual(bytes);
    const hanging = expect(other.run({ kind: 'never' }, 60_000)).rejects.toMatchObject({ kind: 'closed' });
    const waiting = expect(other.run({ kind: 'value', value: 1 }, 60_000)).rejects.toMatchObject({ kind: 'closed' });
    await other.close();
    await hanging;
    await waiting;
    await expect(other.run({ kind: 'value', value: 1 }, 1000)).rejects.toMatchObject({ kind: 'closed' });
  });
});
