// Typed client for the dondoc HTTP API: `hc<AppType>` checks paths, params and bodies against
// the server's routes at compile time; answers are checked against the shared types here.
import { hc, type InferResponseType } from 'hono/client';
import type { AppType, BoardDashboardAnswer, HistoryEntry, Me, OverviewAnswer, ProvinceAnswer, TaskAnswer, TaskDetail } from '@dondoc/server';
import type { ApiError, BoardPayload, BoardSummary, MoveResponse } from '@dondoc/shared/api';
import type { Agency, Board, IndicatorReading, Meeting, Plan, Task, TaskDraft } from '@dondoc/shared/model';
import type { MeetingSnapshot } from '@dondoc/shared/plugin';
import type { CreateMeetingBody, UpdateMeetingRequest } from '@dondoc/shared/meeting-requests';
import type { ReportMatchResult, ReportUpdate } from '@dondoc/shared/import/report-match';
import type { BoardPatch } from '@dondoc/shared/operations';
import type { BoardBackup } from '@dondoc/shared/backup';
import type { BulkUpdateRequest, CreateBoardRequest, CreateTaskRequest, MoveRequest, TaskFieldsInput } from '@dondoc/shared/requests';

export type { BoardDashboardAnswer, HistoryEntry, OverviewAnswer, ProvinceAnswer, TaskAnswer, TaskDetail };
import type { PluginInfo } from '@dondoc/shared/plugin';

/** A template as listed by `GET /api/templates`; `id` is already `plugin:templateId`. */
export interface TemplateInfo {
  id: string;
  plugin: string;
  label: string;
  /** Plugin API 1.5: the label and description in English, when the plugin gives them. */
  labelEn?: string;
  description?: string;
  descriptionEn?: string;
  taskCount: number;
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
    // In the page's language: the server words every refusal in Vietnamese and English.
    const english = globalThis.document?.documentElement.lang === 'en' && body?.error.messageEn;
    super((english || body?.error.message) ?? `HTTP ${status}`);
    this.name = 'ApiRequestError';
  }
}

// Same origin: the server serves the web app (and Vite proxies /api in dev). An absolute
// base because hc's $url builds a URL object; tests run without a location.
const api = hc<AppType>(globalThis.location?.origin ?? 'http://localhost').api;

