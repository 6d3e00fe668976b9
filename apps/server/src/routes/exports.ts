// `GET /api/boards/:boardId/export/:plugin/:exporter`: a file made by an exporter plugin, as a download.
import { Hono } from 'hono';
import type { BoardSnapshot } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, notFound } from '../http/api-error.ts';

/** A file name from the board title: readable in Vietnamese, safe on every file system. */
export function exportFilename(title: string, today: string, extension: string): string {
  const base = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'bang';
  return `${base} ${today}.${extension.replace(/^\./, '')}`;
}

/** RFC 6266/5987: an ASCII fallback for old clients plus the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (d) => (d === 'đ' ? 'd' : 'D')).replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const exportRoutes = (s: Services) =>
  new Hono().get('/:boardId/export/:plugin/:exporter', async (c) => {
    const { boardId, plugin, exporter } = c.req.param();
    const board = s.repository.getBoard(boardId);
    if (!board) throw notFound('bảng', boardId, 'Board', 'boardId');
    const found = s.plugins.exporter(plugin, exporter);
    if (!found)
      throw apiError(404, {
        code: 'not-found',
        field: 'exporter',
        message: `Không có trình xuất "${plugin}:${exporter}" (plugin chưa nạp hoặc không có trình xuất này)`,
        messageEn: `No exporter "${plugin}:${exporter}" (plugin not loaded or has no such exporter)`,
      });
    const tasks = s.repository.getTasks(boardId) ?? [];
    const today = s.config.today();
    const snapshot: BoardSnapshot = { board, tasks, checks: await s.payloads.checksFor(board, tasks), today };
    const r = await s.plugins.export(plugin, exporter, snapshot);
    if (!r.ok) {
      (s.config.logError ?? console.error)(`[dondoc] ${r.error.messageEn}`, r.error.cause);
      throw apiError(500, { code: 'internal', field: 'exporter', message: r.error.messageVi, messageEn: r.error.messageEn });
    }
    const bytes = typeof r.value === 'string' ? new TextEncoder().encode(r.value) : r.value;
    const e = found.contribution;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': e.mediaType,
      'Content-Disposition': contentDisposition(exportFilename(board.title, today, e.extension)),
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'no-store',
    });
  });
