// The audit trail in PostgreSQL: the sealed change records are the entries, each stored as the very
// line the embedded store writes to audit.jsonl, so an export from either store verifies with the
// same code and a migrated log keeps its hashes. The Ed25519 checkpoint key is kept in the database,
// shared by every server (a copy of a migrated store's key, so old checkpoints still verify).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AuditTrail } from '../repository.ts';
import { checkpointText, verifyAuditLines, type AuditEntry, type Checkpoint, type VerifyResult } from '../audit-log.ts';
import type { Sql } from './connect.ts';
import type { Sealer } from './sealer.ts';

const LINE_HEAD = '{"entry":';

/** The entry a stored line holds. */
export const entryOfLine = (line: string): AuditEntry => JSON.parse(line.slice(LINE_HEAD.length, line.lastIndexOf(',"hash":'))) as AuditEntry;

/** Reads the checkpoint key, creating it once for the whole database. */
export async function loadKey(sql: Sql): Promise<KeyObject> {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await sql`INSERT INTO audit_key (id, private_pem) VALUES (1, ${pem}) ON CONFLICT (id) DO NOTHING`;
  const [row] = await sql<Array<{ private_pem: string }>>`SELECT private_pem FROM audit_key WHERE id = 1`;
  return createPrivateKey(row!.private_pem);
}

/** Every sealed line in order, read a page at a time. */
export async function* sealedLines(sql: Sql): AsyncIterable<string> {
  let after = 0;
  while (true) {
    const rows = await sql<Array<{ n: number; line: string }>>`SELECT n, line FROM changes WHERE n > ${after} ORDER BY n LIMIT 2000`;
    for (const r of rows) yield r.line;
    if (rows.length < 2000) return;
    after = rows.at(-1)!.n;
  }
}

export class PgAuditTrail implements AuditTrail {
  readonly #sql: Sql;
  readonly #sealer: Sealer;
  readonly #key: KeyObject;
  readonly publicKey: string;

  constructor(sql: Sql, sealer: Sealer, key: KeyObject) {
    this.#sql = sql;
    this.#sealer = sealer;
    this.#key = key;
    this.publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
  }

  async checkpoint(): Promise<Checkpoint> {
    await this.#sealer.flush();
    const [head] = await this.#sql<Array<{ n: number; hash: string }>>`SELECT n, hash FROM audit_head WHERE id = 1`;
    const body = { entries: head!.n, head: head!.hash, at: new Date().toISOString() };
    return { ...body, publicKey: this.publicKey, signature: sign(null, Buffer.from(checkpointText(body)), this.#key).toString('base64') };
  }

  async verify(checkpoint?: Checkpoint): Promise<VerifyResult> {
    await this.#sealer.flush();
    return verifyAuditLines(sealedLines(this.#sql), checkpoint);
  }

  async history(key: string, limit = 200): Promise<AuditEntry[]> {
    await this.#sealer.flush();
    const m = /^(task|board):([^/]+)(?:\/(.+))?$/.exec(key);
    if (!m) return [];
    const [, kind, boardId, taskId] = m;
    const rows =
      kind === 'task' && taskId !== undefined
        ? await this.#sql<Array<{ line: string }>>`SELECT line FROM changes WHERE board_id = ${boardId!} AND task_ids @> ARRAY[${taskId}]::text[] AND n IS NOT NULL ORDER BY n DESC LIMIT ${limit}`
        : await this.#sql<Array<{ line: string }>>`SELECT line FROM changes WHERE board_id = ${boardId!} AND n IS NOT NULL ORDER BY n DESC LIMIT ${limit}`;
    const out: AuditEntry[] = [];
    for (const r of rows) {
      try {
        out.push(entryOfLine(r.line));
      } catch {
        // an entry edited into garbage: verify reports it; history skips it
      }
    }
    return out;
  }

  lines(): AsyncIterable<string> {
    const sql = this.#sql;
    const sealer = this.#sealer;
    return (async function* () {
      await sealer.flush();
      yield* sealedLines(sql);
    })();
  }
}
