// Schema migrations with node-pg-migrate, run at start-up: SQL files in ./migrations, applied in
// order in one transaction under its advisory lock, so two servers starting together migrate once.
// A database migrated by a newer dondoc is refused with a message, never written to.
import { readdir } from 'node:fs/promises';
import type { Sql } from './connect.ts';
import { MIGRATIONS_DIR } from '../../paths.ts';

export const MIGRATIONS_TABLE = 'dondoc_migrations';

export class SchemaError extends Error {
  readonly messageVi: string;
  readonly messageEn: string;
  constructor(messageVi: string, messageEn: string) {
    super(`${messageVi}\n${messageEn}`);
    this.name = 'SchemaError';
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

/** Brings the database to this server's schema; refuses one that holds migrations this server does not know. */
export async function migrateSchema(url: string, sql: Sql): Promise<void> {
  const known = new Set((await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')));
  const [table] = await sql<Array<{ exists: boolean }>>`SELECT to_regclass(${MIGRATIONS_TABLE}) IS NOT NULL AS exists`;
  if (table?.exists) {
    const run = new Set((await sql<Array<{ name: string }>>`SELECT name FROM ${sql(MIGRATIONS_TABLE)}`).map((r) => r.name));
    const unknown = [...run].filter((n) => !known.has(n));
    if (unknown.length > 0)
      throw new SchemaError(
        `Cơ sở dữ liệu đã được một phiên bản dondoc mới hơn nâng cấp (${unknown.join(', ')}). Hãy nâng cấp dondoc; dữ liệu không bị thay đổi.`,
        `The database was migrated by a newer dondoc (${unknown.join(', ')}). Upgrade dondoc; the data was left untouched.`,
      );
    // Up to date: the usual start, without loading the migration tool.
    if ([...known].every((n) => run.has(n))) return;
  }
  const { runner } = await import('node-pg-migrate');
  await runner({
    databaseUrl: url,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: MIGRATIONS_TABLE,
    singleTransaction: true,
    checkOrder: true,
    advisoryLockMode: 'wait',
    log: () => {},
  });
}
