// The append-only operation journal: one JSON line per operation, fsync'd before a write is acknowledged.
import { open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from './durable-file.ts';

export interface JournalEntry {
  seq: number;
  line: string;
}

export interface JournalReading {
  /** Complete lines in file order, raw; the caller parses them. */
  lines: string[];
  /** Bytes of the file up to the end of the last complete line. */
  goodBytes: number;
  /** Bytes after the last newline: a line torn by a crash mid-append. */
  tornBytes: number;
}

/** Reads the journal; a missing file reads as empty. */
export async function readJournal(file: string): Promise<JournalReading> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], goodBytes: 0, tornBytes: 0 };
    throw err;
  }
  const lastNewline = buf.lastIndexOf(0x0a);
  const goodBytes = lastNewline + 1;
  const text = buf.subarray(0, goodBytes).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  return { lines, goodBytes, tornBytes: buf.length - goodBytes };
}

export class Journal {
  readonly file: string;
  #fh: FileHandle | undefined;
  /** Bytes appended since the last compaction, to decide when to compact. */
  bytes = 0;

  constructor(file: string) {
    this.file = file;
  }

  /** Opens for appending, first cutting off a torn tail so the next line starts clean. */
  async open(goodBytes: number, tornBytes: number): Promise<void> {
    if (tornBytes > 0) await truncate(this.file, goodBytes);
    this.#fh = await open(this.file, 'a');
    this.bytes = goodBytes;
  }

  /** Appends whole lines and returns only once they are on disk. */
  async append(lines: string): Promise<void> {
    const fh = this.#fh;
    if (!fh) throw new Error('journal is not open');
    await fh.write(lines);
    await fh.datasync();
    this.bytes += Buffer.byteLength(lines);
  }

  /** Replaces the journal with `lines` (those not yet in the snapshot), atomically. */
  async rewrite(lines: string): Promise<void> {
    const temp = `${this.file}.tmp`;
    const fh = await open(temp, 'w');
    try {
      await fh.write(lines);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.#fh?.close();
    try {
      await rename(temp, this.file);
      await fsyncDir(dirname(this.file));
      this.bytes = Buffer.byteLength(lines);
    } finally {
      // Whether or not the swap happened, appends must go on to whatever file is now in place.
      this.#fh = await open(this.file, 'a');
    }
  }

  async close(): Promise<void> {
    await this.#fh?.close();
    this.#fh = undefined;
  }
}
