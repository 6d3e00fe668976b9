// The snapshot an exporter's thread reads back is the snapshot the route built, and writing it gives
// the event loop turns: snapshots generated from a rule (sizes, texts that JSON must escape, checks).
import { JoinedBytes } from './process-bytes.mjs';
import { describe, expect, it, vi } from 'vitest';
import { parseDeadline, periodOf, type BoardSnapshot, type CheckResult, type Plan, type Task, type TaskDraft } from '@dondoc/shared';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { CHECK_EVERY, HELD_BOARDS, HeldSnapshots, MAX_PART_CHARS, SentSnapshots, Slicer, decodeSnapshot, encodeSnapshot, type EncodedSnapshot } from './snapshot-wire.ts';

const TODAY = '2025-12-10';
/** Texts JSON has to escape or that span several UTF-8 bytes: quotes, backslashes, line breaks, Vietnamese, emoji, a lone NUL. */
const AWKWARD = ['"trích dẫn"', 'C:\\thư mục\\tệp', 'dòng 1\ndòng 2\r\n\tthụt', 'Ủy ban nhân dân tỉnh Lào Cai', 'biểu tượng 📄✅', 'nul\u0000ký tự', ''];

function plan(n: number): Plan {
  const tasks: TaskDraft[] = Array.from({ length: n }, (_, i) => ({
    track: ['de-an-06', 'cchc', 'khcn-cds'][i % 3]!,
    ordinal: String(i + 1),
    group: [`Phụ lục ${i % 4}`],
    content: `Nhiệm vụ ${i + 1}: ${AWKWARD[i % AWKWARD.length]}`,
    leads: i % 5 === 0 ? [] : [AWKWARD[(i + 3) % AWKWARD.length]! || 'Sở Nội vụ'],
    partners: [],
    deadline: parseDeadline(['Quý IV/2025', 'Thường xuyên', '15/12/2025', ''][i % 4]!),
    output: AWKWARD[(i + 1) % AWKWARD.length]!,
  }));
  return { id: 'gen', title: 'Kế hoạch "sinh" theo quy tắc', issuer: 'UBND tỉnh', number: '12/KH-UBND', date: '2025-10-01', province: '', sections: [], tasks, indicators: [], rhythm: [], roVariant: '5ro', warnings: [] };
}

function snapshotOf(n: number): BoardSnapshot {
  const s = snapshotFromPlan(plan(Math.max(n, 1)), { today: TODAY, settings: SAMPLE_SETTINGS, count: n });
  const checks: Record<string, CheckResult[]> = {};
  s.tasks.forEach((t, i) => {
    const reason = AWKWARD[i % AWKWARD.length]!;
    if (i % 3 !== 2) checks[t.id] = [{ id: 'ro-viec', label: 'Rõ việc', pass: i % 2 === 0, reason: i % 2 ? reason : '' }];
  });
  return { ...s, checks, period: periodOf(TODAY, 'quarterly'), appUrl: 'http://127.0.0.1:8080' };
}

