// One postgres.js client per repository. postgres.js was chosen over kysely + pg because a move is
// a handful of small statements in one transaction: postgres.js pipelines them (the board lock and
// the reads go in one round trip), prepares each statement once per connection, and its LISTEN
// re-subscribes by itself after a reconnect, calling back so the follower can read forward.
import postgres from 'postgres';

export type Sql = postgres.Sql<{ bigint: number }>;
/** The statements of one transaction (transaction.ts): its reserved connection, which they never release. */
export type Tx = postgres.ReservedSql<{ bigint: number }>;

export interface ConnectOptions {
  /** Most connections this process opens (default 10). */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

export function connect(url: string, opts: ConnectOptions = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { application_name: opts.applicationName ?? 'dondoc' },
    // Sequence numbers and entry counts are bigint columns; they stay far below 2^53.
    types: { bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
  }) as unknown as Sql;
}
