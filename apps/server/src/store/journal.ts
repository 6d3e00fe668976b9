// The write-ahead journal: one line per operation (what it wrote, as a change record), appended a batch
// at a time and fsync'd before any write in the batch is acknowledged. It lives in segments
// (`journal/<first seq>.jsonl`): compaction starts a new segment and, once the snapshot covering the
// old ones is durable, deletes them — no rewrite, so writes never wait for a snapshot.
import { writevSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from './durable-file.ts';

export interface JournalSegmentReading {
  file: string;
  firstSeq: number;
  /** Complete lines in file order, raw; the caller parses them. */
  lines: string[];
  /** Bytes up to the end of the last complete line. */
  goodBytes: number;
  /** Bytes after the last newline: a line torn by a crash mid-append (only the last segment may have one). */
  tornBytes: number;
}

const SEGMENT = /^(\d{12})\.jsonl$/;
export const segmentName = (firstSeq: number): string => `${String(firstSeq).padStart(12, '0')}.jsonl`;

/** Reads every segment in order; a missing folder reads as no segments. */
export async function readJournal(dir: string): Promise<JournalSegmentReading[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const segments = names.flatMap((n) => {
    const m = SEGMENT.exec(n);
    return m ? [{ name: n, firstSeq: Number(m[1]) }] : [];
  });
  segments.sort((a, b) => a.firstSeq - b.firstSeq);
  const out: JournalSegmentReading[] = [];
  for (const s of segments) {
    const file = join(dir, s.name);
    const buf = await readFile(file);
    const goodBytes = buf.lastIndexOf(0x0a) + 1;
    const lines = buf.subarray(0, goodBytes).toString('utf8').split('\n').filter((l) => l.length > 0);
    out.push({ file, firstSeq: s.firstSeq, lines, goodBytes, tornBytes: buf.length - goodBytes });
  }
  return out;
}

/** How the journal opens its files; injectable so tests can make an fsync or a cut-back fail. */
export type OpenFile = (path: string, flags: 'a' | 'w') => Promise<FileHandle>;

/**
 * How a batch's bytes go into the open segment (appended at once, from the calling thread), returning
 * how many were written; injectable so tests can make a write fail or fall short.
 */
export type WriteBatch = (fd: number, bytes: readonly Buffer[]) => number;

/**
 * Batches up to this size are written from the request thread, and only the fsync waits on the thread
 * pool: a write into the page cache takes ~4 µs, an async one ~40 µs of CPU in hand-offs plus a round
 * trip of the event loop before the fsync can start (measured here). A bigger one (a board restored
 * whole) is written off the thread.
 */
const SYNC_WRITE_BYTES = 64 * 1024;

/**
 * An append failed and cutting the file back also failed: the journal may end in a line whose write was
 * refused, so nothing more may be appended after it (a later line would sit behind a line never acknowledged).
 */
export class JournalBrokenError extends Error {
  readonly appendError: unknown;
  constructor(appendError: unknown, rollbackError: unknown) {
    super(`journal append failed (${String(appendError)}) and could not be rolled back (${String(rollbackError)})`, { cause: rollbackError });
    this.name = 'JournalBrokenError';
    this.appendError = appendError;
  }
}

export class Journal {
  readonly dir: string;
  readonly #openFile: OpenFile;
  readonly #writeBatch: WriteBatch;
  #fh: FileHandle | undefined;
  #file = '';
  /** Length of the current segment; decides when to compact and where to cut back a failed append. */
  bytes = 0;
  /** First sequence number of the current segment. */
  firstSeq = 0;

  constructor(dir: string, openFile: OpenFile = (path, flags) => open(path, flags), writeBatch: WriteBatch = (fd, bytes) => writevSync(fd, bytes)) {
    this.dir = dir;
    this.#openFile = openFile;
    this.#writeBatch = writeBatch;
  }

  get file(): string {
    return this.#file;
  }

  /**
   * Opens the last segment for appending (cutting off a torn tail first), or starts one at `nextSeq`
   * when there is none.
   */
  async open(last: JournalSegmentReading | undefined, nextSeq: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (!last) return this.#start(nextSeq);
    if (last.tornBytes > 0) await truncate(last.file, last.goodBytes);
    this.#fh = await this.#openFile(last.file, 'a');
    this.#file = last.file;
    this.bytes = last.goodBytes;
    this.firstSeq = last.firstSeq;
  }

  async #start(firstSeq: number): Promise<void> {
    const file = join(this.dir, segmentName(firstSeq));
    this.#fh = await this.#openFile(file, 'a');
    this.#file = file;
    this.bytes = (await this.#fh.stat()).size;
    this.firstSeq = firstSeq;
    await fsyncDir(this.dir);
  }

  /**
   * Appends whole lines (a batch) with one write and one fsync, and returns only once they are on disk.
   * On failure the file is cut back to its length before the write, so a refused line can never be
   * replayed; if even that fails, throws JournalBrokenError.
   */
  async append(lines: string | readonly Buffer[]): Promise<void> {
    const fh = this.#fh;
    if (!fh) throw new Error('journal is not open');
    const before = this.bytes;
    const length = typeof lines === 'string' ? Buffer.byteLength(lines) : lines.reduce((n, b) => n + b.length, 0);
    try {
      // A big record arrives as the runs it was encoded in, written with one writev: joining 14 MB first
      // held the request thread for a copy of it.
      const runs = typeof lines === 'string' ? [Buffer.from(lines)] : lines;
      const bytesWritten = length <= SYNC_WRITE_BYTES ? this.#writeBatch(fh.fd, runs) : (await fh.writev(runs)).bytesWritten;
      if (bytesWritten !== length) throw new Error(`journal append wrote ${bytesWritten} of ${length} bytes`);
      await fh.datasync();
    } catch (err) {
      try {
        await fh.truncate(before);
        // The cut must be durable too, or a crash could bring the refused line back.
        await fh.datasync();
      } catch (rollbackErr) {
        throw new JournalBrokenError(err, rollbackErr);
      }
      throw err;
    }
    this.bytes = before + length;
  }

  /** Continues in a new segment starting at `nextSeq`; the old segments stay until `dropBefore`. */
  async rotate(nextSeq: number): Promise<void> {
    const old = this.#fh;
    await this.#start(nextSeq);
    await old?.close();
  }

  /** Deletes every segment before the current one (a durable snapshot covers them). */
  async dropBefore(): Promise<void> {
    const segments = await readdir(this.dir);
    const current = segmentName(this.firstSeq);
    for (const name of segments) if (SEGMENT.test(name) && name < current) await rm(join(this.dir, name), { force: true });
    await fsyncDir(this.dir);
  }

  async close(): Promise<void> {
    await this.#fh?.close();
    this.#fh = undefined;
  }
}
