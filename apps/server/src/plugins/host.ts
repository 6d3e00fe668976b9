// The plugin host: checks each package's manifest and API range, loads each plugin in a worker thread
// of its own, keeps what the plugin contributes as data, and runs checklists, exporters and importers
// in that thread through the guard. Nothing a plugin does can block or crash the request thread.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import {
  EXTENSION_POINTS,
  PLUGIN_API_VERSION,
  PLUGIN_ERROR,
  PluginManifest,
  type Board,
  type BoardSnapshot,
  type CheckResult,
  type ExtensionPoint,
  type ImportInput,
  type Labelled,
  type PluginInfo,
  type Task,
} from '@dondoc/shared';
import { callPlugin, DEFAULT_PLUGIN_TIMEOUT_MS, PluginCallError, type PluginCallPoint, type PluginCallResult } from './guard.ts';
import { discoverPlugins, type DiscoverOptions, type PluginCandidate } from './discover.ts';
import { checkContributions, type ChecklistDescription, type Described, type ExporterDescription, type TemplateDescription } from './contributions.ts';
import { WorkerPool, type JobPool } from '../workers/pool.ts';
import { ProcessPool } from '../workers/process-pool.ts';
import { BUILT, REPO_ROOT, SERVER_DIR, workerModule } from '../paths.ts';
import { DescriptionCache } from './descriptions.ts';
import { SNAPSHOT_NOT_HELD, SentSnapshots, encodeSnapshot } from '../workers/snapshot-wire.ts';
import type { CheckOutcome, GzippedDocument, PluginJob } from '../workers/plugin-protocol.ts';

export type { ChecklistDescription, ExporterDescription, ImporterDescription, TemplateDescription } from './contributions.ts';

export interface PluginRecord {
  /** Package name minus `@dondoc/plugin-`; a third-party package keeps its full name. */
  id: string;
  packageName: string;
  version: string;
  displayName: string;
  /** API 1.5: the manifest's `displayNameEn`, when given. */
  displayNameEn?: string;
  dir: string;
  /** Changes to `failed` if the plugin's code later throws outside any call (its thread died). */
  state: PluginInfo['state'];
  reason?: string;
  provides: ExtensionPoint[];
  /** What a loaded plugin contributes, as data. */
  contributions?: { [K in ExtensionPoint]?: Array<Described[K]> };
  /** Absolute path of the module that runs in the plugin's thread. */
  entry?: string;
  /** The plugin's worker threads, while it has code the server may call. */
  pool?: JobPool;
  /** The board snapshots its exporters were sent, so the next export of a board sends only what changed. */
  sentSnapshots?: SentSnapshots;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const pluginIdOf = (packageName: string): string => packageName.replace(/^@dondoc\/plugin-/, '');

export interface PluginLimits {
  /** Loading a plugin and each checklist batch or export (default 10 s). */
  timeoutMs: number;
  /**
   * Added to an export's limit per task it writes (default 3 ms, so 40 s for 10,000 tasks): a 10,000-task
   * workbook takes 4–8 s alone and was seen taking 27 s on a machine with five times more busy threads than
   * cores, so a fixed limit would fail large boards rather than stuck plugins.
   */
  exportMsPerTask: number;
  /** Each importer call: documents take longer than checks (default 30 s). */
  importTimeoutMs: number;
  /** Heap limit of each plugin thread in MB (default 512). */
  memoryMb: number;
  /**
   * A checklist's thread ends after this long unused (default 30 s): ~15 MB at 10,000 tasks, given back
   * while nobody works; the next check starts a thread and loads the plugin again (~110 ms for the 5-rõ one).
   */
  checklistIdleMs: number;
}

export const DEFAULT_PLUGIN_LIMITS: PluginLimits = { timeoutMs: DEFAULT_PLUGIN_TIMEOUT_MS, exportMsPerTask: 3, importTimeoutMs: 30_000, memoryMb: 512, checklistIdleMs: 30_000 };

export interface PluginHostOptions extends Partial<DiscoverOptions>, Partial<PluginLimits> {
  /** Where a plugin that fails outside any call is reported (default console.error). */
  log?: (message: string) => void;
  /** The folder of the prebuilt plugins' description cache (default: the server's build folder, when running from it). */
  descriptionsDir?: string;
}

const PLUGIN_WORKER = workerModule('plugin-worker');

/** What a card shows when its checklist plugin failed on it: one failed criterion naming the plugin, in Vietnamese and English. */
const pluginFailure = (message: string, messageEn: string): CheckResult[] => [{ id: PLUGIN_ERROR.id, label: PLUGIN_ERROR.label, pass: false, reason: message, reasonEn: messageEn }];

/** A contribution's label, and its English one when the plugin gives it (API 1.5). */
const labels = (c: Labelled): Labelled => ({ label: c.label, ...(c.labelEn ? { labelEn: c.labelEn } : {}) });

/** A task as a checklist that declared `reads` sees it: its id and those fields. */
function projectTask(task: Task, reads: ReadonlyArray<keyof Task>): Pick<Task, 'id'> & Partial<Task> {
  const out: Pick<Task, 'id'> & Partial<Task> = { id: task.id };
  for (const key of reads) if (task[key] !== undefined) Object.assign(out, { [key]: task[key] });
  return out;
}

/**
 * What a plugin's `check()` must return. Plugins are untrusted JS: anything else becomes that task's
 * plugin-error instead of a throw later that would fail the whole board.
 */
const CheckResults = z.array(
  z.object({
    id: z.string(),
    label: z.string(),
    pass: z.boolean(),
    reason: z.string(),
    // API 1.6: optional; a plugin that gives none is shown in Vietnamese in the English UI.
    reasonEn: z.string().optional(),
  }),
);

export class PluginHost {
  readonly plugins: PluginRecord[];
  readonly limits: PluginLimits;

