// What went wrong, in the user's language: the server's own words when it sent them, else the network.
import { ApiRequestError } from '../api/client.ts';
import { i18n, t } from '../i18n/index.ts';

export function apiMessage(e: unknown): string {
  if (e instanceof ApiRequestError && e.body) return i18n.global.locale.value === 'en' ? (e.body.error.messageEn ?? e.body.error.message) : e.body.error.message;
  if (e instanceof ApiRequestError) return `HTTP ${e.status}`;
  return t('admin.network');
}

/** The field a refusal names (`agencies.3.name`), to show the message beside it. */
export const apiField = (e: unknown): string | undefined => (e instanceof ApiRequestError ? e.body?.error.field : undefined);
