// Every API route with the rule that guards it (an action on a subject, as RULES name them) and a
// request that succeeds when the rule allows it. The role × action route tests are generated from this
// table and RULES; the bad-input sweep mutates its requests. A test checks it names every route the
// app serves, so a new route cannot go untested.
import type { z } from 'zod';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BoardBackup,
  BoardPatch,
  blankBoard,
  BulkUpdateRequest,
  CommentRequest,
  ConclusionRequest,
  CreateTaskRequest,
  EvidenceRequest,
  ExtendRequest,
  MoveRequest,
  PeriodReportRequest,
  Plan,
  ReturnRequest,
  TaskDraft,
  UpdateTaskRequest,
  VersionRequest,
  type Action,
  type Board,
  type BoardCard,
  type ColumnId,
  type Subject,
  type TaskFieldsInput,
} from '@dondoc/shared';
import { LoginRequest, PasswordChangeRequest } from '../routes/auth.ts';
import { CreateUserRequest, DirectoryRequest, UpdateUserRequest } from '../routes/users.ts';
import { VerifyRequest } from '../routes/audit.ts';
import { CreateBoardBody, DeleteBoardBody } from '../routes/boards.ts';
import { ApplyReportRequest, ImportBoardRequest, ImportPreviewRequest, ImportTasksRequest, ReportMatchRequest } from '../routes/import.ts';
import { CreateMeetingRequest, IndicatorReadingRequest, ReviewRequest, UpdateMeetingRequest, indicatorKey } from '@dondoc/shared';
import { TEST_INDICATOR } from './trust-app.ts';

/** Who a route lets through, and what it asks the rules. */
export type Guard =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  /** The user's role on "every board" (`roleOn(user, null)`), no agency. */
  | { kind: 'global'; action: Action; subject: Subject }
  /** The user's role on the board in the path, board-level (no conditions). */
  | { kind: 'board'; action: Action; subject: Subject }
  /** The user's role and agency on the board, about the task in the path. */
  | { kind: 'task'; action: Action }
  /** Opened by a secret in the query (a calendar feed a phone subscribes to), never by a session. */
  | { kind: 'token' };

/** What a request is about, filled from the test's store. */
export interface RouteContext {
  board: Board;
  /** A card of the board is enough: routes name a task by its id, track and version. */
  task: BoardCard;
  /** A link evidence on the task ("e1"). */
  evidenceId: string;
  /** A file evidence on the task (set by `prepare` of the routes that need one). */
  fileEvidenceId: string;
  /** A user the administrator acts on (not one the test signs in as). */
  userId: string;
  /** A fresh login for a user to create. */
  newLogin: string;
  /** A checkpoint of the audit trail, as GET /api/audit/checkpoint gives it. */
  checkpoint: unknown;
  /** A meeting on the board (set by the routes that name one); `MEETING_ID` when absent. */
  meetingId?: string;
}

/** The meeting the catalog's meeting routes name, created on the board before them (`needsMeeting`). */
export const MEETING_ID = 'm1';
/** The indicator every test board carries, as a reading names it. */
const TEST_INDICATOR_KEY = indicatorKey(TEST_INDICATOR);

export interface CatalogRequest {
  label: string;
  /** JSON body. */
  json?: unknown;
  /** Multipart body (evidence files). */
  form?: () => FormData;
  /** The status when the rules allow it. */
  status: number;
  /** The task field an edit changes (checked field by field). */
  field?: string;
  /** The column a move goes to. */
  toColumn?: ColumnId;
  /** A query string (without "?"). */
  query?: string;
}

