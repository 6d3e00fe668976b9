// The plugin guard turns throws, rejections and hangs into failures stamped with plugin and point.
import { describe, expect, it } from 'vitest';
import { callPlugin, PluginCallError } from './guard.ts';

const p = { id: 'export-csv' };

describe('callPlugin', () => {
  it('passes values through, sync and async', async () => {
    expect(await callPlugin(p, 'exporters', () => 42)).toEqual({ ok: true, value: 42 });
    expect(await callPlugin(p, 'exporters', async () => 'x')).toEqual({ ok: true, value: 'x' });
  });

  it('stamps a synchronous throw with the plugin id and extension point', async () => {
    const r = await callPlugin(p, 'exporters', () => {
      throw new Error('hỏng');
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(PluginCallError);
    expect(r.error).toMatchObject({ pluginId: 'export-csv', point: 'exporters', timedOut: false });
    expect(r.error.messageVi).toBe('Plugin "export-csv" lỗi tại exporters: hỏng');
    expect(r.error.messageEn).toBe('Plugin "export-csv" failed at exporters: hỏng');
  });

  it('turns a rejection with a non-Error into a failure', async () => {
    const r = await callPlugin(p, 'checklists', () => Promise.reject('chuỗi'));
    expect(r).toMatchObject({ ok: false, error: { point: 'checklists', messageEn: expect.stringContaining('chuỗi') } });
  });

  it('times out a promise that never settles', async () => {
    const started = Date.now();
    const r = await callPlugin(p, 'templates', () => new Promise(() => {}), 50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, error: { timedOut: true, messageVi: expect.stringContaining('không trả lời sau 50 ms') } });
  });
});
