// Request bodies of the task-work API, with a limit on every field, and the Vietnamese name of each
// field so a refusal says which one ("Người phụ trách" quá dài), not only its key.
import { z } from 'zod';
import { ColumnId, Deadline, IsoDate, TrackId } from './model.ts';

export const MoveRequest = z
  .object({
    version: z.number().int().nonnegative(),
    track: TrackId,
    column: ColumnId,
    /** Place the task right after this task of the target cell; null puts it first. */
    afterId: z.string().max(100).nullable(),
  })
  .strict();
export type MoveRequest = z.infer<typeof MoveRequest>;

export const CreateBoardRequest = z.object({
  /** "pluginName:templateId" */
  template: z.string().min(1),
  title: z.string().min(1).max(300).optional(),
});
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>;

/** How long each text may be; generous for plan wording, small enough that nothing stalls on it. */
export const TASK_LIMITS = {
  content: 5000,
  ordinal: 50,
  groupLevel: 300,
  groupDepth: 10,
  agency: 300,
  agencies: 30,
  agencyText: 2000,
  deadline: 500,
  output: 2000,
  sourceDoc: 500,
  person: 200,
  longText: 5000,
} as const;

const text = (max: number) => z.string().max(max);

/** Task fields as a person edits them; the deadline comes as typed ("Quý I/2026") or already parsed. */
export const TaskFieldsInput = z
  .object({
    ordinal: text(TASK_LIMITS.ordinal),
    group: z.array(text(TASK_LIMITS.groupLevel)).max(TASK_LIMITS.groupDepth),
    content: z.string().trim().min(1).max(TASK_LIMITS.content),
    leads: z.array(z.string().trim().min(1).max(TASK_LIMITS.agency)).max(TASK_LIMITS.agencies),
    leadsText: text(TASK_LIMITS.agencyText),
    partners: z.array(z.string().trim().min(1).max(TASK_LIMITS.agency)).max(TASK_LIMITS.agencies),
    partnersText: text(TASK_LIMITS.agencyText),
    deadline: z.union([z.string().max(TASK_LIMITS.deadline), Deadline]),
    output: text(TASK_LIMITS.output),
    sourceDoc: text(TASK_LIMITS.sourceDoc),
    owner: text(TASK_LIMITS.person),
    approver: text(TASK_LIMITS.person),
    progress: z.number().int().min(0).max(100),
    difficulties: text(TASK_LIMITS.longText),
    proposals: text(TASK_LIMITS.longText),
    progressNote: text(TASK_LIMITS.longText),
  })
  .partial()
  .strict();
export type TaskFieldsInput = z.infer<typeof TaskFieldsInput>;

const Version = z.number().int().nonnegative();

/** `PATCH …/tasks/:taskId`: the version the client saw plus the fields to change. */
export const UpdateTaskRequest = TaskFieldsInput.extend({ version: Version }).strict();
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

/** `POST …/tasks`: a task added by hand, at the end of its cell or right after `afterId`. */
export const CreateTaskRequest = TaskFieldsInput.extend({
  track: TrackId,
  column: ColumnId.default('todo'),
  content: z.string().trim().min(1).max(TASK_LIMITS.content),
  afterId: z.string().max(100).nullable().optional(),
}).strict();
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

/** `PATCH …/tasks` (bulk): the same change on each selected task, plus per-task changes (e.g. which lead stays). */
export const BulkUpdateRequest = z
  .object({
    items: z.array(z.object({ taskId: z.string().min(1).max(100), version: Version, patch: TaskFieldsInput.optional() }).strict()).min(1).max(10_000),
    patch: TaskFieldsInput.default({}),
  })
  .strict();
export type BulkUpdateRequest = z.infer<typeof BulkUpdateRequest>;

export const VersionRequest = z.object({ version: Version }).strict();
export const ReturnRequest = z.object({ version: Version, reason: z.string().trim().min(1).max(TASK_LIMITS.longText) }).strict();
export const ExtendRequest = z
  .object({ version: Version, due: IsoDate, reason: z.string().trim().min(1).max(TASK_LIMITS.longText), approvedBy: z.string().trim().min(1).max(TASK_LIMITS.person) })
  .strict();
/** Period keys of `periods.ts`: 2025-12, 2025-W50, 2025-Q4, 2025-H2, 2025. */
export const PeriodKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3])|-Q[1-4]|-H[12])?$/, 'kỳ dạng 2025-12, 2025-W50, 2025-Q4, 2025-H2 hoặc 2025');
export const PeriodReportRequest = z.object({ period: PeriodKey, done: z.boolean(), note: text(TASK_LIMITS.longText).default('') }).strict();
export const CommentRequest = z.object({ text: z.string().trim().min(1).max(TASK_LIMITS.longText) }).strict();
/** Only web links: a `javascript:` or `data:` link in evidence would run or hide something when clicked. */
export const WebUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'phải là liên kết http:// hoặc https://');
export const EvidenceRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), label: z.string().trim().min(1).max(500), url: WebUrl, period: PeriodKey.optional() }).strict(),
  z.object({ kind: z.literal('note'), label: z.string().trim().min(1).max(TASK_LIMITS.longText), period: PeriodKey.optional() }).strict(),
]);
export const ConclusionRequest = z
  .object({
    text: z.string().trim().min(1).max(TASK_LIMITS.longText),
    newDue: IsoDate.optional(),
    followUp: text(TASK_LIMITS.person).default(''),
    meetingId: z.string().max(100).optional(),
    /** Who approved the new deadline, when there is one (default: the conclusion's author). */
    approvedBy: text(TASK_LIMITS.person).optional(),
  })
  .strict();

/** Vietnamese names of request fields, for messages that name the field a person sees. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ordinal: 'STT',
  group: 'Nhóm nhiệm vụ',
  content: 'Nội dung nhiệm vụ',
  leads: 'Cơ quan chủ trì',
  leadsText: 'Cơ quan chủ trì (như in)',
  partners: 'Cơ quan phối hợp',
  partnersText: 'Cơ quan phối hợp (như in)',
  deadline: 'Thời hạn',
  output: 'Kết quả đầu ra',
  sourceDoc: 'Văn bản giao nhiệm vụ',
  owner: 'Người phụ trách',
  approver: 'Người phê duyệt',
  progress: 'Tiến độ (%)',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Đề xuất, kiến nghị',
  progressNote: 'Kết quả thực hiện',
  track: 'Lĩnh vực',
  column: 'Cột (tình trạng)',
  afterId: 'Vị trí',
  version: 'Phiên bản',
  reason: 'Lý do',
  due: 'Hạn mới',
  approvedBy: 'Người phê duyệt gia hạn',
  period: 'Kỳ báo cáo',
  done: 'Đã hoàn thành kỳ',
  note: 'Ghi chú',
  text: 'Nội dung',
  label: 'Mô tả minh chứng',
  url: 'Liên kết',
  // A plan to import and an evidence upload both send a `file`: the word fits both.
  file: 'Tệp',
  kind: 'Loại minh chứng',
  newDue: 'Hạn mới',
  followUp: 'Người theo dõi',
  title: 'Tên bảng',
  settings: 'Thiết lập bảng',
  archived: 'Lưu trữ',
  confirmTitle: 'Tên bảng (xác nhận)',
  login: 'Tên đăng nhập',
  password: 'Mật khẩu',
  current: 'Mật khẩu hiện tại',
  next: 'Mật khẩu mới',
  name: 'Họ tên',
  agency: 'Cơ quan',
  roles: 'Vai trò',
  items: 'Nhiệm vụ đã chọn',
};
