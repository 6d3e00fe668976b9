// The embedded store: the repository contract (contract.ts), and what only it does: group commit (concurrent writers, order, version checks, a batch that fails),
// crash safety (torn lines, a crash between write and fsync, snapshot leftovers, corrupt or newer
// files), compaction racing writes, replay by value, the audit trail kept in step, and the change feed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writevSync } from 'node:fs';
import { appendFile, mkdir, open as openFile, readFile, readdir, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_FILE, JOURNAL_DIR, LowdbStore, SNAPSHOT_FILE } from './lowdb-store.ts';
import { StoreFailedError, StoreOpenError } from './errors.ts';
import type { OpenFile, WriteBatch } from './journal.ts';
import { verifyAuditFile } from './audit-log.ts';
import { LEGACY_JOURNAL } from './migrate-v1.ts';
import { repositoryContract } from './contract.ts';
import { FIXTURE_AT, TEST_ACTOR, createBoardOp, fixtureBoard, fixtureTask, moveOp, tempDir } from '../testing/fixtures.ts';

let dir: string;
let cleanup: () => Promise<void>;
let opened: LowdbStore[] = [];
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  // Stores left open simulate crashes inside a test; release their file handles only afterwards.
  await Promise.allSettled(opened.map((s) => s.close()));
  opened = [];
  await cleanup();
});
const open = async (opts: { compactAfterOps?: number; openJournalFile?: OpenFile; writeJournalBatch?: WriteBatch } = {}) => {
  const s = await LowdbStore.open({ dir, ...opts });
  opened.push(s);
  return s;
};

