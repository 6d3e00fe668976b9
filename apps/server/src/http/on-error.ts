// The app's last word on errors: expected HTTPExceptions pass through as ApiError bodies, a request
// its client abandoned is noted as such, anything else is a logged 500 without a stack.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '@dondoc/shared';
import { StoreFailedError } from '../store/errors.ts';

const CODE_BY_STATUS: Record<number, ApiError['error']['code']> = { 400: 'bad-request', 404: 'not-found', 409: 'conflict', 413: 'too-large', 415: 'unsupported' };

/**
 * True when the client went away mid-request (closed the page, lost the network, cancelled an
 * upload): Node reports `aborted`/ECONNRESET on the body stream, and @hono/node-server aborts the
 * request's signal. That is the client's choice, not the server's fault.
 */
export function clientAborted(err: unknown, c: Context): boolean {
  if (c.req.raw.signal?.aborted) return true;
  const e = err as { code?: unknown; message?: unknown; name?: unknown } | null;
  return !!e && (e.code === 'ECONNRESET' || e.code === 'ECONNABORTED' || e.code === 'ERR_STREAM_PREMATURE_CLOSE');
}

export function makeErrorHandler(log: (msg: string, err: unknown) => void = (m, e) => console.error(m, e), note: (msg: string) => void = (m) => console.info(m)) {
  return (err: Error, c: Context): Response => {
    if (clientAborted(err, c)) {
      note(`[dondoc] yêu cầu bị hủy giữa chừng / request aborted by the client: ${c.req.method} ${c.req.path}`);
      // Nobody is left to read it; 400, not 500, since nothing went wrong on this side.
      return c.json<ApiError>({ error: { code: 'bad-request', message: 'Yêu cầu bị hủy giữa chừng', messageEn: 'Request aborted by the client' } }, 400);
    }
    if (err instanceof HTTPException) {
      if (err.res) return err.getResponse();
      // Hono's own exceptions (e.g. the JSON validator's "Malformed JSON in request body").
      const status = err.status as ContentfulStatusCode;
      const malformed = /malformed json/i.test(err.message);
      const body: ApiError = {
        error: {
          code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad-request'),
          message: malformed ? 'Nội dung yêu cầu không phải JSON hợp lệ' : `Yêu cầu không hợp lệ (HTTP ${status})`,
          messageEn: err.message || `HTTP ${status}`,
          ...(malformed ? { field: '(body)' } : {}),
        },
      };
      return c.json(body, status);
    }
    if (err instanceof StoreFailedError) {
      // The disk refused a write: say so plainly; reads keep working until someone restarts the server.
      log(`[dondoc] kho dữ liệu ngừng nhận thay đổi / store refuses writes at ${c.req.method} ${c.req.path}:`, err);
      return c.json<ApiError>({ error: { code: 'internal', message: err.messageVi, messageEn: err.messageEn } }, 503);
    }
    log(`[dondoc] lỗi máy chủ / internal error at ${c.req.method} ${c.req.path}:`, err);
    const body: ApiError = { error: { code: 'internal', message: 'Lỗi máy chủ; chi tiết đã được ghi vào nhật ký', messageEn: 'Internal server error; details were logged' } };
    return c.json(body, 500);
  };
}
