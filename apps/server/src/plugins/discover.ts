// Finds plugin packages (a plugins folder plus DONDOC_PLUGINS entries) and reads their package.json,
// before any plugin code runs.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';

export interface PluginCandidate {
  /** The package folder. */
  dir: string;
  /** Parsed package.json, or the reason it could not be read. */
  pkg: Record<string, unknown> | { readError: string };
  /** Where the candidate came from, for messages: "plugins/", "DONDOC_PLUGINS". */
  source: string;
}

/** Folders under `pluginsDir` holding a package.json; a missing folder means none. */
async function packagesIn(pluginsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(pluginsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  return names.sort().map((n) => join(pluginsDir, n)).filter((d) => existsSync(join(d, 'package.json')));
}

/**
 * A DONDOC_PLUGINS entry is a folder (absolute, or relative to `cwd`) when one exists there,
 * otherwise a package name looked up in node_modules from `resolveFrom`.
 */
export function resolvePluginEntry(entry: string, cwd: string, resolveFrom: string): string | undefined {
  const asPath = isAbsolute(entry) ? entry : resolve(cwd, entry);
  if (existsSync(join(asPath, 'package.json'))) return asPath;
  if (entry.startsWith('.') || isAbsolute(entry)) return undefined;
  const paths = createRequire(join(resolveFrom, 'package.json')).resolve.paths(entry) ?? [];
  for (const nodeModules of paths) {
    const dir = join(nodeModules, entry);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

export interface DiscoverOptions {
  /** Folder whose sub-folders are plugin packages (the repo's `plugins/`); null skips it. */
  pluginsDir: string | null;
  /** DONDOC_PLUGINS entries. */
  extra: string[];
  cwd: string;
  /** Where package names are resolved from (the repo root). */
  resolveFrom: string;
}

export async function discoverPlugins(opts: DiscoverOptions): Promise<{ candidates: PluginCandidate[]; unresolved: string[] }> {
  const dirs: Array<{ dir: string; source: string }> = [];
  if (opts.pluginsDir) for (const dir of await packagesIn(opts.pluginsDir)) dirs.push({ dir, source: 'plugins/' });
  const unresolved: string[] = [];
  for (const entry of opts.extra.map((e) => e.trim()).filter(Boolean)) {
    const dir = resolvePluginEntry(entry, opts.cwd, opts.resolveFrom);
    if (dir) dirs.push({ dir, source: 'DONDOC_PLUGINS' });
    else unresolved.push(entry);
  }
  const seen = new Set<string>();
  const candidates: PluginCandidate[] = [];
  for (const { dir, source } of dirs) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    let pkg: PluginCandidate['pkg'];
    try {
      pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    } catch (err) {
      pkg = { readError: (err as Error).message };
    }
    candidates.push({ dir, pkg, source });
  }
  return { candidates, unresolved };
}