let unauthorized: (() => void) | null = null;
/** What to do when the server says the session is gone (the app sends the user to sign in). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/** Resolves to the JSON of a 2xx answer, or throws ApiRequestError with the server's error body. */
async function ok<T>(pending: Promise<Response & { json(): Promise<unknown> }>): Promise<T> {
  const res = await pending;
  if (res.status === 401 && !res.url.endsWith('/api/auth/me') && !res.url.endsWith('/api/auth/login')) unauthorized?.();
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

/** Signs in; the server sets the session cookie. */
export const login = (body: { login: string; password: string }): Promise<Me> => ok(api.auth.login.$post({ json: body }));
export const logout = (): Promise<{ ok: true }> => ok(api.auth.logout.$post());
/** Who is signed in; rejects with status 401 when nobody is. */
export const me = (): Promise<Me> => ok(api.auth.me.$get());
export const changePassword = (body: { current: string; next: string }): Promise<Me> => ok(api.auth.password.$post({ json: body }));

export const listBoards = (): Promise<BoardSummary[]> => ok(api.boards.$get());

/** A board's payload: every card, or with `slice: 'first'` each cell's first cards (what the first screen shows). */
export const getBoard = (boardId: string, slice?: 'first'): Promise<BoardPayload> => ok(api.boards[':boardId'].$get({ param: { boardId }, query: slice ? { slice } : {} }));

export const createBoard = (body: CreateBoardRequest): Promise<Board> => ok(api.boards.$post({ json: body }));

/** The moved task and the new ranks of neighbours the server renumbered. */
export const moveTask = (boardId: string, taskId: string, body: MoveRequest): Promise<MoveResponse> =>
  ok(api.boards[':boardId'].tasks[':taskId'].move.$post({ param: { boardId, taskId }, json: body }));

export const listPlugins = (): Promise<PluginInfo[]> => ok(api.plugins.$get());

export const listTemplates = (): Promise<TemplateInfo[]> => ok(api.templates.$get());

/**
 * A plain link target: the browser downloads it (the server sets Content-Disposition). `query`
 * carries the board's filter (as in the board's URL) and the export choices (view, period, agency).
 */
export function exportUrl(boardId: string, plugin: string, exporter: string, query: Record<string, string> = {}): string {
  const path = api.boards[':boardId'].export[':plugin'][':exporter'].$url({ param: { boardId, plugin, exporter } }).pathname;
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** Where the board's backup (a JSON file of the whole board) downloads from. */
export const backupUrl = (boardId: string): string => api.boards[':boardId'].backup.$url({ param: { boardId } }).pathname;

/** Makes a new board from a backup file; answers the new board. */
export const restoreBoard = (backup: BoardBackup): Promise<Board> => ok(api.boards.restore.$post({ json: backup }));

const exportMenuRoute = api.boards[':boardId'].exports.$get;
/** What the export menu offers for a board: each exporter with its options, and the calendar feed. */
export type ExportMenuData = InferResponseType<typeof exportMenuRoute, 200>;
export type ExportMenuEntry = ExportMenuData['exporters'][number];

export const getExportMenu = (boardId: string): Promise<ExportMenuData> => ok(exportMenuRoute({ param: { boardId } }));

/** Turns the calendar feed on with a new token (the old link stops working). */
export const renewCalendarFeed = (boardId: string): Promise<{ calendarPath: string }> =>
  ok(api.boards[':boardId']['calendar-token'].$post({ param: { boardId } }));

/** Turns the calendar feed off. */
export const stopCalendarFeed = (boardId: string): Promise<{ calendarPath: null }> =>
  ok(api.boards[':boardId']['calendar-token'].$delete({ param: { boardId } }));

/** Reads a document into a plan draft; nothing is stored. */
const previewRoute = api.import.preview.$post;
/**
 * What `POST /api/import/preview` answers (the server's `ImportPreview`): the plan draft, how the input
 * was read, per table what was understood, a workbook's sheets, and what it matched against.
 */
export type ImportPreview = InferResponseType<typeof previewRoute, 200>;

export const previewImport = (body: Parameters<typeof previewRoute>[0]['json']): Promise<ImportPreview> => ok(previewRoute({ json: body }));

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

// ---- boards ---------------------------------------------------------------

/** Renames, archives or changes the settings of a board. */
export const updateBoard = (boardId: string, patch: BoardPatch): Promise<Board> => ok(api.boards[':boardId'].$patch({ param: { boardId }, json: patch }));

/** Deletes a board; `confirmTitle` must be its title, typed again. */
export const deleteBoard = (boardId: string, confirmTitle: string): Promise<{ ok: true; id: string }> =>
  ok(api.boards[':boardId'].$delete({ param: { boardId }, json: { confirmTitle } }));

/** The province's agency directory (the board's own directory comes with the board). */
export const getDirectory = (): Promise<Agency[]> => ok(api.directory.$get());

// ---- task work ------------------------------------------------------------

const taskPath = (boardId: string, taskId: string) => ({ param: { boardId, taskId } });

/** The whole task record and its checklist result, for the panel. */
export const getTask = (boardId: string, taskId: string): Promise<TaskDetail> => ok(api.boards[':boardId'].tasks[':taskId'].$get(taskPath(boardId, taskId)));

/** Who changed what and when, from the audit trail. */
export const getTaskHistory = (boardId: string, taskId: string): Promise<HistoryEntry[]> =>
  ok(api.boards[':boardId'].tasks[':taskId'].history.$get(taskPath(boardId, taskId)));

export const createTask = (boardId: string, body: CreateTaskRequest): Promise<TaskAnswer> => ok(api.boards[':boardId'].tasks.$post({ param: { boardId }, json: body }));

export const duplicateTask = (boardId: string, taskId: string): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].duplicate.$post(taskPath(boardId, taskId)));

export const deleteTask = (boardId: string, taskId: string, version: number): Promise<{ ok: true; id: string }> =>
  ok(api.boards[':boardId'].tasks[':taskId'].$delete({ ...taskPath(boardId, taskId), json: { version } }));

/** Undo of a delete. */
export const restoreTask = (boardId: string, taskId: string): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].restore.$post(taskPath(boardId, taskId)));

/** Saves some fields of one task; a stale `version` is a 409 carrying the task as it now is. */
export const updateTask = (boardId: string, taskId: string, version: number, fields: TaskFieldsInput): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].$patch({ ...taskPath(boardId, taskId), json: { version, ...fields } }));

/** The same change (plus per-task changes) on many tasks, all or nothing. */
export const bulkUpdate = (boardId: string, body: BulkUpdateRequest): Promise<TaskAnswer[]> => ok(api.boards[':boardId'].tasks.$patch({ param: { boardId }, json: body }));

export const confirmTask = (boardId: string, taskId: string, version: number): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].confirm.$post({ ...taskPath(boardId, taskId), json: { version } }));

export const returnTask = (boardId: string, taskId: string, version: number, reason: string): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].return.$post({ ...taskPath(boardId, taskId), json: { version, reason } }));

export const extendTask = (boardId: string, taskId: string, body: { version: number; due: string; reason: string; approvedBy: string }): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].extend.$post({ ...taskPath(boardId, taskId), json: body }));

export const reportPeriod = (boardId: string, taskId: string, body: { period: string; done: boolean; note: string }): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId']['period-reports'].$post({ ...taskPath(boardId, taskId), json: body }));

export const addComment = (boardId: string, taskId: string, text: string): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].comments.$post({ ...taskPath(boardId, taskId), json: { text } }));

export const addConclusion = (boardId: string, taskId: string, body: { text: string; followUp: string; newDue?: string; approvedBy?: string }): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].conclusions.$post({ ...taskPath(boardId, taskId), json: body }));

