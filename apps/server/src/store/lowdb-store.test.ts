// Crash-safety and persistence of the lowdb store: torn journal, temp leftovers, corrupt or newer files, restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_FILE, LowdbStore, SCHEMA_VERSION, SNAPSHOT_FILE } from './lowdb-store.ts';
import { StoreOpenError } from './errors.ts';
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
const open = async (opts: { compactAfterOps?: number } = {}) => {
  const s = await LowdbStore.open({ dir, ...opts });
  opened.push(s);
  return s;
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
    const store = await open();
    await store.apply(createBoardOp());
    const pending = store.apply(moveOp('t1', 1));
    expect(store.getTask('b1', 't1')!.column).toBe('todo');
    await pending;
    expect(store.getTask('b1', 't1')!.column).toBe('doing');
    await store.close();
  });
});
