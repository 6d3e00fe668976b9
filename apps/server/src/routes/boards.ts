// Boards: the list (each board's counts), create from a template, the board payload (cached bytes,
// ETag, gzip), rename/settings/archive, and delete with a confirmation that names the board.
import { Hono, type TypedResponse } from 'hono';
import { z } from 'zod';
import { BoardPatch, CreateBoardRequest, roleOn, type Board, type BoardPayload, type BoardSummary } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, jsonBody, operationError, queryOf } from '../http/api-error.ts';
import { createBoardFromTemplate } from '../board-templates.ts';
import { boardCounts } from '../board-summary.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, globalAccess, requireCan, signedIn, viaOf } from '../auth/access.ts';

/** `POST /api/boards` body: CreateBoardRequest plus an optional checklist (`plugin:id`; default follows the plan's rõ variant). */
export const CreateBoardBody = CreateBoardRequest.extend({ checklist: z.string().min(1).optional() }).strict();
/** `DELETE /api/boards/:boardId` body: the board's title typed again, so a board is never deleted by a slip. */
/** `GET /api/boards/:boardId` query: `slice=first` asks for the first screen's cards only. */
export const BoardQuery = z.object({ slice: z.literal('first').optional() });
export const DeleteBoardBody = z.object({ confirmTitle: z.string().max(300) }).strict();

/** True when an If-None-Match header names this (weak) ETag or is `*`. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

export const acceptsGzip = (header: string | undefined): boolean =>
  !!header &&
  header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (!q || Number(q.slice(2)) > 0);
  });

export const boardRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/', async (c) => {
      const user = signedIn(c);
      const today = s.config.today();
      const out: BoardSummary[] = [];
      for (const b of await s.repository.listBoards()) {
        const role = roleOn(user, b.id);
        if (!role) continue;
        const tasks = (await s.repository.getTasks(b.id)) ?? [];
        out.push({ id: b.id, title: b.title, origin: b.origin, taskCount: tasks.length, updatedAt: b.updatedAt, archived: b.archived, role, counts: boardCounts(b, tasks, today) });
      }
      return c.json<BoardSummary[]>(out);
    })
    .post('/', jsonBody(CreateBoardBody), async (c) => {
      const a = globalAccess(c);
      requireCan(a, 'create', 'Board');
      const board = await createBoardFromTemplate(s, c.req.valid('json'), { actor: actorOf(a.user), via: viaOf(c) });
      return c.json<Board>(board, 201);
    })
    .get('/:boardId', queryOf(BoardQuery), async (c) => {
      const { board, directory } = await boardAccess(c, s.repository, c.req.param('boardId'));
      // `?slice=first`: each cell's first cards, so the first screen paints before the whole board is parsed.
      const bytes = c.req.valid('query').slice === 'first' ? await s.payloads.slice(board, directory) : await s.payloads.get(board, directory);
      c.header('ETag', bytes.etag);
      c.header('Vary', 'Accept-Encoding, Cookie');
      c.header('Cache-Control', 'private, no-cache');
      if (etagMatches(c.req.header('If-None-Match'), bytes.etag)) return c.body(null, 304) as unknown as TypedResponse<BoardPayload, 200, 'json'>;
      const gz = acceptsGzip(c.req.header('Accept-Encoding'));
      c.header('Content-Type', 'application/json; charset=utf-8');
      if (gz) c.header('Content-Encoding', 'gzip');
      const body = gz ? bytes.gzip : bytes.json;
      c.header('Content-Length', String(body.length));
      // The bytes are prebuilt JSON; the cast gives hc clients the payload type.
      return c.body(new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>, 200) as unknown as TypedResponse<BoardPayload, 200, 'json'>;
    })
    .patch('/:boardId', jsonBody(BoardPatch), async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'update', 'Board');
      const patch = c.req.valid('json');
      if (Object.keys(patch).length === 0)
        throw apiError(400, { code: 'bad-request', field: '(body)', message: 'Không có trường nào để cập nhật', messageEn: 'No field to update' });
      const r = await s.repository.apply({ type: 'board.update', boardId: a.board.id, patch, actor: actorOf(a.user), via: viaOf(c), at: new Date().toISOString() });
      if (!r.ok) throw operationError(r.failure);
      return c.json<Board>(r.effects.boards[0]!.after!);
    })
    .delete('/:boardId', jsonBody(DeleteBoardBody), async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'delete', 'Board');
      if (c.req.valid('json').confirmTitle.trim() !== a.board.title.trim())
        throw apiError(400, {
          code: 'bad-request',
          field: 'confirmTitle',
          message: `Hãy gõ đúng tên bảng "${a.board.title}" để xác nhận xóa`,
          messageEn: `Type the board's title "${a.board.title}" exactly to confirm deletion`,
        });
      const r = await s.repository.apply({ type: 'board.delete', boardId: a.board.id, actor: actorOf(a.user), via: viaOf(c), at: new Date().toISOString() });
      if (!r.ok) throw operationError(r.failure);
      return c.json({ ok: true as const, id: a.board.id });
    });
