// Builders for tasks and board payloads in unit tests: every field filled, overrides on top.
import type { BoardPayload } from '@dondoc/shared/api';
import type { Board, Task } from '@dondoc/shared/model';
import type { CheckResult } from '@dondoc/shared/plugin';

export function makeTask(over: Partial<Task> & { id: string }): Task {
  return {
    boardId: 'b1',
    version: 1,
    track: 'cchc',
    column: 'todo',
    rank: 0,
    ordinal: over.id.replace(/\D/g, '') || '1',
    group: [],
    content: `Nhiệm vụ ${over.id}`,
    leads: ['Sở Nội vụ'],
    leadsText: 'Sở Nội vụ',
    partners: [],
    partnersText: '',
    deadline: { raw: '31/12/2025', kind: 'date', due: '2025-12-31', flags: [] },
    output: 'Báo cáo',
    sourceDoc: '',
    owner: '',
    approver: '',
    progress: 0,
    evidence: [],
    difficulties: '',
    proposals: '',
    conclusions: [],
    comments: [],
    createdAt: '2025-11-01T00:00:00Z',
    updatedAt: '2025-11-01T00:00:00Z',
    ...over,
  };
}

export const TRACKS: Board['tracks'] = [
  { id: 'de-an-06', label: 'Đề án 06' },
  { id: 'cchc', label: 'CCHC' },
  { id: 'khcn-cds', label: 'KHCN/CĐS' },
];

export function makeBoard(): Board {
  return {
    id: 'b1',
    title: 'Bảng thử',
    origin: 'template-test:t',
    tracks: TRACKS,
    roVariant: '5ro',
    agencies: [],
    indicators: [],
    rhythm: [],
    revision: 1,
    createdAt: '2025-11-01T00:00:00Z',
    updatedAt: '2025-11-01T00:00:00Z',
  };
}

export const check = (id: string, pass: boolean, reason = ''): CheckResult => ({ id, label: id, pass, reason });

export function makePayload(tasks: Task[], failures: BoardPayload['failures'] = {}, checklist: BoardPayload['checklist'] = null): BoardPayload {
  return { board: makeBoard(), tasks, checklist, failures };
}
