// Password hashes, sessions and evidence files in PostgreSQL, shared by every server. Files are kept
// as bytea by their SHA-256: no shared folder to mount on each server, one backup (pg_dump) holds
// the board and its evidence together, and a file's row is written whole or not at all. Evidence is
// capped at 20 MiB a file, well within what bytea serves comfortably.
import { createHash } from 'node:crypto';
import type { StoredFile } from '@dondoc/shared';
import type { AuthStore, FileStore, Session } from '../repository.ts';
import type { Sql } from './connect.ts';

export class PgAuthStore implements AuthStore {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }
  async passwordHash(userId: string): Promise<string | undefined> {
    const [row] = await this.#sql<Array<{ hash: string }>>`SELECT hash FROM password_hashes WHERE user_id = ${userId}`;
    return row?.hash;
  }
  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.#sql`INSERT INTO password_hashes (user_id, hash) VALUES (${userId}, ${hash}) ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash`;
  }
  async createSession(s: Session): Promise<void> {
    await this.#sql`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (${s.idHash}, ${s.userId}, ${s.createdAt}, ${s.lastSeenAt})`;
  }
  async session(idHash: string): Promise<Session | undefined> {
    const [row] = await this.#sql<Array<{ user_id: string; created_at: string; last_seen_at: string }>>`SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = ${idHash}`;
    return row ? { idHash, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : undefined;
  }
  async touchSession(idHash: string, at: string): Promise<void> {
    await this.#sql`UPDATE sessions SET last_seen_at = ${at} WHERE id_hash = ${idHash} AND last_seen_at < ${at}`;
  }
  async deleteSession(idHash: string): Promise<void> {
    await this.#sql`DELETE FROM sessions WHERE id_hash = ${idHash}`;
  }
  async deleteSessionsOf(userId: string): Promise<void> {
    await this.#sql`DELETE FROM sessions WHERE user_id = ${userId}`;
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export class PgFileStore implements FileStore {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }
  async put(bytes: Uint8Array, name: string, mediaType: string): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.#sql`INSERT INTO files (sha256, size, bytes) VALUES (${sha256}, ${bytes.byteLength}, ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)}) ON CONFLICT (sha256) DO NOTHING`;
    return { name, size: bytes.byteLength, mediaType, sha256 };
  }
  async get(sha256: string): Promise<Uint8Array | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const [row] = await this.#sql<Array<{ bytes: Buffer }>>`SELECT bytes FROM files WHERE sha256 = ${sha256}`;
    return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : undefined;
  }
}
