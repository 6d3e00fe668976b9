// Crash-safety and persistence of the lowdb store: torn journal, temp leftovers, corrupt or newer files, restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, open as openFile, readFile, readdir, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_FILE, LowdbStore, SCHEMA_VERSION, SNAPSHOT_FILE } from './lowdb-store.ts';
import { StoreFailedError, StoreOpenError } from './errors.ts';
import type { OpenFile } from './journal.ts';
import { createBoardOp, moveOp, tempDir } from '../testing/fixtures.ts';

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
const open = async (opts: { compactAfterOps?: number; openJournalFile?: OpenFile } = {}) => {
  const s = await LowdbStore.open({ dir, ...opts });
  opened.push(s);
  return s;
};

/** Journal files opened for appending get `faults` in place of their own methods; other files are untouched. */
const faultyJournal =
  (faults: (real: FileHandle) => Partial<Pick<FileHandle, 'write' | 'datasync' | 'truncate'>>): OpenFile =>
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

const journalLines = async () => (await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n').filter(Boolean);

describe('LowdbStore', () => {
  it('journals every write before acknowledging it and survives a restart without a snapshot', async () => {
    const store = await open();
    expect((await store.apply(createBoardOp())).ok).toBe(true);
    expect((await store.apply(moveOp('t2', 1))).ok).toBe(true);
    expect(await journalLines()).toHaveLength(2);
    // Simulate a crash: no close(), so no snapshot; the journal alone must carry the data.
    const again = await open();
    expect(again.getTask('b1', 't2')).toMatchObject({ column: 'doing', version: 2 });
    expect(again.getBoard('b1')!.revision).toBe(1);
    await again.close();
  });

  it('writes a snapshot with schemaVersion on close and empties the journal', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    await store.close();
    const snap = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    expect(snap).toMatchObject({ schemaVersion: SCHEMA_VERSION, lastSeq: 2 });
    expect(snap.tasks.b1.t1.column).toBe('doing');
    expect(await journalLines()).toHaveLength(0);
    const again = await open();
    expect(again.getTasks('b1')!.map((t) => t.id)).toEqual(['t2', 't3', 't1']);
    await expect(again.apply(moveOp('t1', 2, { column: 'done' }))).resolves.toMatchObject({ ok: true });
    await again.close();
  });

  it('compacts in the background past the threshold while writes keep their order', async () => {
    const store = await open({ compactAfterOps: 3 });
    await store.apply(createBoardOp(5));
    const results = await Promise.all([1, 2, 3, 4, 5].map((v) => store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'review' }))));
    expect(results.every((r) => r.ok)).toBe(true);
    await store.compact();
    const snap = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    expect(snap.lastSeq + store.pendingJournalOps).toBe(6);
    const again = await open();
    expect(again.getTask('b1', 't1')).toMatchObject({ version: 6, column: 'doing' });
    await again.close();
    await store.close();
  });

  it('ignores a torn last journal line and appends cleanly after it', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    await appendFile(join(dir, JOURNAL_FILE), '{"seq":3,"op":{"type":"task.mo');
    const again = await open();
    expect(again.getTask('b1', 't1')!.version).toBe(2);
    await again.apply(moveOp('t1', 2, { column: 'review' }));
    const lines = await journalLines();
    expect(lines).toHaveLength(3);
    expect(() => lines.map((l) => JSON.parse(l))).not.toThrow();
    const third = await open();
    expect(third.getTask('b1', 't1')).toMatchObject({ version: 3, column: 'review' });
  });

  it('refuses a journal corrupt in the middle, leaving it untouched', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await appendFile(join(dir, JOURNAL_FILE), 'garbage\n');
    await store.apply(moveOp('t1', 1));
    const before = await readFile(join(dir, JOURNAL_FILE), 'utf8');
    const err = await LowdbStore.open({ dir }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err).toMatchObject({ problem: 'corrupt-journal' });
    expect(err.messageVi).toMatch(/dòng 2/);
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe(before);
  });

  it('starts from the old snapshot when killed during a snapshot write (temp file left behind)', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.close();
    const snapshot = await readFile(join(dir, SNAPSHOT_FILE), 'utf8');
    // A crash mid-snapshot leaves a half-written temp file and the journal still holding later ops.
    await writeFile(join(dir, `${SNAPSHOT_FILE}.tmp-999-1`), '{"schemaVersion":1,"lastSeq":5,"boards":{"b1":');
    const s2 = await open();
    await s2.apply(moveOp('t3', 1, { column: 'done' }));
    const s3 = await open();
    expect(s3.getTask('b1', 't3')).toMatchObject({ column: 'done', version: 2 });
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).toBe(snapshot);
  });

  it('skips journal lines already in the snapshot (crash between snapshot and journal rewrite)', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    const journal = await readFile(join(dir, JOURNAL_FILE), 'utf8');
    await store.close();
    await writeFile(join(dir, JOURNAL_FILE), journal);
    const again = await open();
    expect(again.getTask('b1', 't1')!.version).toBe(2);
  });

  it('refuses to start on a corrupt snapshot and never overwrites it', async () => {
    await writeFile(join(dir, SNAPSHOT_FILE), '{"schemaVersion":1, oops');
    const err = await LowdbStore.open({ dir }).catch((e) => e);
    expect(err).toMatchObject({ problem: 'corrupt-snapshot' });
    expect(err.message).toMatch(/Không đọc được tệp dữ liệu/);
    expect(err.message).toMatch(/Cannot read data file/);
    expect(await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).toBe('{"schemaVersion":1, oops');
  });

  it('refuses a snapshot of the wrong shape, naming where', async () => {
    await writeFile(join(dir, SNAPSHOT_FILE), JSON.stringify({ schemaVersion: 1, lastSeq: 0, boards: { b1: { id: 'b1' } }, tasks: {} }));
    await expect(LowdbStore.open({ dir })).rejects.toMatchObject({ problem: 'corrupt-snapshot', messageEn: expect.stringMatching(/boards\.b1/) });
  });

  it('refuses a snapshot from a newer schema', async () => {
    const text = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, lastSeq: 0, boards: {}, tasks: {}, shiny: true });
    await writeFile(join(dir, SNAPSHOT_FILE), text);
    const err = await LowdbStore.open({ dir }).catch((e) => e);
    expect(err).toMatchObject({ problem: 'newer-schema' });
    expect(err.messageVi).toMatch(/mới hơn/);
    expect(await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).toBe(text);
  });

  it('returns a conflict with the current task for a stale version and journals nothing', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    const stale = await store.apply(moveOp('t1', 1, { column: 'review' }));
    expect(stale).toMatchObject({ ok: false, failure: { kind: 'conflict', current: { id: 't1', version: 2, column: 'doing' } } });
    expect(await journalLines()).toHaveLength(2);
    await store.close();
  });

  it('keeps reads on the committed state while a write is being made durable', async () => {
    // datasync is held open, so the check really runs while the append is pending (not merely before a microtask).
    let release!: () => void;
    let syncing!: () => void;
    const syncStarted = new Promise<void>((r) => (syncing = r));
    let hold = false;
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          if (hold) {
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
    await syncStarted;
    // Read first, assert after releasing: a failure must not leave the append hanging until the test times out.
    const whilePending = [store.getTask('b1', 't1')!.column, store.getTasks('b1')!.find((t) => t.id === 't1')!.column];
    release();
    await pending;
    expect(whilePending).toEqual(['todo', 'todo']);
    expect(store.getTask('b1', 't1')!.column).toBe('doing');
    await store.close();
  });

  it('cuts back a journal line whose fsync failed, so the next acknowledged write survives a restart', async () => {
    let failNext = false;
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        datasync: async () => {
          if (failNext) {
            failNext = false;
            throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
          }
          return real.datasync();
        },
      })),
    });
    await store.apply(createBoardOp());
    failNext = true;
    await expect(store.apply(moveOp('t1', 1))).rejects.toThrow(/EIO/);
    expect(store.getTask('b1', 't1')).toMatchObject({ column: 'todo', version: 1 });
    // The store keeps working: this write is acknowledged and must be the one a restart sees.
    await expect(store.apply(moveOp('t1', 1, { column: 'review' }))).resolves.toMatchObject({ ok: true });
    expect((await journalLines()).map((l) => JSON.parse(l).seq)).toEqual([1, 2]);
    const again = await open();
    expect(again.getTask('b1', 't1')).toMatchObject({ column: 'review', version: 2 });
  });

  it('cuts back a partly written journal line, so the journal stays readable', async () => {
    let partial = false;
    const store = await open({
      openJournalFile: faultyJournal((real) => ({
        write: (async (data: string) => {
          if (!partial) return real.write(data);
          partial = false;
          return real.write(data.slice(0, 12));
        }) as FileHandle['write'],
      })),
    });
    await store.apply(createBoardOp());
    partial = true;
    await expect(store.apply(moveOp('t1', 1))).rejects.toThrow(/wrote 12 of/);
    await store.apply(moveOp('t2', 1, { column: 'done' }));
    const again = await open();
    expect(again.getTask('b1', 't1')).toMatchObject({ column: 'todo', version: 1 });
    expect(again.getTask('b1', 't2')).toMatchObject({ column: 'done', version: 2 });
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
    expect(err.messageEn).toMatch(/refuses further changes/);
    // Even with the disk healthy again, nothing may be appended after the line that was refused.
    broken = false;
    await expect(store.apply(moveOp('t2', 1))).rejects.toBeInstanceOf(StoreFailedError);
    await expect(store.compact()).rejects.toBeInstanceOf(StoreFailedError);
    expect(store.getTask('b1', 't1')).toMatchObject({ column: 'todo', version: 1 });
    expect(store.getTask('b1', 't2')).toMatchObject({ column: 'todo', version: 1 });
  });

  it.each([
    ['a repeated seq', [1, 2, 2]],
    ['a missing seq', [1, 3]],
    ['a seq going back', [1, 2, 1]],
  ])('refuses a journal with %s, leaving it untouched', async (_, seqs) => {
    const store = await open();
    await store.apply(createBoardOp());
    const ops = [moveOp('t1', 1), moveOp('t2', 1), moveOp('t3', 1)];
    const text = [(await journalLines())[0], ...seqs.slice(1).map((seq, i) => JSON.stringify({ seq, op: ops[i] }))].join('\n') + '\n';
    await writeFile(join(dir, JOURNAL_FILE), text);
    const err = await LowdbStore.open({ dir }).catch((e) => e);
    expect(err).toMatchObject({ problem: 'corrupt-journal' });
    expect(err.messageEn).toMatch(new RegExp(`expected #${seqs.findIndex((s, i) => s !== i + 1) + 1}`));
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe(text);
  });

  it('hands out frozen boards, tasks and task lists, so a plugin cannot change the store without the journal', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    await store.apply(moveOp('t1', 1));
    const check = (s: LowdbStore) => {
      const task = s.getTask('b1', 't1')!;
      expect(() => ((task as { content: string }).content = 'đã sửa')).toThrow(TypeError);
      expect(() => task.leads.push('Sở Tài chính')).toThrow(TypeError);
      expect(() => ((s.getBoard('b1') as { title: string }).title = 'đã sửa')).toThrow(TypeError);
      expect(() => s.getBoard('b1')!.tracks.reverse()).toThrow(TypeError);
      expect(() => s.getTasks('b1')!.reverse()).toThrow(TypeError);
      expect(s.getTask('b1', 't1')).toMatchObject({ content: 'Xây dựng kế hoạch chuyển đổi số số t1', leads: ['Sở Khoa học và Công nghệ'] });
      expect(s.getBoard('b1')!.title).toBe('Kế hoạch thử nghiệm Quý IV/2025');
      expect(s.getTasks('b1')!.map((t) => t.id)).toEqual(['t2', 't3', 't1']);
    };
    check(store); // committed by apply
    check(await open()); // replayed from the journal
    await store.close();
    check(await open()); // loaded from the snapshot
  });

  it('keeps every write made while a snapshot is being written, exactly once', async () => {
    const store = await open();
    await store.apply(createBoardOp());
    let compacted = false;
    const compaction = store.compact().then(() => (compacted = true));
    const ackedDuringCompaction: boolean[] = [];
    for (let v = 1; v <= 6; v++) {
      expect(await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'review' }))).toMatchObject({ ok: true });
      ackedDuringCompaction.push(!compacted);
    }
    await compaction;
    // Otherwise this test would not exercise writes racing the snapshot.
    expect(ackedDuringCompaction[0]).toBe(true);
    const snap = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    const seqs = (await journalLines()).map((l) => JSON.parse(l).seq);
    expect([...Array(snap.lastSeq).keys()].map((i) => i + 1).concat(seqs)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const again = await open(); // no close(): the snapshot and journal as compaction left them
    expect(again.getTask('b1', 't1')).toMatchObject({ version: 7, column: 'review' });
    await store.close();
  });
});
