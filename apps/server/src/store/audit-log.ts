// The audit trail: every change record appended to `audit.jsonl`, never compacted, each entry holding
// the SHA-256 of the one before it over canonical JSON (RFC 8785, canonical-json.ts). A checkpoint —
// entry count and head hash — is signed with the server's Ed25519 key, so a second party who keeps it
// can later prove that no entry was edited, deleted, inserted, reordered or cut off. A broken chain never
// stops the server: `verify` reports where it breaks.
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify as verifySignature, type KeyObject } from 'node:crypto';
import { createReadStream, writevSync } from 'node:fs';
import { open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ChangeRecord } from '@dondoc/shared';
import { Slicer } from '../workers/snapshot-wire.ts';
import { BIG_LINE_BYTES, canonicalEntryBytes, isBigRecord, parseObjectSliced } from './sliced-records.ts';
import { canonicalJson } from './canonical-json.ts';

/** Appends up to this size are written from the request thread (see `append`). */
const SYNC_APPEND_BYTES = 64 * 1024;

export const GENESIS = '0'.repeat(64);

/** One line of the log: the record plus its place in the chain. */
export interface AuditEntry extends ChangeRecord {
  /** 1-based position in the log. */
  n: number;
  /** Hash of entry n-1 (GENESIS for the first). */
  prev: string;
}

/** What a second party keeps: how many entries there were and the hash of the last, signed by the server. */
export interface Checkpoint {
  entries: number;
  head: string;
  at: string;
  /** The server's Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  /** Ed25519 signature (base64) over the canonical JSON of { entries, head, at }. */
  signature: string;
}

/** Entries encoded for the chain, not yet written: their bytes, and the chain's length and head once they are. */
export interface EncodedEntries {
  bytes: Buffer[];
  entries: number;
  head: string;
  lines: Array<{ record: ChangeRecord; length: number }>;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first entry that does not hold (or entries + 1 for a log cut short of a checkpoint). */
  brokenAt?: number;
  reason?: string;
  reasonEn?: string;
}

/** One-shot hashing (node:crypto `hash`, Node 20.12+): a fraction of createHash's cost per small entry. */
const sha256Text = (text: string): string => hash('sha256', text, 'hex');
const sha256Bytes = (bytes: Buffer): string => hash('sha256', bytes, 'hex');
const LINE_HEAD = '{"entry":';
const LINE_TAIL = /,"hash":"([0-9a-f]{64})"\}$/;

/** The line written for an entry: its canonical JSON and that text's hash. */
export function encodeEntry(entry: AuditEntry): { line: string; hash: string } {
  const text = canonicalJson(entry);
  const hash = sha256Text(text);
  return { line: `${LINE_HEAD}${text},"hash":"${hash}"}\n`, hash };
}

/** The signed text of a checkpoint. */
export const checkpointText = (c: Pick<Checkpoint, 'entries' | 'head' | 'at'>): string => canonicalJson({ entries: c.entries, head: c.head, at: c.at });

