// A board's backup and its restore: `GET /api/boards/:boardId/backup` answers the whole board as one
// JSON file (shared/src/backup.ts says what it holds), `POST /api/boards/restore` makes a new board
// from such a file in one `board.restore` operation, so the board appears whole or not at all, on the
// embedded store and on PostgreSQL alike. A file a newer dondoc wrote is refused, not guessed at.
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { actorRef, boardBackup, filesToInclude, type Board, type BoardBackup, type Task } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, operationError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, globalAccess, requireCan, viaOf } from '../auth/access.ts';
import { newId } from '../board-factory.ts';
import { boardTaskHistories } from '../task-history.ts';
import { jsonStream, readJsonList } from '../workers/sliced-json.ts';
import { Slicer, yieldToEventLoop } from '../workers/snapshot-wire.ts';
import { contentDisposition, exportFilename } from './exports.ts';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/** The backup's fields written an element at a time: the ones that grow with the board. */
const PIECEWISE: ReadonlyArray<keyof BoardBackup> = ['tasks', 'history', 'evidence', 'files'];

/**
 * The restore body: a backup file (the type `hc` clients send), handed on as its bytes. Nothing is parsed
 * here: parsing and checking a 10,000-task file takes seconds, which the host worker spends instead
 * (format and version first, so a newer file is refused as newer; then the schema, field by field).
 */
const backupBody: MiddlewareHandler<AuthEnv, string, { in: { json: BoardBackup }; out: { json: Uint8Array[] } }> = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? ''))
    throw apiError(415, {
      code: 'unsupported',
      field: '(body)',
      message: 'Tệp sao lưu phải gửi dưới dạng JSON (Content-Type: application/json)',
      messageEn: 'The backup must be sent as JSON (Content-Type: application/json)',
    });
  // Read a chunk at a time with a turn for other requests now and then: a body already received whole
  // would otherwise be drained in one run of promise callbacks, and the event loop would wait for all 48 MB.
  const chunks: Uint8Array[] = [];
  const body = c.req.raw.body;
  if (body) {
    const slicer = new Slicer();
    const reader = body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks.push(r.value);
      if (slicer.due) await slicer.turn();
    }
  }
  c.req.addValidatedData('json', chunks);
  await next();
};

export const backupRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/:boardId/backup', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'export', 'Board');
      const tasks = (await s.repository.getTasks(a.board.id)) ?? [];
      const history = await boardTaskHistories(s.repository, a.board.id, tasks);
      // Each step below walks every task once: a turn for other requests between them.
      await yieldToEventLoop();
      const files: Record<string, string> = {};
      for (const f of filesToInclude(tasks)) {
        const bytes = await s.repository.files.get(f.sha256);
        // Bytes missing from this store stay listed (the evidence list says they were not included).
        if (bytes) files[f.sha256] = Buffer.from(bytes).toString('base64');
      }
      await yieldToEventLoop();
      const backup = boardBackup({ board: a.board, tasks, history, files, exportedAt: new Date().toISOString(), exportedBy: actorRef(actorOf(a.user)) });
      // Streamed a slice at a time: the file of a 10,000-task board is ~15 MB of JSON.
      return c.body(jsonStream(backup, PIECEWISE), 200, {
        'Content-Type': 'application/json; charset=UTF-8',
        'Content-Disposition': contentDisposition(exportFilename(a.board, s.config.today(), 'json', { name: 'Sao lưu' })),
        'Cache-Control': 'no-store',
      });
    })
    .post('/restore', backupBody, async (c) => {
      const a = globalAccess(c);
      requireCan(a, 'create', 'Board');
      const at = new Date().toISOString();
      const read = await s.work.readBackup(c.req.valid('json'), { boardId: newId('b'), at });
      if ('refused' in read) throw apiError(400, { code: 'bad-request', ...read.refused });
      const { board } = read;
      const tasks = await readJsonList<Task>(read.tasks);
      // Every check is done: only now is anything stored. Files are kept by content hash, so bytes
      // stored for a restore that then fails are never read as anything else.
      for (const f of read.files) await s.repository.files.put(new Uint8Array(f.bytes), f.file.name, f.file.mediaType);
      const r = await s.repository.apply({ type: 'board.restore', board, tasks, actor: actorOf(a.user), via: viaOf(c), at, ...(s.config.todayPinned ? { today: s.config.todayPinned } : {}) });
      if (!r.ok) throw operationError(r.failure);
      return c.json<Board>(r.effects.boards[0]!.after!, 201);
    });
