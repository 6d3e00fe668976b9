// The plugin host: checks each package's manifest and API range, imports it in isolation with a
// time limit, validates what it exports, and answers "which template/checklist/exporter is X:Y".
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import semver from 'semver';
import {
  EXTENSION_POINTS,
  PLUGIN_API_VERSION,
  Plan,
  PluginManifest,
  type ChecklistContribution,
  type DondocPlugin,
  type ExporterContribution,
  type ExtensionPoint,
  type ImporterContribution,
  type PluginInfo,
  type TemplateContribution,
} from '@dondoc/shared';
import { callPlugin, DEFAULT_PLUGIN_TIMEOUT_MS, type PluginCallPoint, type PluginCallResult } from './guard.ts';
import { discoverPlugins, type DiscoverOptions, type PluginCandidate } from './discover.ts';

export interface PluginRecord {
  /** Package name minus `@dondoc/plugin-`; a third-party package keeps its full name. */
  id: string;
  packageName: string;
  version: string;
  displayName: string;
  dir: string;
  state: PluginInfo['state'];
  reason?: string;
  provides: ExtensionPoint[];
  module?: DondocPlugin;
}

export const pluginIdOf = (packageName: string): string => packageName.replace(/^@dondoc\/plugin-/, '');

export interface PluginHostOptions extends Partial<DiscoverOptions> {
  /** Time limit for importing one plugin and for each later call into it (default 5 s). */
  timeoutMs?: number;
}

const CONTRIBUTION_ID = /^[a-z0-9][a-z0-9._-]*$/i;

/** Checks one extension point's exports; returns what is wrong, in Vietnamese and English, or nothing. */
function checkContributions(point: ExtensionPoint, value: unknown): { vi: string; en: string } | undefined {
  if (!Array.isArray(value)) return { vi: `khai báo ${point} nhưng không xuất mảng ${point}`, en: `declares ${point} but exports no ${point} array` };
  for (const [i, c] of value.entries()) {
    const bad = (what: string, whatEn: string) => ({ vi: `${point}[${i}]: ${what}`, en: `${point}[${i}]: ${whatEn}` });
    if (!c || typeof c !== 'object') return bad('không phải đối tượng', 'is not an object');
    const o = c as Record<string, unknown>;
    if (typeof o.id !== 'string' || !CONTRIBUTION_ID.test(o.id)) return bad('thiếu id hợp lệ', 'has no valid id');
    if (typeof o.label !== 'string') return bad(`"${o.id}" thiếu label`, `"${o.id}" has no label`);
    if (point === 'checklists' && (typeof o.check !== 'function' || !Array.isArray(o.criteria)))
      return bad(`"${o.id}" thiếu hàm check hoặc criteria`, `"${o.id}" lacks check() or criteria`);
    if (point === 'exporters' && (typeof o.export !== 'function' || typeof o.mediaType !== 'string' || typeof o.extension !== 'string'))
      return bad(`"${o.id}" thiếu hàm export, mediaType hoặc extension`, `"${o.id}" lacks export(), mediaType or extension`);
    if (point === 'importers' && (typeof o.import !== 'function' || !Array.isArray(o.extensions)))
      return bad(`"${o.id}" thiếu hàm import hoặc extensions`, `"${o.id}" lacks import() or extensions`);
    if (point === 'importers' && o.readTables !== undefined && typeof o.readTables !== 'function')
      return bad(`"${o.id}" có readTables nhưng không phải hàm`, `"${o.id}" has a readTables that is not a function`);
    if (point === 'templates') {
      const parsed = Plan.safeParse(o.plan);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return bad(`kế hoạch của "${o.id}" sai tại "${issue?.path.join('.')}": ${issue?.message}`, `plan of "${o.id}" is invalid at "${issue?.path.join('.')}": ${issue?.message}`);
      }
      o.plan = parsed.data;
    }
  }
  return undefined;
}

export class PluginHost {
  readonly plugins: PluginRecord[];
  readonly timeoutMs: number;

  constructor(plugins: PluginRecord[], timeoutMs = DEFAULT_PLUGIN_TIMEOUT_MS) {
    this.plugins = plugins;
    this.timeoutMs = timeoutMs;
  }