/** Journal files opened for appending get `faults` in place of their own methods; other files are untouched. */
const faultyJournal =
  (faults: (real: FileHandle) => Partial<Pick<FileHandle, 'datasync' | 'truncate'>>): OpenFile =>
  async (path, flags) => {
    const real = await openFile(path, flags);
    if (flags !== 'a') return real;
    const overrides: Record<string, unknown> = faults(real);
    return new Proxy(real, {
      get: (target, key) => {
        if (typeof key === 'string' && overrides[key]) return overrides[key];
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };

/** Every journal line of every segment, in order. */
async function journalLines(): Promise<string[]> {
  const names = (await readdir(join(dir, JOURNAL_DIR))).sort();
  const out: string[] = [];
  for (const n of names) out.push(...(await readFile(join(dir, JOURNAL_DIR, n), 'utf8')).split('\n').filter(Boolean));
  return out;
}
const seqs = async () => (await journalLines()).map((l) => JSON.parse(l).seq as number);
const lastSegment = async () => join(dir, JOURNAL_DIR, (await readdir(join(dir, JOURNAL_DIR))).sort().at(-1)!);
const auditLines = async () => (await readFile(join(dir, AUDIT_FILE), 'utf8')).split('\n').filter(Boolean);

repositoryContract('LowdbStore', {
  fresh: async () => {},
  open: (opts) => LowdbStore.open({ dir, ...opts }),
  cleanup: async () => {},
});

describe('LowdbStore: durability', () => {
  it('journals every write before acknowledging it and survives a crash without a snapshot', async () => {
    const store = await open();
    expect((await store.apply(createBoardOp())).ok).toBe(true);
    expect((await store.apply(moveOp('t2', 1))).ok).toBe(true);
    expect(await seqs()).toEqual([1, 2]);
    // No close(): no snapshot; the journal alone must carry the data.
    const again = await open();
    expect(await again.getTask('b1', 't2')).toMatchObject({ column: 'doing', version: 2 });
    expect((await again.getBoard('b1'))!.revision).toBe(1);
  });

  it('journals what an operation wrote, so replay gives back exactly what was acknowledged', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t2', 1));
    const line = JSON.parse((await journalLines())[1]!);
    expect(line).toMatchObject({ seq: 2, op: 'task.move', actor: TEST_ACTOR, board: 'b1', tasks: ['t2'] });
    expect(line.changes.find((c: { entity: string; id: string }) => c.entity === 'task' && c.id === 't2').fields).toMatchObject({
      column: { before: 'todo', after: 'doing' },
      version: { before: 1, after: 2 },
    });
  });

  it('writes a schema-3 snapshot (with board records) on close and drops the journal segments it covers', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    const day = { kind: 'daily' as const, id: '2025-12-10', boardId: 'b1', total: 3, counts: { 'todo-on-time': 2, 'doing-on-time': 1 }, late: 0, done: 0, at: FIXTURE_AT };
    await store.apply({ type: 'board.recordDay', boardId: 'b1', day, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    await store.close();
    const snap = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    expect(snap).toMatchObject({ schemaVersion: 3, lastSeq: 3, records: [day] });
    expect(snap.tasks.find((t: { id: string }) => t.id === 't1')).toMatchObject({ column: 'doing' });
    expect(await journalLines()).toEqual([]);
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ column: 'doing', version: 2 });
    expect(await again.getRecord('b1', 'daily', '2025-12-10')).toEqual(day);
  });

  it('reads a schema-2 snapshot (written before board records) as having none', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.close();
    const snap = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    delete snap.records;
    await writeFile(join(dir, SNAPSHOT_FILE), JSON.stringify({ ...snap, schemaVersion: 2 }));
    const again = await open();
    expect((await again.getTasks('b1'))!).toHaveLength(3);
    expect(await again.getRecords('b1', 'meeting')).toEqual([]);
  });

  it('ignores a torn last line (a crash mid-append: never acknowledged) and appends cleanly after it', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await appendFile(await lastSegment(), '{"seq":2,"at":"2025-');
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ version: 1 });
    expect((await again.apply(moveOp('t1', 1))).ok).toBe(true);
    expect(await seqs()).toEqual([1, 2]);
    const third = await open();
    expect(await third.getTask('b1', 't1')).toMatchObject({ column: 'doing', version: 2 });
  });

  it('a crash between write and fsync: acknowledged writes are all there, the unacknowledged one is whole or absent', async () => {
    let hold = false;
    let started!: () => void;
    const syncing = new Promise<void>((r) => (started = r));
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          if (hold) {
            started();
            await new Promise(() => {}); // the process dies before the fsync returns
          }
          return real.datasync();
        },
      })),
    });
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    // This store "dies" below: it must not be closed afterwards.
    opened = opened.filter((s) => s !== store);
    hold = true;
    let acknowledged = false;
    void store.apply(moveOp('t2', 1, { column: 'done' })).then(() => (acknowledged = true));
    await syncing;
    expect(acknowledged).toBe(false);
    // The written bytes may or may not have reached the disk; either way a restart reads a whole journal.
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ column: 'doing', version: 2 });
    const t2 = (await again.getTask('b1', 't2'))!;
    expect([1, 2]).toContain(t2.version);
    expect(t2.column).toBe(t2.version === 2 ? 'done' : 'todo');
  });

  it('refuses a journal corrupt in the middle, leaving it untouched', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    const file = await lastSegment();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[0] = lines[0]!.slice(0, 40);
    const text = lines.join('\n');
    await writeFile(file, text);
    const err = await LowdbStore.open({ dir }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err).toMatchObject({ problem: 'corrupt-journal' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it.each([
    ['a repeated seq', [1, 2, 2]],
    ['a missing seq', [1, 3]],
    ['a seq going back', [1, 2, 1]],
  ])('refuses a journal with %s, leaving it untouched', async (_, order) => {
    const store = await open();
    await store.apply(createBoardOp());
    for (let v = 1; v <= 2; v++) await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'todo' }));
    const lines = await journalLines();
    const text = order.map((seq) => lines[seq - 1]!.replace(/^\{"seq":\d+/, `{"seq":${seq}`)).join('\n') + '\n';
    const file = await lastSegment();
    await writeFile(file, text);
    const err = await LowdbStore.open({ dir }).catch((e) => e);
    expect(err).toMatchObject({ problem: 'corrupt-journal' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('starts from the old snapshot when killed during a snapshot write (temp file left behind)', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.close();
    await writeFile(join(dir, `${SNAPSHOT_FILE}.tmp-999-1`), '{"schemaVersion":2,"lastSeq":9,"boa');
    const again = await open();
    expect((await again.listBoards()).map((b) => b.id)).toEqual(['b1']);
    expect((await readdir(dir)).some((n) => n.includes('.tmp-'))).toBe(false);
  });

  it('refuses a corrupt snapshot, a snapshot of the wrong shape (naming where) and a newer schema, never overwriting them', async () => {
    for (const [text, problem, message] of [
      ['{"schemaVersion":2,', 'corrupt-snapshot', /JSON hỏng/],
      ['{"schemaVersion":2,"lastSeq":0,"boards":[{"id":1}],"tasks":[],"trash":[],"users":[],"directory":[]}', 'corrupt-snapshot', /boards\.0/],
      ['{"schemaVersion":99,"lastSeq":0}', 'newer-schema', /mới hơn/],
    ] as const) {
      await writeFile(join(dir, SNAPSHOT_FILE), text);
      const err = await LowdbStore.open({ dir }).catch((e) => e);
      expect(err).toMatchObject({ problem });
      expect(err.messageVi).toMatch(message);
      expect(await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).toBe(text);
    }
  });

  it('hands out frozen records and task lists, so no caller can change the store around the journal', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    const check = async (s: LowdbStore) => {
      const task = (await s.getTask('b1', 't1'))!;
      expect(() => ((task as { content: string }).content = 'đã sửa')).toThrow(TypeError);
      expect(() => task.leads.push('Sở Tài chính')).toThrow(TypeError);
      expect(() => ((task.deadline as { raw: string }).raw = 'x')).toThrow(TypeError);
      const board = (await s.getBoard('b1'))!;
      expect(() => board.tracks.reverse()).toThrow(TypeError);
      expect(() => (board.settings as { soonDays: number }).soonDays = 1).toThrow(TypeError);
      await expect((async () => ((await s.getTasks('b1')) as unknown[]).reverse())()).rejects.toThrow(TypeError);
      expect((await s.getTasks('b1'))!.map((t) => t.id)).toEqual(['t2', 't3', 't1']);
    };
    await check(store); // committed by apply
    await check(await open()); // replayed from the journal
    await store.close();
    await check(await open()); // loaded from the snapshot
  });

});

describe('LowdbStore: group commit', () => {
  it('writes operations that arrive together in one journal write and one fsync, acknowledging each after it, in order', async () => {
    const writes: number[] = [];
    let syncs = 0;
    const store = await open({
      writeJournalBatch: (fd, bytes) => {
        writes.push(Buffer.concat(bytes).toString().split('\n').filter(Boolean).length);
        return writevSync(fd, bytes);
      },
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          syncs++;
          return real.datasync();
        },
      })),
    });
    await store.apply(createBoardOp(30));
    writes.length = 0;
    syncs = 0;
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.apply(moveOp(`t${i + 1}`, 1, { column: i % 2 ? 'doing' : 'done', afterId: null })).then((r) => (order.push(i), r))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(30);
    // Everything that arrived while the first batch was on its way went in the second: at most a few writes, not 30.
    expect(writes.length).toBeLessThanOrEqual(3);
    expect(syncs).toBe(writes.length);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(await seqs()).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const again = await open();
    for (let i = 0; i < 30; i++) expect(await again.getTask('b1', `t${i + 1}`)).toMatchObject({ version: 2, column: i % 2 ? 'doing' : 'done' });
  });

  it('keeps reads on durable state while a batch is being made durable', async () => {
    let release!: () => void;
    let syncing!: () => void;
    const started = new Promise<void>((r) => (syncing = r));
    let hold = false;
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          if (hold) {
            hold = false;
            syncing();
            await new Promise<void>((r) => (release = r));
          }
          return real.datasync();
        },
      })),
    });
    await store.apply(createBoardOp());
    hold = true;
    const pending = store.apply(moveOp('t1', 1));
    await started;
    // A second write planned on top of the first while it is on its way: readers still see neither.
    const second = store.apply(moveOp('t1', 2, { column: 'done' }));
    const whilePending = [(await store.getTask('b1', 't1'))!.column, (await store.getTasks('b1'))!.find((t) => t.id === 't1')!.column, await store.lastSeq()];
    release();
    await pending;
    await second;
    expect(whilePending).toEqual(['todo', 'todo', 1]);
    expect(await store.getTask('b1', 't1')).toMatchObject({ column: 'done', version: 3 });
  });

  it('a batch whose fsync fails is cut back and refused; writes queued behind it are planned again on what is durable', async () => {
    let failNext = false;
    let release!: () => void;
    let syncing!: () => void;
    const started = new Promise<void>((r) => (syncing = r));
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          if (failNext) {
            failNext = false;
            syncing();
            await new Promise<void>((r) => (release = r));
            throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
          }
          return real.datasync();
        },
      })),
    });
    await store.apply(createBoardOp());
    failNext = true;
    const failing = store.apply(moveOp('t1', 1));
    await started;
    // Planned on top of the failing move (version 2): once it fails, t1 is at version 1 again → a conflict.
    const onTop = store.apply(moveOp('t1', 2, { column: 'done' }));
    // Independent of it: planned again and written.
    const independent = store.apply(moveOp('t2', 1, { column: 'done' }));
    release();
    await expect(failing).rejects.toThrow(/EIO/);
    expect(await onTop).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { id: 't1', version: 1 } } });
    expect(await independent).toMatchObject({ ok: true });
    expect(await seqs()).toEqual([1, 2]);
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ column: 'todo', version: 1 });
    expect(await again.getTask('b1', 't2')).toMatchObject({ column: 'done', version: 2 });
  });

  it('cuts back a partly written batch, so the journal stays readable', async () => {
    let partial = false;
    const store = await open({
      writeJournalBatch: (fd, bytes) => {
        if (!partial) return writevSync(fd, bytes);
        partial = false;
        return writevSync(fd, [Buffer.concat(bytes).subarray(0, 12)]);
      },
    });
    await store.apply(createBoardOp());
    partial = true;
    await expect(store.apply(moveOp('t1', 1))).rejects.toThrow(/wrote 12 of/);
    await store.apply(moveOp('t2', 1, { column: 'done' }));
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ column: 'todo', version: 1 });
    expect(await again.getTask('b1', 't2')).toMatchObject({ column: 'done', version: 2 });
  });

  it('refuses every later write when a failed append cannot be cut back, and keeps serving reads', async () => {
    let broken = false;
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          if (broken) throw new Error('EIO: i/o error, fdatasync');
          return real.datasync();
        },
        truncate: async (len?: number) => {
          if (broken) throw new Error('EIO: i/o error, ftruncate');
          return real.truncate(len);
        },
      })),
    });
    await store.apply(createBoardOp());
    broken = true;
    const err = await store.apply(moveOp('t1', 1)).catch((e) => e);
    expect(err).toBeInstanceOf(StoreFailedError);
    expect(err.messageVi).toMatch(/ngừng nhận thay đổi/);
    broken = false;
    await expect(store.apply(moveOp('t2', 1))).rejects.toBeInstanceOf(StoreFailedError);
    await expect(store.compact()).rejects.toBeInstanceOf(StoreFailedError);
    expect(await store.getTask('b1', 't1')).toMatchObject({ column: 'todo', version: 1 });
  });
});

