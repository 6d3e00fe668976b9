// What each prebuilt plugin described itself as (its contributions, as data), kept beside the
// server's build and keyed by the built file's hash: a start with unchanged plugins runs none of
// their code to learn what they contribute, so no loader thread starts. scripts/build.mjs rebuilds
// apps/server/dist (and so empties this file) whenever a plugin's sources or the lockfile change, then
// fills it for the repo's plugins (describe-plugins.ts), so not even the first start after it asks them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const Entries = z.record(z.string(), z.object({ sha256: z.string(), description: z.record(z.string(), z.unknown()) }));
type Entries = z.infer<typeof Entries>;

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

export class DescriptionCache {
  readonly #file: string;
  readonly #entries: Entries;
  #changed = false;

  private constructor(file: string, entries: Entries) {
    this.#file = file;
    this.#entries = entries;
  }

  /** The cache in `dir` (the server's build folder); an unreadable one starts empty. */
  static open(dir: string): DescriptionCache {
    const file = join(dir, 'plugin-descriptions.json');
    let entries: Entries = {};
    try {
      if (existsSync(file)) entries = Entries.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      entries = {};
    }
    return new DescriptionCache(file, entries);
  }

  /** The description recorded for this built file, if the file is still what it described. */
  get(entry: string): Record<string, unknown> | undefined {
    const hit = this.#entries[entry];
    return hit && existsSync(entry) && hit.sha256 === sha256(entry) ? hit.description : undefined;
  }

  set(entry: string, description: Record<string, unknown>): void {
    this.#entries[entry] = { sha256: sha256(entry), description };
    this.#changed = true;
  }

  /** Writes what was added (whole file, then renamed into place); a read-only build folder only loses the cache. */
  save(): void {
    if (!this.#changed) return;
    try {
      writeFileSync(`${this.#file}.tmp`, JSON.stringify(this.#entries));
      renameSync(`${this.#file}.tmp`, this.#file);
      this.#changed = false;
    } catch {
      // Next start describes the plugins again.
    }
  }
}
