// One transaction on a reserved connection with its BEGIN pipelined: postgres.js's `sql.begin` sends
// BEGIN and waits for its answer before running the callback, a round trip of its own while nothing
// else can happen; here BEGIN goes out in the same write as the callback's first statements (the
// board lock and the reads), and COMMIT right behind the last ones. PostgreSQL runs them in order, so
// the transaction is the same one; only the waiting is gone.
import postgres from 'postgres';
import type { Sql, Tx } from './connect.ts';

/**
 * Whether `err` says the connection itself is gone (a socket error, or postgres.js closing it) rather
 * than a statement failing. Such a connection is already taken back by postgres.js, which reconnects
 * it for later queries; a statement sent on it now would be written to a closed socket.
 */
const connectionLost = (err: unknown): boolean => typeof err === 'object' && err !== null && 'errno' in err && !(err instanceof postgres.PostgresError);

/**
 * Runs `fn` inside BEGIN … COMMIT on one reserved connection and resolves once COMMIT is answered.
 * A failure (a statement's or `fn`'s) rolls back and rejects with it. `fn` must not wait on anything
 * but its own statements: the connection is checked for loss only through their answers.
 */
export async function transaction<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  // Not awaited here: its answer comes back with those of the statements fn sends right after it.
  const begun = conn`BEGIN`.execute();
  begun.catch(() => {});
  let result: T;
  try {
    result = await fn(conn);
    await begun;
    await conn`COMMIT`;
  } catch (err) {
    // Sent at once (no await before it), so on a connection still open; its answer says whether it still is.
    const lost = connectionLost(err) || (await conn`ROLLBACK`.then(() => false, connectionLost));
    if (!lost) conn.release();
    throw err;
  }
  conn.release();
  return result;
}