  constructor(plugins: PluginRecord[], limits: PluginLimits = DEFAULT_PLUGIN_LIMITS) {
    this.plugins = plugins;
    this.limits = limits;
  }

  /** Time limit of a load, check or export call. */
  get timeoutMs(): number {
    return this.limits.timeoutMs;
  }

  /** Time limit of an export of `tasks` tasks: the call's limit plus an allowance per task. */
  exportTimeoutMs(tasks: number): number {
    return this.limits.timeoutMs + tasks * this.limits.exportMsPerTask;
  }

  /** Discovers, checks and loads plugins. Never throws for a plugin's fault: it is recorded as failed. */
  static async load(opts: PluginHostOptions = {}): Promise<PluginHost> {
    const limits: PluginLimits = {
      timeoutMs: opts.timeoutMs ?? DEFAULT_PLUGIN_LIMITS.timeoutMs,
      exportMsPerTask: opts.exportMsPerTask ?? DEFAULT_PLUGIN_LIMITS.exportMsPerTask,
      importTimeoutMs: opts.importTimeoutMs ?? DEFAULT_PLUGIN_LIMITS.importTimeoutMs,
      memoryMb: opts.memoryMb ?? DEFAULT_PLUGIN_LIMITS.memoryMb,
      checklistIdleMs: opts.checklistIdleMs ?? DEFAULT_PLUGIN_LIMITS.checklistIdleMs,
    };
    const log = opts.log ?? ((m: string) => console.error(m));
    const cwd = opts.cwd ?? process.cwd();
    const { candidates, unresolved } = await discoverPlugins({
      pluginsDir: opts.pluginsDir === undefined ? null : opts.pluginsDir,
      extra: opts.extra ?? [],
      cwd,
      resolveFrom: opts.resolveFrom ?? cwd,
    });
    // Every plugin is first imported and described in a loader thread, one after another: a thread
    // per plugin would start (and load zod and the shared package) seven times over. The loader
    // retires its thread after a plugin that replaced built-ins or left timers running, so the next
    // plugin starts clean; a plugin with code to call later then gets a thread of its own.
    // Two loader threads, so one plugin that hangs until its time limit does not hold up the rest.
    const loaders = new Lanes(
      [1, 2].map(
        (n) =>
          new WorkerPool({ name: `plugin loader ${n}`, module: PLUGIN_WORKER, memoryMb: limits.memoryMb, onCrash: (err) => log(`[dondoc] plugin loader thread died: ${err.message}`) }),
      ),
    );
    const described = BUILT ? DescriptionCache.open(opts.descriptionsDir ?? SERVER_DIR) : undefined;
    let records: PluginRecord[];
    try {
      records = await Promise.all(candidates.map((c) => loadOne(c, loaders, limits, log, described)));
    } finally {
      await loaders.close();
      described?.save();
    }
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
      if (r.state === 'loaded' && seen.has(r.id)) disable(r, `Trùng id plugin "${r.id}" (${r.dir}) / Duplicate plugin id "${r.id}"`);
      seen.add(r.id);
    }
    return new PluginHost(records, limits);
  }

