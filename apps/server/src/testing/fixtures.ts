// Small boards and tasks for server tests, so tests do not depend on template plugins landing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blankBoard, systemActor, taskFromDraft, type Board, type Operation, type OperationOf, type Task } from '@dondoc/shared';

export const FIXTURE_AT = '2025-11-20T03:00:00.000Z';

export function fixtureBoard(id = 'b1', over: Partial<Board> = {}): Board {
  return blankBoard({ id, title: 'Kế hoạch thử nghiệm Quý IV/2025', origin: 'test', createdAt: FIXTURE_AT, ...over });
}

export function fixtureTask(id: string, rank: number, over: Partial<Task> = {}, boardId = 'b1'): Task {
  return {
    ...taskFromDraft(
      {
        track: 'khcn-cds',
        ordinal: id,
        content: `Xây dựng kế hoạch chuyển đổi số số ${id}`,
        leads: ['Sở Khoa học và Công nghệ'],
        partners: ['Các sở, ban, ngành'],
        deadline: { raw: 'Quý IV/2025', kind: 'quarter', due: '2025-12-31', flags: [] },
        output: 'Kế hoạch được ban hành',
      },
      { id, boardId, rank, at: FIXTURE_AT },
    ),
    ...over,
  };
}

/** The actor of fixture operations. */
export const TEST_ACTOR = systemActor('test');

export function createBoardOp(n = 3, boardId = 'b1'): OperationOf<'board.create'> {
  const tasks = Array.from({ length: n }, (_, i) => fixtureTask(`t${i + 1}`, (i + 1) * 1024, {}, boardId));
  return { type: 'board.create', board: fixtureBoard(boardId), tasks, at: FIXTURE_AT, actor: TEST_ACTOR, via: 'test' };
}

export function moveOp(taskId: string, expectedVersion: number, over: Partial<OperationOf<'task.move'>> = {}): Operation {
  return { type: 'task.move', boardId: 'b1', taskId, expectedVersion, track: 'khcn-cds', column: 'doing', afterId: null, at: FIXTURE_AT, actor: TEST_ACTOR, via: 'test', ...over };
}

/** A fresh temp folder and its cleanup. */
export async function tempDir(prefix = 'dondoc-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