describe('LowdbStore: compaction', () => {
  it('keeps every write made while a snapshot is being written, exactly once', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    const compaction = store.compact();
    for (let v = 1; v <= 6; v++) expect(await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'done' }))).toMatchObject({ ok: true });
    await compaction;
    const snap = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    // The cut-over came first, so every move raced the snapshot and went to the new segment.
    expect(snap.lastSeq).toBe(1);
    const rest = await seqs();
    expect([...Array(snap.lastSeq).keys()].map((i) => i + 1).concat(rest)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const again = await open(); // no close(): the snapshot and journal as compaction left them
    expect(await again.getTask('b1', 't1')).toMatchObject({ version: 7, column: 'done' });
  });

  it('returns from compact() once its snapshot is written and the old segments dropped, called just as a write is acknowledged', async () => {
    const store = await open();
    // Acknowledged inside the flush loop, which is then on its way out: the request goes to the next loop.
    await store.apply(createBoardOp());
    await store.compact();
    expect(JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).lastSeq).toBe(1);
    expect(await seqs()).toEqual([]);
  });

  it('refuses compact() with the error when no new segment can be opened, and goes on writing to the journal it has', async () => {
    let opens = 0;
    const store = await open({
      openJournalFile: async (path, flags) => {
        if (flags === 'a' && ++opens === 2) throw new Error('EMFILE: too many open files');
        return openFile(path, flags);
      },
    });
    await store.apply(createBoardOp());
    await expect(store.compact()).rejects.toThrow(/EMFILE/);
    expect(await store.apply(moveOp('t1', 1))).toMatchObject({ ok: true });
    expect(await seqs()).toEqual([1, 2]);
    await store.compact();
    expect(JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).lastSeq).toBe(2);
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ version: 2, column: 'doing' });
  });

  it('compacts by itself past the threshold while writes keep their order', async () => {
    const store = await open({ compactAfterOps: 5 });
    await store.apply(createBoardOp());
    for (let v = 1; v <= 12; v++) await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'todo' }));
    await store.compact();
    expect(store.pendingJournalOps).toBeLessThan(5);
    const again = await open();
    expect(await again.getTask('b1', 't1')).toMatchObject({ version: 13, column: 'todo' });
  });
});

