// Boards: list, create from a template, and the board payload (cached bytes, ETag, gzip).
import { Hono, type TypedResponse } from 'hono';
import { z } from 'zod';
import { CreateBoardRequest, type BoardPayload, type BoardSummary } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { jsonBody, notFound } from '../http/api-error.ts';
import { createBoardFromTemplate } from '../board-templates.ts';

/** `POST /api/boards` body: CreateBoardRequest plus an optional checklist (`plugin:id`; default follows the plan's rõ variant). */
export const CreateBoardBody = CreateBoardRequest.extend({ checklist: z.string().min(1).optional() }).strict();

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
  !!header && header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (!q || Number(q.slice(2)) > 0);
  });

export const boardRoutes = (s: Services) =>
  new Hono()
    .get('/', (c) => c.json<BoardSummary[]>(s.repository.listBoards()))
    .post('/', jsonBody(CreateBoardBody), async (c) => {
      const board = await createBoardFromTemplate(s, c.req.valid('json'));
      return c.json(board, 201);
    })
    .get('/:boardId', async (c) => {
      const boardId = c.req.param('boardId');
      const pending = s.payloads.get(boardId);
      if (!pending) throw notFound('bảng', boardId, 'Board', 'boardId');
      const bytes = await pending;
      c.header('ETag', bytes.etag);
      c.header('Vary', 'Accept-Encoding');
      c.header('Cache-Control', 'no-cache');
      if (etagMatches(c.req.header('If-None-Match'), bytes.etag)) return c.body(null, 304) as unknown as TypedResponse<BoardPayload, 200, 'json'>;
      const gz = acceptsGzip(c.req.header('Accept-Encoding'));
      c.header('Content-Type', 'application/json; charset=utf-8');
      if (gz) c.header('Content-Encoding', 'gzip');
      const body = gz ? bytes.gzip : bytes.json;
      c.header('Content-Length', String(body.length));
      // The bytes are prebuilt JSON; the cast gives hc clients the payload type.
      return c.body(new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>, 200) as unknown as TypedResponse<BoardPayload, 200, 'json'>;
    });
