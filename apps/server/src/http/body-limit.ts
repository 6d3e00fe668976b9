// Request bodies are size-limited before anything parses them: a card move or an edit is a few
// hundred bytes, and only plan imports carry documents.
//
// Written here rather than with hono/body-limit, which answers 413 without reading the body: on a
// `Connection: close` request Node then closes the socket while the client is still uploading, and
// the client sees a connection reset instead of the 413. This one reads (and discards) the rest of
// an oversized body first, within a byte and a time budget, so the 413 arrives as a response.
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiError } from '@dondoc/shared';

const MiB = 1024 * 1024;
/** Any API request but an import. */
export const MAX_BODY_BYTES = 1 * MiB;
/** Import requests: a 10 MB file arrives base64-encoded (4/3 larger) inside JSON. */
export const MAX_IMPORT_BODY_BYTES = 16 * MiB;
/** How much of an oversized body is read and dropped so the client gets its 413 (beyond that, the connection is closed). */
export const DRAIN_MAX_BYTES = 64 * MiB;
/** How long a slow client gets to finish sending an oversized body before the connection is closed. */
export const DRAIN_MAX_MS = 10_000;

const tooLarge = (c: Context, limit: number) =>
  c.json<ApiError>(
    {
      error: {
        code: 'too-large',
        field: '(body)',
        message: `Nội dung yêu cầu quá lớn: giới hạn là ${limit / MiB} MB`,
        messageEn: `Request body too large: the limit is ${limit / MiB} MB`,
      },
    },
    413,
  );

/** Evidence uploads: a 20 MB file plus the multipart envelope. */
export const MAX_EVIDENCE_BODY_BYTES = 21 * MiB;

/** A board's backup restored: a large board's tasks and history, plus up to 16 MB of evidence files in base64. */
export const MAX_RESTORE_BODY_BYTES = 48 * MiB;

const isRestore = (path: string): boolean => /^\/api\/boards\/restore$/.test(path);
const isImport = (path: string): boolean => /\/import(\/|$)/.test(path);
const isEvidenceUpload = (path: string): boolean => /\/evidence\/file$/.test(path);

/** The largest body a request to `path` may send (the sweep asks it too, so its 413 probes follow the server). */
export const bodyLimitFor = (path: string): number =>
  isRestore(path) ? MAX_RESTORE_BODY_BYTES : isEvidenceUpload(path) ? MAX_EVIDENCE_BODY_BYTES : isImport(path) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;

/** Reads and drops what is left of a body, within the budgets; a client that gives up just ends it. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DRAIN_MAX_MS;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'time'>((resolve) => {
    timer = setTimeout(resolve, DRAIN_MAX_MS, 'time');
  });
  try {
    while (dropped <= DRAIN_MAX_BYTES && Date.now() < deadline) {
      const next = await Promise.race([reader.read(), timeUp]);
      if (next === 'time' || next.done) break;
      dropped += next.value.byteLength;
    }
  } catch {
    return; // the client went away: nobody is waiting for the 413
  } finally {
    clearTimeout(timer);
  }
  await reader.cancel().catch(() => {});
}

export function requestSizeLimit(): MiddlewareHandler {
  return async (c, next) => {
    const limit = bodyLimitFor(c.req.path);
    const declared = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    // A read, or a body declared within the limit (Node's parser holds the client to its Content-Length):
    // the body is left unread here, so the route reads it straight from Node's stream. Touching
    // `raw.body` makes a web Request and stream for every request: a quarter of a move's time on the
    // request thread (--cpu-prof under 10 moving clients).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!chunked && declared !== undefined && Number(declared) <= limit) return next();
    const body = c.req.raw.body;
    if (!body) return next();
    if (!chunked && declared !== undefined) {
      await discardRest(body.getReader());
      return tooLarge(c, limit);
    }
    // Chunked (or, in process, undeclared): count while reading, and hand the route the bytes read.
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await discardRest(reader);
        return tooLarge(c, limit);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    return next();
  };
}
