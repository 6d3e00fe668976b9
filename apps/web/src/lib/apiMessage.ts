// What went wrong, in the user's language: the server's own words when it sent them, else the network.
import { ApiRequestError } from '../api/client.ts';
import { t } from '../i18n/index.ts';

export function apiMessage(e: unknown): string {
  // ApiRequestError words itself in the page's language (or "HTTP 503" without a body).
  if (e instanceof ApiRequestError) return e.message;
  return t('admin.network');
}

/** The field a refusal names (`agencies.3.name`), to show the message beside it. */
export const apiField = (e: unknown): string | undefined => (e instanceof ApiRequestError ? e.body?.error.field : undefined);