describe('LowdbStore: audit trail and live changes', () => {
  it('catches the audit trail up from the journal after a crash lost the entries it had not synced, hash for hash', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    await store.apply(moveOp('t2', 1));
    // As if the machine went down before the audit's appends reached the disk (it syncs only before a
    // compaction drops journal records): the last two entries are gone, the second half-written.
    const lines = await auditLines();
    await writeFile(join(dir, AUDIT_FILE), `${lines[0]}\n${lines[1]!.slice(0, 40)}`);
    const again = await open();
    expect(await verifyAuditFile(join(dir, AUDIT_FILE))).toEqual({ ok: true, entries: 3 });
    expect(await auditLines()).toEqual(lines);
    expect((await again.audit.history('task:b1/t2'))[0]).toMatchObject({ op: 'task.move', seq: 3 });
  });

  it('acknowledges a write once the journal holds it; the audit, read or compacted right after, holds it too', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    // Acknowledged while its audit entry may still be on its way to disk: readers wait for it.
    const moves = await Promise.all([store.apply(moveOp('t1', 1)), store.apply(moveOp('t2', 1))]);
    expect(moves.every((r) => r.ok)).toBe(true);
    expect((await store.audit.history('task:b1/t1'))[0]).toMatchObject({ op: 'task.move', seq: 2 });
    await store.apply(moveOp('t1', 2, { column: 'todo' }));
    await store.compact();
    await store.close();
    expect(await verifyAuditFile(join(dir, AUDIT_FILE))).toEqual({ ok: true, entries: 4 });
  });

  it('audits a text holding a lone surrogate (JSON.parse makes one from "\\ud800") and keeps taking writes, before and after a restart', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    const update = (expectedVersion: number, content: string) => ({ type: 'task.update' as const, boardId: 'b1', taskId: 't1', expectedVersion, patch: { content }, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    const content = JSON.parse('"Triển khai \\ud800 dịch vụ"') as string;
    expect(await store.apply(update(1, content))).toMatchObject({ ok: true });
    // The audit entry is written after the answer: a failure there stopped every later write.
    expect((await store.audit.history('task:b1/t1'))[0]).toMatchObject({ op: 'task.update', changes: [{}, { fields: { content: { after: content } } }] });
    expect(await store.apply(moveOp('t1', 2))).toMatchObject({ ok: true });
    // A crash that lost the audit's last entries: the start replays the journal and catches the audit up
    // from it through the same encoding.
    await writeFile(join(dir, AUDIT_FILE), `${(await auditLines())[0]}\n`);
    const again = await open();
    expect((await again.getTask('b1', 't1'))!.content).toBe(content);
    expect(await again.apply(moveOp('t1', 3, { column: 'done' }))).toMatchObject({ ok: true });
    await again.close();
    expect(await verifyAuditFile(join(dir, AUDIT_FILE))).toEqual({ ok: true, entries: 4 });
  });
});

