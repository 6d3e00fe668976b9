// Shapes that cross the HTTP boundary and are not plain model types: errors, board
// payloads, move and edit requests. The server validates with these schemas; the web app
// reads the same types.
import { z } from 'zod';
import { ColumnId, TrackId, type Board, type Task } from './model.ts';
import type { CheckResult } from './plugin.ts';

/** Every error the API returns has this body. `message` is Vietnamese, `messageEn` English. */
export interface ApiError {
  error: {
    code: 'bad-request' | 'not-found' | 'conflict' | 'too-large' | 'unsupported' | 'internal';
    message: string;
    messageEn?: string;
    /** The request field at fault, as named in the API (e.g. "column"). */
    field?: string;
    /** On 409: the task as it is now. */
    current?: Task;
  };
}

export interface BoardSummary {
  id: string;
  title: string;
  origin: string;
  taskCount: number;
  updatedAt: string;
}

/** `GET /api/boards/:id`: everything the board view needs in one response. */
export interface BoardPayload {
  board: Board;
  /** In display order: by track, column, then rank. */
  tasks: Task[];
  /** Checklist results per task id, from the board's checklist. */
  checks: Record<string, CheckResult[]>;
}

export const MoveRequest = z.object({
  version: z.number().int().nonnegative(),
  track: TrackId,
  column: ColumnId,
  /** Place the task right after this task of the target cell; null puts it first. */
  afterId: z.string().nullable(),
});
export type MoveRequest = z.infer<typeof MoveRequest>;

export const CreateBoardRequest = z.object({
  /** "pluginName:templateId" */
  template: z.string().min(1),
  title: z.string().min(1).max(300).optional(),
});
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>;
