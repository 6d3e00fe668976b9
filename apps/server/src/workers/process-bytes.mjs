// Bytes between the server and a plugin's process (process-pool.ts, process-bootstrap.mjs). A job or an
// answer goes over the IPC channel as a message, but the large byte arrays in it (a snapshot's parts, an
// imported file, a written workbook) are taken out and written raw on a pipe of their own: Node's
// structured serialisation of an ArrayBuffer cost the sender ~7 ms a megabyte of its event loop here
// (~95 ms for a 10,000-task board's 13 MB, in one stretch), a pipe write only the kernel's copy.
// Plain JavaScript, so the process's bootstrap can load it before any TypeScript loader.

const MARK = '\u0000bytes';
/** Smaller arrays stay in the message. */
const TAKEN_FROM = 16 * 1024;
/** Deeper than any job or answer nests its bytes. */
const MAX_DEPTH = 32;

/**
 * Byte arrays that go down the pipe as one (written in order, none copied on this side); the other
 * side gets them as a single Uint8Array. A snapshot is ~20,000 of them at 10,000 tasks: most are the
 * JSON bytes the server keeps for each record between exports.
 */
export class JoinedBytes {
  constructor(runs) {
    this.runs = runs;
    this.byteLength = runs.reduce((n, r) => n + r.byteLength, 0);
  }
}

const isPlain = (v) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * `value` with every large Uint8Array, ArrayBuffer or SharedArrayBuffer in its plain objects and arrays
 * replaced by a mark, and those bytes in the order their marks were made. A small SharedArrayBuffer is
 * copied (it cannot cross processes).
 */
export function takeBytes(value) {
  const bytes = [];
  const walk = (v, depth) => {
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return v;
    if (v instanceof JoinedBytes) {
      bytes.push(v);
      return { [MARK]: bytes.length - 1, view: true };
    }
    const view = v instanceof Uint8Array;
    if (view || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) {
      const array = view ? v : new Uint8Array(v);
      if (array.byteLength < TAKEN_FROM) return v instanceof SharedArrayBuffer ? new Uint8Array(array).buffer : v;
      bytes.push(array);
      return { [MARK]: bytes.length - 1, view };
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (!isPlain(v)) return v;
    const out = {};
    for (const key of Object.keys(v)) out[key] = walk(v[key], depth + 1);
    return out;
  };
  return { value: walk(value, 0), bytes };
}

/** Puts the bytes `takeBytes` took back where their marks are (as Uint8Array or ArrayBuffer, as they were). */
export function putBytes(value, bytes) {
  if (bytes.length === 0) return value;
  const walk = (v, depth) => {
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (!isPlain(v)) return v;
    if (typeof v[MARK] === 'number') {
      const array = bytes[v[MARK]];
      return v.view ? array : array.buffer;
    }
    const out = {};
    for (const key of Object.keys(v)) out[key] = walk(v[key], depth + 1);
    return out;
  };
  return walk(value, 0);
}

/** Size of the buffers many small arrays are gathered into on their way down a pipe. */
const GATHER_BYTES = 256 * 1024;
/** Gathering buffers, reused from one write to the next: fresh memory each time cost more than the copying. */
const spare = [];

/**
 * Writes `bytes` on `stream` in order. A large array goes as it is; the runs of a JoinedBytes are
 * copied into a few reused 256 KB buffers, each written once full, so 20,000 runs make ~50 writes and
 * no fresh memory. Resolves once everything is handed to the stream.
 */
export async function writeBytes(stream, bytes) {
  const inFlight = new Set();
  let buffer;
  let at = 0;
  const send = () => {
    const full = buffer;
    const done = new Promise((resolve) => stream.write(full.subarray(0, at), () => resolve()));
    inFlight.add(done);
    void done.then(() => {
      inFlight.delete(done);
      spare.push(full);
    });
    buffer = undefined;
    at = 0;
  };
  for (const b of bytes) {
    if (!(b instanceof JoinedBytes)) {
      stream.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      continue;
    }
    for (let r = 0; r < b.runs.length; r++) {
      const run = b.runs[r];
      // Most runs (a record's bytes) fit whole: copied without a view of their own.
      if (buffer && run.byteLength <= GATHER_BYTES - at) {
        buffer.set(run, at);
        at += run.byteLength;
        if (at === GATHER_BYTES) send();
        continue;
      }
      let from = 0;
      while (from < run.byteLength) {
        if (!buffer) {
          // At most four in flight: the pipe drains as the other side reads.
          while (inFlight.size >= 4) await Promise.race(inFlight);
          buffer = spare.pop() ?? Buffer.allocUnsafe(GATHER_BYTES);
        }
        const n = Math.min(run.byteLength - from, GATHER_BYTES - at);
        buffer.set(run.subarray(from, from + n), at);
        at += n;
        from += n;
        if (at === GATHER_BYTES) send();
      }
    }
    if (buffer) send();
  }
}

/**
 * Reads byte arrays of known lengths, in order, from a stream written by `writeBytes`. Bytes that come
 * before anyone asks for them (the pipe can be faster than the message announcing them) wait.
 */
export class ByteReader {
  #chunks = [];
  #wants = [];

  constructor(stream) {
    stream.on('data', (chunk) => {
      this.#chunks.push(chunk);
      this.#fill();
    });
  }

  /** Resolves with a fresh Uint8Array of each length, once all of them have come. */
  read(lengths) {
    if (lengths.length === 0) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.#wants.push({ arrays: lengths.map((n) => new Uint8Array(n)), index: 0, offset: 0, resolve });
      this.#fill();
    });
  }

  #fill() {
    while (this.#wants.length > 0) {
      const want = this.#wants[0];
      while (want.index < want.arrays.length && want.offset === want.arrays[want.index].byteLength) {
        want.index++;
        want.offset = 0;
      }
      if (want.index === want.arrays.length) {
        this.#wants.shift();
        want.resolve(want.arrays);
        continue;
      }
      const chunk = this.#chunks[0];
      if (!chunk) return;
      const target = want.arrays[want.index];
      const n = Math.min(chunk.byteLength, target.byteLength - want.offset);
      target.set(chunk.subarray(0, n), want.offset);
      want.offset += n;
      if (n === chunk.byteLength) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(n);
    }
  }
}
