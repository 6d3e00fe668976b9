// Test databases: DONDOC_TEST_DATABASE_URL names a PostgreSQL server whose role may create
// databases (`.ci/run` and `scripts/with-postgres.sh` start one); each test gets a database of its
// own, dropped afterwards. Without the variable the PostgreSQL tests are skipped, saying so.
import postgres from 'postgres';
import type { ChangeEvent, Repository } from '../repository.ts';

export const TEST_DATABASE_URL = process.env.DONDOC_TEST_DATABASE_URL?.trim() || undefined;

export const SKIP_MESSAGE = 'PostgreSQL tests skipped: DONDOC_TEST_DATABASE_URL is not set (run them with `bash scripts/with-postgres.sh npx --yes pnpm@10 test:unit`)';

let counter = 0;

/** A new empty database on the test server; `drop` removes it (closing what is still connected). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(SKIP_MESSAGE);
  const name = `dondoc_t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Empties every table of a migrated test database (faster than a new database per test). */
export async function resetDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [t] = await sql<Array<{ exists: boolean }>>`SELECT to_regclass('boards') IS NOT NULL AS exists`;
    if (!t?.exists) return;
    await sql.begin(async (tx) => {
      await tx`TRUNCATE boards, tasks, trash, board_records, users, password_hashes, sessions, files, changes, login_limits RESTART IDENTITY`;
      await tx`UPDATE audit_head SET n = 0, seq = 0, hash = repeat('0', 64)`;
      await tx`UPDATE directory SET agencies = '[]'`;
    });
  } finally {
    await sql.end();
  }
}

/**
 * Every change after `seq`, for a test that counts them. A store answers "gone" past what it keeps for
 * live streams (10,000 by default), which a fast machine's load test can pass: open the store being
 * read with a `keepEvents` above what the test makes, and this says so if not.
 */
export async function changesAfter(repo: Pick<Repository, 'changesSince'>, seq: number): Promise<ChangeEvent[]> {
  const changes = await repo.changesSince(seq);
  if (changes === 'gone') throw new Error(`more changes after ${seq} than the store keeps: open it with a larger keepEvents`);
  return changes;
}
