// Live updates: `GET /api/boards/:boardId/events` is a Server-Sent Events stream of the board's
// changes, each event id the store's sequence number. A client that reconnects with Last-Event-ID
// (or ?since=) gets every change it missed, or a `reset` when they are no longer kept (it then
// refetches the board with its ETag). Each change names the tasks and records (meetings…) it
// touched and who made it, and carries the board's counts so a board list can update too.
// `GET /api/events` is the board list's stream: the counts of every board the user can see, as they
// change. `GET /api/boards/:boardId/tasks?ids=` fetches the named tasks in one request.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { checkFailures, roleOn, type BoardRecordKind, type BoardSummary } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { boardAccess, requireCan, signedIn } from '../auth/access.ts';
import { boardCounts } from '../board-summary.ts';
import type { ChangeEvent } from '../store/repository.ts';
import type { TaskAnswer } from './tasks.ts';

/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;
/** How soon a browser reconnects a dropped stream. */
const RETRY_MS = 1500;
const SinceQuery = z.string().regex(/^\d{1,15}$/);
const IdsQuery = z.string().max(20_000);

/** What a `change` event's data holds. */
export interface BoardChangeData {
  board: string;
  seq: number;
  op: string;
  at: string;
  /** Tasks the change wrote (created, edited, moved or deleted). */
  tasks: string[];
  /** The board itself changed (title, settings, archived) or was deleted. */
  boardChanged: boolean;
  /** Meetings, indicator readings and daily counts the change wrote. */
  records: Array<{ kind: BoardRecordKind; id: string }>;
  /** Who made the change, so a client tells its own changes from another person's. */
  by: { id: string; name: string };
  deleted?: boolean;
  counts?: BoardSummary['counts'];
}

/** What the board list's stream says about one board: its counts now (or that it is gone). */
export interface BoardCountsData {
  board: string;
  seq: number;
  title?: string;
  archived?: boolean;
  taskCount?: number;
  counts?: BoardSummary['counts'];
  deleted?: boolean;
}

export const eventRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/:boardId/events', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'read', 'Board');
      const boardId = a.board.id;
      const sinceText = c.req.header('Last-Event-ID') ?? c.req.query('since');
      if (sinceText !== undefined && !SinceQuery.safeParse(sinceText).success)
        throw apiError(400, { code: 'bad-request', field: 'since', message: 'Last-Event-ID phải là số thứ tự thay đổi', messageEn: 'Last-Event-ID must be a change sequence number' });
      c.header('X-Accel-Buffering', 'no');
      c.header('Cache-Control', 'no-cache, no-transform');
      return streamSSE(c, async (stream) => {
        const data = async (e: ChangeEvent): Promise<string> => {
          const board = await s.repository.getBoard(boardId);
          const body: BoardChangeData = { board: boardId, seq: e.seq, op: e.op, at: e.at, tasks: e.taskIds, boardChanged: e.boardChanged, records: e.records, by: { id: e.actor.id, name: e.actor.name } };
          if (!board) body.deleted = true;
          else body.counts = boardCounts(board, (await s.repository.getTasks(boardId)) ?? [], s.config.today());
          return JSON.stringify(body);
        };
        // Changes arriving while the missed ones are sent wait their turn, so ids stay in order.
        let queue: Promise<void> = Promise.resolve();
        let last = sinceText === undefined ? await s.repository.lastSeq() : Number(sinceText);
        const send = (events: readonly ChangeEvent[]) => {
          queue = queue.then(async () => {
            for (const e of events) {
              if (e.seq <= last || e.boardId !== boardId) continue;
              last = e.seq;
              await stream.writeSSE({ id: String(e.seq), event: 'change', data: await data(e) });
            }
          });
          return queue;
        };
        const off = s.repository.onChange((events) => void send(events).catch(() => {}));
        stream.onAbort(off);
        // The hello carries the sequence as its id, so a browser reconnecting before any change still says where it was;
        // and asks for a quick retry: a board on a projector should not wait the browser's default to come back.
        await stream.writeSSE({ id: String(last), event: 'hello', retry: RETRY_MS, data: JSON.stringify({ board: boardId, seq: last }) });
        if (sinceText !== undefined) {
          const missed = await s.repository.changesSince(last);
          if (missed === 'gone') {
            last = await s.repository.lastSeq();
            await stream.writeSSE({ id: String(last), event: 'reset', data: JSON.stringify({ board: boardId, seq: last }) });
          } else await send(missed);
        }
        while (!stream.aborted && !stream.closed) {
          await stream.sleep(HEARTBEAT_MS);
          if (!stream.aborted) await stream.write(': keep-alive\n\n');
        }
        off();
      });
    })
    .get('/:boardId/tasks', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'read', 'Task');
      const ids = IdsQuery.safeParse(c.req.query('ids') ?? '');
      if (!ids.success) throw apiError(400, { code: 'bad-request', field: 'ids', message: 'Danh sách "ids" quá dài', messageEn: 'The "ids" list is too long' });
      const wanted = [...new Set(ids.data.split(',').filter(Boolean))].slice(0, 1000);
      const tasks = (await Promise.all(wanted.map((id) => s.repository.getTask(a.board.id, id)))).filter((t) => t !== undefined);
      const checks = await s.payloads.checksFor(a.board, tasks, a.directory);
      const criteria = s.payloads.checklistOf(a.board)?.criteria ?? [];
      return c.json<{ tasks: TaskAnswer[]; missing: string[] }>({
        tasks: tasks.map((task) => ({ task, failures: checkFailures(checks[task.id] ?? [], criteria) })),
        missing: wanted.filter((id) => !tasks.some((t) => t.id === id)),
      });
    });

