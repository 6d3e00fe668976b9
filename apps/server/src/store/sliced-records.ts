// A change record too large for one turn of the event loop (a board created or restored with 10,000
// tasks is one ~14 MB record), written, hashed, frozen and read back a slice at a time. Each of those
// done in one go held every other request for 0.1–0.5 s (measured with --cpu-prof on the backup and
// restore bench); here the request thread gets a turn whenever a slice of work is used up. The bytes are
// exactly what the one-go code writes: the journal's `JSON.stringify`, the audit's RFC 8785 text.
import { createHash } from 'node:crypto';
import type { ChangeRecord } from '@dondoc/shared';
import { jsonPieces } from '../workers/sliced-json.ts';
import { Slicer } from '../workers/snapshot-wire.ts';
import { canonicalJson } from './canonical-json.ts';

/** A record with more changes than this is written piecewise (a move has one to a few). */
export const BIG_RECORD_CHANGES = 64;

/** The parts of a record that grow with the board: written an element at a time. */
const PIECEWISE = ['changes', 'tasks'] as const;

export const isBigRecord = (r: Pick<ChangeRecord, 'changes'>): boolean => r.changes.length > BIG_RECORD_CHANGES;

/** Characters gathered before they are turned into bytes. */
const RUN_CHARS = 64 * 1024;

/**
 * The text of `canonicalJson(value)` in pieces: `value`'s keys sorted as RFC 8785 sorts them (UTF-16 code
 * units), the arrays named in `piecewise` an element at a time.
 */
