// Records kept beside a board's tasks — meetings, indicator readings, daily counts — through the pure
// reducer: each write one named operation, refusals that write nothing, and every change record
// replaying onto a fresh index to the same state (what the journal and PostgreSQL's follower rely on).
import { describe, expect, it } from 'vitest';
import type { Board, DailyCounts, IndicatorReading, Meeting, Task } from './model.ts';
import { blankBoard } from './factories.ts';
import { BoardIndex } from './board-index.ts';
import { effectsOf, recordOf, type ChangeRecord } from './changes.ts';
import { indicatorKey, planOperation, systemActor, taskFromDraft, type Operation, type OperationResult } from './operations.ts';

const AT = '2025-12-10T02:00:00.000Z';
const env = { actor: { kind: 'user' as const, id: 'u-lanhdao', name: 'Lê Quang Huy' }, via: 'test', at: AT };
const indicator = { ordinal: '1', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', unit: '%', target: '≥ 70', monitors: ['Sở Nội vụ'], group: [] };

function board(over: Partial<Board> = {}): Board {
  return blankBoard({ id: 'b1', title: 'Kế hoạch thử', createdAt: AT, indicators: [indicator], ...over });
}
const task = (id: string): Task =>
  taskFromDraft({ track: 'khcn-cds', ordinal: id, content: `Nhiệm vụ ${id}`, leads: ['Sở Nội vụ'], partners: [], deadline: { raw: '31/12/2025', kind: 'date', due: '2025-12-31', flags: [] } }, { id, boardId: 'b1', rank: 1024, at: AT });

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  kind: 'meeting',
  id: 'm1',
  boardId: 'b1',
  title: 'Họp Ban Chỉ đạo tháng 12/2025',
  date: '2025-12-10',
  chair: 'Lê Quang Huy',
  attendees: ['Sở Nội vụ', 'Sở Khoa học và Công nghệ'],
  filter: {},
  agenda: 'track',
  reviewed: [],
  version: 0,
  createdAt: AT,
  updatedAt: AT,
  ...over,
});

/** A state and a journal: every applied operation's change record, as a store keeps them. */
function store() {
  const state = new BoardIndex();
  const journal: ChangeRecord[] = [];
  const apply = (op: Operation): OperationResult => {
    const r = planOperation(state, op);
    if (r.ok) {
      journal.push(recordOf(journal.length + 1, op, r.effects));
      state.apply(r.effects);
    }
    return r;
  };
  apply({ type: 'board.create', board: board(), tasks: [task('t1'), task('t2')], ...env });
  return { state, journal, apply };
}

describe('meetings', () => {
  it('creates a meeting at version 1 with no marks, refuses a second with the same id, and leaves the board revision alone', () => {
    const { state, apply } = store();
    const r = apply({ type: 'meeting.create', boardId: 'b1', meeting: meeting({ reviewed: [{ taskId: 't1', at: AT }], closedAt: AT }), ...env });
    expect(r.ok).toBe(true);
    expect(state.record('b1', 'meeting', 'm1')).toMatchObject({ version: 1, reviewed: [] });
    expect(state.record('b1', 'meeting', 'm1')!.closedAt).toBeUndefined();
    expect(state.board('b1')!.revision).toBe(0);
    expect(apply({ type: 'meeting.create', boardId: 'b1', meeting: meeting(), ...env })).toMatchObject({ ok: false, failure: { field: 'meeting.id' } });
    expect(apply({ type: 'meeting.create', boardId: 'b1', meeting: meeting({ id: 'm2', boardId: 'other' }), ...env })).toMatchObject({ ok: false, failure: { field: 'meeting.boardId' } });
    expect(apply({ type: 'meeting.create', boardId: 'nope', meeting: meeting({ id: 'm3' }), ...env })).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'board' } });
  });

  it('marks a task reviewed once (a repeated mark writes nothing), takes a mark back, and refuses unknown tasks and closed meetings', () => {
    const { state, apply } = store();
    apply({ type: 'meeting.create', boardId: 'b1', meeting: meeting(), ...env });
    const mark = (taskId: string, reviewed = true) => apply({ type: 'meeting.review', boardId: 'b1', meetingId: 'm1', taskId, reviewed, ...env });
    expect(mark('t1').ok).toBe(true);
    const again = mark('t1');
    expect(again.ok && again.effects.records).toBeUndefined();
    expect(mark('t2').ok).toBe(true);
    expect(state.record('b1', 'meeting', 'm1')).toMatchObject({ version: 3, reviewed: [{ taskId: 't1', by: { id: 'u-lanhdao', name: 'Lê Quang Huy' } }, { taskId: 't2' }] });
    expect(mark('t1', false).ok).toBe(true);
    expect(state.record('b1', 'meeting', 'm1')!.reviewed.map((r) => r.taskId)).toEqual(['t2']);
    expect(mark('nope')).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'task' } });
    expect(apply({ type: 'meeting.review', boardId: 'b1', meetingId: 'm9', taskId: 't1', reviewed: true, ...env })).toMatchObject({ ok: false, failure: { kind: 'not-found', entity: 'meeting' } });
    expect(apply({ type: 'meeting.update', boardId: 'b1', meetingId: 'm1', expectedVersion: 4, patch: { closed: true }, ...env }).ok).toBe(true);
    expect(state.record('b1', 'meeting', 'm1')).toMatchObject({ closedAt: AT, version: 5 });
    expect(mark('t1')).toMatchObject({ ok: false, failure: { field: 'meetingId' } });
  });

  it('edits a meeting with its version: a stale version is refused as stale, with the version now; reopening clears closedAt', () => {
    const { state, apply } = store();
    apply({ type: 'meeting.create', boardId: 'b1', meeting: meeting(), ...env });
    expect(apply({ type: 'meeting.update', boardId: 'b1', meetingId: 'm1', expectedVersion: 1, patch: { chair: 'Nguyễn Văn A', attendees: ['Sở Y tế'], closed: true }, ...env }).ok).toBe(true);
    expect(apply({ type: 'meeting.update', boardId: 'b1', meetingId: 'm1', expectedVersion: 1, patch: { title: 'x' }, ...env })).toMatchObject({ ok: false, failure: { kind: 'stale', entity: 'meeting', id: 'm1', version: 2 } });
    expect(apply({ type: 'meeting.update', boardId: 'b1', meetingId: 'm1', expectedVersion: 2, patch: { closed: false }, ...env }).ok).toBe(true);
    expect(state.record('b1', 'meeting', 'm1')).toMatchObject({ chair: 'Nguyễn Văn A', attendees: ['Sở Y tế'], version: 3 });
    expect(state.record('b1', 'meeting', 'm1')!.closedAt).toBeUndefined();
  });
});

