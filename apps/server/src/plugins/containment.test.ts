// Hostile plugins (e2e/fixtures/hostile) are stopped and reported, and the app keeps answering
// other requests while one of them spins: loops at import and in an exporter, unbounded allocation,
// process.exit(), replaced built-ins, and a throw from a timer after loading.
import { boardOf } from '../testing/payload.ts';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { join } from 'node:path';
import type { ApiError, Board, PluginInfo } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { tempDir } from '../testing/fixtures.ts';
import { requestsAs } from '../testing/users.ts';
import { PluginHost } from './host.ts';
import { REPO_ROOT } from '../paths.ts';

const HOSTILE = join(REPO_ROOT, 'e2e/fixtures/hostile');
const hostile = (...names: string[]) => names.map((n) => join(HOSTILE, n));
/** What an exporter's text comes back as: its UTF-8 bytes, not gzipped unless asked. */
const utf8 = (text: string) => ({ bytes: new TextEncoder().encode(text), gzipped: false });
const snapshot = { board: { id: 'b', title: 'Bảng' } as never, tasks: [], checks: {}, today: '2025-11-20' };

let host: PluginHost;
const logged: string[] = [];

beforeAll(async () => {
  host = await PluginHost.load({
    extra: [
      ...hostile('loops-at-import', 'exits-at-import', 'replaces-globals', 'loops-in-export', 'exits', 'replaces-globals-in-call', 'throws-from-timer'),
      join(REPO_ROOT, 'e2e/fixtures/plugins/fixture-tiny'),
    ],
    timeoutMs: 1000,
    memoryMb: 64,
    log: (m) => logged.push(m),
  });
}, 60_000);
afterAll(() => host.close());

const info = (name: string): PluginInfo => host.infos().find((p) => p.name === name)!;

describe('plugins that misbehave while loading are listed as failed, with what they did', () => {
  it('an endless loop at import is stopped at the time limit', () => {
    expect(info('hostile-loops-at-import')).toMatchObject({ state: 'failed', reason: expect.stringContaining('lỗi tại load: không trả lời sau 1000 ms (đã dừng)') });
  });

  it('process.exit() at import ends only its thread', () => {
    expect(info('hostile-exits-at-import')).toMatchObject({ state: 'failed', reason: expect.stringContaining('lỗi tại load: tự kết thúc bằng process.exit() (mã 1)') });
  });

  it('replacing built-ins at import is named', () => {
    const reason = info('hostile-replaces-globals').reason!;
    expect(info('hostile-replaces-globals').state).toBe('failed');
    expect(reason).toContain('Plugin "hostile-replaces-globals" lỗi tại load: thay thế đối tượng dựng sẵn Array.prototype.map, JSON.parse; thêm khóa vào Object.prototype.isAdmin (luồng hoặc tiến trình đã được thay mới)');
  });

  it('the well-behaved plugins loaded beside them are untouched (the loader thread was replaced)', async () => {
    expect(info('fixture-tiny').state).toBe('loaded');
    expect(await host.export('fixture-tiny', 'lines', snapshot)).toEqual({ ok: true, value: utf8('Bảng\nNgày 2025-11-20\n') });
    expect(info('hostile-loops-in-export').state).toBe('loaded');
  });
});