export interface CatalogRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** As Hono lists it: `/api/boards/:boardId/tasks/:taskId/move`. */
  path: string;
  guard: Guard;
  /** Requests that succeed when allowed; empty for routes the role matrix skips (sign-in, sign-out, own password). */
  requests(ctx: RouteContext): CatalogRequest[];
  /** Where the tasks stand before the request (confirm and return need "Chờ xác nhận"). */
  column?: ColumnId;
  /** The task is in the trash first (restore). */
  trashed?: boolean;
  /** The task needs a stored file evidence. */
  fileEvidence?: boolean;
  /** Whether a successful request changes the store. */
  writes: boolean;
  /** The JSON body's schema, as the route validates it (the sweep sends only bodies it refuses). */
  schema?: z.ZodType;
  /** The answer is a stream that stays open (live updates): read its status, then let it go. */
  stream?: boolean;
  /** About one task, named in the body rather than the path (bulk edit): tried on each kind of task. */
  taskInBody?: boolean;
  /** The body's `version` is a file format's (a board backup), not a task's: a wrong one is a 400, never a stale-version 409. */
  formatVersion?: boolean;
  /** Routes about one's own session, tested on their own (`routes/auth.test.ts`) rather than in the role matrix. */
  ownSession?: boolean;
  /** The board holds the meeting `MEETING_ID` first. */
  needsMeeting?: boolean;
}

/** A valid value for every task field a person can edit: the update tests try each on its own. */
export const FIELD_SAMPLES: Required<TaskFieldsInput> = {
  ordinal: '9a',
  group: ['Phụ lục I', 'Nhóm 2'],
  content: 'Triển khai nền tảng số dùng chung của tỉnh',
  leads: ['Sở Nội vụ'],
  leadsText: 'Sở Nội vụ',
  partners: ['Sở Tài chính'],
  partnersText: 'Sở Tài chính',
  deadline: 'Quý I/2026',
  output: 'Báo cáo kết quả triển khai',
  sourceDoc: 'Kế hoạch số 01/KH-UBND',
  owner: 'Nguyễn Văn An',
  approver: 'Lê Thị Bình',
  progress: 60,
  difficulties: 'Thiếu kinh phí duy trì',
  proposals: 'Đề nghị bổ sung kinh phí năm 2026',
  progressNote: 'Đã hoàn thành 60% khối lượng',
};

export const DRAFT: TaskDraft = TaskDraft.parse({
  track: 'khcn-cds',
  ordinal: '10',
  content: 'Số hóa hồ sơ lưu trữ',
  leads: ['Sở Nội vụ'],
  partners: [],
  deadline: { raw: 'Quý II/2026', kind: 'quarter', due: '2026-06-30', flags: [] },
  output: 'Kho hồ sơ số',
});

export const PLAN: Plan = Plan.parse({
  id: 'p-test',
  title: 'Kế hoạch nhập thử',
  issuer: 'UBND tỉnh',
  number: '02/KH-UBND',
  province: 'Tỉnh Thử',
  sections: [],
  tasks: [DRAFT],
  indicators: [],
  rhythm: [],
  roVariant: '5ro',
  warnings: [],
});

/** The smallest file evidence accepts: a PDF (evidence files are checked by their bytes, not their name). */
export const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

const v = (ctx: RouteContext) => ctx.task.version;
const one = (status: number, json?: unknown, label = 'hợp lệ'): CatalogRequest[] => [{ label, status, ...(json !== undefined ? { json } : {}) }];
const COLUMNS: ColumnId[] = ['todo', 'doing', 'review', 'done'];

