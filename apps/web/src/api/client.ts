// Thin typed client for the dondoc HTTP API (paths from ARCHITECTURE.md), built on fetch
// with the shared request/response types until the server's AppType can be used via hc.
import type { ApiError, BoardPayload, BoardSummary, CreateBoardRequest, MoveRequest } from '@dondoc/shared/api';
import type { Board, Task } from '@dondoc/shared/model';
import type { PluginInfo } from '@dondoc/shared/plugin';

/** A template as listed by `GET /api/templates`; `id` is addressed as `plugin:templateId`. */
export interface TemplateInfo {
  id: string;
  plugin?: string;
  label: string;
  description?: string;
  taskCount?: number;
}

export interface AppConfig {
  today: string;
  pluginApi: string;
}

/** A non-2xx answer; `body` is the server's `ApiError` when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.name = 'ApiRequestError';
  }
}

const enc = encodeURIComponent;

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...init?.headers },
  });
  if (!res.ok) {
    let body: ApiError | null = null;
    try {
      const json: unknown = await res.json();
      if (json && typeof json === 'object' && 'error' in json) body = json as ApiError;
    } catch {
      // a body that is not JSON (proxy error page): keep the status only
    }
    throw new ApiRequestError(res.status, body);
  }
  return (await res.json()) as T;
}

export const getConfig = (): Promise<AppConfig> => request('/api/config');

export const listBoards = (): Promise<BoardSummary[]> => request('/api/boards');

export const getBoard = (boardId: string): Promise<BoardPayload> => request(`/api/boards/${enc(boardId)}`);

export const createBoard = (body: CreateBoardRequest): Promise<Board> =>
  request('/api/boards', { method: 'POST', body: JSON.stringify(body) });

export const moveTask = (boardId: string, taskId: string, body: MoveRequest): Promise<Task> =>
  request(`/api/boards/${enc(boardId)}/tasks/${enc(taskId)}/move`, { method: 'POST', body: JSON.stringify(body) });

export const listPlugins = (): Promise<PluginInfo[]> => request('/api/plugins');

/** Templates arrive either flat or grouped by plugin depending on the server; normalise to `plugin:id`. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const raw = await request<Array<TemplateInfo & { pluginId?: string; pluginName?: string }>>('/api/templates');
  return raw.map((t) => {
    const plugin = t.plugin ?? t.pluginId ?? t.pluginName;
    const id = plugin && !t.id.includes(':') ? `${plugin}:${t.id}` : t.id;
    return { ...t, id, ...(plugin ? { plugin } : {}) };
  });
}

/** A plain link target: the browser downloads it (the server sets Content-Disposition). */
export const exportUrl = (boardId: string, plugin: string, exporter: string): string =>
  `/api/boards/${enc(boardId)}/export/${enc(plugin)}/${enc(exporter)}`;
