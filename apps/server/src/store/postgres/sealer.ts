// Seals committed change records into the audit chain. An operation's transaction only inserts its
// record; sealing numbers records in commit order (gapless `seq`), chains each to the one before
// (SHA-256 over RFC 8785 JSON, as the embedded store's audit file) and announces (board, seq) with
// NOTIFY — many records in one short transaction. So operations on different boards commit in
// parallel (PostgreSQL flushes their commits together) instead of queueing behind one chain head
// for a disk flush each; sealers on several servers take turns under an advisory lock, and any of
// them seals what a server that died left unsealed. A pass starts a moment (`delayMs`) after the
// first record that needs it, so the records of the operations made meanwhile share it: one card
// move after another would otherwise each take a sealing transaction of their own (three round
// trips, a commit flush and the CPU for them, on the server and in PostgreSQL) — more than the move's
// own. Live updates wait that moment more; reads of the trail and of changes flush at once.
import type { ChangeRecord } from '@dondoc/shared';
import { encodeEntry } from '../audit-log.ts';
import type { Sql } from './connect.ts';
import { send, type UnsealedRecord } from './writes.ts';
import { transaction } from './transaction.ts';

/** Advisory lock (class, key) the sealers of every server take turns under. */
const SEAL_LOCK: [number, number] = [0x646f6e, 2];
export const CHANGES_CHANNEL = 'dondoc_changes';
/** Records sealed per transaction. */
const BATCH = 1000;

export class Sealer {
  readonly #sql: Sql;
  readonly #delayMs: number;
  #running: Promise<void> | undefined;
  #waiting: NodeJS.Timeout | undefined;
  #again = false;
  #closed = false;
  onError: (err: unknown) => void = (err) => console.error('[dondoc] không niêm phong được nhật ký thay đổi / sealing changes failed:', err);
  /** Told of each pass's records once its commit is answered, numbered, in order: this server's follower need not read them back. */
  onSealed: (records: readonly ChangeRecord[]) => void = () => {};

  constructor(sql: Sql, delayMs = 0) {
    this.#sql = sql;
    this.#delayMs = delayMs;
  }

  /** Seals in `delayMs` (at once if 0); calls made meanwhile share that pass, those made while a pass runs one more. */
  kick(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#delayMs === 0) return this.#start();
    this.#waiting ??= setTimeout(() => this.#start(), this.#delayMs).unref();
  }

  /** Seals everything committed before this call; resolves once it is sealed. */
  async flush(): Promise<void> {
    await this.#running;
    this.#start();
    await this.#running;
  }

  #start(): void {
    clearTimeout(this.#waiting);
    this.#waiting = undefined;
    this.#running = this.#loop().finally(() => (this.#running = undefined));
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        while ((await this.#pass()) === BATCH);
      } catch (err) {
        if (this.#closed) return;
        this.onError(err);
      }
    } while (this.#again && !this.#closed);
  }

  /** One transaction: the next records in commit order, numbered, chained and announced. Returns how many. */
  async #pass(): Promise<number> {
    // The writes go out with COMMIT right behind them (see `committed` in postgres-store.ts): a write that
    // failed aborted the transaction, so COMMIT rolled it back, and awaiting them afterwards says so.
    const writes: Array<Promise<unknown>> = [];
    const sealed: ChangeRecord[] = [];
    await transaction(this.#sql, async (tx) => {
      const [, heads, rows] = await Promise.all([
        tx`SELECT pg_advisory_xact_lock(${SEAL_LOCK[0]}, ${SEAL_LOCK[1]})`,
        tx<Array<{ n: number; seq: number; hash: string }>>`SELECT n, seq, hash FROM audit_head WHERE id = 1`,
        // Same-board records were inserted under the board lock, each after the one before committed, so id order is their commit order.
        tx<Array<{ id: number; board_id: string | null; record: UnsealedRecord }>>`SELECT id, board_id, record FROM changes WHERE seq IS NULL ORDER BY id LIMIT ${BATCH}`,
      ]);
      if (rows.length === 0) return;
      let { n, seq, hash } = heads[0]!;
      const ids: number[] = [];
      const seqs: number[] = [];
      const ns: number[] = [];
      const hashes: string[] = [];
      const lines: string[] = [];
      const notes: string[] = [];
      for (const row of rows) {
        n += 1;
        seq += 1;
        const { line, hash: h } = encodeEntry({ ...row.record, seq, n, prev: hash });
        hash = h;
        ids.push(row.id);
        seqs.push(seq);
        ns.push(n);
        hashes.push(h);
        lines.push(line.slice(0, -1));
        notes.push(JSON.stringify({ board: row.board_id, seq }));
        sealed.push({ ...row.record, seq });
      }
      writes.push(
        send(tx`UPDATE changes c SET seq = v.seq, n = v.n, hash = v.hash, line = v.line
           FROM (SELECT unnest(${ids}::bigint[]) AS id, unnest(${seqs}::bigint[]) AS seq, unnest(${ns}::bigint[]) AS n, unnest(${hashes}::text[]) AS hash, unnest(${lines}::text[]) AS line) v
           WHERE c.id = v.id`),
        send(tx`UPDATE audit_head SET n = ${n}, seq = ${seq}, hash = ${hash} WHERE id = 1`),
        // Delivered at commit, in order; a listener that misses one reads forward from its last sequence anyway.
        send(tx`SELECT pg_notify(${CHANGES_CHANNEL}, note) FROM unnest(${notes}::text[]) AS note`),
      );
    });
    await Promise.all(writes);
    if (sealed.length > 0) this.onSealed(sealed);
    return sealed.length;
  }

  async close(): Promise<void> {
    clearTimeout(this.#waiting);
    await this.#running;
    this.#closed = true;
    clearTimeout(this.#waiting);
  }
}
