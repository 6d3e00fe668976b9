// Large JSON on the request thread without holding it: a response written as a stream a slice at a time
// (a 10,000-task board backup is ~15 MB; `JSON.stringify` of it in one go held every other request for
// over a second), and lists a worker thread wrote into shared memory read back a part at a time.
import { Slicer, type SliceOptions } from './snapshot-wire.ts';

/** Characters gathered before they go out as one chunk of the stream. */
export const STREAM_CHUNK_CHARS = 64 * 1024;

type Json = Record<string, unknown>;

/** The text of `JSON.stringify(value)` in pieces: each array or record named in `piecewise` an element at a time. */
export function jsonPieces(value: object, piecewise: readonly string[]): Generator<string> {
  return pieces(value, new Set(piecewise));
}

function* pieces(value: object, piecewise: ReadonlySet<string>): Generator<string> {
  yield '{';
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    const head = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (piecewise.has(key) && Array.isArray(v)) {
      yield `${head}[`;
      // As JSON.stringify writes them: an element with no JSON form is `null`.
      for (let i = 0; i < v.length; i++) yield `${i > 0 ? ',' : ''}${JSON.stringify(v[i]) ?? 'null'}`;
      yield ']';
    } else if (piecewise.has(key) && v !== null && typeof v === 'object') {
      yield `${head}{`;
      let n = 0;
      for (const [k, x] of Object.entries(v)) {
        const text = JSON.stringify(x);
        if (text !== undefined) yield `${n++ > 0 ? ',' : ''}${JSON.stringify(k)}:${text}`;
      }
      yield '}';
    } else {
      const text = JSON.stringify(v);
      if (text === undefined) continue; // as JSON.stringify leaves out an undefined field
      yield head + text;
    }
    first = false;
  }
  yield '}';
}

/**
 * `value` as a UTF-8 JSON stream, byte for byte what `JSON.stringify(value)` gives: the fields named in
 * `piecewise` (big arrays and records) are written an element at a time, and the stream gives the event
 * loop a turn whenever a slice of work is used up. Pulled by the response, so a slow client holds no more
 * than a chunk in memory.
 */
export function jsonStream(value: Json, piecewise: readonly string[], options: SliceOptions = {}): ReadableStream<Uint8Array> {
  const source = pieces(value, new Set(piecewise));
  const slicer = new Slicer(options);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (slicer.due) await slicer.turn();
        let text = '';
        for (;;) {
          const next = source.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += next.value;
          if (text.length >= STREAM_CHUNK_CHARS || slicer.due) break;
        }
        controller.enqueue(encoder.encode(text));
      },
    },
    { highWaterMark: 0 },
  );
}

/** A list written as JSON arrays into shared memory, a part each: a thread message shares them rather than copying. */
export type SharedJsonList = SharedArrayBuffer[];

/** Most characters in one part: reading a part back is one `JSON.parse`, so its size bounds that stretch. */
export const LIST_PART_CHARS = 64 * 1024;

/** Writes `items` as JSON array parts in shared memory (in the thread that has them). */
export function shareJsonList(items: readonly unknown[]): SharedJsonList {
  const encoder = new TextEncoder();
  const parts: SharedJsonList = [];
  let pending: string[] = [];
  let size = 0;
  const share = () => {
    const bytes = encoder.encode(`[${pending.join(',')}]`);
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    parts.push(shared);
    pending = [];
    size = 0;
  };
  for (const item of items) {
    const text = JSON.stringify(item) ?? 'null';
    pending.push(text);
    size += text.length;
    if (size >= LIST_PART_CHARS) share();
  }
  if (pending.length > 0) share();
  return parts;
}

/** Reads what `shareJsonList` wrote, a part at a time, giving the event loop a turn between parts when a slice is used up. */
export async function readJsonList<T>(parts: SharedJsonList, options: SliceOptions = {}): Promise<T[]> {
  const slicer = new Slicer(options);
  const out: T[] = [];
  for (const part of parts) {
    // TextDecoder refuses views of shared memory; a Buffer over it reads it without a copy.
    for (const item of JSON.parse(Buffer.from(part).toString('utf8')) as T[]) out.push(item);
    if (slicer.due) await slicer.turn();
  }
  return out;
}
