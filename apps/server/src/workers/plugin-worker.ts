// A plugin's thread or process: imports a plugin's module on its first job, describes it as data, and runs its
// checklists, exporters and importers. Answers are data only; a throw becomes an answer naming its
// message. A job after which a built-in was replaced is refused, and the thread retires.
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { resourceLimits } from 'node:worker_threads';
import type { ExtensionPoint } from '@dondoc/shared';
import type { PluginDescription } from '../plugins/contributions.ts';
import type { WorkerAnswer } from '../plugins/guard.ts';
import { DESCRIBED_FIELDS, FUNCTION_MARK, NOT_A_DOCUMENT, type CheckOutcome, type GzippedDocument, type PluginJob } from './plugin-protocol.ts';
import { GlobalsWatch } from './globals-guard.ts';
import { HeldSnapshots, SNAPSHOT_NOT_HELD } from './snapshot-wire.ts';
import { retire, serve } from './thread.ts';

// The baseline is taken before any plugin module is imported.
const watch = new GlobalsWatch();
const activeResources = process.getActiveResourcesInfo.bind(process);
const modules = new Map<string, Promise<Record<string, unknown>>>();
/** The boards' last snapshots sent here: the next export of a board is sent only what changed. */
const held = new HeldSnapshots();

const message = (err: unknown): string => {
  try {
    const text = err instanceof Error ? err.message || err.name : String(err);
    return text.slice(0, 500);
  } catch {
    return 'lỗi không mô tả được / an error that cannot be described';
  }
};

const TYPESCRIPT_MODULE = /\.[cm]?ts$/;

/**
 * A plugin written in TypeScript needs a loader; registered once, on the first such plugin, so a
 * thread running only JavaScript plugins (the build's) carries none.
 */
let typescript: Promise<void> | undefined = TYPESCRIPT_MODULE.test(import.meta.url) ? Promise.resolve() : undefined; // the bootstrap registered it to load this module
const typescriptLoader = (): Promise<void> => (typescript ??= import('tsx/esm/api').then((tsx) => void tsx.register()));

function pluginModule(entry: string): Promise<Record<string, unknown>> {
  let loaded = modules.get(entry);
  if (!loaded) {
    const ready = TYPESCRIPT_MODULE.test(entry) ? typescriptLoader() : Promise.resolve();
    loaded = ready.then(() => import(pathToFileURL(entry).href)).then((mod: Record<string, unknown>) => {
      const plugin = mod.default ?? mod;
      if (!plugin || typeof plugin !== 'object') throw new Error('module không xuất đối tượng plugin (definePlugin) / module exports no plugin object (definePlugin)');
      return plugin as Record<string, unknown>;
    });
    modules.set(entry, loaded);
  }
  return loaded;
}

/** The module as data: every extension point's contributions, functions replaced by a mark. */
function describe(plugin: Record<string, unknown>): PluginDescription & Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const point of Object.keys(DESCRIBED_FIELDS) as ExtensionPoint[]) {
    const list = plugin[point];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out[point] = null;
      continue;
    }
    out[point] = list.map((c: unknown) => {
      if (!c || typeof c !== 'object') return null;
      const copy: Record<string, unknown> = {};
      for (const field of DESCRIBED_FIELDS[point]) {
        const value = (c as Record<string, unknown>)[field];
        if (value !== undefined) copy[field] = typeof value === 'function' ? FUNCTION_MARK : value;
      }
      return copy;
    });
  }
  return out;
}

function contribution(plugin: Record<string, unknown>, point: ExtensionPoint, id: string): Record<string, unknown> {
  const list = plugin[point];
  const found = Array.isArray(list) ? list.find((c: unknown) => !!c && typeof c === 'object' && (c as { id?: unknown }).id === id) : undefined;
  if (!found) throw new Error(`không có ${point} "${id}" / no ${point} "${id}"`);
  return found as Record<string, unknown>;
}

function method(c: Record<string, unknown>, name: string): (...args: unknown[]) => unknown {
  const fn = c[name];
  if (typeof fn !== 'function') throw new Error(`${name} không phải hàm / ${name} is not a function`);
  return (...args) => fn.apply(c, args);
}

/** How many timers, sockets, ports… this thread holds, by kind. */
function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of activeResources()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

const heapPastHalf = () => !!resourceLimits.maxOldGenerationSizeMb && process.memoryUsage().heapUsed > (resourceLimits.maxOldGenerationSizeMb * 1024 * 1024) / 2;

const leftBehind = (before: Map<string, number>, after: Map<string, number>) => [...after].some(([kind, n]) => n > (before.get(kind) ?? 0));

async function run(job: PluginJob): Promise<unknown> {
  if (job.kind === 'load') {
    const before = job.shared ? resourceCounts() : undefined;
    const description = describe(await pluginModule(job.entry));
    // A timer or socket the plugin started could act while the next plugin loads here; and every
    // plugin loaded stays in memory, so a loader thread past half its heap limit makes way too.
    if (before && (leftBehind(before, resourceCounts()) || heapPastHalf())) retire();
    return description;
  }
  const plugin = await pluginModule(job.entry);
  switch (job.kind) {
    case 'check': {
      const check = method(contribution(plugin, 'checklists', job.contribution), 'check');
      // One task's throw is that task's answer; the rest of the batch still gets checked.
      return job.tasks.map((task): CheckOutcome => {
        try {
          return { ok: true, value: check(task, job.board) };
        } catch (err) {
          return { ok: false, message: message(err) };
        }
      });
    }
    case 'export': {
      const exporter = method(contribution(plugin, 'exporters', job.contribution), 'export');
      const snapshot = held.read(job.snapshot);
      if (!snapshot) return SNAPSHOT_NOT_HELD;
      // A document written as text goes back as its UTF-8 bytes, encoded here at the process's idle priority
      // rather than on the request thread. Gzipped here too when asked (a text format, for a client that
      // takes it): a 10,000-task CSV of 9.4 MB leaves as 0.46 MB, and the request thread writes that.
      const document: unknown = await exporter(snapshot);
      const bytes = typeof document === 'string' ? new TextEncoder().encode(document) : document;
      if (!(bytes instanceof Uint8Array)) return NOT_A_DOCUMENT;
      return job.gzip ? ({ gzip: gzipSync(bytes) } satisfies GzippedDocument) : bytes;
    }
    case 'import':
    case 'readTables':
      return method(contribution(plugin, 'importers', job.contribution), job.kind)(job.input);
  }
}

export default serve<PluginJob>(async (job): Promise<WorkerAnswer> => {
  let answer: WorkerAnswer;
  try {
    answer = { ok: true, value: await run(job) };
  } catch (err) {
    answer = { ok: false, message: message(err) };
  }
  const { replaced, added } = watch.changed();
  if (replaced.length === 0 && added.length === 0) return answer;
  // The next job could not trust this thread's built-ins: refuse this one and retire the thread.
  retire();
  return { ok: false, message: 'replaced built-ins', replaced, added };
});