  get loaded(): PluginRecord[] {
    return this.plugins.filter((p) => p.state === 'loaded' && p.contributions);
  }

  #find<K extends ExtensionPoint>(point: K, address: string) {
    const at = address.indexOf(':');
    if (at <= 0) return undefined;
    return this.contribution(point, address.slice(0, at), address.slice(at + 1));
  }

  /** Finds contribution `contributionId` of loaded plugin `pluginId` at `point`. */
  contribution<K extends ExtensionPoint>(point: K, pluginId: string, contributionId: string): { plugin: PluginRecord; contribution: Described[K] } | undefined {
    const plugin = this.loaded.find((p) => p.id === pluginId);
    const found = (plugin?.contributions?.[point] as Array<Described[K]> | undefined)?.find((c) => c.id === contributionId);
    return plugin && found ? { plugin, contribution: found } : undefined;
  }

  template(address: string): { plugin: PluginRecord; contribution: TemplateDescription } | undefined {
    return this.#find('templates', address);
  }
  checklist(address: string): { plugin: PluginRecord; contribution: ChecklistDescription } | undefined {
    return this.#find('checklists', address);
  }
  exporter(pluginId: string, exporterId: string): { plugin: PluginRecord; contribution: ExporterDescription } | undefined {
    return this.contribution('exporters', pluginId, exporterId);
  }

  /** Every loaded contribution at `point`, with its `plugin:id` address. */
  all<K extends ExtensionPoint>(point: K): Array<{ address: string; plugin: PluginRecord; contribution: Described[K] }> {
    return this.loaded.flatMap((plugin) =>
      ((plugin.contributions?.[point] ?? []) as Array<Described[K]>).map((contribution) => ({ address: `${plugin.id}:${contribution.id}`, plugin, contribution })),
    );
  }

  infos(): PluginInfo[] {
    return this.plugins.map((p) => {
      const m = p.contributions ?? {};
      return {
        name: p.id,
        version: p.version,
        displayName: p.displayName,
        ...(p.displayNameEn ? { displayNameEn: p.displayNameEn } : {}),
        state: p.state,
        ...(p.reason ? { reason: p.reason } : {}),
        provides: p.provides,
        templates: (m.templates ?? []).map((t) => ({
          id: t.id,
          ...labels(t),
          ...(t.description ? { description: t.description } : {}),
          ...(t.descriptionEn ? { descriptionEn: t.descriptionEn } : {}),
          taskCount: t.plan.tasks.length,
        })),
        checklists: (m.checklists ?? []).map((c) => ({ id: c.id, ...labels(c), criteria: c.criteria })),
        exporters: (m.exporters ?? []).map((e) => ({ id: e.id, ...labels(e), mediaType: e.mediaType, extension: e.extension })),
        importers: (m.importers ?? []).map((i) => ({ id: i.id, ...labels(i), extensions: i.extensions })),
      };
    });
  }

  /** Runs a job in `plugin`'s thread through the guard. */
  #call<T>(plugin: PluginRecord, point: PluginCallPoint, job: DistributiveOmit<PluginJob, 'entry'>, timeoutMs: number): Promise<PluginCallResult<T>> {
    const pool = plugin.pool;
    if (!pool || pool.closed || plugin.state !== 'loaded') {
      const why = { vi: `đã bị vô hiệu${plugin.reason ? ` (${plugin.reason})` : ''}`, en: 'is disabled' };
      return Promise.resolve({ ok: false, error: new PluginCallError(plugin, point, 'closed', why) });
    }
    return callPlugin<T>({ id: plugin.id, pool }, point, { ...job, entry: plugin.entry }, timeoutMs);
  }

  /**
   * Checks `tasks` against checklist `address` in one call into the plugin. Never rejects: a task the
   * plugin threw on or answered for in the wrong shape, or every task when the call itself failed,
   * gets one failed criterion naming the plugin. Unknown checklist: `{}`.
   */
  async checkTasks(address: string, board: Board, tasks: Task[]): Promise<Record<string, CheckResult[]>> {
    const found = this.checklist(address);
    const out: Record<string, CheckResult[]> = {};
    if (!found || tasks.length === 0) return out;
    const { plugin, contribution } = found;
    // A checklist that declared what it reads (API 1.4) is sent only that: less to copy into its thread.
    const reads = contribution.reads;
    const sent = reads ? tasks.map((task) => projectTask(task, reads)) : tasks;
    const r = await this.#call<CheckOutcome[]>(plugin, 'checklists', { kind: 'check', contribution: contribution.id, board, tasks: sent }, this.limits.timeoutMs);
    if (!r.ok) {
      console.warn(`[dondoc] ${r.error.messageEn} (${tasks.length} task(s) on board ${board.id})`);
      for (const task of tasks) out[task.id] = pluginFailure(r.error.messageVi, r.error.messageEn);
      return out;
    }
    const outcomes: unknown[] = Array.isArray(r.value) ? r.value : [];
    const problems: string[] = [];
    tasks.forEach((task, i) => {
      const outcome = outcomes[i] as CheckOutcome | undefined;
      if (!outcome || outcome.ok !== true) {
        const message = typeof outcome?.message === 'string' ? outcome.message : 'không trả lời / no answer';
        out[task.id] = pluginFailure(`Plugin "${plugin.id}" lỗi tại checklists: ${message}`, `Plugin "${plugin.id}" failed at checklists: ${message}`);
        problems.push(`task ${task.id}: ${message}`);
        return;
      }
      const parsed = CheckResults.safeParse(outcome.value);
      out[task.id] = parsed.success ? parsed.data : pluginFailure(`Plugin "${plugin.id}" trả về kết quả kiểm tra sai định dạng`, `Plugin "${plugin.id}" returned check results in the wrong shape`);
      if (!parsed.success) problems.push(`task ${task.id}: malformed results (${parsed.error.issues.map((x) => `${x.path.join('.') || '(result)'}: ${x.message}`).join('; ')})`);
    });
    if (problems.length) console.warn(`[dondoc] Plugin "${plugin.id}" checklist "${contribution.id}": ${problems.length} task(s) failed — ${problems.slice(0, 3).join(' | ')}`);
    return out;
  }

  /**
   * Runs exporter `pluginId:exporterId` on a board snapshot in the plugin's thread: the document's bytes
   * (text as UTF-8). With `gzip`, a document of a text format comes back compressed; the binary formats
   * (.xlsx, .docx, .pdf) compress their own.
   */
  async export(pluginId: string, exporterId: string, snapshot: BoardSnapshot, options: { gzip?: boolean } = {}): Promise<PluginCallResult<ExportedDocument>> {
    const found = this.exporter(pluginId, exporterId);
    if (!found) return { ok: false, error: new PluginCallError({ id: pluginId }, 'exporters', 'closed', { vi: `không có trình xuất "${exporterId}"`, en: `has no exporter "${exporterId}"` }) };
    const { plugin } = found;
    const sent = (plugin.sentSnapshots ??= new SentSnapshots());
    const gzip = options.gzip === true && TEXT_MEDIA.test(found.contribution.mediaType);
    const exportIn = async (whole: boolean) => {
      // Encoded a slice at a time: posting the snapshot itself would clone every task on the request thread in one go.
      const encoded = await encodeSnapshot(snapshot, { shared: plugin.pool?.sharedMemory ?? true, sent, whole });
      return this.#call<unknown>(plugin, 'exporters', { kind: 'export', contribution: exporterId, snapshot: encoded, ...(gzip ? { gzip } : {}) }, this.exportTimeoutMs(snapshot.tasks.length));
    };
    let r = await exportIn(false);
    // The plugin's thread or process no longer holds the snapshot the records sent referred to (it was replaced).
    if (r.ok && r.value === SNAPSHOT_NOT_HELD) r = await exportIn(true);
    if (!r.ok) return r;
    if (r.value instanceof Uint8Array) return { ok: true, value: { bytes: r.value, gzipped: false } };
    if (gzip && isGzipped(r.value)) return { ok: true, value: { bytes: r.value.gzip, gzipped: true } };
    return { ok: false, error: new PluginCallError(plugin, 'exporters', 'threw', { vi: 'trả về thứ không phải chuỗi hay bytes', en: 'returned neither text nor bytes' }) };
  }

  /** An importer's `import(input)` (the whole plan) in the plugin's thread; the caller checks the plan. */
  importFile(address: string, input: ImportInput): Promise<PluginCallResult<unknown>> {
    return this.#importer(address, 'import', input);
  }

  /** An importer's `readTables(input)` (plugin API 1.1) in the plugin's thread; the caller checks the tables. */
  readTables(address: string, input: ImportInput): Promise<PluginCallResult<unknown>> {
    return this.#importer(address, 'readTables', input);
  }

  #importer(address: string, kind: 'import' | 'readTables', input: ImportInput): Promise<PluginCallResult<unknown>> {
    const found = this.#find('importers', address);
    if (!found) return Promise.resolve({ ok: false, error: new PluginCallError({ id: address }, 'importers', 'closed', { vi: 'không có trình nhập này', en: 'no such importer' }) });
    return this.#call(found.plugin, 'importers', { kind, contribution: found.contribution.id, input }, this.limits.importTimeoutMs);
  }

  /** Ends every plugin thread (server shutdown, end of a test). */
  async close(): Promise<void> {
    await Promise.all(this.plugins.map((p) => p.pool?.close()));
  }
}

