// Typed client for the dondoc HTTP API: `hc<AppType>` checks paths, params and bodies against
// the server's routes at compile time; answers are checked against the shared types here.
import { hc } from 'hono/client';
import type { AppType } from '@dondoc/server';
import type { ApiError, BoardPayload, BoardSummary, CreateBoardRequest, MoveRequest, MoveResponse } from '@dondoc/shared/api';
import type { Agency, Board, Plan, Task, TaskDraft } from '@dondoc/shared/model';
import type { ReportMatchResult, ReportUpdate } from '@dondoc/shared/import/report-match';
import type { TableReport } from '@dondoc/shared/import/tables';
import type { PluginInfo } from '@dondoc/shared/plugin';

/** A template as listed by `GET /api/templates`; `id` is already `plugin:templateId`. */
export interface TemplateInfo {
  id: string;
  plugin: string;
  label: string;
  description?: string;
  taskCount: number;
}

export interface AppConfig {
  today: string;
  pluginApi: string;
}

/** What `POST /api/import/preview` answers: the plan draft, how the input was read, per table what was understood, a workbook's sheets. */
export interface ImportPreview {
  plan: Plan;
  form: string;
  tables: TableReport[];
  sheets?: string[];
  sheet?: string;
  /** Named agencies an unknown one can be mapped to: every province's, the target board's, the user's additions. */
  directory?: string[];
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

// Same origin: the server serves the web app (and Vite proxies /api in dev). An absolute
// base because hc's $url builds a URL object; tests run without a location.
const api = hc<AppType>(globalThis.location?.origin ?? 'http://localhost').api;

/** Resolves to the JSON of a 2xx answer, or throws ApiRequestError with the server's error body. */
async function ok<T>(pending: Promise<Response & { json(): Promise<unknown> }>): Promise<T> {
  const res = await pending;
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

export const getConfig = (): Promise<AppConfig> => ok(api.config.$get());

export const listBoards = (): Promise<BoardSummary[]> => ok(api.boards.$get());

export const getBoard = (boardId: string): Promise<BoardPayload> => ok(api.boards[':boardId'].$get({ param: { boardId } }));

export const createBoard = (body: CreateBoardRequest): Promise<Board> => ok(api.boards.$post({ json: body }));

/** The moved task and the new ranks of neighbours the server renumbered. */
export const moveTask = (boardId: string, taskId: string, body: MoveRequest): Promise<MoveResponse> =>
  ok(api.boards[':boardId'].tasks[':taskId'].move.$post({ param: { boardId, taskId }, json: body }));

export const listPlugins = (): Promise<PluginInfo[]> => ok(api.plugins.$get());

export const listTemplates = (): Promise<TemplateInfo[]> => ok(api.templates.$get());

/** A plain link target: the browser downloads it (the server sets Content-Disposition). */
export const exportUrl = (boardId: string, plugin: string, exporter: string): string =>
  api.boards[':boardId'].export[':plugin'][':exporter'].$url({ param: { boardId, plugin, exporter } }).pathname;

/** Reads a document into a plan draft; nothing is stored. */
export const previewImport = (body: Parameters<typeof api.import.preview.$post>[0]['json']): Promise<ImportPreview> =>
  ok(api.import.preview.$post({ json: body }));

/** Creates a board from a reviewed plan, with the directory entries added in the preview. */
export const importBoard = (plan: Plan, title?: string, agencies: Agency[] = []): Promise<Board> =>
  ok(api.boards.import.$post({ json: { plan, ...(title ? { title } : {}), ...(agencies.length ? { agencies } : {}) } }));

/** Appends reviewed tasks to an existing board, with the directory entries added in the preview, in one write. */
export const importTasks = (boardId: string, tasks: TaskDraft[], agencies: Agency[] = []): Promise<{ board: Board; tasks: Task[] }> =>
  ok(api.boards[':boardId'].import.$post({ param: { boardId }, json: { tasks, ...(agencies.length ? { agencies } : {}) } }));

/** Matches a progress report's rows onto a board's tasks; nothing is written. */
export const matchReport = (boardId: string, tasks: TaskDraft[]): Promise<ReportMatchResult> =>
  ok(api.boards[':boardId'].report.match.$post({ param: { boardId }, json: { tasks } }));

/** Writes a report's matched updates in one operation. */
export const applyReport = (boardId: string, updates: ReportUpdate[], source: string): Promise<{ board: Board; tasks: Task[] }> =>
  ok(api.boards[':boardId'].report.$post({ param: { boardId }, json: { updates, source } }));