  /** Discovers, checks and imports plugins. Never throws for a plugin's fault: it is recorded as failed. */
  static async load(opts: PluginHostOptions = {}): Promise<PluginHost> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_PLUGIN_TIMEOUT_MS;
    const cwd = opts.cwd ?? process.cwd();
    const { candidates, unresolved } = await discoverPlugins({
      pluginsDir: opts.pluginsDir === undefined ? null : opts.pluginsDir,
      extra: opts.extra ?? [],
      cwd,
      resolveFrom: opts.resolveFrom ?? cwd,
    });
    const records = await Promise.all(candidates.map((c) => loadOne(c, timeoutMs)));
    for (const entry of unresolved)
      records.push({
        id: entry,
        packageName: entry,
        version: '',
        displayName: entry,
        dir: '',
        state: 'failed',
        reason: `Không tìm thấy plugin "${entry}" (DONDOC_PLUGINS: không phải thư mục có package.json, cũng không phải gói đã cài) / Plugin "${entry}" not found: neither a folder with package.json nor an installed package`,
        provides: [],
      });
    // Two packages may not claim the same id: the first keeps it.
    const seen = new Set<string>();
    for (const r of records) {
      if (r.state === 'loaded' && seen.has(r.id)) {
        r.state = 'failed';
        r.reason = `Trùng id plugin "${r.id}" (${r.dir}) / Duplicate plugin id "${r.id}"`;
        delete r.module;
      }
      seen.add(r.id);
    }
    return new PluginHost(records, timeoutMs);
  }

  get loaded(): PluginRecord[] {
    return this.plugins.filter((p) => p.state === 'loaded' && p.module);
  }

  /** Runs plugin code through the guard with this host's time limit. */
  call<T>(plugin: { id: string }, point: PluginCallPoint, fn: () => T | Promise<T>): Promise<PluginCallResult<Awaited<T>>> {
    return callPlugin(plugin, point, fn, this.timeoutMs);
  }

  #find<K extends ExtensionPoint>(point: K, address: string) {
    const at = address.indexOf(':');
    if (at <= 0) return undefined;
    return this.contribution(point, address.slice(0, at), address.slice(at + 1));
  }

  /** Finds contribution `contributionId` of loaded plugin `pluginId` at `point`. */
  contribution<K extends ExtensionPoint>(point: K, pluginId: string, contributionId: string) {
    const plugin = this.loaded.find((p) => p.id === pluginId);
    const list = (plugin?.module?.[point] ?? []) as NonNullable<DondocPlugin[K]>;
    const found = (list as Array<{ id: string }>).find((c) => c.id === contributionId);
    return plugin && found ? { plugin, contribution: found as NonNullable<DondocPlugin[K]>[number] } : undefined;
  }

  template(address: string): { plugin: PluginRecord; contribution: TemplateContribution } | undefined {
    return this.#find('templates', address);
  }
  checklist(address: string): { plugin: PluginRecord; contribution: ChecklistContribution } | undefined {
    return this.#find('checklists', address);
  }
  exporter(pluginId: string, exporterId: string): { plugin: PluginRecord; contribution: ExporterContribution } | undefined {
    return this.contribution('exporters', pluginId, exporterId);
  }

  /** Every loaded contribution at `point`, with its `plugin:id` address. */
  all<K extends ExtensionPoint>(point: K): Array<{ address: string; plugin: PluginRecord; contribution: NonNullable<DondocPlugin[K]>[number] }> {
    return this.loaded.flatMap((plugin) =>
      ((plugin.module?.[point] ?? []) as Array<{ id: string }>).map((c) => ({
        address: `${plugin.id}:${c.id}`,
        plugin,
        contribution: c as NonNullable<DondocPlugin[K]>[number],
      })),
    );
  }

  infos(): PluginInfo[] {
    return this.plugins.map((p) => {
      const m = p.module ?? {};
      return {
        name: p.id,
        version: p.version,
        displayName: p.displayName,
        state: p.state,
        ...(p.reason ? { reason: p.reason } : {}),
        provides: p.provides,
        templates: (m.templates ?? []).map((t: TemplateContribution) => ({ id: t.id, label: t.label, ...(t.description ? { description: t.description } : {}), taskCount: t.plan.tasks.length })),
        checklists: (m.checklists ?? []).map((c: ChecklistContribution) => ({ id: c.id, label: c.label, criteria: c.criteria.map((x) => ({ id: x.id, label: x.label })) })),
        exporters: (m.exporters ?? []).map((e: ExporterContribution) => ({ id: e.id, label: e.label, mediaType: e.mediaType, extension: e.extension })),
        importers: (m.importers ?? []).map((i: ImporterContribution) => ({ id: i.id, label: i.label, extensions: i.extensions })),
      };
    });
  }
}