/** Worker threads handed to one job at a time, the next waiting job taking the first one freed. */
class Lanes {
  readonly #all: WorkerPool[];
  readonly #free: WorkerPool[];
  readonly #waiting: Array<(pool: WorkerPool) => void> = [];

  constructor(pools: WorkerPool[]) {
    this.#all = pools;
    this.#free = [...pools];
  }

  async use<T>(job: (pool: WorkerPool) => Promise<T>): Promise<T> {
    const pool = this.#free.pop() ?? (await new Promise<WorkerPool>((resolve) => this.#waiting.push(resolve)));
    try {
      return await job(pool);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(pool);
      else this.#free.push(pool);
    }
  }

  close(): Promise<void[]> {
    return Promise.all(this.#all.map((p) => p.close()));
  }
}

/** Marks a plugin failed for good and ends its threads. */
function disable(record: PluginRecord, reason: string): void {
  record.state = 'failed';
  record.reason = reason;
  delete record.contributions;
  void record.pool?.close();
  delete record.pool;
}

async function loadOne(candidate: PluginCandidate, loaders: Lanes, limits: PluginLimits, log: (message: string) => void, described?: DescriptionCache): Promise<PluginRecord> {
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
  const failed = (state: 'failed' | 'incompatible', vi: string, en: string): PluginRecord => {
    disable(record, `Plugin "${record.id}": ${vi} / ${en}`);
    record.state = state;
    return record;
  };

  if ('readError' in pkg) return failed('failed', `không đọc được package.json (${pkg.readError})`, `cannot read package.json (${pkg.readError})`);
  if (typeof pkg.name !== 'string') return failed('failed', 'package.json thiếu "name"', 'package.json has no "name"');
  if (pkg.dondoc === undefined) return failed('failed', 'package.json không có khóa "dondoc" (manifest plugin)', 'package.json has no "dondoc" manifest key');
  const manifest = PluginManifest.safeParse(pkg.dondoc);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    const field = ['dondoc', ...(issue?.path ?? [])].join('.');
    return failed('failed', `manifest sai ở trường "${field}": ${issue?.message}`, `invalid manifest field "${field}": ${issue?.message}`);
  }
  const provides = manifest.data.provides;
  record.provides = provides;
  record.displayName = manifest.data.displayName ?? packageName;
  if (manifest.data.displayNameEn?.trim()) record.displayNameEn = manifest.data.displayNameEn;

