// Request bodies are size-limited before anything reads them: a card move or an edit is a few
// hundred bytes, and only plan imports carry documents.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiError } from '@dondoc/shared';

const MiB = 1024 * 1024;
/** Any API request but an import. */
export const MAX_BODY_BYTES = 1 * MiB;
/** Import requests: a 10 MB file arrives base64-encoded (4/3 larger) inside JSON. */
export const MAX_IMPORT_BODY_BYTES = 16 * MiB;

const tooLarge = (limit: number) => (c: Context) =>
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

const isImport = (path: string): boolean => /\/import(\/|$)/.test(path);
const isEvidenceUpload = (path: string): boolean => /\/evidence\/file$/.test(path);

export function requestSizeLimit(): MiddlewareHandler {
  const small = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge(MAX_BODY_BYTES) });
  const large = bodyLimit({ maxSize: MAX_IMPORT_BODY_BYTES, onError: tooLarge(MAX_IMPORT_BODY_BYTES) });
  const upload = bodyLimit({ maxSize: MAX_EVIDENCE_BODY_BYTES, onError: tooLarge(MAX_EVIDENCE_BODY_BYTES) });
  return (c, next) => (isEvidenceUpload(c.req.path) ? upload : isImport(c.req.path) ? large : small)(c, next);
}
