// Notices when code in this thread replaced or deleted a built-in (`JSON.parse`, `Array.prototype.map`,
// `globalThis.fetch`…) or added keys to a built-in prototype. A plugin thread takes its baseline before
// any plugin code runs and checks after each job: such a plugin is reported, and its thread replaced.

/** A built-in whose own properties are watched, and the path it is named by in reports. */
interface Watched {
  path: string;
  owner: object;
  /** Own keys and what each held: a data property's value, or an accessor's getter and setter. */
  keys: PropertyKey[];
  held: unknown[];
  /** Prototype objects also report new keys (prototype pollution); other objects may gain keys. */
  closed: boolean;
}

// Captured before any plugin code can replace them: the watch must not use what it watches.
const ownKeys = Reflect.ownKeys;
const getDescriptor = Reflect.getOwnPropertyDescriptor;
const isArray = Array.isArray;
const same = Object.is;
const push = (list: unknown[], value: unknown) => (list[list.length] = value);

/**
 * Properties that change in normal use: error-formatting hooks source-map tools set, counters Node
 * keeps on `process`, and the global scope, which scripts may add to (they may not replace).
 */
const MUTABLE = new Set(['Error.stackTraceLimit', 'Error.prepareStackTrace']);
/** Objects whose contents are state, not built-ins: watched only as globals, never inside. */
const OPAQUE = new Set(['process', 'global', 'globalThis', 'self']);

function has(keys: PropertyKey[], key: PropertyKey): boolean {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return true;
  return false;
}

const describeKey = (key: PropertyKey): string => (typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : String(key));

function heldBy(owner: object, key: PropertyKey): unknown {
  const d = getDescriptor(owner, key);
  if (!d) return ABSENT;
  return 'value' in d ? d.value : [d.get, d.set];
}

const ABSENT = Symbol('absent');

function sameHeld(a: unknown, b: unknown): boolean {
  // Object.is: NaN (globalThis.NaN, Number.NaN) is the same as itself.
  if (same(a, b)) return true;
  // Accessors are held as [get, set] pairs made fresh on each read.
  return isArray(a) && isArray(b) && a.length === 2 && b.length === 2 && a[0] === b[0] && a[1] === b[1];
}

function watch(path: string, owner: object, closed: boolean): Watched {
  const keys = ownKeys(owner);
  const held: unknown[] = [];
  for (const key of keys) push(held, heldBy(owner, key));
  return { path, owner, keys, held, closed };
}

export class GlobalsWatch {
  readonly #watched: Watched[] = [];

  /** Takes the baseline: call before any untrusted code runs in this thread. */
  constructor(scope: object = globalThis) {
    const root = scope as Record<PropertyKey, unknown>;
    // Node defines some globals lazily (a getter that replaces itself with the value on first
    // read); read each once so the baseline holds the settled value.
    for (const key of ownKeys(root)) {
      try {
        void root[key];
      } catch {
        // a getter that throws stays an accessor, compared as such
      }
    }
    this.#watched.push(watch('globalThis', root, false));
    for (const key of ownKeys(root)) {
      const name = describeKey(key);
      const value = (getDescriptor(root, key) as PropertyDescriptor | undefined)?.value as unknown;
      if (OPAQUE.has(name) || value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
      // Built-ins are named in capitals (Array, JSON, Intl) or are the console; lower-case globals
      // such as `fetch` are watched as globals above.
      if (!/^[A-Z]/.test(name) && name !== 'console') continue;
      this.#watched.push(watch(name, value as object, false));
      const proto = typeof value === 'function' ? (value as { prototype?: unknown }).prototype : undefined;
      if (proto && typeof proto === 'object') this.#watched.push(watch(`${name}.prototype`, proto, true));
    }
  }

  /** How many properties are watched (for tests and the bench's cost estimate). */
  get size(): number {
    let n = 0;
    for (const w of this.#watched) n += w.keys.length;
    return n;
  }

  /** What was replaced or deleted since the baseline (`JSON.parse`), and keys added to built-in prototypes (`Object.prototype.isAdmin`). */
  changed(): { replaced: string[]; added: string[] } {
    const replaced: string[] = [];
    const added: string[] = [];
    for (const w of this.#watched) {
      for (let i = 0; i < w.keys.length; i++) {
        const key = w.keys[i]!;
        const path = w.path === 'globalThis' ? describeKey(key) : `${w.path}.${describeKey(key)}`;
        if (MUTABLE.has(path)) continue;
        if (!sameHeld(heldBy(w.owner, key), w.held[i])) push(replaced, path);
      }
      if (w.closed) {
        const now = ownKeys(w.owner);
        if (now.length !== w.keys.length) for (const key of now) if (!has(w.keys, key)) push(added, `${w.path}.${describeKey(key)}`);
      }
    }
    return { replaced, added };
  }
}