  // The API range is checked before any of the plugin's code runs.
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
  const prebuilt = BUILT ? prebuiltEntry(dir, entry) : undefined;
  record.entry = prebuilt ?? entry;

  let description = prebuilt ? described?.get(prebuilt) : undefined;
  if (!description) {
    const loaded = await loaders.use((pool) => callPlugin<Record<string, unknown>>({ id: record.id, pool }, 'load', { kind: 'load', entry: record.entry!, shared: true } satisfies PluginJob, limits.timeoutMs));
    if (!loaded.ok) {
      disable(record, `${loaded.error.messageVi} / ${loaded.error.messageEn}`);
      return record;
    }
    description = loaded.value;
    if (prebuilt) described?.set(prebuilt, description);
  }
  const contributions: NonNullable<PluginRecord['contributions']> = {};
  for (const point of provides) {
    const checked = checkContributions(point, description[point]);
    if (!checked.ok) return failed('failed', checked.problem.vi, checked.problem.en);
    (contributions as Record<ExtensionPoint, unknown>)[point] = checked.value;
  }
  for (const point of EXTENSION_POINTS) {
    const value = description[point];
    if (!provides.includes(point) && Array.isArray(value) && value.length > 0)
      return failed('failed', `xuất ${point} nhưng không khai báo trong dondoc.provides`, `exports ${point} not declared in dondoc.provides`);
  }
  record.state = 'loaded';
  record.contributions = contributions;
  // Templates are data once described: only a plugin with code to call gets a thread of its own.
  if (provides.some((p) => p !== 'templates')) record.pool = pluginPool(record, provides, limits, log);
  return record;
}

