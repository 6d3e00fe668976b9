// The board's domain model: tracks, columns, tasks, boards and plans, as zod schemas
// that double as TypeScript types. Field names follow DOMAIN.md's task table. The fixed lists
// (tracks, columns, roles) are in vocabulary.ts, which needs no zod.
import { z } from 'zod';
import { AGENDA_ORDERS, BOARD_ROLES, COLUMN_IDS } from './vocabulary.ts';

/** A calendar date in Vietnam, `YYYY-MM-DD`. Dates carry no time zone: they are local to Asia/Ho_Chi_Minh. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

export const TrackId = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/);
export type TrackId = z.infer<typeof TrackId>;
export const Track = z.object({ id: TrackId, label: z.string().min(1), labelEn: z.string().optional() });
export type Track = z.infer<typeof Track>;

/** Progress states: the board's columns, in order (COLUMN_IDS, COLUMNS). */
export const ColumnId = z.enum(COLUMN_IDS);
export type ColumnId = z.infer<typeof ColumnId>;

/** What a deadline cell means; see DOMAIN.md "Deadlines as printed". */
export const DeadlineKind = z.enum(['date', 'month', 'quarter', 'year', 'span', 'recurring', 'conditional', 'none']);
export type DeadlineKind = z.infer<typeof DeadlineKind>;
export const Cadence = z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly', 'ongoing']);
export type Cadence = z.infer<typeof Cadence>;
/** The unit of an offset counted from an event: calendar days, working days (Mon–Fri), weeks, months, years. */
export const OffsetUnit = z.enum(['day', 'working-day', 'week', 'month', 'year']);
export type OffsetUnit = z.infer<typeof OffsetUnit>;
/** Which side of its event an offset lies: "10 ngày sau khi …" (after), "30 ngày trước kỳ họp" (before). */
export const OffsetDirection = z.enum(['before', 'after']);
export type OffsetDirection = z.infer<typeof OffsetDirection>;
export const Deadline = z.object({
  /** The text as printed in the plan, untouched but for whitespace. */
  raw: z.string(),
  kind: DeadlineKind,
  /** When the task is due; absent for recurring-only, conditional and none. */
  due: IsoDate.optional(),
  /** Start of a span ("Q3/2025 – Q2/2026"). */
  start: IsoDate.optional(),
  /** Set for recurring deadlines, and for dated ones that then recur ("… và thực hiện thường xuyên"). */
  cadence: Cadence.optional(),
  /** The day of each period a recurring report is due by, when printed ("trước ngày 10 hằng tháng" → 10). */
  periodDay: z.number().int().min(1).max(31).optional(),
  /**
   * The months of the year a recurring deadline names ("Tháng 6 và tháng 12 hằng năm" → [6, 12];
   * "Trước ngày 15/12 hằng năm" → [12] with `periodDay` 15; "Báo cáo 6 tháng trước ngày 10/6" → [6]):
   * due at that month's end, or on `periodDay` in it. A quarterly or half-yearly cadence repeats the
   * month's place in its period (10/6 half-yearly is also 10/12). See `periods.ts` `periodDue`.
   */
  periodMonths: z.array(z.number().int().min(1).max(12)).optional(),
  /** The quarters of the year a recurring deadline names ("Quý IV hằng năm" → [4]): due at the quarter's end, or on `periodDay` of its last month. */
  periodQuarters: z.array(z.number().int().min(1).max(4)).optional(),
  /** The weekday a weekly report is due on, ISO numbered (1 Monday … 7 Sunday): "trước 16h00 thứ Sáu hằng tuần" → 5. Absent: the week's end (Sunday). */
  periodWeekday: z.number().int().min(1).max(7).optional(),
  /**
   * How many periods after its own a period's report falls due, when the cell says so: "Hằng quý, gửi
   * trong tháng đầu quý sau" → 1 (Quý I's report by 30/4), "trước ngày 10 tháng sau" (monthly),
   * "thứ Hai tuần sau" (weekly). The day, weekday, months or quarters then name where in that later
   * period it falls due. Absent: in the period itself. See `periods.ts` `periodDue`.
   */
  periodLag: z.number().int().min(1).max(4).optional(),
  /**
   * A deadline counted from an event or a printed date ("Chậm nhất 10 ngày sau khi …", "2 tháng sau
   * khi Luật có hiệu lực", "Sau 15 ngày làm việc kể từ …", "30 ngày trước kỳ họp"): how much, in what
   * unit, and on which side of the event (absent in plans stored before it was kept: after). Without a
   * printed date the deadline is conditional (no `due`); with one, `due` is computed from it.
   */
  offset: z.object({ amount: z.number().int().min(0), unit: OffsetUnit, direction: OffsetDirection.optional() }).optional(),
  /** Days after the trigger, kept for calendar-day offsets after an event as stored plans have them; `offset` says the same with its unit. */
  offsetDays: z.number().int().optional(),
  /** The trigger of a conditional deadline ("có hướng dẫn của Trung ương"). */
  trigger: z.string().optional(),
  /** Readings a person should check (e.g. "Trước ngày 30/4" read as 30/4 not 29/4). */
  flags: z.array(z.string()).default([]),
  /** Why the text resolved to no date, in Vietnamese (for kind none/conditional). */
  reason: z.string().optional(),
});
export type Deadline = z.infer<typeof Deadline>;