describe('plugins that misbehave inside a call: the call fails naming the plugin, the next call works', () => {
  it('an exporter that loops for ever', async () => {
    const r = await host.export('hostile-loops-in-export', 'loop', snapshot);
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', messageVi: 'Plugin "hostile-loops-in-export" lỗi tại exporters: không trả lời sau 1000 ms (đã dừng)' } });
    expect(await host.export('hostile-loops-in-export', 'ok', snapshot)).toEqual({ ok: true, value: utf8('0 nhiệm vụ\n') });
  });

  it('an exporter and a checklist that allocate without bound', async () => {
    // A time limit the allocation cannot reach first, even on a busy machine: memory must stop it.
    const host = await PluginHost.load({ extra: hostile('allocates'), timeoutMs: 60_000, memoryMb: 64 });
    onTestFinished(() => host.close());
    const r = await host.export('hostile-allocates', 'hoard', snapshot);
    expect(r).toMatchObject({ ok: false, error: { kind: 'memory', messageVi: expect.stringContaining('vượt giới hạn bộ nhớ 64 MB') } });
    const checks = await host.checkTasks('hostile-allocates:hoard', { id: 'b' } as never, [{ id: 't1' } as never, { id: 't2' } as never]);
    expect(Object.keys(checks)).toEqual(['t1', 't2']);
    expect(checks.t1).toEqual([
      {
        id: 'plugin-error',
        label: 'Lỗi plugin kiểm tra',
        pass: false,
        reason: expect.stringContaining('Plugin "hostile-allocates" lỗi tại checklists: vượt giới hạn bộ nhớ'),
        reasonEn: expect.stringContaining('Plugin "hostile-allocates" failed at checklists: went over its 64 MB memory limit'),
      },
    ]);
  });

  it('an exporter that calls process.exit()', async () => {
    const r = await host.export('hostile-exits', 'exit', snapshot);
    expect(r).toMatchObject({ ok: false, error: { kind: 'exit', messageVi: expect.stringContaining('Plugin "hostile-exits" lỗi tại exporters: tự kết thúc bằng process.exit() (mã 0), đã dừng') } });
    expect(info('hostile-exits').state).toBe('loaded');
  });

  it('an exporter that replaces JSON.stringify: refused, and the next call sees the real JSON in a fresh thread', async () => {
    const r = await host.export('hostile-replaces-globals-in-call', 'patch', snapshot);
    expect(r).toMatchObject({ ok: false, error: { kind: 'globals', messageEn: expect.stringContaining('replaced built-ins JSON.stringify') } });
    expect(await host.export('hostile-replaces-globals-in-call', 'ok', snapshot)).toEqual({ ok: true, value: utf8('{"ok":true}') });
  });

  it('a plugin that throws from a timer after a call is disabled and logged', async () => {
    expect(await host.export('hostile-throws-from-timer', 'txt', snapshot)).toEqual({ ok: true, value: utf8('') });
    await expect.poll(() => info('hostile-throws-from-timer').state, { timeout: 5000 }).toBe('failed');
    expect(info('hostile-throws-from-timer').reason).toContain('throws-from-timer: lỗi trong bộ hẹn giờ (cố ý)');
    expect(logged.join('\n')).toContain('Plugin "hostile-throws-from-timer" failed outside any call');
    const r = await host.export('hostile-throws-from-timer', 'txt', snapshot);
    expect(r).toMatchObject({ ok: false });
  });
});

describe('the app keeps answering while a plugin spins', () => {
  let store: LowdbStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await LowdbStore.open({ dir: t.dir });
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('health, lists, board payloads and writes answer during an export that loops until its time limit', async () => {
    const errors: unknown[] = [];
    const app = createApp({ repository: store, plugins: host, config: { today: () => '2025-11-20', webDist: null, logError: (_m, e) => errors.push(e) } });
    const call = await requestsAs(app, store, 'thuongtruc');
    const created = await call('/api/boards', { method: 'POST', body: JSON.stringify({ template: 'fixture-tiny:tiny' }), headers: { 'Content-Type': 'application/json' } });
    const board = (await created.json()) as Board;
    const started = performance.now();
    let exportDone = 0;
    const spinning = Promise.resolve(call(`/api/boards/${board.id}/export/hostile-loops-in-export/loop`)).then((res) => {
      exportDone = performance.now();
      return res;
    });
    const answered: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/health')).status).toBe(200);
      const payload = boardOf(await (await call(`/api/boards/${board.id}`)).json());
      expect(payload.tasks).toHaveLength(3);
      answered.push(performance.now());
    }
    const res = await spinning;
    // Every other request was answered before the looping export was stopped.
    expect(exportDone).toBeGreaterThan(0);
    expect(answered.every((t) => t < exportDone)).toBe(true);
    expect(exportDone - started).toBeGreaterThanOrEqual(1000);
    expect(res.status).toBe(500);
    // The limit of an export: the call's 1000 ms plus the allowance for the board's three tasks.
    expect(host.exportTimeoutMs(3)).toBeGreaterThan(1000);
    expect(((await res.json()) as ApiError).error.message).toBe(`Plugin "hostile-loops-in-export" lỗi tại exporters: không trả lời sau ${host.exportTimeoutMs(3)} ms (đã dừng)`);
  });
});