/**
 * The JavaScript scripts/build.mjs made of a plugin of this repo (`dist/index.mjs`, with
 * `dist/dondoc-build.json` naming the TypeScript entry it was built from), when it was built from
 * this entry: the server run from its build then loads plugins with no TypeScript loader.
 */
function prebuiltEntry(dir: string, entry: string): string | undefined {
  const stamp = join(dir, 'dist/dondoc-build.json');
  if (!existsSync(stamp)) return undefined;
  let built;
  try {
    built = BuildStamp.safeParse(JSON.parse(readFileSync(stamp, 'utf8')));
  } catch {
    return undefined; // unreadable: the TypeScript entry is loaded instead
  }
  if (!built.success || resolve(dir, built.data.entry) !== entry) return undefined;
  const file = resolve(dir, 'dist', built.data.built);
  return existsSync(file) ? file : undefined;
}
const BuildStamp = z.object({ entry: z.string(), built: z.string() });

/**
 * Where a plugin's code runs. A checklist runs on every task change, so its plugin gets a thread that
 * loads the plugin now (in the background) and stays up while boards are worked on; after
 * `checklistIdleMs` with nothing to check, the thread ends and the next check starts one. Exporters and
 * importers run rarely and for seconds at a time (a 10,000-task .xlsx), so theirs is a process, started
 * on the first call, ended after a minute idle, and run at idle CPU priority: moves made while a
 * document is written keep their speed (process-pool.ts says what was measured).
 */
function pluginPool(record: PluginRecord, provides: ExtensionPoint[], limits: PluginLimits, log: (message: string) => void): JobPool {
  const onCrash = (err: Error) => {
    if (record.state !== 'loaded') return;
    const vi = `lỗi ngoài mọi lời gọi (bộ hẹn giờ hoặc promise không ai chờ), đã tắt plugin: ${err.message}`;
    const en = `failed outside any call (a timer or an unawaited promise) and was disabled: ${err.message}`;
    disable(record, `Plugin "${record.id}": ${vi} / ${en}`);
    log(`[dondoc] Plugin "${record.id}" ${en}`);
  };
  const name = `plugin ${record.id}`;
  if (!provides.includes('checklists')) return new ProcessPool({ name, module: PLUGIN_WORKER, memoryMb: limits.memoryMb, onCrash });
  const pool = new WorkerPool({ name, module: PLUGIN_WORKER, startNow: true, idleTimeoutMs: limits.checklistIdleMs, memoryMb: limits.memoryMb, onCrash });
  void callPlugin({ id: record.id, pool }, 'load', { kind: 'load', entry: record.entry! } satisfies PluginJob, limits.timeoutMs);
  return pool;
}

/** A document an exporter wrote, as it goes to the client: gzipped when it was text and the client takes gzip. */
export interface ExportedDocument {
  bytes: Uint8Array;
  gzipped: boolean;
}
/** Media types of text, which gzip shrinks (CSV, iCalendar, JSON, XML). */
const TEXT_MEDIA = /^text\/|^application\/(?:json|xml|csv)\b|\+(?:json|xml)\b/i;
const isGzipped = (v: unknown): v is GzippedDocument => typeof v === 'object' && v !== null && 'gzip' in v && v.gzip instanceof Uint8Array;

export const DEFAULT_PLUGINS_DIR = join(REPO_ROOT, 'plugins');
