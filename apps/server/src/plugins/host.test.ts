// The plugin host against the fixture plugins: a valid one loads, broken ones are listed with reasons.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PluginHost, pluginIdOf, type ExportedDocument } from './host.ts';
import { WorkerPool } from '../workers/pool.ts';
import { REPO_ROOT } from '../paths.ts';
import { fixtureBoard, fixtureTask, tempDir } from '../testing/fixtures.ts';

const FIXTURES = join(REPO_ROOT, 'e2e/fixtures/plugins');
/** An exporter's text as it comes back (its UTF-8 bytes, not gzipped), and back to text. */
const utf8 = (s: string): ExportedDocument => ({ bytes: new TextEncoder().encode(s), gzipped: false });
const text = (document: ExportedDocument) => new TextDecoder().decode(document.gzipped ? gunzipSync(document.bytes) : document.bytes);

// Every host started here is closed after its test, ending its plugin threads.
const hosts: PluginHost[] = [];
const load = async (...args: Parameters<typeof PluginHost.load>) => {
  const host = await PluginHost.load(...args);
  hosts.push(host);
  return host;
};
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

describe('PluginHost', () => {
  it('loads the valid fixture and lists broken ones with reasons; the one that never finishes loading is stopped at the time limit', async () => {
    const host = await load({ pluginsDir: FIXTURES, timeoutMs: 300 });
    const byId = Object.fromEntries(host.infos().map((p) => [p.name, p]));
    expect(byId['fixture-tiny']).toMatchObject({ state: 'loaded', version: '0.1.0', displayName: 'Fixture: tiny plan', provides: ['templates', 'checklists', 'exporters'] });
    expect(byId['fixture-tiny']!.templates).toEqual([{ id: 'tiny', label: 'Kế hoạch thử (3 nhiệm vụ)', description: 'Dùng cho kiểm thử', taskCount: 3 }]);
    expect(byId['fixture-tiny']!.exporters.map((e) => e.id)).toEqual(['lines', 'boom']);
    expect(byId['broken-throws']).toMatchObject({ state: 'failed', reason: expect.stringContaining('broken-throws: lỗi khi nạp') });
    expect(byId['broken-throws']!.reason).toContain('Plugin "broken-throws" lỗi tại load');
    expect(byId['broken-hangs']).toMatchObject({ state: 'failed', reason: expect.stringContaining('không trả lời sau 300 ms') });
    expect(byId['broken-incompatible']).toMatchObject({ state: 'incompatible', reason: expect.stringContaining('"^9.0.0"') });
    expect(byId['broken-incompatible']!.reason).toContain('1.6.0');
    // Refused before import(): its module sets this flag when evaluated.
    expect((globalThis as Record<string, unknown>).__dondocIncompatibleRan).toBeUndefined();
  });

  it('finds contributions by plugin:id address', async () => {
    const host = await load({ extra: [join(FIXTURES, 'fixture-tiny')] });
    expect(host.template('fixture-tiny:tiny')?.contribution.plan.tasks).toHaveLength(3);
    expect(host.checklist('fixture-tiny:mini')?.contribution.criteria).toHaveLength(2);
    expect(host.exporter('fixture-tiny', 'lines')?.contribution.extension).toBe('txt');
    expect(host.template('fixture-tiny:nope')).toBeUndefined();
    expect(host.template('nope')).toBeUndefined();
    expect(host.all('templates').map((t) => t.address)).toEqual(['fixture-tiny:tiny']);
  });

  it('keeps only data on this thread and runs plugin code in the plugin\'s thread, through the guard', async () => {
    const host = await load({ extra: [join(FIXTURES, 'fixture-tiny')] });
    const described = host.exporter('fixture-tiny', 'lines')!.contribution;
    expect(described).toEqual({ id: 'lines', label: 'Danh sách (văn bản)', mediaType: 'text/plain; charset=utf-8', extension: 'txt' });
    expect(structuredClone(host.plugins.map((p) => p.contributions))).toEqual(host.plugins.map((p) => p.contributions));
    const snapshot = { board: { title: 'Bảng' } as never, tasks: [], checks: {}, today: '2025-11-20' };
    expect(await host.export('fixture-tiny', 'lines', snapshot)).toEqual({ ok: true, value: utf8('Bảng\nNgày 2025-11-20\n') });
    const r = await host.export('fixture-tiny', 'boom', snapshot);
    expect(r).toMatchObject({ ok: false, error: { pluginId: 'fixture-tiny', point: 'exporters', messageEn: expect.stringContaining('boom') } });
  });

  it('checks many tasks in one call, each task with its own answer', async () => {
    const host = await load({ extra: [join(FIXTURES, 'fixture-tiny')] });
    const task = (id: string, output: string) => ({ id, content: 'Việc', output }) as never;
    const checks = await host.checkTasks('fixture-tiny:mini', { id: 'b' } as never, [task('t1', 'Báo cáo'), task('t2', '')]);
    expect(checks.t1!.map((c) => c.pass)).toEqual([true, true]);
    expect(checks.t2!.find((c) => c.id === 'ro-ket-qua')).toMatchObject({ pass: false, reason: 'Chưa nêu sản phẩm đầu ra' });
    // A task the plugin throws on gets a plugin error; the others still get their results.
    const broken = { id: 't3', content: 'Việc' } as never;
    const mixed = await host.checkTasks('fixture-tiny:mini', { id: 'b' } as never, [task('t1', 'x'), broken]);
    expect(mixed.t1!.every((c) => c.pass)).toBe(true);
    expect(mixed.t3).toEqual([
      {
        id: 'plugin-error',
        label: 'Lỗi plugin kiểm tra',
        pass: false,
        reason: expect.stringContaining('Plugin "fixture-tiny" lỗi tại checklists'),
        reasonEn: expect.stringContaining('Plugin "fixture-tiny" failed at checklists'),
      },
    ]);
    // A plugin of API 1.0 gives its reasons in Vietnamese only: none in English is made up.
    expect(checks.t2!.every((c) => !('reasonEn' in c))).toBe(true);
    expect(await host.checkTasks('fixture-tiny:nope', { id: 'b' } as never, [task('t1', 'x')])).toEqual({});
  });

  it('sends a checklist that declared the fields it reads (API 1.4) those fields and the id, and one that did not the whole task', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await mkdir(join(dir, 'fields'));
      await writeFile(join(dir, 'fields', 'package.json'), JSON.stringify({ name: '@dondoc/plugin-fields', version: '1.0.0', type: 'module', engines: { dondoc: '^1.4.0' }, dondoc: { entry: 'index.js', provides: ['checklists'] } }));
      // Each check answers with the task's keys as it saw them.
      const seen = 'check(task) { return [{ id: "seen", label: "Seen", pass: true, reason: Object.keys(task).join() }] }';
      await writeFile(join(dir, 'fields', 'index.js'), `export default { checklists: [{ id: "some", label: "S", criteria: [], reads: ["content", "owner"], ${seen} }, { id: "all", label: "A", criteria: [], ${seen} }] }`);
      const host = await load({ pluginsDir: dir });
      expect(host.checklist('fields:some')?.contribution.reads).toEqual(['content', 'owner']);
      expect(host.checklist('fields:all')?.contribution.reads).toBeUndefined();
      const task = fixtureTask('t1', 1024, { owner: 'Nguyễn Văn An' });
      const board = fixtureBoard('b1');
      expect((await host.checkTasks('fields:some', board, [task])).t1![0]!.reason).toBe('id,content,owner');
      expect((await host.checkTasks('fields:all', board, [task])).t1![0]!.reason).toBe(Object.keys(task).join());
    } finally {
      await cleanup();
    }
  });

  it("keeps a check's English reason (API 1.6), and refuses one that is not text as the plugin's error", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await mkdir(join(dir, 'bilingual'));
      await writeFile(join(dir, 'bilingual', 'package.json'), JSON.stringify({ name: '@dondoc/plugin-bilingual', version: '1.0.0', type: 'module', engines: { dondoc: '^1.6.0' }, dondoc: { entry: 'index.js', provides: ['checklists'] } }));
      const result = (reasonEn: string) => `[{ id: "ro-ket-qua", label: "Rõ kết quả", pass: false, reason: "Chưa nêu sản phẩm", reasonEn: ${reasonEn} }]`;
      await writeFile(
        join(dir, 'bilingual', 'index.js'),
        `export default { checklists: [{ id: "ok", label: "A", criteria: [], check: () => ${result('"No product named"')} }, { id: "bad", label: "B", criteria: [], check: () => ${result('42')} }] }`,
      );
      const host = await load({ pluginsDir: dir });
      const board = fixtureBoard('b1');
      const task = fixtureTask('t1', 64);
      expect((await host.checkTasks('bilingual:ok', board, [task])).t1).toEqual([{ id: 'ro-ket-qua', label: 'Rõ kết quả', pass: false, reason: 'Chưa nêu sản phẩm', reasonEn: 'No product named' }]);
      expect((await host.checkTasks('bilingual:bad', board, [task])).t1).toEqual([
        { id: 'plugin-error', label: 'Lỗi plugin kiểm tra', pass: false, reason: 'Plugin "bilingual" trả về kết quả kiểm tra sai định dạng', reasonEn: 'Plugin "bilingual" returned check results in the wrong shape' },
      ]);
    } finally {
      await cleanup();
    }
  });

  it('ends a checklist\'s thread once unused, and checks as before on a fresh one', async () => {
    const host = await load({ extra: [join(FIXTURES, 'fixture-tiny')], checklistIdleMs: 100 });
    const task = (id: string, output: string) => ({ id, content: 'Việc', output }) as never;
    const tasks = [task('t1', 'Báo cáo'), task('t2', '')];
    const before = await host.checkTasks('fixture-tiny:mini', { id: 'b' } as never, tasks);
    const pool = host.checklist('fixture-tiny:mini')!.plugin.pool;
    expect(pool).toBeInstanceOf(WorkerPool);
    if (!(pool instanceof WorkerPool)) return;
    await new Promise((r) => setTimeout(r, 600));
    expect(pool.threadUp).toBe(false);
    expect(await host.checkTasks('fixture-tiny:mini', { id: 'b' } as never, tasks)).toEqual(before);
    expect(pool.threadUp).toBe(true);
  });

  it('resolves DONDOC_PLUGINS entries relative to cwd and reports unknown ones', async () => {
    const host = await load({ extra: ['e2e/fixtures/plugins/fixture-tiny', '@dondoc/plugin-does-not-exist'], cwd: REPO_ROOT, resolveFrom: REPO_ROOT });
    expect(host.infos().map((p) => [p.name, p.state])).toEqual([
      ['fixture-tiny', 'loaded'],
      ['@dondoc/plugin-does-not-exist', 'failed'],
    ]);
  });

  it('rejects bad manifests, missing engines, undeclared or malformed exports', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const plugin = async (name: string, pkg: object, code = 'export default {}') => {
        await mkdir(join(dir, name));
        await writeFile(join(dir, name, 'package.json'), JSON.stringify({ name: `@dondoc/plugin-${name}`, version: '1.0.0', type: 'module', ...pkg }));
        await writeFile(join(dir, name, 'index.js'), code);
      };
      const ok = { engines: { dondoc: '^1.0.0' } };
      await plugin('no-manifest', ok);
      await plugin('bad-manifest', { ...ok, dondoc: { entry: 'index.js', provides: ['widgets'] } });
      await plugin('no-engines', { dondoc: { entry: 'index.js', provides: ['exporters'] } });
      await plugin('missing-export', { ...ok, dondoc: { entry: 'index.js', provides: ['exporters'] } }, 'export default { templates: [] }');
      await plugin('undeclared', { ...ok, dondoc: { entry: 'index.js', provides: ['exporters'] } }, 'export default { exporters: [], checklists: [{ id: "x", label: "x", criteria: [], check() { return [] } }] }');
      await plugin('bad-plan', { ...ok, dondoc: { entry: 'index.js', provides: ['templates'] } }, 'export default { templates: [{ id: "t", label: "T", plan: { id: "p", title: "P", tasks: [{ content: 1 }] } }] }');
      await plugin('bad-read-tables', { ...ok, dondoc: { entry: 'index.js', provides: ['importers'] } }, 'export default { importers: [{ id: "x", label: "X", extensions: ["x"], import() {}, readTables: "yes" }] }');
      await plugin('bad-reads', { ...ok, dondoc: { entry: 'index.js', provides: ['checklists'] } }, 'export default { checklists: [{ id: "x", label: "X", criteria: [], reads: ["content", "colour"], check() { return [] } }] }');
      await plugin('bad-name-en', { ...ok, dondoc: { entry: 'index.js', displayName: 'Tên', displayNameEn: 5, provides: ['exporters'] } });
      await plugin('bad-label-en', { ...ok, dondoc: { entry: 'index.js', provides: ['exporters'] } }, 'export default { exporters: [{ id: "x", label: "X", labelEn: ["X"], mediaType: "text/plain", extension: "txt", export() { return "" } }] }');
      await plugin('bad-criterion-en', { ...ok, dondoc: { entry: 'index.js', provides: ['checklists'] } }, 'export default { checklists: [{ id: "x", label: "X", criteria: [{ id: "a", label: "A", labelEn: 1 }], check() { return [] } }] }');
      await plugin('escape', { ...ok, dondoc: { entry: '../no-manifest/index.js', provides: ['exporters'] } });
      await plugin('no-file', { ...ok, dondoc: { entry: 'missing.js', provides: ['exporters'] } });
      await writeFile(join(dir, 'ignored.txt'), 'not a plugin');
      const host = await load({ pluginsDir: dir });
      const reason = (id: string) => host.plugins.find((p) => p.id === id)?.reason ?? '';
      expect(host.plugins.every((p) => p.state !== 'loaded')).toBe(true);
      expect(reason('no-manifest')).toContain('không có khóa "dondoc"');
      expect(reason('bad-manifest')).toContain('dondoc.provides');
      expect(host.plugins.find((p) => p.id === 'no-engines')?.state).toBe('incompatible');
      expect(reason('missing-export')).toContain('không xuất mảng exporters');
      expect(reason('undeclared')).toContain('checklists');
      expect(reason('bad-plan')).toMatch(/kế hoạch của "t" sai tại "tasks\.0\./);
      expect(reason('bad-read-tables')).toContain('"x" có readTables nhưng không phải hàm');
      expect(reason('bad-reads')).toContain('"x": reads có trường không có ở nhiệm vụ: colour');
      expect(reason('bad-name-en')).toContain('dondoc.displayNameEn');
      expect(reason('bad-label-en')).toContain('"x": labelEn phải là chuỗi');
      expect(reason('bad-criterion-en')).toContain('"x": labelEn của tiêu chí phải là chuỗi');
      expect(reason('escape')).toContain('ngoài thư mục plugin');
      expect(reason('no-file')).toContain('missing.js');
    } finally {
      await cleanup();
    }
  });

  it('lists the English a plugin gives beside its Vietnamese (API 1.5), and none for a plugin that gives none', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await mkdir(join(dir, 'bilingual'));
      await writeFile(
        join(dir, 'bilingual', 'package.json'),
        JSON.stringify({ name: '@dondoc/plugin-bilingual', version: '1.0.0', type: 'module', engines: { dondoc: '^1.4.0' }, dondoc: { entry: 'index.js', displayName: 'Song ngữ', displayNameEn: 'Bilingual', provides: ['checklists', 'exporters'] } }),
      );
      await writeFile(
        join(dir, 'bilingual', 'index.js'),
        `export default {
          checklists: [{ id: 'c', label: 'Bộ tiêu chí', labelEn: 'Criteria set', criteria: [{ id: 'a', label: 'Rõ việc', labelEn: 'Clear task' }, { id: 'b', label: 'Riêng' }], check: () => [] }],
          exporters: [{ id: 'e', label: 'Lịch', labelEn: 'Calendar', description: 'Thời hạn', descriptionEn: 'Deadlines', mediaType: 'text/plain', extension: 'txt', export: () => '' }],
        };`,
      );
      const host = await load({ pluginsDir: dir, extra: [join(FIXTURES, 'fixture-tiny')] });
      const [bilingual, tiny] = [host.infos().find((p) => p.name === 'bilingual')!, host.infos().find((p) => p.name === 'fixture-tiny')!];
      expect(bilingual).toMatchObject({ state: 'loaded', displayName: 'Song ngữ', displayNameEn: 'Bilingual' });
      expect(bilingual.checklists).toEqual([{ id: 'c', label: 'Bộ tiêu chí', labelEn: 'Criteria set', criteria: [{ id: 'a', label: 'Rõ việc', labelEn: 'Clear task' }, { id: 'b', label: 'Riêng' }] }]);
      expect(bilingual.exporters).toEqual([{ id: 'e', label: 'Lịch', labelEn: 'Calendar', mediaType: 'text/plain', extension: 'txt' }]);
      expect(host.exporter('bilingual', 'e')!.contribution).toMatchObject({ description: 'Thời hạn', descriptionEn: 'Deadlines' });
      // An older plugin: the same shapes, no English fields.
      expect(tiny.displayNameEn).toBeUndefined();
      expect(JSON.stringify(tiny)).not.toContain('En"');
    } finally {
      await cleanup();
    }
  });

  it('gives an export a time limit that grows with the tasks it writes, and runs it in a process at idle priority', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await mkdir(join(dir, 'slow'));
      await writeFile(join(dir, 'slow', 'package.json'), JSON.stringify({ name: '@dondoc/plugin-slow', version: '1.0.0', type: 'module', engines: { dondoc: '^1.0.0' }, dondoc: { entry: 'index.js', provides: ['exporters'] } }));
      await writeFile(
        join(dir, 'slow', 'index.js'),
        `import { readFileSync } from 'node:fs';
        const exporter = (id, run) => ({ id, label: id, mediaType: 'text/plain', extension: 'txt', export: run });
        export default { exporters: [
          // 400 ms of work whatever the board: over a 200 ms limit, under 200 ms + 2,000 tasks × 1 ms.
          exporter('slow', (s) => { const end = Date.now() + 400; while (Date.now() < end); return String(s.tasks.length); }),
          // Which process runs it, and this thread's nice value and scheduling policy (fields 19 and 41 of /proc/thread-self/stat).
          exporter('priority', () => {
            const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(')').at(-1).trim().split(' ');
            return JSON.stringify({ nice: Number(fields[16]), policy: Number(fields[38]), pid: process.pid });
          }),
        ] };`,
      );
      const host = await load({ pluginsDir: dir, timeoutMs: 200, exportMsPerTask: 1 });
      const snapshot = (tasks: number) => ({ board: { title: 'Bảng' } as never, tasks: Array.from({ length: tasks }, (_, i) => ({ id: `t${i}` }) as never), checks: {}, today: '2025-11-20' });
      expect(host.exportTimeoutMs(2000)).toBe(2200);
      const small = await host.export('slow', 'slow', snapshot(0));
      expect(small).toMatchObject({ ok: false, error: { kind: 'timeout', messageEn: expect.stringContaining('within 200 ms') } });
      expect(await host.export('slow', 'slow', snapshot(2000))).toEqual({ ok: true, value: utf8('2000') });
      if (existsSync('/proc/thread-self/stat')) {
        const r = await host.export('slow', 'priority', snapshot(0));
        if (!r.ok) throw r.error;
        const { nice, policy, pid } = JSON.parse(text(r.value)) as { nice: number; policy: number; pid: number };
        expect(pid).not.toBe(process.pid);
        // SCHED_IDLE (5) where util-linux's chrt can start a program under it, otherwise the lowest nice value.
        const chrt = ['/usr/bin/chrt', '/bin/chrt'].find((p) => existsSync(p));
        if (chrt && spawnSync(chrt, ['--idle', '0', 'true']).status === 0) expect(policy).toBe(5);
        else expect(nice).toBe(19);
      }
    } finally {
      await cleanup();
    }
  });

  it('sends an exporter only the tasks changed since its last export of the board, and everything again to a new process', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await mkdir(join(dir, 'echo'));
      await writeFile(join(dir, 'echo', 'package.json'), JSON.stringify({ name: '@dondoc/plugin-echo', version: '1.0.0', type: 'module', engines: { dondoc: '^1.0.0' }, dondoc: { entry: 'index.js', provides: ['exporters'] } }));
      await writeFile(
        join(dir, 'echo', 'index.js'),
        `const exporter = (id, run) => ({ id, label: id, mediaType: 'text/plain', extension: 'txt', export: run });
        export default { exporters: [
          exporter('echo', (s) => JSON.stringify({ pid: process.pid, frozen: s.tasks.every(Object.isFrozen), tasks: s.tasks.map((t) => t.id + ':' + t.content), checks: s.checks })),
          exporter('quit', () => process.exit(3)),
          exporter('long', () => 'Hạn hoàn thành: quý IV 🗓\\n'.repeat(20000)),
          { ...exporter('binary', () => new Uint8Array(20000).fill(7)), mediaType: 'application/octet-stream' },
          exporter('forged', () => ({ gzip: new Uint8Array(20000).fill(7) })),
        ] };`,
      );
      const host = await load({ pluginsDir: dir, timeoutMs: 5_000 });
      const task = (i: number, content = `Nhiệm vụ ${i}`) => Object.freeze({ id: `t${i}`, content }) as never;
      const snapshot = (tasks: never[]) => ({ board: Object.freeze({ id: 'bang', title: 'Bảng' }) as never, tasks, checks: { t1: Object.freeze([]) as never }, today: '2025-11-20' });
      const echo = async (tasks: never[]) => {
        const r = await host.export('echo', 'echo', snapshot(tasks));
        if (!r.ok) throw r.error;
        return JSON.parse(text(r.value)) as { pid: number; frozen: boolean; tasks: string[]; checks: object };
      };
      const tasks = Array.from({ length: 30 }, (_, i) => task(i));
      const first = await echo(tasks);
      expect(first.tasks).toHaveLength(30);
      // One task edited, one removed: the process reads the rest from what it was sent before.
      const changed = tasks.filter((_, i) => i !== 4).map((t, i) => (i === 7 ? task(8, 'đã sửa') : t));
      const second = await echo(changed);
      expect(second).toEqual({ pid: first.pid, frozen: true, tasks: changed.map((t: { id: string; content: string }) => `${t.id}:${t.content}`), checks: { t1: [] } });
      // A process that ended takes what it held with it: the next export is sent whole to the new one.
      expect(await host.export('echo', 'quit', snapshot(changed))).toMatchObject({ ok: false, error: { kind: 'exit' } });
      const third = await echo(changed.slice(2));
      expect(third.pid).not.toBe(first.pid);
      expect(third.tasks).toEqual(second.tasks.slice(2));
      // Text comes back as its UTF-8 bytes, a long one whole (down the byte pipe, not in the message);
      // gzipped when asked. A binary document is never gzipped: its formats compress their own.
      const long = 'Hạn hoàn thành: quý IV 🗓\n'.repeat(20000);
      const plain = await host.export('echo', 'long', snapshot(tasks));
      if (!plain.ok) throw plain.error;
      expect(plain.value).toEqual(utf8(long));
      const gzipped = await host.export('echo', 'long', snapshot(tasks), { gzip: true });
      if (!gzipped.ok) throw gzipped.error;
      expect(gzipped.value.gzipped).toBe(true);
      expect(gzipped.value.bytes.byteLength).toBeLessThan(plain.value.bytes.byteLength / 20);
      expect(text(gzipped.value)).toBe(long);
      expect(await host.export('echo', 'binary', snapshot(tasks), { gzip: true })).toEqual({ ok: true, value: { bytes: new Uint8Array(20000).fill(7), gzipped: false } });
      // An exporter cannot pose as the worker's gzipped answer: what it returns is a document or refused.
      for (const gzip of [true, false]) expect(await host.export('echo', 'forged', snapshot(tasks), { gzip })).toMatchObject({ ok: false, error: { messageEn: expect.stringContaining('returned neither text nor bytes') } });
    } finally {
      await cleanup();
    }
  });

  it('derives plugin ids from package names', () => {
    expect(pluginIdOf('@dondoc/plugin-export-csv')).toBe('export-csv');
    expect(pluginIdOf('@acme/dondoc-thing')).toBe('@acme/dondoc-thing');
  });
});
