// Builders for tasks and board payloads in unit tests: every field filled, overrides on top.
import { encodePayload, type BoardPayload, type CheckFailure } from '@dondoc/shared/api';
import type { Board, Task } from '@dondoc/shared/model';
import { blankBoard, blankTask } from '@dondoc/shared/factories';
import type { CheckResult } from '@dondoc/shared/plugin';

export function makeTask(over: Partial<Task> & { id: string }): Task {
  return blankTask({
    boardId: 'b1',
    track: 'cchc',
    rank: 0,
    ordinal: over.id.replace(/\D/g, '') || '1',
    content: `Nhiệm vụ ${over.id}`,
    leads: ['Sở Nội vụ'],
    leadsText: 'Sở Nội vụ',
    deadline: { raw: '31/12/2025', kind: 'date', due: '2025-12-31', flags: [] },
    output: 'Báo cáo',
    createdAt: '2025-11-01T00:00:00Z',
    ...over,
  });
}

export const TRACKS: Board['tracks'] = [
  { id: 'de-an-06', label: 'Đề án 06' },
  { id: 'cchc', label: 'CCHC' },
  { id: 'khcn-cds', label: 'KHCN/CĐS' },
];

export function makeBoard(): Board {
  return blankBoard({ id: 'b1', title: 'Bảng thử', origin: 'template-test:t', tracks: TRACKS, revision: 1, createdAt: '2025-11-01T00:00:00Z' });
}

export const check = (id: string, pass: boolean, reason = ''): CheckResult => ({ id, label: id, pass, reason });

/** A board payload as the server sends it: the tasks encoded as wire cards. */
export function makePayload(tasks: Task[], failures: Record<string, CheckFailure[]> = {}, checklist: BoardPayload['checklist'] = null): BoardPayload {
  return encodePayload({ board: makeBoard(), checklist, cards: tasks, failures });
}
