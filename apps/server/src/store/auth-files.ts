// The embedded store's credentials, sessions and evidence files. Password hashes and sessions live in
// `auth.json` (written whole, durably, on each login, logout and password change; idle-time touches are
// written lazily), apart from the journal and the audit trail. Evidence files live under `files/` by
// their SHA-256, written to a temp file, fsync'd and renamed, so a file is either whole or absent.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { StoredFile } from '@dondoc/shared';
import { DurableJsonFile, fsyncDir } from './durable-file.ts';
import type { AuthStore, FileStore, Session } from './repository.ts';

const AuthData = z.object({
  passwords: z.record(z.string(), z.string()),
  sessions: z.record(z.string(), z.object({ idHash: z.string(), userId: z.string(), createdAt: z.string(), lastSeenAt: z.string() })),
});
type AuthData = z.infer<typeof AuthData>;

/** How often idle-time touches are written (a restart may forget this much activity, never more). */
const TOUCH_FLUSH_MS = 30_000;

export class LocalAuthStore implements AuthStore {
  readonly #file: DurableJsonFile<AuthData>;
  #data: AuthData = { passwords: {}, sessions: {} };
  #writing: Promise<void> = Promise.resolve();
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;

  private constructor(file: string) {
    this.#file = new DurableJsonFile<AuthData>(file, (d) => [JSON.stringify(d)], (text) => AuthData.parse(JSON.parse(text)));
  }

  static async open(dir: string): Promise<LocalAuthStore> {
    const store = new LocalAuthStore(join(dir, 'auth.json'));
    store.#data = (await store.#file.read()) ?? store.#data;
    await store.#file.removeLeftovers();
    store.#timer = setInterval(() => {
      if (store.#dirty) void store.#save().catch((err) => console.error('[dondoc] không lưu được phiên đăng nhập / cannot save sessions:', err));
    }, TOUCH_FLUSH_MS);
    store.#timer.unref();
    return store;
  }

  /** One write at a time, each of the whole (small) file. */
  #save(): Promise<void> {
    this.#dirty = false;
    const run = this.#writing.then(() => this.#file.write(this.#data));
    this.#writing = run.catch(() => {});
    return run;
  }

  async passwordHash(userId: string): Promise<string | undefined> {
    return Object.hasOwn(this.#data.passwords, userId) ? this.#data.passwords[userId] : undefined;
  }
  async setPasswordHash(userId: string, hash: string): Promise<void> {
    this.#data = { ...this.#data, passwords: { ...this.#data.passwords, [userId]: hash } };
    await this.#save();
  }
  async createSession(session: Session): Promise<void> {
    this.#data = { ...this.#data, sessions: { ...this.#data.sessions, [session.idHash]: session } };
    await this.#save();
  }
  async session(idHash: string): Promise<Session | undefined> {
    return Object.hasOwn(this.#data.sessions, idHash) ? this.#data.sessions[idHash] : undefined;
  }
  async touchSession(idHash: string, at: string): Promise<void> {
    const s = Object.hasOwn(this.#data.sessions, idHash) ? this.#data.sessions[idHash] : undefined;
    if (!s) return;
    this.#data.sessions[idHash] = { ...s, lastSeenAt: at };
    this.#dirty = true;
  }
  async deleteSession(idHash: string): Promise<void> {
    if (!Object.hasOwn(this.#data.sessions, idHash)) return;
    const sessions = { ...this.#data.sessions };
    delete sessions[idHash];
    this.#data = { ...this.#data, sessions };
    await this.#save();
  }
  async deleteSessionsOf(userId: string): Promise<void> {
    const sessions = Object.fromEntries(Object.entries(this.#data.sessions).filter(([, s]) => s.userId !== userId));
    if (Object.keys(sessions).length === Object.keys(this.#data.sessions).length) return;
    this.#data = { ...this.#data, sessions };
    await this.#save();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    if (this.#dirty) await this.#save();
    await this.#writing;
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export class LocalFileStore implements FileStore {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }

  #path(sha256: string): string {
    return join(this.#dir, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array, name: string, mediaType: string): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.#path(sha256);
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
    const fh = await open(temp, 'w');
    try {
      await fh.write(bytes);
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => {});
      await rm(temp, { force: true });
      throw err;
    }
    await fh.close();
    await rename(temp, file);
    await fsyncDir(dirname(file));
    return { name, size: bytes.byteLength, mediaType, sha256 };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    try {
      return new Uint8Array(await readFile(this.#path(sha256)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}
