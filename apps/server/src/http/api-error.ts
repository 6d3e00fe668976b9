// Expected failures as HTTPExceptions carrying an `ApiError` body, and zod issues turned into a 400 naming the field in Vietnamese.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { FIELD_LABELS, MEETING_FIELD_LABELS, type ApiError, type OperationFailure } from '@dondoc/shared';

export type ApiErrorBody = ApiError['error'];

/** Builds the HTTPException whose response is the `ApiError` JSON body. */
export function apiError(status: ContentfulStatusCode, error: ApiErrorBody, headers: Record<string, string> = {}): HTTPException {
  const res = new Response(JSON.stringify({ error } satisfies ApiError), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
  return new HTTPException(status, { res, message: error.messageEn ?? error.message });
}

export const notFound = (what: string, id: string, whatEn: string, field?: string) =>
  apiError(404, {
    code: 'not-found',
    message: `Không tìm thấy ${what} "${id}"`,
    messageEn: `${whatEn} "${id}" not found`,
    ...(field ? { field } : {}),
  });

const valueAt = (input: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);

const TYPE_VI: Record<string, string> = { string: 'chuỗi', number: 'số', boolean: 'true/false', object: 'đối tượng', array: 'mảng', null: 'null' };

/** One zod issue in words a user can act on: Vietnamese and English, and the field it is about. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): ApiErrorBody {
  let path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path = [...path, issue.keys[0] ?? ''];
  const field = path.join('.') || '(body)';
  // Name the field as the person sees it ("Người phụ trách"), keeping the API key for developers.
  const label = [...path].reverse().map((k) => (Object.hasOwn(FIELD_LABELS, k) ? FIELD_LABELS[k] : Object.hasOwn(MEETING_FIELD_LABELS, k) ? MEETING_FIELD_LABELS[k] : undefined)).find(Boolean);
  const q = label ? `"${label}" (${field})` : `"${field}"`;
  const qEn = `"${field}"`;
  let vi: string;
  let en: string;
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) {
        vi = `Thiếu trường ${q}`;
        en = `Field ${qEn} is required`;
      } else {
        vi = `Trường ${q} phải là ${TYPE_VI[issue.expected] ?? issue.expected}`;
        en = `Field ${qEn} must be ${issue.expected}`;
      }
      break;
    case 'too_small':
      vi = issue.origin === 'string' ? `Trường ${q} quá ngắn (tối thiểu ${issue.minimum} ký tự)` : `Trường ${q} quá nhỏ (tối thiểu ${issue.minimum})`;
      en = `Field ${qEn} is too small (minimum ${issue.minimum})`;
      break;
    case 'too_big':
      vi = issue.origin === 'string' ? `Trường ${q} quá dài (tối đa ${issue.maximum} ký tự)` : `Trường ${q} quá lớn (tối đa ${issue.maximum})`;
      en = `Field ${qEn} is too big (maximum ${issue.maximum})`;
      break;
    case 'invalid_value':
      vi = `Trường ${q} phải là một trong: ${issue.values.map(String).join(', ')}`;
      en = `Field ${qEn} must be one of: ${issue.values.map(String).join(', ')}`;
      break;
    case 'invalid_format':
      vi = `Trường ${q} sai định dạng${issue.message && !/^Invalid/.test(issue.message) ? `: ${issue.message}` : ''}`;
      en = `Field ${qEn} has an invalid format`;
      break;
    case 'unrecognized_keys':
      vi = `Trường ${q} không được hỗ trợ`;
      en = `Field ${qEn} is not allowed`;
      break;
    case 'custom':
      // Our own refinements say what is wrong in Vietnamese already.
      vi = `Trường ${q} không hợp lệ: ${issue.message}`;
      en = `Field ${qEn} is invalid`;
      break;
    default:
      vi = `Trường ${q} không hợp lệ`;
      en = `Field ${qEn} is invalid: ${issue.message}`;
  }
  return { code: 'bad-request', message: vi, messageEn: en, field };
}

/** Parses `input` with `schema` or throws a 400 naming the first field at fault. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw apiError(400, describeIssue(r.error.issues[0]!, input));
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/**
 * Validates the JSON body with `schema`; hono's own "malformed JSON" 400 is reworded by the error
 * handler. A body sent as another type is refused rather than read as `{}` (which hono's validator
 * does, and which an all-optional patch would take as a valid, empty change).
 */
export const jsonBody = <S extends z.ZodType>(schema: S) =>
  validator('json', (value, c) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? ''))
      throw apiError(415, {
        code: 'unsupported',
        field: '(body)',
        message: 'Nội dung yêu cầu phải là JSON (Content-Type: application/json)',
        messageEn: 'The request body must be JSON (Content-Type: application/json)',
      });
    return parseOr400(schema, value) as z.output<S>;
  });

/** Validates the query string with `schema` (a 400 naming the parameter otherwise), typed for hc clients. */
export const queryOf = <S extends z.ZodType>(schema: S) => validator('query', (value) => parseOr400(schema, value) as z.output<S>);

/** A reducer failure as the HTTP error the client gets: 404, 409 with `current`, or 400 with `field`. */
export function operationError(failure: OperationFailure): HTTPException {
  switch (failure.kind) {
    case 'not-found':
      return apiError(404, { code: 'not-found', message: failure.message, messageEn: failure.messageEn, field: `${failure.entity === 'evidence' ? 'evidence' : failure.entity}Id` });
    case 'conflict':
      return apiError(409, { code: 'conflict', message: failure.message, messageEn: failure.messageEn, field: 'version', current: failure.current });
    case 'stale':
      return apiError(409, { code: 'conflict', message: failure.message, messageEn: failure.messageEn, field: 'version' });
    case 'invalid':
      return apiError(400, { code: 'bad-request', message: failure.message, messageEn: failure.messageEn, field: failure.field });
  }
}
