// Live changes across servers: LISTEN carries only (board, seq); each server reads the records
// forward from the last sequence it announced, so a notification lost during a reconnect loses
// nothing (postgres.js listens again after reconnecting and we read forward then too, and a slow
// poll covers a notification that never came). Records this server's own sealer committed next in
// line are announced from the sealer's hands, not read back (a statement per change saved).
import type { ChangeRecord } from '@dondoc/shared';
import type { ChangeEvent } from '../repository.ts';
import { changeEventOf } from '../change-events.ts';
import type { Sql } from './connect.ts';
import { CHANGES_CHANNEL } from './sealer.ts';

const POLL_MS = 2000;
const PAGE = 1000;

export class Follower {
  readonly #sql: Sql;
  readonly #listeners = new Set<(events: readonly ChangeEvent[]) => void>();
  #last: number;
  #reading: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #closed = false;

  private constructor(sql: Sql, last: number) {
    this.#sql = sql;
    this.#last = last;
  }

  /** Starts following from the sequence sealed now. */
  static async start(sql: Sql): Promise<Follower> {
    const [head] = await sql<Array<{ seq: number }>>`SELECT seq FROM audit_head WHERE id = 1`;
    const f = new Follower(sql, head?.seq ?? 0);
    const sub = await sql.listen(
      CHANGES_CHANNEL,
      (payload) => {
        const seq = Number((JSON.parse(payload) as { seq?: unknown }).seq);
        if (!(seq <= f.#last)) f.kick();
      },
      () => f.kick(),
    );
    f.#unlisten = sub.unlisten;
    f.#timer = setInterval(() => f.kick(), POLL_MS);
    f.#timer.unref();
    return f;
  }

  get lastSeq(): number {
    return this.#last;
  }

  subscribe(listener: (events: readonly ChangeEvent[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Records this server's sealer just committed. Announced at once when they follow the last one
   * announced and no read is under way (that read could be returning them too); otherwise read forward
   * as after a notification. Their notifications then carry sequences already announced: no read.
   */
  sealed(records: readonly ChangeRecord[]): void {
    if (this.#closed) return;
    if (this.#reading || records[0]!.seq !== this.#last + 1) return this.kick();
    this.#last = records.at(-1)!.seq;
    this.#announce(records.map((r) => changeEventOf(r)));
  }

  kick(): void {
    if (this.#closed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = this.#read().finally(() => (this.#reading = undefined));
  }

  async #read(): Promise<void> {
    do {
      this.#again = false;
      try {
        let rows: Array<{ seq: number; record: Omit<ChangeRecord, 'seq'> }>;
        do {
          rows = await this.#sql`SELECT seq, record FROM changes WHERE seq > ${this.#last} ORDER BY seq LIMIT ${PAGE}`;
          if (rows.length === 0) break;
          this.#last = rows.at(-1)!.seq;
          this.#announce(rows.map((r) => changeEventOf({ ...r.record, seq: r.seq })));
        } while (rows.length === PAGE);
      } catch (err) {
        if (!this.#closed) console.error('[dondoc] không đọc được thay đổi mới / cannot read new changes:', err);
      }
    } while (this.#again && !this.#closed);
  }

  #announce(events: readonly ChangeEvent[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(events);
      } catch (err) {
        console.error('[dondoc] lỗi khi báo thay đổi / change listener failed:', err);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#reading;
    await this.#unlisten?.().catch(() => {});
  }
}
