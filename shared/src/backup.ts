// A whole board as one JSON file (format "dondoc-board-backup"): the board with its settings, every
// task whole, each task's history as the history tab reads it, the evidence list and (under a size
// cap) the evidence files' bytes. The same file moves a board between servers, whatever their store:
// restoring it makes a new board. Pure: the server reads and writes the records, this module says what
// the file holds and what board it restores to.
import { z } from 'zod';
import { Board, HistoryEntry, StoredFile, Task, UserRef } from './model.ts';

export const BACKUP_FORMAT = 'dondoc-board-backup';
/** The file format this code writes and the newest it reads; a file of a later version is refused, not guessed at. */
export const BACKUP_VERSION = 1;
/** Evidence files travel inside the backup (base64) while their sum stays under this; beyond it only their list does. */
export const MAX_BACKUP_FILE_BYTES = 16 * 1024 * 1024;

/** One piece of evidence as the list names it: where it hangs and, for a file, what it is and whether its bytes are in the backup. */
export const BackupEvidence = z.object({
  taskId: z.string(),
  evidenceId: z.string(),
  kind: z.enum(['link', 'file', 'note']),
  label: z.string(),
  url: z.string().optional(),
  file: StoredFile.optional(),
  /** For a file: its bytes are in `files` (false when the size cap left them out). */
  included: z.boolean().optional(),
});
export type BackupEvidence = z.infer<typeof BackupEvidence>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'mã SHA-256 gồm 64 ký tự hex');

export const BoardBackup = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.number().int().min(1).max(BACKUP_VERSION),
    /** ISO instant the file was written. */
    exportedAt: z.string(),
    exportedBy: UserRef,
    /** The board whole, with its settings (the calendar feed's secret left out). */
    board: Board,
    /** Every task on the board, whole: comments, evidence metadata, extensions, period reports, conclusions. */
    tasks: z.array(Task).max(100_000),
    /** Each task's history, newest first, by task id. */
    history: z.record(z.string(), z.array(HistoryEntry)),
    /** Every piece of evidence, in task order. */
    evidence: z.array(BackupEvidence),
    /** Evidence files' bytes, base64, by SHA-256. */
    files: z.record(Sha256, z.string()),
  })
  .strict();
export type BoardBackup = z.infer<typeof BoardBackup>;

/** Why a file cannot be restored, in the words of an API error (Vietnamese first), naming the field. */
export interface BackupRefusal {
  field: string;
  message: string;
  messageEn: string;
}

/**
 * Checks what a file says it is before its content is read: a file that is not a dondoc board backup,
 * or that a newer dondoc wrote, is refused as such rather than as a list of unknown fields.
 */
export function backupRefusal(input: unknown): BackupRefusal | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { field: '(body)', message: 'Tệp sao lưu phải là một đối tượng JSON', messageEn: 'The backup file must be a JSON object' };
  const { format, version } = input as { format?: unknown; version?: unknown };
  if (format !== BACKUP_FORMAT)
    return {
      field: 'format',
      message: `Tệp không phải bản sao lưu bảng của dondoc (trường "format" phải là "${BACKUP_FORMAT}")`,
      messageEn: `The file is not a dondoc board backup ("format" must be "${BACKUP_FORMAT}")`,
    };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { field: 'version', message: 'Trường "version" của tệp sao lưu phải là số nguyên từ 1', messageEn: 'The backup\'s "version" must be an integer from 1' };
  if (version > BACKUP_VERSION)
    return {
      field: 'version',
      message: `Tệp sao lưu được tạo bởi phiên bản mới hơn của dondoc (định dạng ${version}; máy chủ này đọc đến định dạng ${BACKUP_VERSION}). Hãy cập nhật dondoc rồi khôi phục lại.`,
      messageEn: `The backup was written by a newer dondoc (format ${version}; this server reads up to format ${BACKUP_VERSION}). Update dondoc, then restore again.`,
    };
  return undefined;
}

/** What the server gathered for one board. */
export interface BackupSource {
  board: Board;
  tasks: readonly Task[];
  /** Each task's history lines, newest first. */
  history: ReadonlyMap<string, readonly HistoryEntry[]>;
  /** Evidence files' bytes that fit under the cap, base64, by SHA-256. */
  files: Readonly<Record<string, string>>;
  exportedAt: string;
  exportedBy: UserRef;
}

