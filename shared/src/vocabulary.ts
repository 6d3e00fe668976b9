// The board's fixed vocabulary: the built-in tracks, the columns and the roles, with their labels. Plain
// values without schemas (model.ts builds its schemas on them), so what only needs a column's name —
// the board's first screen among them — does not construct zod's schemas to get it.

/** Track ids: the three of DOMAIN.md plus any a plugin adds. */
export const BUILTIN_TRACKS = [
  { id: 'de-an-06', label: 'Đề án 06', labelEn: 'Project 06' },
  { id: 'cchc', label: 'CCHC', labelEn: 'Administrative reform' },
  { id: 'khcn-cds', label: 'KHCN/CĐS', labelEn: 'S&T / Digital transformation' },
] as const;

/** Progress states: the board's columns, in order. */
export const COLUMN_IDS = ['todo', 'doing', 'review', 'done'] as const;
export const COLUMNS: ReadonlyArray<{ id: (typeof COLUMN_IDS)[number]; label: string; labelEn: string }> = [
  { id: 'todo', label: 'Chưa thực hiện', labelEn: 'Not started' },
  { id: 'doing', label: 'Đang thực hiện', labelEn: 'In progress' },
  { id: 'review', label: 'Chờ xác nhận', labelEn: 'Awaiting confirmation' },
  { id: 'done', label: 'Hoàn thành', labelEn: 'Done' },
];

/** Roles a user holds on a board (DOMAIN.md "Who uses the board"); the administrator is global, not per board. */
export const BOARD_ROLES = ['coordinator', 'unit', 'leader', 'viewer'] as const;
export const ROLE_LABELS: Record<(typeof BOARD_ROLES)[number] | 'admin', { vi: string; en: string }> = {
  admin: { vi: 'Quản trị', en: 'Administrator' },
  coordinator: { vi: 'Thường trực', en: 'Coordinator' },
  unit: { vi: 'Đơn vị', en: 'Unit editor' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  viewer: { vi: 'Xem', en: 'Viewer' },
};

/** How a meeting walks its tasks: track by track, or lead agency by lead agency. */
export const AGENDA_ORDERS = ['track', 'agency'] as const;
