// The plugin host against the fixture plugins: a valid one loads, broken ones are listed with reasons.
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PluginHost, REPO_ROOT, pluginIdOf } from './host.ts';
import { tempDir } from '../testing/fixtures.ts';

const FIXTURES = join(REPO_ROOT, 'e2e/fixtures/plugins');

describe('PluginHost', () => {
  it('loads the valid fixture and lists broken ones with reasons, within the time limit', async () => {
    const started = Date.now();
    const host = await PluginHost.load({ pluginsDir: FIXTURES, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    const byId = Object.fromEntries(host.infos().map((p) => [p.name, p]));
    expect(byId['fixture-tiny']).toMatchObject({ state: 'loaded', version: '0.1.0', displayName: 'Fixture: tiny plan', provides: ['templates', 'checklists', 'exporters'] });
    expect(byId['fixture-tiny']!.templates).toEqual([{ id: 'tiny', label: 'Kế hoạch thử (3 nhiệm vụ)', description: 'Dùng cho kiểm thử', taskCount: 3 }]);
    expect(byId['fixture-tiny']!.exporters.map((e) => e.id)).toEqual(['lines', 'boom']);
    expect(byId['broken-throws']).toMatchObject({ state: 'failed', reason: expect.stringContaining('broken-throws: lỗi khi nạp') });
    expect(byId['broken-throws']!.reason).toContain('Plugin "broken-throws" lỗi tại load');
    expect(byId['broken-hangs']).toMatchObject({ state: 'failed', reason: expect.stringContaining('không trả lời sau 300 ms') });
    expect(byId['broken-incompatible']).toMatchObject({ state: 'incompatible', reason: expect.stringContaining('"^9.0.0"') });
    expect(byId['broken-incompatible']!.reason).toContain('1.2.0');
    // Refused before import(): its module sets this flag when evaluated.
    expect((globalThis as Record<string, unknown>).__dondocIncompatibleRan).toBeUndefined();
  });

  it('finds contributions by plugin:id address', async () => {
    const host = await PluginHost.load({ extra: [join(FIXTURES, 'fixture-tiny')] });
    expect(host.template('fixture-tiny:tiny')?.contribution.plan.tasks).toHaveLength(3);
    expect(host.checklist('fixture-tiny:mini')?.contribution.criteria).toHaveLength(2);
    expect(host.exporter('fixture-tiny', 'lines')?.contribution.extension).toBe('txt');
    expect(host.template('fixture-tiny:nope')).toBeUndefined();
    expect(host.template('nope')).toBeUndefined();
    expect(host.all('templates').map((t) => t.address)).toEqual(['fixture-tiny:tiny']);
  });

  it('guards calls into a loaded plugin', async () => {
    const host = await PluginHost.load({ extra: [join(FIXTURES, 'fixture-tiny')] });
    const boom = host.exporter('fixture-tiny', 'boom')!;
    const r = await host.call(boom.plugin, 'exporters', () => boom.contribution.export({ board: {} as never, tasks: [], checks: {}, today: '2025-11-20' }));
    expect(r).toMatchObject({ ok: false, error: { pluginId: 'fixture-tiny', point: 'exporters', messageEn: expect.stringContaining('boom') } });
  });

  it('resolves DONDOC_PLUGINS entries relative to cwd and reports unknown ones', async () => {
    const host = await PluginHost.load({ extra: ['e2e/fixtures/plugins/fixture-tiny', '@dondoc/plugin-does-not-exist'], cwd: REPO_ROOT, resolveFrom: REPO_ROOT });
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
      await plugin('escape', { ...ok, dondoc: { entry: '../no-manifest/index.js', provides: ['exporters'] } });
      await plugin('no-file', { ...ok, dondoc: { entry: 'missing.js', provides: ['exporters'] } });
      await writeFile(join(dir, 'ignored.txt'), 'not a plugin');
      const host = await PluginHost.load({ pluginsDir: dir });
      const reason = (id: string) => host.plugins.find((p) => p.id === id)?.reason ?? '';
      expect(host.plugins.every((p) => p.state !== 'loaded')).toBe(true);
      expect(reason('no-manifest')).toContain('không có khóa "dondoc"');
      expect(reason('bad-manifest')).toContain('dondoc.provides');
      expect(host.plugins.find((p) => p.id === 'no-engines')?.state).toBe('incompatible');
      expect(reason('missing-export')).toContain('không xuất mảng exporters');
      expect(reason('undeclared')).toContain('checklists');
      expect(reason('bad-plan')).toMatch(/kế hoạch của "t" sai tại "tasks\.0\./);
      expect(reason('bad-read-tables')).toContain('"x" có readTables nhưng không phải hàm');
      expect(reason('escape')).toContain('ngoài thư mục plugin');
      expect(reason('no-file')).toContain('missing.js');
    } finally {
      await cleanup();
    }
  });

  it('derives plugin ids from package names', () => {
    expect(pluginIdOf('@dondoc/plugin-export-csv')).toBe('export-csv');
    expect(pluginIdOf('@acme/dondoc-thing')).toBe('@acme/dondoc-thing');
  });
});