/** What a structured clone would have handed the thread, minus `undefined` fields (JSON drops them, and no exporter can tell). */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('encodeSnapshot / decodeSnapshot', () => {
  it.each([0, 1, 7, 33, 500, 2_000])('gives back the same snapshot (%i tasks), in shared memory and in memory of its own', async (n) => {
    const snapshot = snapshotOf(n);
    for (const shared of [true, false]) {
      const encoded = await encodeSnapshot(snapshot, { sliceMs: 0, shared });
      // A thread shares the parts; a process is sent the records' kept bytes, joined without a copy.
      if (shared) expect(encoded.parts.every((p) => p instanceof Uint8Array && p.buffer instanceof SharedArrayBuffer)).toBe(true);
      else expect(encoded.parts).toEqual([expect.any(JoinedBytes)]);
      const decoded = decodeSnapshot(encoded);
      expect(decoded).toEqual(plain(snapshot));
      expect(decoded.tasks.map((t) => t.id)).toEqual(snapshot.tasks.map((t) => t.id));
    }
  });

  it('keeps a snapshot with only a board and tasks (no optional fields) whole', async () => {
    const { board, tasks, checks, today } = snapshotOf(40);
    expect(decodeSnapshot(await encodeSnapshot({ board, tasks, checks, today }, { sliceMs: 0 }))).toEqual(plain({ board, tasks, checks, today }));
  });

  it('hands the event loop a turn whenever a slice is used up', async () => {
    const snapshot = snapshotOf(2_000);
    let turns = 0;
    const encoded = await encodeSnapshot(snapshot, { sliceMs: 0, yieldTurn: async () => void turns++ });
    // With no time to spare, a turn every CHECK_EVERY tasks and every CHECK_EVERY checks.
    expect(turns).toBe(Math.floor(snapshot.tasks.length / CHECK_EVERY) + Math.floor(Object.keys(snapshot.checks).length / CHECK_EVERY));
    expect(turns).toBeGreaterThan(100);
    expect(encoded.parts).toHaveLength(turns + 1);
    // Each part ends between two characters: it reads as UTF-8 on its own.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const part of encoded.parts) expect(() => decoder.decode(part instanceof Uint8Array ? part.slice() : Buffer.concat(part.runs))).not.toThrow();
  });

  it('ends a part at MAX_PART_CHARS characters even while the slice lasts, and every part is read back in order', async () => {
    const snapshot = snapshotOf(2_000);
    const encoded = await encodeSnapshot(snapshot, { sliceMs: 60_000 });
    const sizes = encoded.parts.map((p) => p.byteLength);
    expect(sizes.length).toBeGreaterThan(3);
    // A part passes MAX_PART_CHARS by at most one record; UTF-8 may take up to 3 bytes a character.
    for (const size of sizes) expect(size).toBeLessThan(3 * (MAX_PART_CHARS + 10_000));
    expect(decodeSnapshot(encoded)).toEqual(plain(snapshot));
  });

  it('lets timers and I/O run while a large snapshot is written', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await encodeSnapshot(snapshotOf(5_000), { sliceMs: 1 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('SentSnapshots / HeldSnapshots: a board exported again is sent what changed', () => {
  /** Frozen deeply, as the stores and the board payload keep their records. */
  const deep = <T>(v: T): T => (v && typeof v === 'object' && !Object.isFrozen(v) ? (Object.values(Object.freeze(v)).forEach(deep), v) : v);
  const frozenSnapshot = (n: number): BoardSnapshot => {
    const s = snapshotOf(n);
    return { ...s, tasks: s.tasks.map(deep), checks: Object.fromEntries(Object.entries(s.checks).map(([id, r]) => [id, deep(r)])) };
  };
  const size = (e: EncodedSnapshot) => e.parts.reduce((n, p) => n + p.byteLength, 0);

  it.each([true, false])('reads back each change of a board from the records that changed (shared memory: %s)', async (shared) => {
    const sent = new SentSnapshots();
    const held = new HeldSnapshots();
    const first = frozenSnapshot(600);
    const whole = await encodeSnapshot(first, { sliceMs: 0, shared, sent });
    expect(whole.sent).toEqual({ board: first.board.id, id: expect.any(Number) });
    expect(held.read(whole)).toEqual(plain(first));
    // Generated changes: a task edited (a new frozen object), one removed, one added, two swapped, the
    // checks of one task changed, of another dropped, and a third task's results listed under a new id.
    const tasks = [...first.tasks];
    const ids = Object.keys(first.checks);
    tasks[10] = deep({ ...tasks[10]!, content: 'nội dung "mới" ✅' });
    tasks.splice(20, 1);
    tasks.push(deep({ ...tasks[5]!, id: 'them-moi', ordinal: '601' }));
    [tasks[30], tasks[31]] = [tasks[31]!, tasks[30]!];
    const checks = { ...first.checks, [ids[0]!]: deep([{ id: 'ro-viec', label: 'Rõ việc', pass: false, reason: 'thiếu "sản phẩm"' }]), them_moi: first.checks[ids[2]!]! };
    delete checks[ids[1]!];
    const second: BoardSnapshot = { ...first, tasks, checks, today: '2025-12-11' };
    const delta = await encodeSnapshot(second, { sliceMs: 0, shared, sent });
    expect(delta.sent).toEqual({ board: first.board.id, id: expect.any(Number), base: whole.sent!.id });
    expect(size(delta)).toBeLessThan(size(whole) / 20);
    const read = held.read(delta)!;
    expect(read).toEqual(plain(second));
    expect(Object.keys(read.checks)).toEqual(Object.keys(second.checks));
    // The records held are frozen: an exporter cannot change what the next export reads.
    expect(Object.isFrozen(read.tasks[0]) && Object.isFrozen(read.tasks[0]!.leads)).toBe(true);
    expect(() => {
      'use strict';
      (read.tasks[0] as { content: string }).content = 'sửa';
    }).toThrow(TypeError);
    // And the next change builds on this one.
    const third = { ...second, tasks: second.tasks.slice(1) };
    expect(held.read(await encodeSnapshot(third, { sliceMs: 0, shared, sent }))).toEqual(plain(third));
  });

  /** How many of an encoded snapshot's tasks went as records rather than as their place in the base. */
  const tasksSentWhole = (e: EncodedSnapshot) => {
    const bytes = e.parts.flatMap((p) => (p instanceof JoinedBytes ? p.runs : [p]));
    const wire = JSON.parse(Buffer.concat(bytes.map((b) => Buffer.from(b))).toString('utf8')) as { tasks: unknown[] };
    return wire.tasks.filter((t) => typeof t !== 'number').length;
  };

  it.each([
    ['a block of 100 tasks removed', (t: Task[]) => [...t.slice(0, 200), ...t.slice(300)], 32],
    ['every seventh task kept (a filtered view)', (t: Task[]) => t.filter((_, i) => i % 7 === 0), 32],
    ['50 tasks moved elsewhere (new objects in new places)', (t: Task[]) => {
      const out = [...t];
      for (let k = 0; k < 50; k++) {
        const [moved] = out.splice((k * 37) % out.length, 1);
        out.splice((k * 101 + 13) % out.length, 0, Object.freeze({ ...moved!, rank: moved!.rank + 0.5 }));
      }
      return out;
    }, 50],
    ['100 tasks added at the front', (t: Task[]) => [...Array.from({ length: 100 }, (_, i) => Object.freeze({ ...t[i]!, id: `moi-${i}` })), ...t], 100],
  ])('finds the unchanged tasks after %s', async (_, change, whole) => {
    const sent = new SentSnapshots();
    const held = new HeldSnapshots();
    const first = frozenSnapshot(600);
    held.read(await encodeSnapshot(first, { sent }));
    const next = { ...first, tasks: change(first.tasks) };
    const delta = await encodeSnapshot(next, { sent });
    expect(held.read(delta)).toEqual(plain(next));
    // The tasks changed or added, plus at most the misses in a row before records are looked up by id.
    expect(tasksSentWhole(delta)).toBeLessThanOrEqual(whole);
  });

  it('sends a task that is not frozen whole each time: it may have been changed in place', async () => {
    const sent = new SentSnapshots();
    const held = new HeldSnapshots();
    const snapshot = frozenSnapshot(20);
    const loose = structuredClone(snapshot.tasks[3]!);
    snapshot.tasks[3] = loose;
    expect(held.read(await encodeSnapshot(snapshot, { sent }))).toEqual(plain(snapshot));
    loose.content = 'sửa tại chỗ ✅';
    const again = held.read(await encodeSnapshot(snapshot, { sent }))!;
    expect(again.tasks[3]!.content).toBe('sửa tại chỗ ✅');
    expect(again).toEqual(plain(snapshot));
  });

  it('answers "not held" for a snapshot whose base it never read (a replaced process), and reads it sent whole', async () => {
    const sent = new SentSnapshots();
    const snapshot = frozenSnapshot(50);
    await encodeSnapshot(snapshot, { sliceMs: 0, sent });
    const delta = await encodeSnapshot(snapshot, { sliceMs: 0, sent });
    const fresh = new HeldSnapshots();
    expect(fresh.read(delta)).toBeUndefined();
    expect(() => decodeSnapshot(delta)).toThrow(/HeldSnapshots/);
    const whole = await encodeSnapshot(snapshot, { sliceMs: 0, sent, whole: true });
    expect(whole.sent?.base).toBeUndefined();
    expect(fresh.read(whole)).toEqual(plain(snapshot));
    expect(fresh.read(await encodeSnapshot(snapshot, { sliceMs: 0, sent }))).toEqual(plain(snapshot));
  });

  it('reads snapshots only against the exact one they were written after, whatever order they arrive in', async () => {
    const sent = new SentSnapshots();
    const held = new HeldSnapshots();
    const a = frozenSnapshot(40);
    const b = { ...a, tasks: a.tasks.slice(3) };
    const c = { ...a, tasks: a.tasks.slice(0, 20) };
    const [ea, eb, ec] = [await encodeSnapshot(a, { sent }), await encodeSnapshot(b, { sent }), await encodeSnapshot(c, { sent })];
    expect(held.read(ea)).toEqual(plain(a));
    // c was written after b: read before b, its base is not held.
    expect(held.read(ec)).toBeUndefined();
    expect(held.read(eb)).toEqual(plain(b));
    expect(held.read(ec)).toEqual(plain(c));
    expect(held.read(eb)).toBeUndefined();
  });

  it('forgets what it sent a while after the last snapshot (the exporter has ended by then): the next goes whole', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const sent = new SentSnapshots(1_000);
      const snapshot = frozenSnapshot(10);
      await encodeSnapshot(snapshot, { sent });
      vi.advanceTimersByTime(999);
      expect((await encodeSnapshot(snapshot, { sent })).sent?.base).toBeDefined();
      vi.advanceTimersByTime(1_000);
      expect((await encodeSnapshot(snapshot, { sent })).sent?.base).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it(`keeps ${HELD_BOARDS} boards, the least recently sent forgotten on both sides`, async () => {
    const sent = new SentSnapshots();
    const held = new HeldSnapshots();
    const boards = Array.from({ length: HELD_BOARDS + 1 }, (_, i) => {
      const s = frozenSnapshot(5);
      return { ...s, board: { ...s.board, id: `bang-${i}` } };
    });
    for (const b of boards) expect(held.read(await encodeSnapshot(b, { sent }))).toEqual(plain(b));
    // The first board was forgotten: sent whole, and read.
    const again = await encodeSnapshot(boards[0]!, { sent });
    expect(again.sent?.base).toBeUndefined();
    expect(held.read(again)).toEqual(plain(boards[0]!));
    // The last is still held on both sides.
    const last = await encodeSnapshot(boards.at(-1)!, { sent });
    expect(last.sent?.base).toBeDefined();
    expect(held.read(last)).toEqual(plain(boards.at(-1)!));
  });
});

describe('Slicer', () => {
  it('is due only once its slice has passed, and a turn starts a new slice', async () => {
    let now = 0;
    const real = performance.now;
    performance.now = () => now;
    try {
      let turns = 0;
      const slicer = new Slicer({ sliceMs: 4, yieldTurn: async () => void turns++ });
      expect(slicer.due).toBe(false);
      now = 3.9;
      expect(slicer.due).toBe(false);
      now = 4;
      expect(slicer.due).toBe(true);
      await slicer.turn();
      expect(turns).toBe(1);
      expect(slicer.turns).toBe(1);
      expect(slicer.due).toBe(false);
      now = 8;
      expect(slicer.due).toBe(true);
    } finally {
      performance.now = real;
    }
  });
});
