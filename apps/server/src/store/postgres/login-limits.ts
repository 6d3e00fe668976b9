// Failed sign-ins counted in the database, so an attacker cannot spread guesses over the servers:
// rate-limiter-flexible's RateLimiterPostgres on our postgres.js client (it asks only for a
// `query({ text, values })` answering `{ rows, rowCount }`), in the `login_limits` table the schema makes.
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { LimiterStore } from '../../auth/rate-limit.ts';
import type { Sql } from './connect.ts';

export function postgresLimiterStore(sql: Sql): LimiterStore {
  const client = {
    query: async (q: { text: string; values?: unknown[] }) => {
      const rows = await sql.unsafe(q.text, (q.values ?? []) as never[]);
      return { rows: [...rows], rowCount: rows.count };
    },
  };
  return (opts) => new RateLimiterPostgres({ ...opts, storeClient: client, storeType: 'pool', tableName: 'login_limits', tableCreated: true });
}
