// The guard runs a job in a worker pool and turns every way it can end badly into a failure stamped
// with the plugin (or the server) and the point: throws, hangs, endless loops, memory, exit().
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../workers/pool.ts';
import { callPlugin, PluginCallError } from './guard.ts';

// A worker module that does what the job says; see testing/guard-worker.ts.
const pool = new WorkerPool({ name: 'test', module: new URL('../testing/guard-worker.ts', import.meta.url), memoryMb: 64, keepAlive: true });
const p = { id: 'export-csv', pool };
afterAll(() => pool.close());

describe('callPlugin', () => {
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

  it('reports process.exit() as the thread ending itself', async () => {
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
