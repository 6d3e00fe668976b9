// Administration calls (users, the agency directory, the audit trail) through `hc<AppType>`: paths,
// bodies and answers are the server's own types, so nothing here is written twice.
import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '@dondoc/server';
import type { ApiError } from '@dondoc/shared/api';
import { ApiRequestError } from './client.ts';

const api = hc<AppType>(globalThis.location?.origin ?? 'http://localhost').api;

/** The JSON of a 2xx answer, or an ApiRequestError carrying the server's words. */
async function answer<T>(pending: Promise<ClientResponse<T, number, 'json'>>): Promise<T> {
  const res = await pending;
  if (!res.ok) {
    let body: ApiError | null = null;
    try {
      const json: unknown = await res.json();
      if (json && typeof json === 'object' && 'error' in json) body = json as ApiError;
    } catch {
      // not JSON (a proxy's error page): the status alone
    }
    throw new ApiRequestError(res.status, body);
  }
  return res.json();
}

export type UserInfo = InferResponseType<typeof api.users.$get>[number];
export type NewUser = InferRequestType<typeof api.users.$post>['json'];
export type UserChange = InferRequestType<(typeof api.users)[':userId']['$patch']>['json'];
/** A user with the one-time password the server shows once (create, reset). */
export type UserWithPassword = InferResponseType<typeof api.users.$post>;
export type DirectoryEntry = InferResponseType<typeof api.directory.$get>[number];
export type DirectoryInput = InferRequestType<typeof api.directory.$put>['json']['agencies'];
export type AuditVerdict = InferResponseType<typeof api.audit.verify.$get>;
export type AuditCheckpoint = InferResponseType<typeof api.audit.checkpoint.$get>;
export type CheckpointInput = InferRequestType<typeof api.audit.verify.$post>['json']['checkpoint'];

export const listUsers = () => answer(api.users.$get());
export const createUser = (json: NewUser) => answer(api.users.$post({ json }));
export const updateUser = (userId: string, json: UserChange) => answer(api.users[':userId'].$patch({ param: { userId }, json }));
export const resetPassword = (userId: string) => answer(api.users[':userId'].password.$post({ param: { userId } }));

export const getDirectory = () => answer(api.directory.$get());
export const saveDirectory = (agencies: DirectoryInput) => answer(api.directory.$put({ json: { agencies } }));

export const verifyAudit = () => answer(api.audit.verify.$get());
export const verifyAgainst = (checkpoint: CheckpointInput) => answer(api.audit.verify.$post({ json: { checkpoint } }));
export const getCheckpoint = () => answer(api.audit.checkpoint.$get());
/** A plain link: the browser streams the download (the server sets Content-Disposition). */
export const auditExportUrl = (): string => api.audit.export.$url().pathname;
