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

/** How the journal opens its files; injectable so tests can make a write or an fsync fail. */
export type OpenFile = (path: string, flags: 'a' | 'w') => Promise<FileHandle>;

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
  readonly file: string;
  readonly #openFile: OpenFile;
  #fh: FileHandle | undefined;
  /** Length of the journal file; grows with appends, decides when to compact and where to cut back a failed append. */
  bytes = 0;

  constructor(file: string, openFile: OpenFile = (path, flags) => open(path, flags)) {
    this.file = file;
    this.#openFile = openFile;
  }

  /** Opens for appending, first cutting off a torn tail so the next line starts clean. */
  async open(goodBytes: number, tornBytes: number): Promise<void> {
    if (tornBytes > 0) await truncate(this.file, goodBytes);
    this.#fh = await this.#openFile(this.file, 'a');
    this.bytes = goodBytes;
  }

  /**
   * Appends whole lines and returns only once they are on disk. On failure the file is cut back to its length
   * before the write, so a refused line can never be replayed (nor shadow the next line, which reuses its seq);
   * if even that fails, throws JournalBrokenError.
   */
  async append(lines: string): Promise<void> {
    const fh = this.#fh;
    if (!fh) throw new Error('journal is not open');
    const before = this.bytes;
    const length = Buffer.byteLength(lines);
    try {
      const { bytesWritten } = await fh.write(lines);
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

  /** Replaces the journal with `lines` (those not yet in the snapshot), atomically. */
  async rewrite(lines: string): Promise<void> {
    const temp = `${this.file}.tmp`;
    const fh = await this.#openFile(temp, 'w');
    try {
      await fh.write(lines);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.#fh?.close();
    // A closed handle must not be written to if reopening below fails.
    this.#fh = undefined;
    try {
      await rename(temp, this.file);
      await fsyncDir(dirname(this.file));
    } finally {
      // Whether or not the swap happened, appends must go on to whatever file is now in place,
      // and a failed append must be cut back to that file's real length.
      this.#fh = await this.#openFile(this.file, 'a');
      this.bytes = (await this.#fh.stat()).size;
    }
  }

  async close(): Promise<void> {
    await this.#fh?.close();
    this.#fh = undefined;
  }
}