/** Checks a checkpoint's signature against the key it names (or a key the verifier trusts). */
export function checkpointSigned(c: Checkpoint, trustedKey?: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(trustedKey ?? c.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verifySignature(null, Buffer.from(checkpointText(c)), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Reads the server's signing key, creating it (readable by the owner only) on first start. */
export async function loadSigningKey(file: string): Promise<KeyObject> {
  try {
    return createPrivateKey(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
}

const HEAD_BYTES = Buffer.from(LINE_HEAD);
const HASH_KEY = Buffer.from(',"hash":"');
/** `,"hash":"` + 64 hex digits + `"}`: every line ends with exactly this many bytes. */
const TAIL_BYTES = HASH_KEY.length + 64 + 2;
const PREV_KEY = Buffer.from(',"prev":"');
const N_KEY = Buffer.from(',"n":');
const HEX64 = /^[0-9a-f]{64}$/;

/** One line's place in the chain, read from its bytes: its own hash, its number and the hash it links to. */
function readLine(line: Buffer): { hash: string; text: Buffer; n: number; prev: string } | 'malformed' {
  if (line.length < HEAD_BYTES.length + TAIL_BYTES || !line.subarray(0, HEAD_BYTES.length).equals(HEAD_BYTES)) return 'malformed';
  const tail = line.subarray(line.length - TAIL_BYTES);
  if (!tail.subarray(0, HASH_KEY.length).equals(HASH_KEY) || tail[TAIL_BYTES - 2] !== 0x22 || tail[TAIL_BYTES - 1] !== 0x7d) return 'malformed';
  const hash = tail.toString('latin1', HASH_KEY.length, HASH_KEY.length + 64);
  const text = line.subarray(HEAD_BYTES.length, line.length - TAIL_BYTES);
  // In canonical JSON the top-level keys are sorted: …, "changes", "n", "op", "prev", "seq", "tasks", "via".
  // After "prev" come only a number and strings, and a string cannot hold a raw quote, so the last
  // `,"prev":"` is the entry's own, and the last `,"n":` before it is its number.
  const p = text.lastIndexOf(PREV_KEY);
  if (p < 0) return 'malformed';
  const prev = text.toString('latin1', p + PREV_KEY.length, p + PREV_KEY.length + 64);
  const q = text.lastIndexOf(N_KEY, p);
  if (q < 0) return 'malformed';
  let n = 0;
  let i = q + N_KEY.length;
  for (; i < p && text[i]! >= 0x30 && text[i]! <= 0x39; i++) n = n * 10 + (text[i]! - 0x30);
  if (i === q + N_KEY.length || text[i] !== 0x2c || !HEX64.test(hash) || !HEX64.test(prev)) return 'malformed';
  return { hash, text, n, prev };
}

/** Follows the chain one line at a time; the same checks whether the lines come from a file or a database. */
class ChainCheck {
  #n = 0;
  #prev = GENESIS;
  #hashAtCheckpoint: string | undefined;
  constructor(private readonly checkpoint?: Checkpoint) {}

  #broken(at: number, reason: string, reasonEn: string): VerifyResult {
    return { ok: false, entries: this.#n, brokenAt: at, reason, reasonEn };
  }

  /** Checks the next line; the break when it does not hold. */
  line(line: Buffer): VerifyResult | undefined {
    const at = this.#n + 1;
    if (line.length === 0) return this.#broken(at, `Dòng trống ở vị trí ${at}`, `Empty line at position ${at}`);
    const entry = readLine(line);
    if (entry === 'malformed') return this.#broken(at, `Mục ${at} sai định dạng`, `Entry ${at} is malformed`);
    if (sha256Bytes(entry.text) !== entry.hash) return this.#broken(at, `Mục ${at} đã bị sửa (mã băm không khớp)`, `Entry ${at} was edited (hash mismatch)`);
    if (entry.n !== at)
      return this.#broken(at, `Mục ở vị trí ${at} mang số ${entry.n}: có mục bị xóa, chèn hoặc đổi thứ tự`, `Entry at position ${at} is numbered ${entry.n}: entries were deleted, inserted or reordered`);
    if (entry.prev !== this.#prev)
      return this.#broken(at, `Mục ${at} không nối với mục trước (chuỗi băm đứt): có mục bị xóa, chèn hoặc đổi thứ tự`, `Entry ${at} does not link to the one before (hash chain broken): entries were deleted, inserted or reordered`);
    this.#prev = entry.hash;
    this.#n = at;
    if (this.checkpoint && at === this.checkpoint.entries) this.#hashAtCheckpoint = entry.hash;
    return undefined;
  }

  /** After the last line: whole, or short of (or different from) the checkpoint. */
  end(): VerifyResult {
    const c = this.checkpoint;
    if (c) {
      if (this.#n < c.entries)
        return this.#broken(this.#n + 1, `Nhật ký chỉ còn ${this.#n} mục, ít hơn ${c.entries} mục của điểm kiểm tra: đã bị cắt bớt`, `The log holds ${this.#n} entries, fewer than the checkpoint's ${c.entries}: it was truncated`);
      if (this.#hashAtCheckpoint !== c.head) return this.#broken(c.entries, `Mục ${c.entries} khác với điểm kiểm tra: nhật ký đã bị viết lại`, `Entry ${c.entries} differs from the checkpoint: the log was rewritten`);
    }
    return { ok: true, entries: this.#n };
  }
}

/**
 * Checks the whole log: positions 1, 2, 3…, each `prev` the hash of the entry before, each hash
 * the SHA-256 of its entry's bytes as written, and — given a checkpoint — that the log still holds
 * the checkpoint's entry with the checkpoint's hash. It works on the bytes, hashing each entry as
 * stored rather than parsing and re-serialising it: the chain binds every byte either way, and a
 * 100,000-entry trail verifies in well under two seconds.
 */
export async function verifyAuditFile(file: string, checkpoint?: Checkpoint): Promise<VerifyResult> {
  const chain = new ChainCheck(checkpoint);
  let rest: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
        const r = chain.line(buf.subarray(start, nl));
        if (r) return r;
        start = nl + 1;
      }
      rest = Buffer.from(buf.subarray(start));
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // A last line without its newline (the writer always ends one) is checked as it stands.
  if (rest.length) {
    const r = chain.line(rest);
    if (r) return r;
  }
  return chain.end();
}

/** The same checks over the log's lines from wherever they are kept (a file, or a database's rows). */
export async function verifyAuditLines(lines: AsyncIterable<string> | Iterable<string>, checkpoint?: Checkpoint): Promise<VerifyResult> {
  const chain = new ChainCheck(checkpoint);
  for await (const line of lines) {
    const r = chain.line(Buffer.from(line));
    if (r) return r;
  }
  return chain.end();
}

/** Reads the last line of a file without reading the whole file. */
async function lastLine(fh: FileHandle, size: number): Promise<string | undefined> {
  let chunk = 64 * 1024;
  while (true) {
    const start = Math.max(0, size - chunk);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    // The file ends with "\n"; the line we want starts after the newline before it.
    const end = buf.length - (buf[buf.length - 1] === 0x0a ? 1 : 0);
    const nl = buf.lastIndexOf(0x0a, end - 1);
    if (nl >= 0) return buf.subarray(nl + 1, end).toString('utf8');
    if (start === 0) return end > 0 ? buf.subarray(0, end).toString('utf8') : undefined;
    chunk *= 4;
  }
}

export class AuditLog {
  readonly file: string;
  readonly #key: KeyObject;
  readonly #publicKey: string;
  #fh: FileHandle | undefined;
  #bytes = 0;
  /** Entries and head hash that are on disk. */
  #n = 0;
  #head = GENESIS;
  /** Sequence number of the last operation the log holds (0 for none). */
  lastSeq = 0;
  /** Where each entry touching a task or board is in the file, built in the background for history reads. */
  #index: Promise<SpotIndex> | undefined;
  #indexLive: SpotIndex = new Map();

  private constructor(file: string, key: KeyObject) {
    this.file = file;
    this.#key = key;
    this.#publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
  }

  static async open(file: string, keyFile: string): Promise<AuditLog> {
    const log = new AuditLog(file, await loadSigningKey(keyFile));
    log.#fh = await open(file, 'a+');
    const { size } = await log.#fh.stat();
    // A torn tail (crash mid-append) was never acknowledged: cut it so the next entry starts clean.
    const good = await goodLength(log.#fh, size);
    if (good < size) await log.#fh.truncate(good);
    log.#bytes = good;
    const line = good > 0 ? await lastLine(log.#fh, good) : undefined;
    if (line) {
      const tail = LINE_TAIL.exec(line);
      try {
        const entry = JSON.parse(line.slice(LINE_HEAD.length, tail?.index)) as AuditEntry;
        log.#n = entry.n;
        log.#head = tail?.[1] ?? GENESIS;
        log.lastSeq = entry.seq;
      } catch {
        // A tampered last line: keep appending after it, numbered by position and chained to its bytes;
        // verify will say where the chain breaks.
        log.#n = await countLines(file);
        log.#head = sha256Text(line);
      }
    }
    return log;
  }

  get entries(): number {
    return this.#n;
  }
  get head(): string {
    return this.#head;
  }
  get publicKey(): string {
    return this.#publicKey;
  }

  /** Encodes records as the next entries of the chain; nothing changes until `append`. */
  encode(records: readonly ChangeRecord[]): EncodedEntries {
    let n = this.#n;
    let head = this.#head;
    let text = '';
    const lines: EncodedEntries['lines'] = [];
    for (const record of records) {
      n += 1;
      const { line, hash } = encodeEntry({ ...record, n, prev: head });
      head = hash;
      text += line;
      lines.push({ record, length: Buffer.byteLength(line) });
    }
    return { bytes: [Buffer.from(text)], entries: n, head, lines };
  }

  /**
   * `encode`, giving the event loop a turn whenever a slice of work is used up: a record of thousands of
   * changes (a board created or restored whole) is written and hashed a part at a time. The same bytes.
   */
  async encodeSliced(records: readonly ChangeRecord[], slicer = new Slicer()): Promise<EncodedEntries> {
    if (!records.some(isBigRecord)) return this.encode(records);
    let n = this.#n;
    let head = this.#head;
    const bytes: Buffer[] = [];
    const lines: EncodedEntries['lines'] = [];
    for (const record of records) {
      n += 1;
      const entry = { ...record, n, prev: head };
      let line: Buffer[];
      if (isBigRecord(record)) {
        const canonical = await canonicalEntryBytes(entry, slicer);
        head = canonical.hash;
        line = [HEAD_BYTES, ...canonical.bytes, Buffer.from(`,"hash":"${head}"}\n`)];
      } else {
        const one = encodeEntry(entry);
        head = one.hash;
        line = [Buffer.from(one.line)];
      }
      bytes.push(...line);
      lines.push({ record, length: line.reduce((sum, b) => sum + b.length, 0) });
      if (slicer.due) await slicer.turn();
    }
    // Written as these runs with one writev: joining 14 MB first held the request thread for the copy.
    return { bytes, entries: n, head, lines };
  }

  /**
   * Appends encoded entries; on failure the file is cut back and the chain head kept. They reach the
   * disk with the next `sync`: the store's journal holds the same records until then, and a start after
   * a crash appends from it whatever the log lost (the entries come out the same, hash for hash).
   */
  async append(encoded: EncodedEntries): Promise<void> {
    const fh = this.#fh;
    if (!fh) throw new Error('audit log is not open');
    const before = this.#bytes;
    const length = encoded.bytes.reduce((n, b) => n + b.length, 0);
    try {
      // A batch's few entries go to the page cache from this thread: an async write spends ~40 µs of CPU
      // handing over to the thread pool and back, ten times the write itself (measured here), and this
      // runs once per batch. A big append (a board restored whole) stays off the request thread.
      const bytesWritten =
        length <= SYNC_APPEND_BYTES ? writevSync(fh.fd, encoded.bytes, before) : (encoded.bytes.length === 1 ? await fh.write(encoded.bytes[0]!, 0, length, before) : await fh.writev(encoded.bytes, before)).bytesWritten;
      if (bytesWritten !== length) throw new Error(`audit append wrote ${bytesWritten} of ${length} bytes`);
    } catch (err) {
      await fh.truncate(before).catch(() => {});
      throw err;
    }
    let offset = before;
    const slicer = new Slicer();
    for (const { record, length } of encoded.lines) {
      await this.#remember(record, offset, length, slicer);
      offset += length;
    }
    this.#bytes = before + length;
    this.#n = encoded.entries;
    this.#head = encoded.head;
    const last = encoded.lines.at(-1);
    if (last) this.lastSeq = last.record.seq;
  }

  /** Makes every entry appended so far durable: before the journal records they came from are dropped. */
  async sync(): Promise<void> {
    await this.#fh?.datasync();
  }

  /** Indexes an appended entry under its keys; a board created whole is 10,000 keys, so the request thread gets turns. */
  async #remember(record: ChangeRecord, offset: number, length: number, slicer: Slicer): Promise<void> {
    let n = 0;
    for (const key of indexKeys(record)) {
      addSpot(this.#indexLive, key, offset, length);
      if (++n % 256 === 0 && slicer.due) await slicer.turn();
    }
  }

  /** A signed checkpoint of the log as it is now. */
  checkpoint(at = new Date().toISOString()): Checkpoint {
    const body = { entries: this.#n, head: this.#head, at };
    return { ...body, publicKey: this.#publicKey, signature: sign(null, Buffer.from(checkpointText(body)), this.#key).toString('base64') };
  }

  verify(checkpoint?: Checkpoint): Promise<VerifyResult> {
    return verifyAuditFile(this.file, checkpoint);
  }

  /**
   * Entries that touched a task (`task:<boardId>/<taskId>`) or a board (`board:<id>`), newest first.
   * The index of older entries is built on first use by one pass over the file.
   */
  async history(key: string, limit = 200): Promise<AuditEntry[]> {
    const index = await (this.#index ??= this.#buildIndex());
    const out: AuditEntry[] = [];
    const fh = this.#fh;
    if (!fh) return out;
    const slicer = new Slicer();
    let left = limit;
    // Newest first: the entries appended since the index was built, then the index's.
    for (const spots of [this.#indexLive.get(key) ?? [], index.get(key) ?? []])
      for (let i = spots.length - 2; i >= 0 && left > 0; i -= 2, left--) {
        const offset = spots[i]!;
        const length = spots[i + 1]!;
        const buf = Buffer.allocUnsafe(length);
        const { bytesRead } = await fh.read(buf, 0, length, offset);
        const entry = await entryOf(buf.subarray(0, bytesRead), slicer);
        // an entry someone edited into garbage: verify reports it; history skips it
        if (entry) out.push(entry);
        if (slicer.due) await slicer.turn();
      }
    return out;
  }

  /**
   * Every entry in order (for an administrator's export), streamed. The end is fixed when this is
   * called, so an export taken beside a checkpoint holds exactly the checkpoint's entries.
   */
  all(): AsyncIterable<string> {
    const bytes = this.#bytes;
    const file = this.file;
    return (async function* () {
      if (bytes === 0) return;
      const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', end: bytes - 1 }), crlfDelay: Infinity });
      for await (const line of lines) if (line) yield line;
    })();
  }

  async #buildIndex(): Promise<SpotIndex> {
    const index: SpotIndex = new Map();
    const end = this.#bytes;
    // Entries appended while this runs are in #indexLive already; read only what was there before.
    this.#indexLive = new Map();
    if (end === 0) return index;
    // Read as bytes (offsets without re-measuring each line), the request thread getting a turn between
    // slices; of a big entry only what the index needs is parsed (its board and its tasks).
    const slicer = new Slicer();
    let offset = 0;
    /** The start of a line the chunks read so far have not finished (a 14 MB entry spans many). */
    let rest: Buffer[] = [];
    const take = async (line: Buffer, length: number) => {
      const entry = await entryOf(line, slicer, { skip: ['changes'] });
      if (entry) for (const key of indexKeys(entry)) addSpot(index, key, offset, length);
      // unreadable entry: skipped here, reported by verify
      offset += length;
      if (slicer.due) await slicer.turn();
    };
    for await (const chunk of createReadStream(this.file, { end: end - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        // Joined once, when the line ends (joining at every chunk copied a long line over and over).
        const line = rest.length ? await joinSliced([...rest, chunk.subarray(start, nl)], slicer) : chunk.subarray(start, nl);
        rest = [];
        await take(line, line.length + 1);
        start = nl + 1;
      }
      if (start < chunk.length) rest.push(chunk.subarray(start));
      if (slicer.due) await slicer.turn();
    }
    if (rest.length) {
      const line = await joinSliced(rest, slicer);
      await take(line, line.length);
    }
    return index;
  }

  async close(): Promise<void> {
    await this.#fh?.close();
    this.#fh = undefined;
  }
}

/**
 * The entry a line holds (without its newline), or undefined when it is not one. A big entry is parsed
 * a part at a time; `skip` leaves out top-level fields the caller does not need.
 */
async function entryOf(line: Buffer, slicer: Slicer, o: { skip?: readonly string[] } = {}): Promise<AuditEntry | undefined> {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 0x0a || line[end - 1] === 0x0d || line[end - 1] === 0x20)) end--;
  if (end < HEAD_BYTES.length + TAIL_BYTES || !line.subarray(0, HEAD_BYTES.length).equals(HEAD_BYTES)) return undefined;
  // The entry's text sits between `{"entry":` and `,"hash":"…"}`.
  const tail = line.subarray(end - TAIL_BYTES, end);
  const text = tail.subarray(0, HASH_KEY.length).equals(HASH_KEY) ? line.subarray(HEAD_BYTES.length, end - TAIL_BYTES) : line.subarray(HEAD_BYTES.length, end);
  try {
    if (text.length < BIG_LINE_BYTES) return JSON.parse(text.toString('utf8')) as AuditEntry;
    return (await parseObjectSliced(text, ['changes', 'tasks'], slicer, o)) as unknown as AuditEntry;
  } catch {
    return undefined;
  }
}

/** `Buffer.concat(parts)` a part at a time, with a turn for the event loop when a slice is used up (a 14 MB line spans many parts). */
async function joinSliced(parts: readonly Buffer[], slicer: Slicer): Promise<Buffer> {
  const out = Buffer.allocUnsafe(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const part of parts) {
    at += part.copy(out, at);
    if (slicer.due) await slicer.turn();
  }
  return out;
}

/**
 * Per key, where its entries are in the file: offset and length after offset and length, in one flat
 * list of numbers. A pair per entry as an array of its own cost ~36 bytes more each, and a board's key
 * gains one every move: 37,000 in 20 s of the scale bench's moves, a year's history in the millions.
 */
type SpotIndex = Map<string, number[]>;

function addSpot(index: SpotIndex, key: string, offset: number, length: number): void {
  const spots = index.get(key);
  if (spots) spots.push(offset, length);
  else index.set(key, [offset, length]);
}

/** The keys an entry is found under: its board, and each task it touched. */
function indexKeys(record: Pick<ChangeRecord, 'board' | 'tasks'>): string[] {
  const keys: string[] = [];
  if (record.board) keys.push(`board:${record.board}`);
  // A board created with 10,000 tasks is history for the board, not 10,000 entries of task history.
  if (record.board) for (const t of record.tasks ?? []) keys.push(`task:${record.board}/${t}`);
  return keys;
}

/** Length of the file up to its last newline (a crash can leave a partial last line). */
async function goodLength(fh: FileHandle, size: number): Promise<number> {
  if (size === 0) return 0;
  const buf = Buffer.alloc(1);
  await fh.read(buf, 0, 1, size - 1);
  if (buf[0] === 0x0a) return size;
  let chunk = 64 * 1024;
  while (true) {
    const start = Math.max(0, size - chunk);
    const b = Buffer.alloc(size - start);
    await fh.read(b, 0, b.length, start);
    const nl = b.lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    if (start === 0) return 0;
    chunk *= 4;
  }
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 0x0a) n++;
  return n;
}
