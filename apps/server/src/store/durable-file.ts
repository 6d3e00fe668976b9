// A lowdb adapter that never leaves a half-written snapshot: temp file, fsync, rename, fsync the folder.
// It serialises in chunks and yields between them, so a 10,000-task snapshot does not stall requests.
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Adapter } from 'lowdb';

/** Serialises a snapshot piece by piece; each string is written as it comes. */
export type ChunkedSerializer<T> = (data: T) => Iterable<string>;

let tempCounter = 0;

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly #serialize: ChunkedSerializer<T>;
  readonly #parse: (text: string) => T;

  constructor(file: string, serialize: ChunkedSerializer<T>, parse: (text: string) => T) {
    this.file = file;
    this.#serialize = serialize;
    this.#parse = parse;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return this.#parse(text);
  }

  async write(data: T): Promise<void> {
    const temp = `${this.file}.tmp-${process.pid}-${++tempCounter}`;
    const fh = await open(temp, 'w');
    try {
      let buffered = '';
      for (const piece of this.#serialize(data)) {
        buffered += piece;
        // Written in ~256 KB runs: encoding a longer string holds the thread for milliseconds.
        if (buffered.length > 1 << 18) {
          await fh.write(buffered);
          buffered = '';
        }
        await yieldToLoop();
      }
      await fh.write(buffered);
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => {});
      await rm(temp, { force: true });
      throw err;
    }
    await fh.close();
    await rename(temp, this.file);
    await fsyncDir(dirname(this.file));
  }

  /** Removes temp files left by a crash during a snapshot write; the real file is still the previous snapshot. */
  async removeLeftovers(): Promise<string[]> {
    const dir = dirname(this.file);
    const prefix = `${basename(this.file)}.tmp-`;
    const names = (await readdir(dir)).filter((n) => n.startsWith(prefix));
    await Promise.all(names.map((n) => rm(join(dir, n), { force: true })));
    return names;
  }
}

/** A rename is only durable once the folder entry is on disk. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