/** A link or a note as evidence (optionally for one report period). */
export const addEvidence = (
  boardId: string,
  taskId: string,
  body: { kind: 'link'; label: string; url: string; period?: string } | { kind: 'note'; label: string; period?: string },
): Promise<TaskAnswer> => ok(api.boards[':boardId'].tasks[':taskId'].evidence.$post({ ...taskPath(boardId, taskId), json: body }));

export const removeEvidence = (boardId: string, taskId: string, evidenceId: string): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].evidence[':evidenceId'].$delete({ param: { boardId, taskId, evidenceId } }));

/** Where an evidence file opens (images and PDFs inline, others download). */
export const evidenceFileUrl = (boardId: string, taskId: string, evidenceId: string): string =>
  api.boards[':boardId'].tasks[':taskId'].evidence[':evidenceId'].file.$url({ param: { boardId, taskId, evidenceId } }).pathname;

/**
 * Uploads a file as evidence (multipart; the server sniffs its type and refuses, storing nothing,
 * what is too big or not accepted). The route reads its form itself, so the path comes from hc and
 * the body goes through fetch.
 */
export function uploadEvidence(boardId: string, taskId: string, file: File, opts: { label?: string; period?: string } = {}): Promise<TaskAnswer> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (opts.label) form.append('label', opts.label);
  if (opts.period) form.append('period', opts.period);
  const url = api.boards[':boardId'].tasks[':taskId'].evidence.file.$url(taskPath(boardId, taskId));
  return ok(fetch(url.pathname, { method: 'POST', body: form, credentials: 'same-origin' }));
}

// ---- leaders: live updates, meetings, dashboards --------------------------

/** The tasks a live change named, with their failed criteria, and the ids no longer on the board. */
export function getTasksByIds(boardId: string, ids: readonly string[]): Promise<{ tasks: TaskAnswer[]; missing: string[] }> {
  // The route reads `ids` from its query itself (a comma list), so the path comes from hc and the query is added here.
  const url = api.boards[':boardId'].tasks.$url({ param: { boardId } });
  return ok(fetch(`${url.pathname}?ids=${encodeURIComponent(ids.join(','))}`, { credentials: 'same-origin' }));
}

/** Where a board's live stream is read (EventSource takes a URL; it resumes with Last-Event-ID by itself). */
export const boardEventsUrl = (boardId: string): string => api.boards[':boardId'].events.$url({ param: { boardId } }).pathname;
/** The board list's live counts. */
export const boardListEventsUrl = (): string => api.events.$url().pathname;

export const listMeetings = (boardId: string): Promise<Meeting[]> => ok(api.boards[':boardId'].meetings.$get({ param: { boardId } }));
export const getMeeting = (boardId: string, meetingId: string): Promise<Meeting> => ok(api.boards[':boardId'].meetings[':meetingId'].$get({ param: { boardId, meetingId } }));
export const createMeeting = (boardId: string, body: CreateMeetingBody): Promise<Meeting> => ok(api.boards[':boardId'].meetings.$post({ param: { boardId }, json: body }));
export const updateMeeting = (boardId: string, meetingId: string, body: UpdateMeetingRequest): Promise<Meeting> =>
  ok(api.boards[':boardId'].meetings[':meetingId'].$patch({ param: { boardId, meetingId }, json: body }));
/** Marks a task "đã xem xét" in a meeting (or takes the mark back). */
export const reviewTask = (boardId: string, meetingId: string, taskId: string, reviewed: boolean): Promise<Meeting> =>
  ok(api.boards[':boardId'].meetings[':meetingId'].review.$post({ param: { boardId, meetingId }, json: { taskId, reviewed } }));
export const getMinutes = (boardId: string, meetingId: string): Promise<MeetingSnapshot> =>
  ok(api.boards[':boardId'].meetings[':meetingId'].minutes.$get({ param: { boardId, meetingId } }));
/** A conclusion recorded in a meeting: a decision, a new deadline (an extension), who follows it up. */
export const concludeInMeeting = (boardId: string, taskId: string, body: { text: string; followUp: string; newDue?: string; meetingId: string }): Promise<TaskAnswer> =>
  ok(api.boards[':boardId'].tasks[':taskId'].conclusions.$post({ ...taskPath(boardId, taskId), json: body }));

export const getBoardDashboard = (boardId: string): Promise<BoardDashboardAnswer> => ok(api.boards[':boardId'].dashboard.$get({ param: { boardId } }));
export const getOverview = (): Promise<OverviewAnswer> => ok(api.dashboard.$get());
export const getProvince = (): Promise<ProvinceAnswer> => ok(api.province.$get());
/** An indicator's value on a day, recorded by its owner. */
export const recordIndicator = (boardId: string, body: { indicator: string; value: number; note: string; asOf: string }): Promise<IndicatorReading> =>
  ok(api.boards[':boardId'].indicators.readings.$post({ param: { boardId }, json: body }));
