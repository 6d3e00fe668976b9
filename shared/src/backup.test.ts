// The backup file's pure rules: what is refused before the content is read, which evidence files fit
// under the cap, and the board a backup restores to.
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, BoardBackup, backupContentRefusal, backupRefusal, boardBackup, filesToInclude, restoredBoard } from './backup.ts';
import { blankBoard, blankTask } from './factories.ts';
import { parseDeadline } from './deadline.ts';
import type { Evidence, HistoryEntry, Task } from './model.ts';

const AT = '2025-11-20T02:00:00.000Z';
const fileEvidence = (id: string, sha: string, size: number): Evidence => ({ id, kind: 'file', label: id, file: { name: `${id}.pdf`, size, mediaType: 'application/pdf', sha256: sha }, addedAt: AT });
const task = (id: string, evidence: Evidence[] = []): Task => blankTask({ id, boardId: 'b1', track: 'cchc', rank: 1024, content: `Nhiệm vụ ${id}`, deadline: parseDeadline('Quý I/2026'), createdAt: AT, evidence });
const line = (n: number, op: string): HistoryEntry => ({ n, at: AT, actor: { id: 'u1', name: 'Hà', kind: 'user' }, op, via: 'test' });

describe('backupRefusal', () => {
  it('refuses by what the file says it is, for every version above this one', () => {
    expect(backupRefusal(null)?.field).toBe('(body)');
    expect(backupRefusal([])?.field).toBe('(body)');
    expect(backupRefusal({ format: 'other', version: 1 })?.field).toBe('format');
    for (const version of [0, -1, 1.5, '1', undefined]) expect(backupRefusal({ format: BACKUP_FORMAT, version })?.field).toBe('version');
    for (let v = BACKUP_VERSION + 1; v < BACKUP_VERSION + 20; v++) expect(backupRefusal({ format: BACKUP_FORMAT, version: v })?.message).toMatch(/phiên bản mới hơn/);
    for (let v = 1; v <= BACKUP_VERSION; v++) expect(backupRefusal({ format: BACKUP_FORMAT, version: v })).toBeUndefined();
  });
});

describe('filesToInclude', () => {
  it('takes each file once, in task order, while the total stays under the cap, skipping one too big', () => {
    const sha = (n: number) => String(n).repeat(64).slice(0, 64);
    const tasks = [task('t1', [fileEvidence('a', sha(1), 40), fileEvidence('b', sha(2), 70)]), task('t2', [fileEvidence('c', sha(1), 40), fileEvidence('d', sha(3), 50)])];
    expect(filesToInclude(tasks, 100).map((f) => f.sha256)).toEqual([sha(1), sha(3)]);
    expect(filesToInclude(tasks, 1000).map((f) => f.sha256)).toEqual([sha(1), sha(2), sha(3)]);
    expect(filesToInclude(tasks, 10)).toEqual([]);
  });
});

describe('boardBackup and restoredBoard', () => {
  const board = { ...blankBoard({ id: 'b1', title: 'Bảng thử', createdAt: AT }), settings: { ...blankBoard({ id: 'x', title: 'x', createdAt: AT }).settings, calendarToken: 'x'.repeat(40), issuer: 'UBND' } };
  const tasks = [task('t1', [fileEvidence('e1', 'f'.repeat(64), 10)]), task('t2')];
  const backup = boardBackup({ board, tasks, history: new Map([['t1', [line(3, 'task.update'), line(1, 'board.create')]]]), files: { ['f'.repeat(64)]: 'AAAA' }, exportedAt: AT, exportedBy: { id: 'u1', name: 'Hà' } });

  it('writes a file its own schema reads, without the calendar secret, listing the evidence', () => {
    expect(BoardBackup.parse(JSON.parse(JSON.stringify(backup)))).toEqual(backup);
    expect(backup.board.settings.calendarToken).toBeUndefined();
    expect(backup.board.settings.issuer).toBe('UBND');
    expect(backup.history).toEqual({ t1: [line(3, 'task.update'), line(1, 'board.create')], t2: [] });
    expect(backup.evidence).toEqual([{ taskId: 't1', evidenceId: 'e1', kind: 'file', label: 'e1', file: tasks[0]!.evidence[0]!.file, included: true }]);
    expect(backupContentRefusal(backup)).toBeUndefined();
  });
  it('restores to a new board id, tasks whole, each carrying its history marked as from the backup', () => {
    const r = restoredBoard(backup, { boardId: 'b9', at: '2026-01-01T00:00:00.000Z' });
    expect(r.board).toMatchObject({ id: 'b9', title: 'Bảng thử', revision: 0, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(r.tasks.map((t) => [t.id, t.boardId])).toEqual([['t1', 'b9'], ['t2', 'b9']]);
    expect(r.tasks[0]!.earlierHistory).toEqual([{ ...line(3, 'task.update'), fromBackup: true }, { ...line(1, 'board.create'), fromBackup: true }]);
    expect(r.tasks[1]!.earlierHistory).toBeUndefined();
  });
  it('refuses a task id twice and a task on a track the board lacks', () => {
    expect(backupContentRefusal({ ...backup, tasks: [tasks[0]!, tasks[0]!] })?.field).toBe('tasks.1.id');
    expect(backupContentRefusal({ ...backup, tasks: [{ ...tasks[1]!, track: 'khong-co' }] })?.field).toBe('tasks.0.track');
  });
});
