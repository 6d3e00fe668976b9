// Who may do what, in one place, as data: the role table of DOMAIN.md's users, compiled into a CASL
// ability. The server asks it on every route (reads included) and the web app asks the same rules to
// hide what a user cannot do; the server stays the judge. The docs' role × action table is generated
// from RULES too.
import { createMongoAbility, subject as caslSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import type { Agency, BoardRole, ColumnId, Task, User } from './model.ts';
import { agencyKey } from './checklist/rules.ts';
import { PROVINCIAL_AGENCIES } from './import/directory.ts';

export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'move',
  'import',
  'export',
  'comment',
  'evidence',
  'report',
  'confirm',
  'return',
  'extend',
  'conclude',
  'manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What each action is called in a refusal ("Bạn không có quyền …") and in the generated table. */
export const ACTION_LABELS: Record<Action, { vi: string; en: string }> = {
  read: { vi: 'xem', en: 'view' },
  create: { vi: 'tạo', en: 'create' },
  update: { vi: 'sửa', en: 'edit' },
  delete: { vi: 'xóa', en: 'delete' },
  move: { vi: 'chuyển cột', en: 'move' },
  import: { vi: 'nhập kế hoạch', en: 'import' },
  export: { vi: 'xuất tài liệu', en: 'export' },
  comment: { vi: 'bình luận', en: 'comment' },
  evidence: { vi: 'thêm hoặc gỡ minh chứng', en: 'add or remove evidence' },
  report: { vi: 'báo cáo theo kỳ', en: 'report a period' },
  confirm: { vi: 'xác nhận hoàn thành', en: 'confirm completion' },
  return: { vi: 'trả lại để làm tiếp', en: 'return for more work' },
  extend: { vi: 'gia hạn', en: 'extend the deadline' },
  conclude: { vi: 'ghi kết luận', en: 'record a conclusion' },
  manage: { vi: 'quản trị', en: 'administer' },
};
/** `Meeting`: a steering committee's meeting on a board; `Indicator`: the board's indicators (chỉ tiêu) and their readings. */
export type Subject = 'Board' | 'Task' | 'User' | 'Plugin' | 'Audit' | 'Meeting' | 'Indicator' | 'all';
export type Role = 'admin' | BoardRole;

/** Task fields a unit editor may change on the tasks its agency leads. */
export const UNIT_EDITABLE_FIELDS = ['progress', 'difficulties', 'proposals', 'progressNote'] as const;
/** Columns a unit editor may move its tasks into: up to "Chờ xác nhận", never "Hoàn thành". */
export const UNIT_COLUMNS: readonly ColumnId[] = ['todo', 'doing', 'review'];

/** Which tasks a rule covers: all, those the user's agency leads, or those it leads or coordinates. */
export type Scope = 'all' | 'lead' | 'lead-or-partner';

export interface RuleSpec {
  action: Action | Action[];
  subject: Subject;
  /** Only these fields (edits). */
  fields?: readonly string[];
  scope?: Scope;
  /** Moves only into these columns, and never out of "Hoàn thành". */
  toColumns?: readonly ColumnId[];
  /** What the rule means, for the generated table. */
  note?: string;
}

const READ: RuleSpec[] = [
  { action: 'read', subject: 'Board' },
  { action: 'read', subject: 'Task' },
  { action: 'read', subject: 'Meeting' },
  { action: 'read', subject: 'Indicator' },
];

/** The role table (DOMAIN.md "Who uses the board"; issue: quản trị, thường trực, đơn vị, lãnh đạo, xem). */
export const RULES: Record<Role, readonly RuleSpec[]> = {
  admin: [{ action: 'manage', subject: 'all', note: 'mọi việc, người dùng, plugin' }],
  coordinator: [
    ...READ,
    { action: ['update', 'import', 'export', 'delete'], subject: 'Board' },
    { action: 'create', subject: 'Board', note: 'tạo bảng từ mẫu hoặc nhập kế hoạch' },
    { action: ['create', 'update', 'delete', 'move', 'comment', 'evidence', 'report', 'confirm', 'return', 'extend', 'conclude'], subject: 'Task' },
    { action: ['create', 'update'], subject: 'Meeting', note: 'thư ký cuộc họp: lập, đánh dấu đã xem xét, kết thúc' },
    { action: 'update', subject: 'Indicator', note: 'cập nhật số liệu chỉ tiêu' },
  ],
  unit: [
    ...READ,
    { action: 'update', subject: 'Task', fields: UNIT_EDITABLE_FIELDS, scope: 'lead', note: 'tiến độ, khó khăn, đề xuất, kết quả' },
    { action: 'move', subject: 'Task', scope: 'lead', toColumns: UNIT_COLUMNS, note: 'đến "Chờ xác nhận"' },
    { action: ['evidence', 'report'], subject: 'Task', scope: 'lead' },
    { action: 'comment', subject: 'Task', scope: 'lead-or-partner' },
  ],
  leader: [
    ...READ,
    { action: 'conclude', subject: 'Task', note: 'ghi kết luận cuộc họp' },
    { action: ['create', 'update'], subject: 'Meeting', note: 'chủ trì cuộc họp' },
    // Reading everything includes taking it away: a leader leaves a meeting with the progress report and the Phụ lục.
    { action: 'export', subject: 'Board', note: 'tải báo cáo tiến độ, phụ lục, sao lưu' },
  ],
  viewer: READ,
};

const withProvince = new WeakMap<readonly Agency[], readonly Agency[]>();

/**
 * An agency as permission checks compare it: the checklist's `agencyKey` over the board's directory
 * and then the agencies every province has, so "Sở KH&CN" on a task matches a user of "Sở Khoa học và
 * Công nghệ" even when the board's directory lists neither.
 */
export function accessKey(name: string, directory: readonly Agency[] = []): string {
  let full = withProvince.get(directory);
  if (!full) withProvince.set(directory, (full = [...directory, ...PROVINCIAL_AGENCIES]));
  return agencyKey(name, full);
}

/** A task as the rules see it: whose it is (agency keys), where it is, and where a move takes it. */
export interface TaskSubject {
  leadKeys: string[];
  partnerKeys: string[];
  column: ColumnId;
  toColumn?: ColumnId;
}

export const taskSubject = (task: Pick<Task, 'leads' | 'partners' | 'column'>, directory: readonly Agency[], toColumn?: ColumnId) =>
  caslSubject('Task', {
    leadKeys: task.leads.map((l) => accessKey(l, directory)),
    partnerKeys: task.partners.map((p) => accessKey(p, directory)),
    column: task.column,
    ...(toColumn ? { toColumn } : {}),
  } satisfies TaskSubject);

export type Ability = MongoAbility<[Action, Subject | ReturnType<typeof taskSubject>]>;

/** A user's standing on one board: their role there (or none) and the agency key their unit rules use. */
export interface Access {
  role: Role | null;
  agency: string;
}

/** The role a user holds on a board: administrator everywhere, else the board's own entry, else "*". */
export function roleOn(user: Pick<User, 'admin' | 'roles'>, boardId: string | null): Role | null {
  if (user.admin) return 'admin';
  if (boardId !== null && Object.hasOwn(user.roles, boardId)) return user.roles[boardId]!;
  return Object.hasOwn(user.roles, '*') ? user.roles['*']! : null;
}

/** The conditions of a rule for one agency; several means any of them (CASL ORs rules of one action). */
function conditions(spec: RuleSpec, agency: string): Array<Record<string, unknown> | undefined> {
  const base: Record<string, unknown> = {};
  if (spec.toColumns) {
    base.toColumn = { $in: [...spec.toColumns] };
    base.column = { $ne: 'done' };
  }
  const scoped = (field: 'leadKeys' | 'partnerKeys') => ({ ...base, [field]: agency });
  if (spec.scope === 'lead') return [scoped('leadKeys')];
  if (spec.scope === 'lead-or-partner') return [scoped('leadKeys'), scoped('partnerKeys')];
  return [Object.keys(base).length ? base : undefined];
}

/**
 * What an archived board still allows: it is read-only, so reading it and taking its documents away
 * (an export only reads), and its own settings, to unarchive or delete it.
 */
export function allowedOnArchived(action: Action, subject: Subject): boolean {
  return action === 'read' || action === 'export' || (subject === 'Board' && (action === 'update' || action === 'delete'));
}

const cache = new Map<string, Ability>();

/** The ability of a role for a user of `agency` (an `accessKey`); cached, as rules are data and few. */
export function abilityFor(access: Access): Ability {
  const key = `${access.role ?? ''}\u0000${access.agency}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rules: RawRuleOf<Ability>[] = [];
  // A scoped rule for a user with no agency would match nothing anyway; leave it out.
  for (const spec of access.role ? RULES[access.role] : []) {
    if (spec.scope && spec.scope !== 'all' && !access.agency) continue;
    for (const cond of conditions(spec, access.agency))
      rules.push({ action: spec.action, subject: spec.subject, ...(spec.fields ? { fields: [...spec.fields] } : {}), ...(cond ? { conditions: cond } : {}) } as RawRuleOf<Ability>);
  }
  const ability = createMongoAbility<Ability>(rules);
  if (cache.size > 1000) cache.clear();
  cache.set(key, ability);
  return ability;
}

/** Which roles may do `action` on `subject` (any scope), for the generated table. */
export function rolesFor(action: Action, subject: Subject): Array<{ role: Role; scope: Scope; fields?: readonly string[]; note?: string }> {
  const out: Array<{ role: Role; scope: Scope; fields?: readonly string[]; note?: string }> = [];
  for (const [role, specs] of Object.entries(RULES) as Array<[Role, readonly RuleSpec[]]>)
    for (const spec of specs) {
      const actions = Array.isArray(spec.action) ? spec.action : [spec.action];
      if ((actions.includes(action) || actions.includes('manage')) && (spec.subject === subject || spec.subject === 'all'))
        out.push({ role, scope: spec.scope ?? 'all', ...(spec.fields ? { fields: spec.fields } : {}), ...(spec.note ? { note: spec.note } : {}) });
    }
  return out;
}
