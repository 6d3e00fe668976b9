// The store's contract, the same for the embedded store and PostgreSQL: async reads, one write entry
// point taking a named operation that carries its actor, the change feed live updates hang off, the
// audit trail, credentials and sessions, and evidence files.
import type { Actor, Agency, Board, BoardRecordKind, BoardRecordOf, ChangeRecord, Effects, Operation, OperationResult, StoredFile, Task, User } from '@dondoc/shared';
import type { AuditEntry, Checkpoint, VerifyResult } from './audit-log.ts';

/** A change as live updates announce it: which board, which tasks, by which operation. */
export interface ChangeEvent {
  seq: number;
  op: ChangeRecord['op'];
  at: string;
  boardId?: string;
  taskIds: string[];
  /** Set when the board itself changed (title, settings, archived, deleted). */
  boardChanged: boolean;
  /** Meetings, indicator readings and daily counts the change wrote. */
  records: Array<{ kind: BoardRecordKind; id: string }>;
  /** Who wrote it: a client tells its own changes from another person's. */
  actor: Pick<Actor, 'kind' | 'id' | 'name'>;
}

/** A board as a request on it first reads it. */
export interface BoardContext {
  board: Board;
  directory: readonly Agency[];
  task: Task | undefined;
}

/** The board (and task) a request names, to read with its session. */
export interface BoardRead {
  boardId: string;
  taskId?: string | undefined;
}

export interface Session {
  /** SHA-256 of the cookie's random id: a copy of the store never holds a live session id. */
  idHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
}

/** Password hashes and sessions: kept apart from users, so neither ever enters the journal or the audit trail. */
export interface AuthStore {
  passwordHash(userId: string): Promise<string | undefined>;
  setPasswordHash(userId: string, hash: string): Promise<void>;
  createSession(session: Session): Promise<void>;
  session(idHash: string): Promise<Session | undefined>;
  /** Records activity for idle expiry; may be written lazily. */
  touchSession(idHash: string, at: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;
}

/** Evidence files, stored by content hash so the same bytes are kept once and a swapped file is detected. */
export interface FileStore {
  /** Stores the bytes durably (never half-written) and describes them. */
  put(bytes: Uint8Array, name: string, mediaType: string): Promise<StoredFile>;
  /** The bytes of a stored file, or undefined. */
  get(sha256: string): Promise<Uint8Array | undefined>;
}

export interface AuditTrail {
  readonly publicKey: string;
  checkpoint(): Promise<Checkpoint>;
  verify(checkpoint?: Checkpoint): Promise<VerifyResult>;
  /** Entries touching `task:<boardId>/<taskId>` or `board:<boardId>`, newest first. */
  history(key: string, limit?: number): Promise<AuditEntry[]>;
  /** Every entry as stored (one JSON line each), oldest first. */
  lines(): AsyncIterable<string>;
}

export interface ApplyOptions {
  /**
   * Called with the operation's effects once it is planned, before they are durable (they may yet
   * fail to be written, or be planned again): for work on the result that can run meanwhile.
   */
  planned?: (effects: Effects) => void;
}

export interface Repository {
  listBoards(): Promise<Board[]>;
  getBoard(boardId: string): Promise<Board | undefined>;
  /** The board's tasks in display order (track, column, rank); undefined for an unknown board. */
  getTasks(boardId: string): Promise<readonly Task[] | undefined>;
  getTask(boardId: string, taskId: string): Promise<Task | undefined>;
  getTrashedTask(boardId: string, taskId: string): Promise<Task | undefined>;
  listUsers(): Promise<User[]>;
  getUser(userId: string): Promise<User | undefined>;
  getUserByLogin(login: string): Promise<User | undefined>;
  getDirectory(): Promise<readonly Agency[]>;
  /**
   * What every signed-in request checks, in one read: the session and its user (undefined when the
   * user no longer exists). With `board`, the request's board context too (`getBoardContext`, in the
   * same read: a request on a board then starts with one round trip, not two).
   */
  getSessionUser(idHash: string, board?: BoardRead): Promise<{ session: Session; user: User | undefined; board?: BoardContext | undefined } | undefined>;
  /**
   * What every request on a board checks, in one read: the board, the province's directory and,
   * when named, one of its tasks (undefined when it is not on the board).
   */
  getBoardContext(boardId: string, taskId?: string): Promise<BoardContext | undefined>;
  /** A board's meetings, indicator readings or daily counts, oldest first; empty for an unknown board. */
  getRecords<K extends BoardRecordKind>(boardId: string, kind: K): Promise<ReadonlyArray<BoardRecordOf<K>>>;
  getRecord<K extends BoardRecordKind>(boardId: string, kind: K, id: string): Promise<BoardRecordOf<K> | undefined>;

  /**
   * The only way to write. Resolves once the operation is durable (or failed without effect);
   * operations take effect one at a time in call order.
   */
  apply(op: Operation, opts?: ApplyOptions): Promise<OperationResult>;

  /** Sequence number of the last durable operation. */
  lastSeq(): Promise<number>;
  /** Events after `seq` (for a stream resuming with Last-Event-ID), or 'gone' when they are no longer kept. */
  changesSince(seq: number): Promise<ChangeEvent[] | 'gone'>;
  /** Called with each batch of durable changes; returns the unsubscribe function. */
  onChange(listener: (events: readonly ChangeEvent[]) => void): () => void;

  readonly audit: AuditTrail;
  readonly auth: AuthStore;
  readonly files: FileStore;

  /** Finishes queued writes and persists what must be persisted. */
  close(): Promise<void>;
}