describe('indicator readings and daily counts', () => {
  const reading = (over: Partial<IndicatorReading> = {}): IndicatorReading => ({ kind: 'indicator', id: 'r1', boardId: 'b1', indicator: indicatorKey(indicator), value: 52.5, note: 'Số liệu tháng 11', asOf: '2025-11-30', at: AT, ...over });
  const day = (over: Partial<DailyCounts> = {}): DailyCounts => ({ kind: 'daily', id: '2025-12-10', boardId: 'b1', total: 2, counts: { 'todo-on-time': 2 }, late: 0, done: 0, at: AT, ...over });

  it('keeps each reading as its own record, refusing an unknown indicator or a repeated id', () => {
    const { state, apply } = store();
    expect(apply({ type: 'indicator.record', boardId: 'b1', reading: reading(), ...env }).ok).toBe(true);
    expect(apply({ type: 'indicator.record', boardId: 'b1', reading: reading({ id: 'r2', value: 61, asOf: '2025-12-10' }), ...env }).ok).toBe(true);
    expect(apply({ type: 'indicator.record', boardId: 'b1', reading: reading({ id: 'r3', indicator: '9|Không có' }), ...env })).toMatchObject({ ok: false, failure: { field: 'indicator' } });
    expect(apply({ type: 'indicator.record', boardId: 'b1', reading: reading(), ...env })).toMatchObject({ ok: false, failure: { field: 'reading.id' } });
    expect(state.recordsOf('b1', 'indicator').map((r) => r.value)).toEqual([52.5, 61]);
  });

  it('records a day once: the first record of the day stands', () => {
    const { state, apply } = store();
    expect(apply({ type: 'board.recordDay', boardId: 'b1', day: day(), actor: systemActor('daily'), via: 'test', at: AT }).ok).toBe(true);
    const second = apply({ type: 'board.recordDay', boardId: 'b1', day: day({ total: 99 }), actor: systemActor('daily'), via: 'test', at: AT });
    expect(second.ok && second.effects.records).toBeUndefined();
    expect(state.record('b1', 'daily', '2025-12-10')!.total).toBe(2);
  });

  it('replays every change record onto a fresh index to the same state, and a deleted board takes its records', () => {
    const { state, journal, apply } = store();
    apply({ type: 'meeting.create', boardId: 'b1', meeting: meeting(), ...env });
    apply({ type: 'meeting.review', boardId: 'b1', meetingId: 'm1', taskId: 't2', reviewed: true, ...env });
    apply({ type: 'meeting.update', boardId: 'b1', meetingId: 'm1', expectedVersion: 2, patch: { closed: true }, ...env });
    apply({ type: 'indicator.record', boardId: 'b1', reading: reading(), ...env });
    apply({ type: 'board.recordDay', boardId: 'b1', day: day(), ...env });
    const replayed = new BoardIndex();
    for (const record of JSON.parse(JSON.stringify(journal)) as ChangeRecord[]) replayed.apply(effectsOf(record, replayed));
    expect(replayed.records.get('b1')).toEqual(state.records.get('b1'));
    expect(journal.at(-3)!.changes).toEqual([{ entity: 'record', board: 'b1', kind: 'meeting', id: 'm1', fields: { closedAt: { after: AT }, version: { before: 2, after: 3 } } }]);
    apply({ type: 'board.delete', boardId: 'b1', ...env });
    expect(state.records.get('b1')).toBeUndefined();
  });
});
