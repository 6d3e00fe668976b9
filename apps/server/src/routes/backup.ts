// A board's backup and its restore: `GET /api/boards/:boardId/backup` answers the whole board as one
// JSON file (shared/src/backup.ts says what it holds), `POST /api/boards/restore` makes a new board
// from such a file in one `board.restore` operation, so the board appears whole or not at all, on the
// embedded store and on PostgreSQL alike. A file a newer dondoc wrote is refused, not guessed at.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import {
  BoardBackup,
  actorRef,
  backupContentRefusal,
  backupRefusal,
  boardBackup,
  filesToInclude,
  restoredBoard,
  type Board,
  type StoredFile,
} from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, operationError, parseOr400 } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, globalAccess, requireCan, viaOf } from '../auth/access.ts';
import { newId } from '../board-factory.ts';
import { boardTaskHistories } from '../task-history.ts';
import { contentDisposition, exportFilename } from './exports.ts';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const refused = (r: { field: string; message: string; messageEn: string }) => apiError(400, { code: 'bad-request', ...r });

/**
 * The restore body: what the file says it is (format, version) is checked before its content, so a
 * newer file is refused as newer rather than as a list of unknown fields; then the schema, field by field.
 */
const backupBody = validator('json', (value, c) => {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? ''))
    throw apiError(415, {
      code: 'unsupported',
      field: '(body)',
      message: 'Tệp sao lưu phải gửi dưới dạng JSON (Content-Type: application/json)',
      messageEn: 'The backup must be sent as JSON (Content-Type: application/json)',
    });
  const refusal = backupRefusal(value);
  if (refusal) throw refused(refusal);
  return parseOr400(BoardBackup, value);
});

/** The evidence files a backup carries, decoded and checked against their names (SHA-256) before anything is stored. */
function filesOf(backup: BoardBackup): Array<{ bytes: Buffer; file: StoredFile }> {
  const described = new Map<string, StoredFile>();
  for (const t of backup.tasks) for (const e of t.evidence) if (e.file && !described.has(e.file.sha256)) described.set(e.file.sha256, e.file);
  return Object.entries(backup.files).map(([sha256, base64]) => {
    const field = `files.${sha256}`;
    const file = described.get(sha256);
    if (!file) throw refused({ field, message: `Tệp "${sha256.slice(0, 12)}…" trong bản sao lưu không thuộc minh chứng nào`, messageEn: `File "${sha256.slice(0, 12)}…" in the backup belongs to no evidence` });
    const bytes = Buffer.from(base64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw refused({
        field,
        message: `Tệp minh chứng "${file.name}" trong bản sao lưu bị hỏng (mã SHA-256 không khớp)`,
        messageEn: `Evidence file "${file.name}" in the backup is damaged (SHA-256 does not match)`,
      });
    return { bytes, file };
  });
}

export const backupRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/:boardId/backup', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'export', 'Board');
      const tasks = (await s.repository.getTasks(a.board.id)) ?? [];
      const history = await boardTaskHistories(s.repository, a.board.id, tasks);
      const files: Record<string, string> = {};
      for (const f of filesToInclude(tasks)) {
        const bytes = await s.repository.files.get(f.sha256);
        // Bytes missing from this store stay listed (the evidence list says they were not included).
        if (bytes) files[f.sha256] = Buffer.from(bytes).toString('base64');
      }
      const backup = boardBackup({ board: a.board, tasks, history, files, exportedAt: new Date().toISOString(), exportedBy: actorRef(actorOf(a.user)) });
      c.header('Content-Disposition', contentDisposition(exportFilename(a.board, s.config.today(), 'json', { name: 'Sao lưu' })));
      c.header('Cache-Control', 'no-store');
      return c.json<BoardBackup>(backup);
    })
    .post('/restore', backupBody, async (c) => {
      const a = globalAccess(c);
      requireCan(a, 'create', 'Board');
      const backup = c.req.valid('json');
      const refusal = backupContentRefusal(backup);
      if (refusal) throw refused(refusal);
      const files = filesOf(backup);
      // Every check is done: only now is anything stored. Files are kept by content hash, so bytes
      // stored for a restore that then fails are never read as anything else.
      for (const f of files) await s.repository.files.put(f.bytes, f.file.name, f.file.mediaType);
      const at = new Date().toISOString();
      const { board, tasks } = restoredBoard(backup, { boardId: newId('b'), at });
      const r = await s.repository.apply({ type: 'board.restore', board, tasks, actor: actorOf(a.user), via: viaOf(c), at, ...(s.config.todayPinned ? { today: s.config.todayPinned } : {}) });
      if (!r.ok) throw operationError(r.failure);
      return c.json<Board>(r.effects.boards[0]!.after!, 201);
    });
