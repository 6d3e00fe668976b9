// The pipelined transaction: BEGIN goes out with the first statements yet everything is one
// transaction (committed together, rolled back together), a failing statement or callback rolls
// back and gives the connection back, and a connection killed mid-transaction is left to postgres.js
// (nothing written to its closed socket) while the pool goes on serving. Skipped without
// DONDOC_TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from './connect.ts';
import { transaction } from './transaction.ts';
import { freshDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from './test-database.ts';

if (!TEST_DATABASE_URL) {
  describe('transaction', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
} else {
  describe('transaction', () => {
    let db: { url: string; drop: () => Promise<void> };
    let sql: Sql;
    beforeAll(async () => {
      db = await freshDatabase();
      // Two connections: a connection not given back would leave one, and the lock test would wait forever.
      sql = connect(db.url, { max: 2 });
      await sql`CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)`;
      await sql`INSERT INTO t VALUES (1, 0)`;
    }, 30_000);
    afterAll(async () => {
      await sql?.end({ timeout: 1 });
      await db?.drop();
    });
    const value = async () => (await sql<Array<{ v: number }>>`SELECT v FROM t WHERE id = 1`)[0]!.v;

    it('runs the statements sent with BEGIN inside the transaction, and commits them together', async () => {
      const ids = await transaction(sql, async (tx) => {
        // Sent with BEGIN, before its answer: were it run outside, each statement would be a transaction of its own.
        const [[first], , [last]] = await Promise.all([
          tx<Array<{ id: string }>>`SELECT txid_current()::text AS id`,
          tx`UPDATE t SET v = v + 1 WHERE id = 1`,
          tx<Array<{ id: string }>>`SELECT txid_current()::text AS id`,
        ]);
        return [first!.id, last!.id];
      });
      expect(ids[0]).toBe(ids[1]);
      expect(await value()).toBe(1);
    });

    it('rolls back everything when a statement fails, rejects with its error, and gives the connection back', async () => {
      const failing = transaction(sql, async (tx) => {
        await tx`UPDATE t SET v = 100 WHERE id = 1`;
        await tx`UPDATE t SET v = NULL WHERE id = 1`;
      });
      await expect(failing).rejects.toMatchObject({ code: '23502' });
      expect(await value()).toBe(1);
      // The row lock was released and the connection returned: two more transactions on two connections run.
      await Promise.all([transaction(sql, (tx) => tx`SELECT v FROM t WHERE id = 1 FOR UPDATE`), transaction(sql, (tx) => tx`SELECT v FROM t WHERE id = 1 FOR UPDATE`)]);
    });

    it('rolls back when the callback throws after its statements ran', async () => {
      await expect(
        transaction(sql, async (tx) => {
          await tx`UPDATE t SET v = 50 WHERE id = 1`;
          throw new Error('planning failed');
        }),
      ).rejects.toThrow('planning failed');
      expect(await value()).toBe(1);
      await Promise.all([transaction(sql, (tx) => tx`SELECT v FROM t WHERE id = 1 FOR UPDATE`), transaction(sql, (tx) => tx`SELECT v FROM t WHERE id = 1 FOR UPDATE`)]);
    });

    it('a connection killed mid-transaction rejects it, writes nothing to the dead socket, and the pool keeps serving', async () => {
      const uncaught: unknown[] = [];
      const onUncaught = (err: unknown) => uncaught.push(err);
      process.on('uncaughtException', onUncaught);
      try {
        await expect(
          transaction(sql, async (tx) => {
            const [row] = await tx<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
            await tx`UPDATE t SET v = 77 WHERE id = 1`;
            await sql`SELECT pg_terminate_backend(${row!.pid})`;
            await tx`SELECT 1`;
          }),
        ).rejects.toBeTruthy();
        await new Promise((r) => setTimeout(r, 100));
        expect(uncaught).toEqual([]);
        expect(await value()).toBe(1);
        await Promise.all([transaction(sql, (tx) => tx`SELECT v FROM t WHERE id = 1 FOR UPDATE`), transaction(sql, (tx) => tx`SELECT v FROM t WHERE id = 1 FOR UPDATE`)]);
      } finally {
        process.off('uncaughtException', onUncaught);
      }
    });
  });
}