/** `GET /api/events`: the board list's live counts, for every board the signed-in user can see. */
export const boardListEventRoutes = (s: Services) =>
  new Hono<AuthEnv>().get('/events', async (c) => {
    const user = signedIn(c);
    const sinceText = c.req.header('Last-Event-ID') ?? c.req.query('since');
    if (sinceText !== undefined && !SinceQuery.safeParse(sinceText).success)
      throw apiError(400, { code: 'bad-request', field: 'since', message: 'Last-Event-ID phải là số thứ tự thay đổi', messageEn: 'Last-Event-ID must be a change sequence number' });
    c.header('X-Accel-Buffering', 'no');
    c.header('Cache-Control', 'no-cache, no-transform');
    return streamSSE(c, async (stream) => {
      const countsOf = async (boardId: string, seq: number): Promise<BoardCountsData> => {
        const board = await s.repository.getBoard(boardId);
        if (!board) return { board: boardId, seq, deleted: true };
        const tasks = (await s.repository.getTasks(boardId)) ?? [];
        return { board: boardId, seq, title: board.title, archived: board.archived, taskCount: tasks.length, counts: boardCounts(board, tasks, s.config.today()) };
      };
      let queue: Promise<void> = Promise.resolve();
      let last = sinceText === undefined ? await s.repository.lastSeq() : Number(sinceText);
      const send = (events: readonly ChangeEvent[]) => {
        queue = queue.then(async () => {
          // One update per board per batch: counts are a state, not a delta.
          const boards = new Map<string, number>();
          for (const e of events) {
            if (e.seq <= last) continue;
            last = e.seq;
            if (!e.boardId || (e.taskIds.length === 0 && !e.boardChanged)) continue;
            // Only boards this user holds a role on; a deleted board is told to those who could see it.
            if (!roleOn(user, e.boardId)) continue;
            boards.set(e.boardId, e.seq);
          }
          for (const [boardId, seq] of boards) await stream.writeSSE({ id: String(seq), event: 'counts', data: JSON.stringify(await countsOf(boardId, seq)) });
          // The id moves on even when nothing was this user's, so a resume does not replay it.
          if (boards.size === 0 && events.length > 0) await stream.write(`id: ${last}\n\n`);
        });
        return queue;
      };
      const off = s.repository.onChange((events) => void send(events).catch(() => {}));
      stream.onAbort(off);
      await stream.writeSSE({ id: String(last), event: 'hello', retry: RETRY_MS, data: JSON.stringify({ seq: last }) });
      if (sinceText !== undefined) {
        const missed = await s.repository.changesSince(last);
        if (missed === 'gone') {
          last = await s.repository.lastSeq();
          await stream.writeSSE({ id: String(last), event: 'reset', data: JSON.stringify({ seq: last }) });
        } else await send(missed);
      }
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(HEARTBEAT_MS);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
      off();
    });
  });
