// A restore's heavy part, run in the host worker: the uploaded backup's bytes parsed, checked (format and
// version first, then the schema field by field, then what the schema cannot see, then every evidence
// file against its SHA-256) and turned into the new board. The request thread only stores the result,
// so a 10,000-task file (seconds of parsing and checking) holds no other request meanwhile.
import { createHash } from 'node:crypto';
import { BoardBackup, backupContentRefusal, backupRefusal, restoredBoard, type Board, type StoredFile } from '@dondoc/shared';
import { describeIssue } from '../http/api-error.ts';
import { shareJsonList, type SharedJsonList } from './sliced-json.ts';

/** Why the file cannot be restored: a 400 naming the field. */
export interface BackupRefused {
  refused: { field: string; message: string; messageEn: string };
}

/** The board a file restores to, its tasks as JSON in shared memory, and the evidence files' bytes (checked). */
export interface BackupRead {
  board: Board;
  tasks: SharedJsonList;
  files: Array<{ file: StoredFile; bytes: SharedArrayBuffer }>;
}

const refused = (field: string, message: string, messageEn: string): BackupRefused => ({ refused: { field, message, messageEn } });

/** The evidence files a backup carries, decoded and checked against their names (SHA-256), or the first that is not right. */
function filesOf(backup: BoardBackup): BackupRead['files'] | BackupRefused {
  const described = new Map<string, StoredFile>();
  for (const t of backup.tasks) for (const e of t.evidence) if (e.file && !described.has(e.file.sha256)) described.set(e.file.sha256, e.file);
  const out: BackupRead['files'] = [];
  for (const [sha256, base64] of Object.entries(backup.files)) {
    const field = `files.${sha256}`;
    const file = described.get(sha256);
    if (!file) return refused(field, `Tệp "${sha256.slice(0, 12)}…" trong bản sao lưu không thuộc minh chứng nào`, `File "${sha256.slice(0, 12)}…" in the backup belongs to no evidence`);
    const bytes = Buffer.from(base64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      return refused(field, `Tệp minh chứng "${file.name}" trong bản sao lưu bị hỏng (mã SHA-256 không khớp)`, `Evidence file "${file.name}" in the backup is damaged (SHA-256 does not match)`);
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    out.push({ file, bytes: shared });
  }
  return out;
}

/** Reads an uploaded backup (UTF-8 JSON bytes) into the board it restores to as `boardId`, created `at`; or why not. */
export function readBackup(body: Uint8Array, o: { boardId: string; at: string }): BackupRead | BackupRefused {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (e) {
    return refused('(body)', 'Nội dung yêu cầu không phải JSON hợp lệ', `Malformed JSON in request body${e instanceof Error ? `: ${e.message}` : ''}`);
  }
  const first = backupRefusal(value);
  if (first) return { refused: first };
  const parsed = BoardBackup.safeParse(value);
  if (!parsed.success) {
    const { field = '(body)', message, messageEn } = describeIssue(parsed.error.issues[0]!, value);
    return refused(field, message, messageEn ?? message);
  }
  const backup = parsed.data;
  const content = backupContentRefusal(backup);
  if (content) return { refused: content };
  const files = filesOf(backup);
  if ('refused' in files) return files;
  const { board, tasks } = restoredBoard(backup, o);
  return { board, tasks: shareJsonList(tasks), files };
}