/** Who did something, as recorded on the task and in the audit trail: the user's id and the name shown. */
export const UserRef = z.object({ id: z.string(), name: z.string() });
export type UserRef = z.infer<typeof UserRef>;

/** A file kept in the store's evidence folder; the bytes live apart from the task record. */
export const StoredFile = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  mediaType: z.string(),
  /** Hex SHA-256 of the bytes: the file's name in the store, and proof the file was not swapped. */
  sha256: z.string(),
});
export type StoredFile = z.infer<typeof StoredFile>;

/** Minh chứng: a link, a note, or an uploaded file. */
export const Evidence = z.object({
  id: z.string(),
  kind: z.enum(['link', 'file', 'note']),
  /** What it is, as the unit describes it ("Quyết định số 12/QĐ-UBND", "Ảnh lớp tập huấn"). */
  label: z.string(),
  url: z.string().optional(),
  file: StoredFile.optional(),
  /** Which period report it supports, for recurring tasks ("2025-12"). */
  period: z.string().optional(),
  addedBy: UserRef.optional(),
  addedAt: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A comment on a task. */
export const Note = z.object({ id: z.string(), text: z.string(), by: UserRef.optional(), at: z.string() });
export type Note = z.infer<typeof Note>;

/** Gia hạn: a new due date granted with a reason and the person who approved it. The task's `deadline` stays as printed. */
export const Extension = z.object({
  id: z.string(),
  /** The due date before this extension (the printed one, or the previous extension's). */
  previousDue: IsoDate.optional(),
  due: IsoDate,
  reason: z.string(),
  /** Who approved it, as a person or office names it ("Phó Chủ tịch UBND tỉnh"). */
  approvedBy: z.string(),
  /** The meeting conclusion that granted it, if any. */
  conclusionId: z.string().optional(),
  by: UserRef.optional(),
  at: z.string(),
});
export type Extension = z.infer<typeof Extension>;

/** Kết luận: what a meeting decided about a task. */
export const Conclusion = z.object({
  id: z.string(),
  meetingId: z.string().optional(),
  /** The decision as the secretary records it. */
  text: z.string(),
  /** A new deadline granted by the conclusion (recorded as an extension too). */
  newDue: IsoDate.optional(),
  /** Who follows it up. */
  followUp: z.string().default(''),
  by: UserRef.optional(),
  at: z.string(),
});
export type Conclusion = z.infer<typeof Conclusion>;

/** One period's report of a recurring task: done or not for that period, a note, and its evidence. */
export const PeriodReport = z.object({
  /** Period key from `periods.ts`: "2025-12" (month), "2025-W50" (ISO week), "2025-Q4", "2025-H2", "2025". */
  period: z.string(),
  done: z.boolean(),
  note: z.string(),
  by: UserRef.optional(),
  at: z.string(),
});
export type PeriodReport = z.infer<typeof PeriodReport>;

/** Why the standing agency sent a task back from "Chờ xác nhận"; shown on the card until the unit acts. */
export const Returned = z.object({ reason: z.string(), by: UserRef.optional(), at: z.string() });
export type Returned = z.infer<typeof Returned>;

/** A progress update read from a report onto the task ("Tình hình thực hiện"), with the status as printed and the report it came from. */
export const ProgressNote = z.object({
  id: z.string(),
  text: z.string(),
  /** "Đang thực hiện, chậm tiến độ", as the report printed it. */
  status: z.string().optional(),
  late: z.boolean().optional(),
  /** The report's title or file name. */
  source: z.string().optional(),
  at: z.string(),
});
export type ProgressNote = z.infer<typeof ProgressNote>;

/**
 * One line of a task's history as the history tab reads it: who did what when, and each field before →
 * after. The server builds these from the audit trail; a board restored from a backup carries its
 * earlier lines on each task (`Task.earlierHistory`), marked `fromBackup`.
 */
export const HistoryEntry = z.object({
  n: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  op: z.string(),
  via: z.string(),
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  fields: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })).optional(),
  /** Written on the server the backup came from, before the board was restored here. */
  fromBackup: z.boolean().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** One task of a plan as tracked on a board. */
export const Task = z.object({
  id: z.string(),
  boardId: z.string(),
  /** Bumped by every write; moves and edits must send the version they saw. */
  version: z.number().int().nonnegative(),
  track: TrackId,
  column: ColumnId,
  /** Order within its (track, column) cell; lower comes first. */
  rank: z.number(),
  /** STT as printed: "1", "I.3", "a)"; empty for sub-rows. */
  ordinal: z.string(),
  /** Section path, outermost first: ["Phụ lục I", "1. Hoàn thiện thể chế, chính sách"]. */
  group: z.array(z.string()),
  content: z.string(),
  /** Lead agencies, normalised; `leadsText` keeps the printed cell. */
  leads: z.array(z.string()),
  leadsText: z.string(),
  partners: z.array(z.string()),
  partnersText: z.string(),
  deadline: Deadline,
  output: z.string(),
  sourceDoc: z.string(),
  owner: z.string(),
  /** Who approves or signs the result (6 rõ: rõ thẩm quyền). */
  approver: z.string(),
  progress: z.number().int().min(0).max(100),
  evidence: z.array(Evidence),
  difficulties: z.string(),
  proposals: z.string(),
  conclusions: z.array(Conclusion),
  comments: z.array(Note),
  extensions: z.array(Extension).default([]),
  periodReports: z.array(PeriodReport).default([]),
  /** Set while a completion the standing agency returned waits for the unit. */
  returned: Returned.optional(),
  /** The latest "result so far" a progress report or the unit wrote (Kết quả thực hiện). */
  progressNote: z.string().default(''),

  /** Progress updates read from reports, oldest first (absent until the first one). */
  progressNotes: z.array(ProgressNote).optional(),
  /** Set when the task entered "Hoàn thành". */
  completedAt: IsoDate.optional(),
  /**
   * The history the task had before its board was restored from a backup, newest first: this
   * server's audit trail starts at the restore, so the lines written elsewhere travel with the task.
   */
  earlierHistory: z.array(HistoryEntry).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;

/** What a progress report's row says about its task: status as printed, the column it names, lateness, a percentage, the result so far. */
export const DraftReport = z.object({
  statusText: z.string().max(2000),
  column: ColumnId.optional(),
  late: z.boolean(),
  progress: z.number().int().min(0).max(100).optional(),
  note: z.string().max(20_000),
  difficulties: z.string().max(20_000).optional(),
  proposals: z.string().max(20_000).optional(),
});
export type DraftReport = z.infer<typeof DraftReport>;

/** What a plan or an importer supplies for a task; the board fills in the rest. */
export const TaskDraft = Task.pick({ ordinal: true, group: true, content: true, leads: true, leadsText: true, partners: true, partnersText: true, deadline: true, output: true, sourceDoc: true })
  .partial({ leadsText: true, partnersText: true, sourceDoc: true, group: true, ordinal: true, output: true })
  .extend({
    track: TrackId,
    source: z.object({ line: z.number().int().optional(), ref: z.string().optional() }).optional(),
    /**
     * Board state a document can carry back (dondoc's own CSV export does): a task read with these
     * lands in that column, with that progress, owner and completion date, instead of "Chưa thực hiện".
     */
    column: ColumnId.optional(),
    progress: z.number().int().min(0).max(100).optional(),
    // The same 200-character cap as a task's own person fields (TASK_LIMITS.person).
    owner: z.string().max(200).optional(),
    /** Who approves or signs the result (6 rõ: rõ thẩm quyền), as dondoc's exports print it. */
    approver: z.string().max(200).optional(),
    completedAt: IsoDate.optional(),

    /** Set for rows of a progress report (Báo cáo): where the task stands. */
    report: DraftReport.optional(),
  });
export type TaskDraft = z.infer<typeof TaskDraft>;

export const Indicator = z.object({
  ordinal: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string(),
  monitors: z.array(z.string()),
  group: z.array(z.string()).default([]),
});
export type Indicator = z.infer<typeof Indicator>;

export const Agency = z.object({ name: z.string(), aliases: z.array(z.string()).default([]), collective: z.boolean().default(false) });
export type Agency = z.infer<typeof Agency>;

export const RoVariant = z.enum(['4ro', '5ro', '6ro']);
export type RoVariant = z.infer<typeof RoVariant>;

export const ReportingRhythm = z.object({
  /** e.g. "weekly", "monthly" */
  cadence: Cadence,
  /** Human wording as printed: "Đơn vị báo cáo trước 9h00 thứ Sáu hằng tuần". */
  text: z.string(),
});
export type ReportingRhythm = z.infer<typeof ReportingRhythm>;

export const ImportWarning = z.object({
  code: z.enum(['unreadable-row', 'empty-cell', 'unknown-agency', 'agency-sentence', 'agency-role', 'unknown-person', 'deadline-unresolved', 'count-mismatch', 'unknown-column', 'cell-too-long', 'other']),
  message: z.string(),
  /** 1-based line in the source (or row in a sheet). */
  line: z.number().int().optional(),
  field: z.string().optional(),
  /** What the warning is about, as printed (the unknown agency's name, the ignored column's header), so a fix can be applied to every row that has it. */
  subject: z.string().optional(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

export const PlanSection = z.object({ id: z.string(), title: z.string(), track: TrackId.optional() });
export type PlanSection = z.infer<typeof PlanSection>;

/** A plan as read from a document or shipped by a template: what a board is created from. */
export const Plan = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string().default(''),
  number: z.string().default(''),
  date: IsoDate.optional(),
  province: z.string().default(''),
  sections: z.array(PlanSection).default([]),
  tasks: z.array(TaskDraft),
  indicators: z.array(Indicator).default([]),
  rhythm: z.array(ReportingRhythm).default([]),
  roVariant: RoVariant.default('5ro'),
  warnings: z.array(ImportWarning).default([]),
  /** Tasks the body text assigns outside the appendix tables ("a) … - Cơ quan chủ trì: …"). */
  workItems: z.array(TaskDraft).optional(),
  /** "report" when the document reports progress on a plan (status or result columns, a "Báo cáo" title). */
  kind: z.enum(['plan', 'report']).optional(),
});
export type Plan = z.infer<typeof Plan>;

/**
 * How a board's documents are issued and how strict its workflow is; set from the web app (board
 * settings), never from code. Defaults leave headers blank rather than guess an agency's name.
 */
export const BoardSettings = z.object({
  /** Cơ quan chủ quản, printed above the issuer ("UBND TỈNH LÀO CAI"). */
  issuerParent: z.string().max(300).default(''),
  /** Cơ quan ban hành ("BAN CHỈ ĐẠO PHÁT TRIỂN KHCN, ĐMST VÀ CĐS"). */
  issuer: z.string().max(300).default(''),
  /** The part of "Số: …/BC-BCĐ" after the number. */
  numberSuffix: z.string().max(100).default(''),
  /** Địa danh for "Lào Cai, ngày … tháng … năm …". */
  place: z.string().max(100).default(''),
  /** Signature block: authority line ("KT. TRƯỞNG BAN"), title ("PHÓ TRƯỞNG BAN") and name. */
  signerAuthority: z.string().max(200).default(''),
  signerTitle: z.string().max(200).default(''),
  signerName: z.string().max(200).default(''),
  /** Nơi nhận, one recipient a line. */
  recipients: z.array(z.string().max(300)).max(50).default([]),
  /** A unit may move its task to "Chờ xác nhận" only with at least one piece of evidence. */
  requireEvidence: z.boolean().default(true),
  /** Days ahead that count as "sắp đến hạn" (trackers use 3 or 7). */
  soonDays: z.number().int().min(1).max(60).default(7),
  /**
   * Secret of the board's calendar feed (`/api/boards/:boardId/calendar.ics?token=…`): a phone
   * calendar cannot sign in, so the unguessable token is what lets it read the deadlines. Unset
   * until someone turns the feed on; replacing it revokes every subscription made with the old one.
   */
  calendarToken: z.string().min(20).max(100).optional(),
});
export type BoardSettings = z.infer<typeof BoardSettings>;

/** The plan a board was made from, as its header block printed it (for "Kèm theo Kế hoạch số … ngày … của …"). */
export const PlanMeta = z.object({
  title: z.string().default(''),
  issuer: z.string().default(''),
  number: z.string().default(''),
  date: IsoDate.optional(),
  province: z.string().default(''),
});
export type PlanMeta = z.infer<typeof PlanMeta>;

export const Board = z.object({
  id: z.string(),
  title: z.string(),
  /** The template (plugin:templateId) or import the board was made from. */
  origin: z.string().default(''),
  tracks: z.array(Track),
  roVariant: RoVariant.default('5ro'),
  /** Which checklist the cards' badges come from (plugin:checklistId). */
  checklist: z.string().optional(),
  agencies: z.array(Agency).default([]),
  indicators: z.array(Indicator).default([]),
  rhythm: z.array(ReportingRhythm).default([]),
  plan: PlanMeta.optional(),
  /** The plan's body work items ("a) … - Cơ quan chủ trì: …") that were not made cards. */
  workItems: z.array(TaskDraft).default([]),
  settings: BoardSettings.default(BoardSettings.parse({})),
  /** Archived boards are read-only and listed apart. */
  archived: z.boolean().default(false),
  /** Bumped on every change to the board or any of its tasks; used for ETags. */
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Board = z.infer<typeof Board>;

/** Roles a user holds on a board (BOARD_ROLES, ROLE_LABELS). */
export const BoardRole = z.enum(BOARD_ROLES);
export type BoardRole = z.infer<typeof BoardRole>;

/** Login names: what a person types, so plain and short. */
export const Login = z.string().min(2).max(64).regex(/^[a-z0-9._-]+$/, 'chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang');

/** A person who signs in. The password hash is kept apart from this record (it never enters the audit trail). */
export const User = z.object({
  id: z.string(),
  login: Login,
  name: z.string().min(1).max(200),
  /** The agency the user works for, as named in the directory; decides which tasks a unit editor may update. */
  agency: z.string().max(300).default(''),
  /** Global administrator: every board, users, plugins. */
  admin: z.boolean().default(false),
  /** Role per board id; the key "*" is the role on every board without its own entry. */
  roles: z.record(z.string(), BoardRole).default({}),
  disabled: z.boolean().default(false),
  /** Set on a one-time or reset password: the user must choose a new one after signing in. */
  mustChangePassword: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

// ---- Records kept beside a board's tasks: meetings, indicator readings, daily counts ----------------
// Each is its own small record (board, kind, id), written by a named operation and replayed like a
// task, so a mark "đã xem xét" or a day's counts never rewrites the board record or a growing list.

/** One task marked "đã xem xét" (reviewed) in a meeting. */
export const ReviewMark = z.object({ taskId: z.string(), at: z.string(), by: UserRef.optional() });
export type ReviewMark = z.infer<typeof ReviewMark>;

/** How a meeting walks its tasks (AGENDA_ORDERS). */
export const AgendaOrder = z.enum(AGENDA_ORDERS);
export type AgendaOrder = z.infer<typeof AgendaOrder>;

/** Cuộc họp: a steering committee's meeting reviewing a board (or a filter of it). */
export const Meeting = z.object({
  kind: z.literal('meeting'),
  id: z.string(),
  boardId: z.string(),
  /** "Họp Ban Chỉ đạo tháng 12/2025". */
  title: z.string().min(1).max(300),
  date: IsoDate,
  /** Who chairs it ("Đồng chí Lê Quang Huy, Phó Chủ tịch UBND tỉnh"). */
  chair: z.string().max(300),
  attendees: z.array(z.string().max(300)).max(200),
  /** The board filter it reviews, as the board's URL query (track, lead, time…); empty: the whole board. */
  filter: z.record(z.string(), z.string()),
  agenda: AgendaOrder,
  reviewed: z.array(ReviewMark),
  /** Set when the meeting is over: its minutes are then what it concluded. */
  closedAt: z.string().optional(),
  version: z.number().int().nonnegative(),
  createdBy: UserRef.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof Meeting>;

/** One reading of an indicator (chỉ tiêu): its value at a date, by whom, with a note. Readings are never edited; the latest is current. */
export const IndicatorReading = z.object({
  kind: z.literal('indicator'),
  id: z.string(),
  boardId: z.string(),
  /** `indicatorKey` of the board's indicator. */
  indicator: z.string(),
  /** The value as a number, in the indicator's unit. */
  value: z.number().finite(),
  note: z.string().max(2000),
  /** The day the value was measured. */
  asOf: IsoDate,
  by: UserRef.optional(),
  at: z.string(),
});
export type IndicatorReading = z.infer<typeof IndicatorReading>;

/** A board's status counts as the server recorded them on a day: the trend's points. */
export const DailyCounts = z.object({
  kind: z.literal('daily'),
  /** The day, YYYY-MM-DD: one record per board per day. */
  id: IsoDate,
  boardId: z.string(),
  total: z.number().int().nonnegative(),
  /** Per report bucket (`STATUS_CATEGORIES`). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  late: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  at: z.string(),
});
export type DailyCounts = z.infer<typeof DailyCounts>;

export const BoardRecord = z.discriminatedUnion('kind', [Meeting, IndicatorReading, DailyCounts]);
export type BoardRecord = z.infer<typeof BoardRecord>;
export type BoardRecordKind = BoardRecord['kind'];
export const BOARD_RECORD_KINDS = ['meeting', 'indicator', 'daily'] as const satisfies readonly BoardRecordKind[];
export type BoardRecordOf<K extends BoardRecordKind> = Extract<BoardRecord, { kind: K }>;
