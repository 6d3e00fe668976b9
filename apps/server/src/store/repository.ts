// The store's contract: reads served from memory, and one write entry point taking a named operation.
import type { Board, BoardSummary, Operation, OperationResult, Task } from '@dondoc/shared';

export interface BoardRepository {
  listBoards(): BoardSummary[];
  getBoard(boardId: string): Board | undefined;
  /** The board's tasks in display order (track, column, rank); undefined for an unknown board. */
  getTasks(boardId: string): Task[] | undefined;
  getTask(boardId: string, taskId: string): Task | undefined;
  /**
   * The only way to write. Resolves once the operation is durable (or failed without effect);
   * operations are applied one at a time in call order.
   */
  apply(op: Operation): Promise<OperationResult>;
  /** Finishes queued writes and persists a snapshot. */
  close(): Promise<void>;
}