async function loadOne(candidate: PluginCandidate, timeoutMs: number): Promise<PluginRecord> {
  const { dir, pkg } = candidate;
  const packageName = 'readError' in pkg ? dir : typeof pkg.name === 'string' ? pkg.name : dir;
  const record: PluginRecord = {
    id: pluginIdOf(packageName),
    packageName,
    version: 'readError' in pkg ? '' : String(pkg.version ?? ''),
    displayName: packageName,
    dir,
    state: 'failed',
    provides: [],
  };
  const failed = (state: 'failed' | 'incompatible', vi: string, en: string): PluginRecord => ({ ...record, state, reason: `Plugin "${record.id}": ${vi} / ${en}` });

  if ('readError' in pkg) return failed('failed', `không đọc được package.json (${pkg.readError})`, `cannot read package.json (${pkg.readError})`);
  if (typeof pkg.name !== 'string') return failed('failed', 'package.json thiếu "name"', 'package.json has no "name"');
  if (pkg.dondoc === undefined) return failed('failed', 'package.json không có khóa "dondoc" (manifest plugin)', 'package.json has no "dondoc" manifest key');
  const manifest = PluginManifest.safeParse(pkg.dondoc);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    const field = ['dondoc', ...(issue?.path ?? [])].join('.');
    return failed('failed', `manifest sai ở trường "${field}": ${issue?.message}`, `invalid manifest field "${field}": ${issue?.message}`);
  }
  record.provides = manifest.data.provides;
  record.displayName = manifest.data.displayName ?? packageName;

  // The API range is checked before import(): an incompatible plugin's code never runs.
  const range = (pkg.engines as Record<string, unknown> | undefined)?.dondoc;
  if (typeof range !== 'string')
    return failed('incompatible', `thiếu engines.dondoc (khoảng phiên bản plugin API; máy chủ cung cấp ${PLUGIN_API_VERSION})`, `no engines.dondoc range (this host provides plugin API ${PLUGIN_API_VERSION})`);
  if (!semver.validRange(range)) return failed('incompatible', `engines.dondoc "${range}" không phải khoảng semver hợp lệ`, `engines.dondoc "${range}" is not a valid semver range`);
  if (!semver.satisfies(PLUGIN_API_VERSION, range))
    return failed('incompatible', `cần plugin API "${range}" nhưng máy chủ cung cấp ${PLUGIN_API_VERSION}`, `requires plugin API "${range}" but this host provides ${PLUGIN_API_VERSION}`);

  const entry = resolve(dir, manifest.data.entry);
  const rel = relative(dir, entry);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    return failed('failed', `entry "${manifest.data.entry}" nằm ngoài thư mục plugin`, `entry "${manifest.data.entry}" is outside the plugin folder`);
  if (!existsSync(entry)) return failed('failed', `không có tệp entry "${manifest.data.entry}"`, `entry file "${manifest.data.entry}" does not exist`);

  const imported = await callPlugin(record, 'load', () => import(pathToFileURL(entry).href) as Promise<Record<string, unknown>>, timeoutMs);
  if (!imported.ok) return { ...record, state: 'failed', reason: `${imported.error.messageVi} / ${imported.error.messageEn}` };
  const mod = (imported.value.default ?? imported.value) as Record<string, unknown>;
  if (!mod || typeof mod !== 'object') return failed('failed', 'module không xuất đối tượng plugin (definePlugin)', 'module exports no plugin object (definePlugin)');

  for (const point of manifest.data.provides) {
    const problem = checkContributions(point, mod[point]);
    if (problem) return failed('failed', problem.vi, problem.en);
  }
  for (const point of EXTENSION_POINTS) {
    if (!manifest.data.provides.includes(point) && Array.isArray(mod[point]) && (mod[point] as unknown[]).length > 0)
      return failed('failed', `xuất ${point} nhưng không khai báo trong dondoc.provides`, `exports ${point} not declared in dondoc.provides`);
  }
  return { ...record, state: 'loaded', module: mod as DondocPlugin };
}

/** The repo root, found from this file: apps/server/src/plugins → ../../../.. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const DEFAULT_PLUGINS_DIR = join(REPO_ROOT, 'plugins');