export function* canonicalPieces(value: object, piecewise: readonly string[]): Generator<string> {
  const split = new Set(piecewise);
  yield '{';
  let first = true;
  for (const [key, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const head = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (split.has(key) && Array.isArray(v)) {
      yield `${head}[`;
      // As a whole array is written: an element with no JSON form is `null`.
      for (let i = 0; i < v.length; i++) yield `${i > 0 ? ',' : ''}${v[i] === undefined || typeof v[i] === 'function' || typeof v[i] === 'symbol' ? 'null' : canonicalJson(v[i])}`;
      yield ']';
    } else yield head + canonicalJson(v);
  }
  yield '}';
}

/**
 * `pieces` as UTF-8 bytes, in runs of ~64 K characters, giving the event loop a turn whenever the slice is
 * used up; `onBytes` sees each run (a hash follows the bytes as they are made, rather than re-reading them).
 */
export async function bytesOf(pieces: Iterable<string>, slicer: Slicer, onBytes?: (bytes: Buffer) => void): Promise<Buffer[]> {
  const out: Buffer[] = [];
  let run = '';
  const emit = () => {
    if (!run) return;
    const bytes = Buffer.from(run);
    onBytes?.(bytes);
    out.push(bytes);
    run = '';
  };
  for (const piece of pieces) {
    run += piece;
    if (run.length >= RUN_CHARS) emit();
    if (slicer.due) await slicer.turn();
  }
  emit();
  return out;
}

/** A record's journal line (`JSON.stringify(record)` and a newline) as bytes, written a slice at a time. */
export async function journalLineBytes(record: ChangeRecord, slicer: Slicer): Promise<Buffer[]> {
  const bytes = await bytesOf(jsonPieces(record, PIECEWISE), slicer);
  bytes.push(Buffer.from('\n'));
  return bytes;
}

/** An entry's canonical JSON as bytes and the SHA-256 of those bytes, both made a slice at a time. */
export async function canonicalEntryBytes(entry: ChangeRecord & { n: number; prev: string }, slicer: Slicer): Promise<{ bytes: Buffer[]; hash: string }> {
  const hash = createHash('sha256');
  const bytes = await bytesOf(canonicalPieces(entry, PIECEWISE), slicer, (b) => hash.update(b));
  return { bytes, hash: hash.digest('hex') };
}

/**
 * Freezes `values` and everything they hold, giving the event loop a turn whenever the slice is used up.
 * Frozen parts are skipped, as a new task shares them with the old.
 */
export async function deepFreezeSliced(values: Iterable<unknown>, slicer: Slicer): Promise<void> {
  let n = 0;
  for (const v of values) {
    deepFreeze(v);
    if (++n % 16 === 0 && slicer.due) await slicer.turn();
  }
}

/**
 * Committed records are frozen: plugins and routes get them by reference, and a change made in place
 * would alter the store without a journal entry.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** Lines longer than this are parsed a part at a time (a move's entry is a few hundred bytes). */
export const BIG_LINE_BYTES = 256 * 1024;
/** Bytes of array elements parsed in one `JSON.parse`. */
const PARSE_RUN_BYTES = 64 * 1024;

/**
 * `JSON.parse` of an object's UTF-8 text whose big arrays are parsed a part at a time: the top-level
 * arrays named in `piecewise` are cut into runs of whole elements by a scan that follows strings and
 * nesting, each run parsed on its own, with a turn for the event loop whenever the slice is used up.
 * Gives what `JSON.parse` gives for any valid text; throws a SyntaxError for invalid text. Keys in
 * `skip` (among `piecewise`) are stepped over unread and left out.
 */
export async function parseObjectSliced(text: Buffer, piecewise: readonly string[], slicer: Slicer, o: { skip?: readonly string[] } = {}): Promise<Record<string, unknown>> {
  const split = new Set(piecewise);
  const skip = new Set(o.skip);
  const out: Record<string, unknown> = {};
  let i = skipSpace(text, 0);
  if (text[i] !== 0x7b) return JSON.parse(text.toString('utf8')) as Record<string, unknown>;
  i = skipSpace(text, i + 1);
  if (text[i] === 0x7d) return JSON.parse(text.toString('utf8')) as Record<string, unknown>;
  for (;;) {
    const keyEnd = endOfValue(text, i);
    const key = JSON.parse(text.toString('utf8', i, keyEnd)) as unknown;
    if (typeof key !== 'string') throw new SyntaxError('JSON object key is not a string');
    i = skipSpace(text, keyEnd);
    if (text[i] !== 0x3a) throw new SyntaxError(`Expected ':' at byte ${i}`);
    i = skipSpace(text, i + 1);
    if (split.has(key) && text[i] === 0x5b) {
      const list: unknown[] = [];
      i = skipSpace(text, i + 1);
      if (text[i] === 0x5d) i += 1;
      else
        for (;;) {
          // A run of whole elements, parsed as one array.
          const start = i;
          let last = i;
          for (;;) {
            last = skipSpace(text, endOfValue(text, last));
            if (text[last] !== 0x2c || last - start >= PARSE_RUN_BYTES) break;
            last = skipSpace(text, last + 1);
          }
          // `last` is on the ',' before the next run, or on the list's ']'.
          const closing = text[last] === 0x5d;
          if (!closing && text[last] !== 0x2c) throw new SyntaxError(`Expected ',' or ']' at byte ${last}`);
          if (!skip.has(key)) for (const item of JSON.parse(`[${text.toString('utf8', start, last)}]`) as unknown[]) list.push(item);
          if (slicer.due) await slicer.turn();
          i = skipSpace(text, last + 1);
          if (closing) break;
        }
      // A repeated key keeps the last value, as JSON.parse does.
      if (skip.has(key)) delete out[key];
      else out[key] = list;
    } else {
      const end = endOfValue(text, i);
      out[key] = JSON.parse(text.toString('utf8', i, end));
      i = end;
    }
    i = skipSpace(text, i);
    if (text[i] === 0x2c) {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (text[i] === 0x7d && skipSpace(text, i + 1) === text.length) return out;
    throw new SyntaxError(`Unexpected byte at ${i} in JSON`);
  }
}

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
function skipSpace(text: Buffer, i: number): number {
  while (isSpace(text[i])) i++;
  return i;
}

/**
 * Where the JSON value starting at `i` ends (one past its last byte): strings are followed to their
 * closing quote (escapes skipped), arrays and objects to their matching bracket. The value itself is
 * checked by the `JSON.parse` that reads it.
 */
function endOfValue(text: Buffer, i: number): number {
  let depth = 0;
  const n = text.length;
  for (; i < n; i++) {
    const b = text[i]!;
    if (b === 0x22) {
      // A string: UTF-8 continuation bytes are never a quote or a backslash.
      for (i++; i < n; i++) {
        const c = text[i]!;
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
      if (i >= n) throw new SyntaxError('Unterminated string in JSON');
      if (depth === 0) return i + 1;
    } else if (b === 0x5b || b === 0x7b) depth++;
    else if (b === 0x5d || b === 0x7d) {
      if (depth === 0) return i; // the end of the list or object holding a number or literal
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (b === 0x2c || b === 0x3a || isSpace(b))) return i; // end of a number or literal
  }
  if (depth !== 0) throw new SyntaxError('Unexpected end of JSON input');
  return n;
}