describe('LowdbStore: a store from schema 1', () => {
  it('opens a schema-1 snapshot and journal once: the data, the audit trail, then a schema-2 snapshot', async () => {
    await mkdir(dir, { recursive: true });
    const board = fixtureBoard();
    const t1 = fixtureTask('t1', 1024);
    const t2 = fixtureTask('t2', 2048);
    // Schema 1 had none of the task-work fields; the snapshot is read with their defaults.
    const strip = (t: Record<string, unknown>) => {
      const { extensions: _e, periodReports: _p, progressNote: _n, ...rest } = t;
      return rest;
    };
    const { settings: _s, archived: _a, workItems: _w, ...board1 } = board;
    await writeFile(join(dir, SNAPSHOT_FILE), JSON.stringify({ schemaVersion: 1, lastSeq: 1, boards: { b1: board1 }, tasks: { b1: { t1: strip(t1), t2: strip(t2) } } }));
    await writeFile(
      join(dir, LEGACY_JOURNAL),
      [
        JSON.stringify({ seq: 1, op: { type: 'board.create', board: board1, tasks: [strip(t1), strip(t2)], at: FIXTURE_AT } }),
        JSON.stringify({ seq: 2, op: { type: 'task.move', boardId: 'b1', taskId: 't1', expectedVersion: 1, track: 'khcn-cds', column: 'review', afterId: null, at: FIXTURE_AT } }),
        JSON.stringify({ seq: 3, op: { type: 'task.update', boardId: 'b1', taskId: 't2', expectedVersion: 1, patch: { owner: 'Lê Thị Hoa' }, at: FIXTURE_AT } }),
      ].join('\n') + '\n',
    );
    const store = await open();
    expect(await store.getTask('b1', 't1')).toMatchObject({ column: 'review', version: 2, extensions: [] });
    expect(await store.getTask('b1', 't2')).toMatchObject({ owner: 'Lê Thị Hoa', version: 2 });
    expect((await store.getBoard('b1'))!.settings.requireEvidence).toBe(true);
    expect((await readdir(dir)).includes(LEGACY_JOURNAL)).toBe(false);
    expect(JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'))).toMatchObject({ schemaVersion: 3, lastSeq: 3 });
    const audit = (await auditLines()).map((l) => JSON.parse(l).entry);
    expect(audit.map((e) => [e.seq, e.op, e.actor.name])).toEqual([
      [2, 'task.move', 'migration'],
      [3, 'task.update', 'migration'],
    ]);
    expect(await store.apply(moveOp('t2', 2))).toMatchObject({ ok: true });
    const again = await open();
    expect(await again.getTask('b1', 't2')).toMatchObject({ column: 'doing', version: 3 });
  });
});