/** Every piece of evidence of `tasks`, with whether its file's bytes are in `files`. */
export function evidenceList(tasks: readonly Task[], files: Readonly<Record<string, string>>): BackupEvidence[] {
  return tasks.flatMap((t) =>
    t.evidence.map((e) => ({
      taskId: t.id,
      evidenceId: e.id,
      kind: e.kind,
      label: e.label,
      ...(e.url !== undefined ? { url: e.url } : {}),
      ...(e.file ? { file: e.file, included: Object.hasOwn(files, e.file.sha256) } : {}),
    })),
  );
}

/**
 * The files whose bytes travel: each distinct file once, in task order, while the running total stays
 * under `cap` (a file too big to fit is skipped and later smaller ones still go).
 */
export function filesToInclude(tasks: readonly Task[], cap = MAX_BACKUP_FILE_BYTES): StoredFile[] {
  const out: StoredFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const t of tasks)
    for (const e of t.evidence) {
      if (!e.file || seen.has(e.file.sha256)) continue;
      seen.add(e.file.sha256);
      if (total + e.file.size > cap) continue;
      total += e.file.size;
      out.push(e.file);
    }
  return out;
}

/** The backup file of one board. */
export function boardBackup(s: BackupSource): BoardBackup {
  const { calendarToken: _secret, ...settings } = s.board.settings;
  const tasks = [...s.tasks];
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: s.exportedAt,
    exportedBy: s.exportedBy,
    // The feed's token is a secret of this server's subscriptions; a restored board turns its own feed on.
    board: { ...s.board, settings },
    tasks,
    history: Object.fromEntries(tasks.map((t) => [t.id, [...(s.history.get(t.id) ?? [])]])),
    evidence: evidenceList(tasks, s.files),
    files: { ...s.files },
  };
}

/**
 * The board a backup restores to: a new board id, created now, its tasks kept whole (ids are unique
 * per board in every store, so they stay, and so do the ids inside them), each carrying the history it
 * had (marked as from the backup) since this server's trail starts at the restore.
 */
export function restoredBoard(backup: BoardBackup, o: { boardId: string; at: string }): { board: Board; tasks: Task[] } {
  const board: Board = { ...backup.board, id: o.boardId, revision: 0, createdAt: o.at, updatedAt: o.at };
  const tasks = backup.tasks.map((t): Task => {
    const lines = (backup.history[t.id] ?? []).map((h) => ({ ...h, fromBackup: true }));
    const { earlierHistory: _carried, ...rest } = t;
    return { ...rest, boardId: o.boardId, ...(lines.length ? { earlierHistory: lines } : {}) };
  });
  return { board, tasks };
}

/** What the schema cannot see: a task id twice, or a task on a track the board does not have. */
export function backupContentRefusal(backup: BoardBackup): BackupRefusal | undefined {
  const tracks = new Set(backup.board.tracks.map((t) => t.id));
  const seen = new Set<string>();
  for (const [i, t] of backup.tasks.entries()) {
    if (seen.has(t.id)) return { field: `tasks.${i}.id`, message: `Mã nhiệm vụ "${t.id}" xuất hiện hai lần trong tệp sao lưu`, messageEn: `Task id "${t.id}" appears twice in the backup` };
    seen.add(t.id);
    if (!tracks.has(t.track))
      return { field: `tasks.${i}.track`, message: `Nhiệm vụ "${t.id}" thuộc nhóm "${t.track}" mà bảng trong tệp không có`, messageEn: `Task "${t.id}" is on track "${t.track}", which the board in the file does not have` };
  }
  return undefined;
}

/**
 * A backup file's text read as the server will read it, so the web app can say what is wrong before
 * uploading: not JSON, not a board backup, a newer format, or the first field the schema refuses.
 */
export function readBackupText(text: string): { ok: true; backup: BoardBackup } | { ok: false; refusal: BackupRefusal } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, refusal: { field: '(body)', message: 'Tệp không phải JSON: hãy chọn tệp sao lưu (.json) tải từ mục "Sao lưu (JSON)"', messageEn: 'The file is not JSON: choose a backup (.json) downloaded from "Backup (JSON)"' } };
  }
  const refusal = backupRefusal(value);
  if (refusal) return { ok: false, refusal };
  const parsed = BoardBackup.safeParse(value);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || '(body)';
    return { ok: false, refusal: { field, message: `Tệp sao lưu không hợp lệ ở trường "${field}"`, messageEn: `The backup is invalid at field "${field}"` } };
  }
  const content = backupContentRefusal(parsed.data);
  return content ? { ok: false, refusal: content } : { ok: true, backup: parsed.data };
}
