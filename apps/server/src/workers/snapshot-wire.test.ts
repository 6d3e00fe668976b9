// The snapshot an exporter's thread reads back is the snapshot the route built, and writing it gives
// the event loop turns: snapshots generated from a rule (sizes, texts that JSON must escape, checks).
import { JoinedBytes } from './process-bytes.mjs';
import { describe, expect, it } from 'vitest';
import { parseDeadline, periodOf, type BoardSnapshot, type CheckResult, type Plan, type TaskDraft } from '@dondoc/shared';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { CHECK_EVERY, MAX_PART_CHARS, Slicer, decodeSnapshot, encodeSnapshot } from './snapshot-wire.ts';

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

  it('writes a frozen task again from the bytes it kept, and a task that is not frozen afresh each time', async () => {
    const snapshot = snapshotOf(50);
    const deep = <T>(v: T): T => (v && typeof v === 'object' && !Object.isFrozen(v) ? (Object.values(Object.freeze(v)).forEach(deep), v) : v);
    const frozen = { ...snapshot, tasks: snapshot.tasks.map((t, i) => (i % 2 ? deep(structuredClone(t)) : structuredClone(t))) };
    expect(decodeSnapshot(await encodeSnapshot(frozen, { sliceMs: 0 }))).toEqual(plain(frozen));
    // A store changes a task by making a new (frozen) object; an unfrozen one may be changed in place.
    frozen.tasks[1] = deep({ ...frozen.tasks[1]!, content: 'đổi "nội dung"' });
    frozen.tasks[0]!.content = 'sửa tại chỗ ✅';
    const again = decodeSnapshot(await encodeSnapshot(frozen, { sliceMs: 0 }));
    expect(again).toEqual(plain(frozen));
    expect(again.tasks.slice(0, 2).map((t) => t.content)).toEqual(['sửa tại chỗ ✅', 'đổi "nội dung"']);
  });

  it('writes frozen checklist results again from the bytes it kept, under the task id they are listed with', async () => {
    const snapshot = snapshotOf(40);
    const frozen = <T extends object>(v: T): T => {
      Object.freeze(v);
      return v;
    };
    const checks = Object.fromEntries(Object.entries(snapshot.checks).map(([id, results]) => [id, frozen(results.map((r) => frozen({ ...r })))]));
    const first = { ...snapshot, checks };
    expect(decodeSnapshot(await encodeSnapshot(first, { sliceMs: 0, shared: false }))).toEqual(plain(first));
    // The same frozen results listed under other ids (and in another order): each is written with its new id.
    const ids = Object.keys(checks);
    const moved = { ...snapshot, checks: Object.fromEntries(ids.map((id, i) => [`other-${i}`, checks[ids[(i + 1) % ids.length]!]!])) };
    const again = decodeSnapshot(await encodeSnapshot(moved, { sliceMs: 0, shared: false }));
    expect(again).toEqual(plain(moved));
    expect(Object.keys(again.checks)[0]).toBe('other-0');
  });

  it('lets timers and I/O run while a large snapshot is written', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await encodeSnapshot(snapshotOf(5_000), { sliceMs: 1 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
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
