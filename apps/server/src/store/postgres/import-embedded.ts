// Copies an embedded store (a `data/` folder) into an empty PostgreSQL database in one transaction:
// boards, tasks, trash, users, the directory, password hashes, sessions (if asked), evidence files,
// and the audit trail line for line with its hashes and signing key — so checkpoints taken before the
// move still verify after it. Before committing it counts every table against the source and checks
// the chain as stored; any difference, or a target that is not empty, rolls everything back.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agency, BoardRecord, Task, User } from '@dondoc/shared';
import { AUDIT_FILE, AUDIT_KEY_FILE, LowdbStore, SNAPSHOT_FILE, type Snapshot } from '../lowdb-store.ts';
import { verifyAuditFile, verifyAuditLines } from '../audit-log.ts';
import { entryOfLine, sealedLines } from './audit.ts';
import { connect, type Sql } from './connect.ts';
import { migrateSchema } from './schema.ts';

export class MigrationError extends Error {
  readonly messageVi: string;
  readonly messageEn: string;
  constructor(messageVi: string, messageEn: string) {
    super(`${messageVi}\n${messageEn}`);
    this.name = 'MigrationError';
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

export interface MigrationReport {
  boards: number;
  tasks: number;
  trash: number;
  users: number;
  /** Meetings, indicator readings and daily counts. */
  records: number;
  passwords: number;
  sessions: number;
  files: number;
  auditEntries: number;
  lastSeq: number;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Every evidence file under `files/`, checked against the hash it is stored under. */
async function readFiles(dir: string): Promise<Array<{ sha256: string; bytes: Buffer }>> {
  const root = join(dir, 'files');
  if (!(await exists(root))) return [];
  const out: Array<{ sha256: string; bytes: Buffer }> = [];
  for (const sub of await readdir(root)) {
    for (const name of await readdir(join(root, sub))) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue; // temp files of an interrupted upload
      const bytes = await readFile(join(root, sub, name));
      if (createHash('sha256').update(bytes).digest('hex') !== name)
        throw new MigrationError(`Tệp minh chứng ${name} không khớp mã băm của nó (tệp đã bị thay): không chuyển.`, `Evidence file ${name} does not match its hash (it was replaced): nothing was copied.`);
      out.push({ sha256: name, bytes });
    }
  }
  return out;
}

export async function migrateEmbeddedStore(opts: { from: string; to: string; sessions?: boolean; log?: (line: string) => void }): Promise<MigrationReport> {
  const log = opts.log ?? (() => {});
  if (!(await exists(join(opts.from, SNAPSHOT_FILE))) && !(await exists(join(opts.from, 'journal'))))
    throw new MigrationError(`"${opts.from}" không phải thư mục dữ liệu dondoc (không có ${SNAPSHOT_FILE}).`, `"${opts.from}" is not a dondoc data folder (no ${SNAPSHOT_FILE}).`);
  // Opening and closing replays the journal and catches the audit trail up: the snapshot then holds everything.
  await (await LowdbStore.open({ dir: opts.from })).close();
  const snap = JSON.parse(await readFile(join(opts.from, SNAPSHOT_FILE), 'utf8')) as Snapshot;
  const auditFile = join(opts.from, AUDIT_FILE);
  const source = await verifyAuditFile(auditFile);
  if (!source.ok) throw new MigrationError(`Nhật ký kiểm toán nguồn hỏng ở mục ${source.brokenAt}: ${source.reason}. Không chuyển.`, `The source audit trail is broken at entry ${source.brokenAt}: ${source.reasonEn}. Nothing was copied.`);
  const lines = (await exists(auditFile)) ? (await readFile(auditFile, 'utf8')).split('\n').filter(Boolean) : [];
  const keyPem = (await exists(join(opts.from, AUDIT_KEY_FILE))) ? await readFile(join(opts.from, AUDIT_KEY_FILE), 'utf8') : undefined;
  const auth = (await exists(join(opts.from, 'auth.json')))
    ? (JSON.parse(await readFile(join(opts.from, 'auth.json'), 'utf8')) as { passwords: Record<string, string>; sessions: Record<string, { idHash: string; userId: string; createdAt: string; lastSeenAt: string }> })
    : { passwords: {}, sessions: {} };
  const files = await readFiles(opts.from);
  const sessions = opts.sessions ? Object.values(auth.sessions) : [];
  const report: MigrationReport = {
    boards: snap.boards.length,
    tasks: snap.tasks.length,
    trash: snap.trash.length,
    users: snap.users.length,
    records: (snap.records ?? []).length,
    passwords: Object.keys(auth.passwords).length,
    sessions: sessions.length,
    files: files.length,
    auditEntries: lines.length,
    lastSeq: snap.lastSeq,
  };
  log(`Nguồn / source: ${report.boards} bảng / boards, ${report.tasks} nhiệm vụ / tasks, ${report.trash} trong thùng rác / in the trash, ${report.users} người dùng / users, ${report.files} tệp / files, ${report.auditEntries} mục kiểm toán / audit entries`);

  const sql = connect(opts.to, { max: 2, applicationName: 'dondoc migrate' });
  try {
    await migrateSchema(opts.to, sql);
    await sql.begin(async (tx) => {
      const t = tx as unknown as Sql;
      // Nobody writes while we copy, and a second migration waits and then finds the target taken.
      await tx`LOCK TABLE boards, tasks, trash, users, directory, board_records, password_hashes, sessions, files, changes, audit_head, audit_key IN EXCLUSIVE MODE`;
      const [used] = await tx<Array<{ n: number }>>`SELECT (SELECT count(*) FROM boards) + (SELECT count(*) FROM users) + (SELECT count(*) FROM changes) + (SELECT count(*) FROM files) + (SELECT count(*) FROM password_hashes) AS n`;
      if (Number(used!.n) > 0)
        throw new MigrationError('Cơ sở dữ liệu đích đã có dữ liệu: chỉ chuyển vào một cơ sở dữ liệu trống. Không có gì bị thay đổi.', 'The target database already holds data: migrate only into an empty one. Nothing was changed.');
      const boardRev = new Map(snap.boards.map((b) => [b.id, b.revision]));
      for (const b of snap.boards) await tx`INSERT INTO boards (id, revision, data) VALUES (${b.id}, ${b.revision}, ${b as never})`;
      for (let i = 0; i < snap.tasks.length; i += 2000) {
        const rows = snap.tasks.slice(i, i + 2000).map((x: Task) => ({ board_id: x.boardId, id: x.id, track: x.track, col: x.column, rank: x.rank, board_rev: boardRev.get(x.boardId) ?? 0, data: x as never }));
        await tx`INSERT INTO tasks ${tx(rows, 'board_id', 'id', 'track', 'col', 'rank', 'board_rev', 'data')}`;
      }
      for (let i = 0; i < snap.trash.length; i += 2000) {
        const rows = snap.trash.slice(i, i + 2000).map((x: Task) => ({ board_id: x.boardId, id: x.id, board_rev: boardRev.get(x.boardId) ?? 0, data: x as never }));
        await tx`INSERT INTO trash ${tx(rows, 'board_id', 'id', 'board_rev', 'data')}`;
      }
      for (const u of snap.users as User[]) await tx`INSERT INTO users (id, login, data) VALUES (${u.id}, ${u.login}, ${u as never})`;
      await tx`UPDATE directory SET agencies = ${snap.directory as Agency[] as never} WHERE id = 1`;
      for (const r of (snap.records ?? []) as BoardRecord[]) await tx`INSERT INTO board_records (board_id, kind, id, data) VALUES (${r.boardId}, ${r.kind}, ${r.id}, ${r as never})`;
      for (const [userId, hash] of Object.entries(auth.passwords)) await tx`INSERT INTO password_hashes (user_id, hash) VALUES (${userId}, ${hash})`;
      for (const s of sessions) await tx`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (${s.idHash}, ${s.userId}, ${s.createdAt}, ${s.lastSeenAt})`;
      for (const f of files) await tx`INSERT INTO files (sha256, size, bytes) VALUES (${f.sha256}, ${f.bytes.byteLength}, ${f.bytes})`;
      let head = { n: 0, seq: 0, hash: '0'.repeat(64) };
      for (let i = 0; i < lines.length; i += 1000) {
        const rows = lines.slice(i, i + 1000).map((line) => {
          const { n, prev: _prev, seq, ...record } = entryOfLine(line);
          const hash = /,"hash":"([0-9a-f]{64})"\}$/.exec(line)![1]!;
          head = { n, seq, hash };
          return { board_id: record.board ?? null, task_ids: record.tasks ?? [], record: record as never, seq, n, hash, line };
        });
        await tx`INSERT INTO changes ${tx(rows, 'board_id', 'task_ids', 'record', 'seq', 'n', 'hash', 'line')}`;
      }
      await tx`UPDATE audit_head SET n = ${head.n}, seq = ${Math.max(head.seq, snap.lastSeq)}, hash = ${head.hash} WHERE id = 1`;
      if (keyPem) await tx`INSERT INTO audit_key (id, private_pem) VALUES (1, ${keyPem}) ON CONFLICT (id) DO UPDATE SET private_pem = excluded.private_pem`;

      // Check what was written, in the same transaction, before committing it.
      const [counts] = await tx<Array<Record<string, number>>>`
        SELECT (SELECT count(*) FROM boards) AS boards, (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM trash) AS trash,
               (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM board_records) AS records, (SELECT count(*) FROM password_hashes) AS passwords, (SELECT count(*) FROM sessions) AS sessions,
               (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM changes) AS "auditEntries"`;
      for (const [k, v] of Object.entries(counts!))
        if (Number(v) !== report[k as keyof MigrationReport])
          throw new MigrationError(`Số ${k} trong cơ sở dữ liệu (${v}) khác nguồn (${report[k as keyof MigrationReport]}): không chuyển.`, `${k} in the database (${v}) differ from the source (${report[k as keyof MigrationReport]}): nothing was copied.`);
      const chain = await verifyAuditLines(sealedLines(t));
      if (!chain.ok || chain.entries !== lines.length)
        throw new MigrationError(`Chuỗi kiểm toán trong cơ sở dữ liệu không khớp nguồn (${chain.reason ?? `${chain.entries} mục`}): không chuyển.`, `The audit chain in the database does not match the source (${chain.reasonEn ?? `${chain.entries} entries`}): nothing was copied.`);
      log(`Đã kiểm tra / checked: số lượng khớp / counts match, chuỗi kiểm toán / audit chain ${chain.entries} mục / entries ok`);
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
  return report;
}