export const ROUTE_CATALOG: readonly CatalogRoute[] = [
  // Open to anyone: health and the client's configuration.
  { method: 'GET', path: '/api/health', guard: { kind: 'public' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/config', guard: { kind: 'public' }, requests: () => one(200), writes: false },
  // Sessions: tested on their own (a success would end or replace the test's sessions).
  { method: 'POST', path: '/api/auth/login', schema: LoginRequest, guard: { kind: 'public' }, requests: () => [], writes: true, ownSession: true },
  { method: 'POST', path: '/api/auth/logout', guard: { kind: 'public' }, requests: () => [], writes: true, ownSession: true },
  { method: 'GET', path: '/api/auth/me', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'POST', path: '/api/auth/password', schema: PasswordChangeRequest, guard: { kind: 'signed-in' }, requests: () => [], writes: true, ownSession: true },

  // Administration.
  { method: 'GET', path: '/api/users', guard: { kind: 'global', action: 'manage', subject: 'User' }, requests: () => one(200), writes: false },
  { method: 'POST', path: '/api/users', schema: CreateUserRequest, guard: { kind: 'global', action: 'manage', subject: 'User' }, requests: (c) => one(201, { login: c.newLogin, name: 'Người dùng mới', agency: 'Sở Nội vụ', roles: { '*': 'viewer' } }), writes: true },
  { method: 'PATCH', path: '/api/users/:userId', schema: UpdateUserRequest, guard: { kind: 'global', action: 'manage', subject: 'User' }, requests: () => one(200, { name: 'Tên đã sửa', roles: { '*': 'leader' } }), writes: true },
  { method: 'POST', path: '/api/users/:userId/password', guard: { kind: 'global', action: 'manage', subject: 'User' }, requests: () => one(200), writes: true },
  { method: 'GET', path: '/api/directory', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'PUT', path: '/api/directory', schema: DirectoryRequest, guard: { kind: 'global', action: 'manage', subject: 'all' }, requests: () => one(200, { agencies: [{ name: 'Sở Nội vụ', aliases: ['SNV'], collective: false }] }), writes: true },
  { method: 'GET', path: '/api/audit/verify', guard: { kind: 'global', action: 'read', subject: 'Audit' }, requests: () => one(200), writes: false },
  { method: 'POST', path: '/api/audit/verify', schema: VerifyRequest, guard: { kind: 'global', action: 'read', subject: 'Audit' }, requests: (c) => one(200, { checkpoint: c.checkpoint }), writes: false },
  { method: 'GET', path: '/api/audit/checkpoint', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/audit/export', guard: { kind: 'global', action: 'manage', subject: 'Audit' }, requests: () => one(200), writes: false },

  // Boards.
  { method: 'GET', path: '/api/boards', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'POST', path: '/api/boards', schema: CreateBoardBody, guard: { kind: 'global', action: 'create', subject: 'Board' }, requests: () => one(201, { template: 'fixture-tiny:tiny' }), writes: true },
  { method: 'POST', path: '/api/boards/import', schema: ImportBoardRequest, guard: { kind: 'global', action: 'create', subject: 'Board' }, requests: () => one(201, { plan: PLAN }), writes: true },
  {
    method: 'POST',
    path: '/api/boards/restore',
    schema: BoardBackup,
    guard: { kind: 'global', action: 'create', subject: 'Board' },
    // The smallest backup: a board with no task (a worked board's backup is tested in routes/backup.test.ts).
    requests: () =>
      one(201, {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: '2025-11-20T02:00:00.000Z',
        exportedBy: { id: 'u1', name: 'Người sao lưu' },
        board: blankBoard({ id: 'b-sao-luu', title: 'Bảng khôi phục', createdAt: '2025-11-20T02:00:00.000Z' }),
        tasks: [],
        history: {},
        evidence: [],
        files: {},
      }),
    formatVersion: true,
    writes: true,
  },
  { method: 'GET', path: '/api/boards/:boardId', guard: { kind: 'board', action: 'read', subject: 'Board' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/boards/:boardId/backup', guard: { kind: 'board', action: 'export', subject: 'Board' }, requests: () => one(200), writes: false },
  { method: 'PATCH', path: '/api/boards/:boardId', schema: BoardPatch, guard: { kind: 'board', action: 'update', subject: 'Board' }, requests: () => one(200, { title: 'Bảng đã đổi tên' }), writes: true },
  { method: 'DELETE', path: '/api/boards/:boardId', schema: DeleteBoardBody, guard: { kind: 'board', action: 'delete', subject: 'Board' }, requests: (c) => one(200, { confirmTitle: c.board.title }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/import', schema: ImportTasksRequest, guard: { kind: 'board', action: 'import', subject: 'Board' }, requests: () => one(201, { tasks: [DRAFT] }), writes: true },
  { method: 'GET', path: '/api/boards/:boardId/export/:plugin/:exporter', guard: { kind: 'board', action: 'export', subject: 'Board' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/boards/:boardId/exports', guard: { kind: 'board', action: 'read', subject: 'Board' }, requests: () => one(200), writes: false },
  { method: 'POST', path: '/api/boards/:boardId/calendar-token', guard: { kind: 'board', action: 'update', subject: 'Board' }, requests: () => one(201), writes: true },
  { method: 'DELETE', path: '/api/boards/:boardId/calendar-token', guard: { kind: 'board', action: 'update', subject: 'Board' }, requests: () => one(200), writes: true },
  // Without the board's feed token (none is set here) every caller is refused, signed in or not.
  { method: 'GET', path: '/api/boards/:boardId/calendar.ics', guard: { kind: 'token' }, requests: () => [{ label: 'mã sai', status: 403 }], writes: false },
  // The leaders' view: meetings (the secretary or a leader holds them), dashboards, indicator readings.
  { method: 'GET', path: '/api/boards/:boardId/meetings', guard: { kind: 'board', action: 'read', subject: 'Meeting' }, requests: () => one(200), writes: false },
  {
    method: 'POST',
    path: '/api/boards/:boardId/meetings',
    schema: CreateMeetingRequest,
    guard: { kind: 'board', action: 'create', subject: 'Meeting' },
    requests: () => one(201, { title: 'Họp Ban Chỉ đạo tháng 12/2025', date: '2025-12-15', chair: 'Phó Chủ tịch UBND tỉnh', attendees: ['Sở Nội vụ'], agenda: 'agency' }),
    writes: true,
  },
  { method: 'GET', path: '/api/boards/:boardId/meetings/:meetingId', guard: { kind: 'board', action: 'read', subject: 'Meeting' }, requests: () => one(200), writes: false, needsMeeting: true },
  { method: 'PATCH', path: '/api/boards/:boardId/meetings/:meetingId', schema: UpdateMeetingRequest, guard: { kind: 'board', action: 'update', subject: 'Meeting' }, requests: () => one(200, { version: 1, chair: 'Chủ tịch UBND tỉnh' }), writes: true, needsMeeting: true },
  { method: 'POST', path: '/api/boards/:boardId/meetings/:meetingId/review', schema: ReviewRequest, guard: { kind: 'board', action: 'update', subject: 'Meeting' }, requests: (c) => one(200, { taskId: c.task.id, reviewed: true }), writes: true, needsMeeting: true, taskInBody: true },
  { method: 'GET', path: '/api/boards/:boardId/meetings/:meetingId/minutes', guard: { kind: 'board', action: 'read', subject: 'Meeting' }, requests: () => one(200), writes: false, needsMeeting: true },
  { method: 'GET', path: '/api/boards/:boardId/dashboard', guard: { kind: 'board', action: 'read', subject: 'Board' }, requests: () => one(200), writes: false },
  {
    method: 'POST',
    path: '/api/boards/:boardId/indicators/readings',
    schema: IndicatorReadingRequest,
    guard: { kind: 'board', action: 'update', subject: 'Indicator' },
    requests: () => one(201, { indicator: TEST_INDICATOR_KEY, value: 72.5, note: 'Theo báo cáo tháng 11', asOf: '2025-11-20' }),
    writes: true,
  },
  // Across boards: each lists only the boards the user holds a role on.
  { method: 'GET', path: '/api/dashboard', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/province', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/events', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false, stream: true },
  /** Live updates: a stream that stays open, so the role matrix reads only its status. */
  { method: 'GET', path: '/api/boards/:boardId/events', guard: { kind: 'board', action: 'read', subject: 'Board' }, requests: () => one(200), writes: false, stream: true },
  { method: 'POST', path: '/api/boards/:boardId/report/match', schema: ReportMatchRequest, guard: { kind: 'board', action: 'import', subject: 'Board' }, requests: () => one(200, { tasks: [DRAFT] }), writes: false },
  {
    method: 'POST',
    path: '/api/boards/:boardId/report',
    schema: ApplyReportRequest,
    guard: { kind: 'board', action: 'import', subject: 'Board' },
    requests: (c) => one(200, { updates: [{ taskId: c.task.id, expectedVersion: v(c), progress: 50, note: 'Đã triển khai 50%', status: 'Đang thực hiện', late: false }], source: 'Báo cáo tháng 11' }),
    taskInBody: true,
    writes: true,
  },

  // Tasks: board-level rules.
  { method: 'GET', path: '/api/boards/:boardId/tasks', guard: { kind: 'board', action: 'read', subject: 'Task' }, requests: (c) => [{ label: '?ids=', status: 200, query: `ids=${encodeURIComponent(c.task.id)}` }], writes: false },
  { method: 'GET', path: '/api/boards/:boardId/tasks/:taskId', guard: { kind: 'board', action: 'read', subject: 'Task' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/boards/:boardId/tasks/:taskId/history', guard: { kind: 'board', action: 'read', subject: 'Task' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/boards/:boardId/tasks/:taskId/evidence/:evidenceId/file', guard: { kind: 'board', action: 'read', subject: 'Task' }, requests: () => one(200), fileEvidence: true, writes: false },
  { method: 'POST', path: '/api/boards/:boardId/tasks', schema: CreateTaskRequest, guard: { kind: 'board', action: 'create', subject: 'Task' }, requests: () => one(201, { track: 'khcn-cds', content: 'Nhiệm vụ thêm tay' }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/duplicate', guard: { kind: 'board', action: 'create', subject: 'Task' }, requests: () => one(201), writes: true },
  { method: 'DELETE', path: '/api/boards/:boardId/tasks/:taskId', schema: VersionRequest, guard: { kind: 'board', action: 'delete', subject: 'Task' }, requests: (c) => one(200, { version: v(c) }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/restore', guard: { kind: 'board', action: 'delete', subject: 'Task' }, requests: () => one(200), trashed: true, writes: true },

  // Tasks: rules that look at the task (whose it is, where it goes).
  {
    method: 'POST',
    path: '/api/boards/:boardId/tasks/:taskId/move',
    schema: MoveRequest,
    guard: { kind: 'task', action: 'move' },
    requests: (c) => COLUMNS.map((column) => ({ label: `sang ${column}`, json: { version: v(c), track: c.task.track, column, afterId: null }, status: 200, toColumn: column })),
    writes: true,
  },
  {
    method: 'POST',
    path: '/api/boards/:boardId/tasks/:taskId/move',
    schema: MoveRequest,
    guard: { kind: 'task', action: 'move' },
    column: 'done',
    requests: (c) => COLUMNS.map((column) => ({ label: `từ done sang ${column}`, json: { version: v(c), track: c.task.track, column, afterId: null }, status: 200, toColumn: column })),
    writes: true,
  },
  {
    method: 'PATCH',
    path: '/api/boards/:boardId/tasks/:taskId',
    schema: UpdateTaskRequest,
    guard: { kind: 'task', action: 'update' },
    requests: (c) => Object.entries(FIELD_SAMPLES).map(([field, value]) => ({ label: field, json: { version: v(c), [field]: value }, status: 200, field })),
    writes: true,
  },
  {
    method: 'PATCH',
    path: '/api/boards/:boardId/tasks',
    schema: BulkUpdateRequest,
    guard: { kind: 'task', action: 'update' },
    requests: (c) => Object.entries(FIELD_SAMPLES).map(([field, value]) => ({ label: field, json: { items: [{ taskId: c.task.id, version: v(c) }], patch: { [field]: value } }, status: 200, field })),
    taskInBody: true,
    writes: true,
  },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/confirm', schema: VersionRequest, guard: { kind: 'task', action: 'confirm' }, column: 'review', requests: (c) => one(200, { version: v(c) }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/return', schema: ReturnRequest, guard: { kind: 'task', action: 'return' }, column: 'review', requests: (c) => one(200, { version: v(c), reason: 'Minh chứng chưa đủ' }), writes: true },
  {
    method: 'POST',
    path: '/api/boards/:boardId/tasks/:taskId/extend',
    schema: ExtendRequest,
    guard: { kind: 'task', action: 'extend' },
    requests: (c) => one(200, { version: v(c), due: '2026-03-31', reason: 'Chờ kinh phí', approvedBy: 'Chủ tịch UBND tỉnh' }),
    writes: true,
  },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/period-reports', schema: PeriodReportRequest, guard: { kind: 'task', action: 'report' }, requests: () => one(200, { period: '2025-11', done: true, note: 'Đã báo cáo' }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/comments', schema: CommentRequest, guard: { kind: 'task', action: 'comment' }, requests: () => one(201, { text: 'Đề nghị đơn vị cập nhật tiến độ' }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/conclusions', schema: ConclusionRequest, guard: { kind: 'task', action: 'conclude' }, requests: () => one(201, { text: 'Giao hoàn thành trước 31/3/2026', newDue: '2026-03-31' }), writes: true },
  { method: 'POST', path: '/api/boards/:boardId/tasks/:taskId/evidence', schema: EvidenceRequest, guard: { kind: 'task', action: 'evidence' }, requests: () => one(201, { kind: 'link', label: 'Công văn số 5/SKHCN', url: 'https://example.vn/cv-5' }), writes: true },
  {
    method: 'POST',
    path: '/api/boards/:boardId/tasks/:taskId/evidence/file',
    guard: { kind: 'task', action: 'evidence' },
    requests: () => [
      {
        label: 'tệp',
        status: 201,
        form: () => {
          const f = new FormData();
          f.set('file', new File([MINIMAL_PDF], 'bien-ban.pdf', { type: 'application/pdf' }));
          f.set('label', 'Biên bản họp');
          return f;
        },
      },
    ],
    writes: true,
  },
  { method: 'DELETE', path: '/api/boards/:boardId/tasks/:taskId/evidence/:evidenceId', guard: { kind: 'task', action: 'evidence' }, requests: () => one(200), writes: true },

  // Plugins, templates, reading a plan (nothing stored).
  { method: 'GET', path: '/api/plugins', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'GET', path: '/api/templates', guard: { kind: 'signed-in' }, requests: () => one(200), writes: false },
  { method: 'POST', path: '/api/import/preview', schema: ImportPreviewRequest, guard: { kind: 'signed-in' }, requests: () => one(200, { text: 'STT\tNội dung\tCơ quan chủ trì\tThời hạn\n1\tSố hóa hồ sơ\tSở Nội vụ\tQuý I/2026' }), writes: false },
];

/** The path with its parameters filled from the context. */
export function fillPath(path: string, ctx: Pick<RouteContext, 'board' | 'task' | 'evidenceId' | 'fileEvidenceId' | 'userId' | 'meetingId'>): string {
  return path
    .replace(':boardId', encodeURIComponent(ctx.board.id))
    .replace(':meetingId', encodeURIComponent(ctx.meetingId ?? MEETING_ID))
    .replace(':taskId', encodeURIComponent(ctx.task.id))
    .replace(':evidenceId/file', `${encodeURIComponent(ctx.fileEvidenceId)}/file`)
    .replace(':evidenceId', encodeURIComponent(ctx.evidenceId))
    .replace(':userId', encodeURIComponent(ctx.userId))
    .replace(':plugin', 'fixture-tiny')
    .replace(':exporter', 'lines');
}
