// The board payload built from kept chunks: the spliced gzip body decodes (its trailer checked) to a
// payload equal to one built from scratch, a move recompresses one chunk, and deletions keep slots stable.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { cardOf, checkFailures, decodePayload, type BoardPayload, type Effects } from '@dondoc/shared';
import { BoardPayloadCache, CHUNK_TASKS, FIRST_SCREEN_CARDS } from './board-payload.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { PluginHost } from './plugins/host.ts';
import { REPO_ROOT } from './paths.ts';
import { createBoardOp, moveOp, tempDir, TEST_ACTOR, FIXTURE_AT } from './testing/fixtures.ts';

let store: LowdbStore;
let cleanup: () => Promise<void>;
let plugins: PluginHost;
// One plugin host for the file: loading every plugin's worker takes seconds, and the host keeps no board state.
beforeAll(async () => {
  plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'plugins') });
}, 60_000);
afterAll(() => plugins.close());
beforeEach(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  store = await LowdbStore.open({ dir: t.dir });
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

async function read(cache: BoardPayloadCache): Promise<BoardPayload> {
  const board = (await store.getBoard('b1'))!;
  const bytes = await cache.get(board);
  // gunzip checks the spliced trailer: the CRC-32 and length combined from the chunks'.
  return JSON.parse(gunzipSync(bytes.gzip).toString()) as BoardPayload;
}
/** A payload decoded, its cards in id order (slots and table positions may differ between two caches). */
const sorted = (p: BoardPayload) => {
  const d = decodePayload(p);
  return { ...d, cards: [...d.cards].sort((a, b) => (a.id < b.id ? -1 : 1)) };
};

describe('BoardPayloadCache', () => {
  it('splices a gzip body that decodes to a payload equal to a fresh build, recompressing one chunk per move', async () => {
    const op = createBoardOp(CHUNK_TASKS * 3 + 10);
    // Every seventh task names no output, so failures are spread over the chunks.
    await store.apply({ ...op, board: { ...op.board, checklist: 'checklist-5ro:5ro' }, tasks: op.tasks.map((t, i) => (i % 7 ? t : { ...t, output: '' })) });
    const cache = new BoardPayloadCache(store, plugins);
    const first = await read(cache);
    expect(first.cards).toHaveLength(CHUNK_TASKS * 3 + 10);
    expect(first.failures).toHaveLength(CHUNK_TASKS * 3 + 10);
    expect(Object.keys(decodePayload(first).failures).length).toBeGreaterThan(0);
    const before = cache.chunksCompressed;
    expect(before).toBe(4);
    await store.apply(moveOp('t300', 1, { column: 'done' }));
    const after = await read(cache);
    expect(cache.chunksCompressed - before).toBe(1);
    expect(decodePayload(after).cards.find((t) => t.id === 't300')).toMatchObject({ column: 'done', version: 2 });
    expect(sorted(after)).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
    // An edit that makes a task fail a criterion it passed: its chunk says so, and the others keep theirs.
    const t5 = (await store.getTask('b1', 't5'))!;
    await store.apply({ type: 'task.update', boardId: 'b1', taskId: 't5', expectedVersion: t5.version, patch: { output: '' }, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    const edited = decodePayload(await read(cache));
    expect(edited.failures['t5']?.map((f) => f.id)).toContain('ro-ket-qua');
    expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
  });

  it('sends each task the failed criteria its checklist gives, with every reason whole', async () => {
    const op = createBoardOp(CHUNK_TASKS + 40);
    // Several leads (a reason that names them), no output, no deadline: reasons of every kind.
    const leads = [['Sở Nội vụ'], ['Sở Nội vụ', 'Công an tỉnh'], ['Sở Y tế', 'Sở Tài chính', 'Các sở, ban, ngành'], []];
    await store.apply({ ...op, board: { ...op.board, checklist: 'checklist-5ro:6ro' }, tasks: op.tasks.map((t, i) => ({ ...t, leads: leads[i % 4]!, output: i % 3 ? t.output : '' })) });
    const cache = new BoardPayloadCache(store, plugins);
    const board = (await store.getBoard('b1'))!;
    const tasks = (await store.getTasks('b1'))!;
    const checks = await cache.checksFor(board, tasks);
    const criteria = cache.checklistOf(board)!.criteria;
    const got = decodePayload(await read(cache)).failures;
    for (const t of tasks) {
      const want = checkFailures(checks[t.id]!, criteria);
      expect(got[t.id] ?? [], t.id).toEqual(want);
    }
    expect(Object.values(got).flat().some((f) => f.reason.includes("'Sở Y tế; Sở Tài chính; Các sở, ban, ngành'"))).toBe(true);
    // The slice carries the same failures for the cards it holds.
    const slice = decodePayload(JSON.parse(gunzipSync((await cache.slice(board)).gzip).toString()) as BoardPayload);
    for (const c of slice.cards) expect(slice.failures[c.id]).toEqual(got[c.id]);
  });

  it('checks a changed task once, when the board is next read, and only the changed chunk', async () => {
    const op = createBoardOp(CHUNK_TASKS * 4);
    await store.apply({ ...op, board: { ...op.board, checklist: 'checklist-5ro:5ro' } });
    const cache = new BoardPayloadCache(store, plugins);
    await read(cache);
    const spy = vi.spyOn(plugins, 'checkTasks');
    try {
      // A write asks nothing of the checklist: a board nobody reads is never checked again.
      await store.apply(moveOp('t7', 1, { column: 'done' }));
      expect(spy).not.toHaveBeenCalled();
      const now = decodePayload(await read(cache));
      expect(spy.mock.calls.map((call) => call[2].map((t) => t.id))).toEqual([['t7']]);
      expect(now.cards.find((c) => c.id === 't7')).toMatchObject({ column: 'done' });
      // Read again unchanged: the results are kept, nothing is asked.
      await read(cache);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps a moved task\'s results without asking the checklist, and asks again for a write to a field it reads', async () => {
    const op = createBoardOp(CHUNK_TASKS + 10);
    // Some tasks fail a criterion, so a kept result is not just "all passed".
    await store.apply({ ...op, board: { ...op.board, checklist: 'checklist-5ro:6ro' }, tasks: op.tasks.map((t, i) => (i % 3 ? t : { ...t, output: '' })) });
    const cache = new BoardPayloadCache(store, plugins);
    const board = (await store.getBoard('b1'))!;
    await read(cache);
    const spy = vi.spyOn(plugins, 'checkTasks');
    const planned = { planned: (e: Effects) => cache.checkWritten(board, e.tasks) };
    try {
      // t4 fails "rõ sản phẩm" (no output); moved to the top of another cell, then after a neighbour, it keeps that.
      expect((await store.apply(moveOp('t4', 1, { column: 'doing' }), planned)).ok).toBe(true);
      expect((await store.apply(moveOp('t7', 1, { column: 'doing', afterId: 't4' }), planned)).ok).toBe(true);
      const moved = decodePayload(await read(cache));
      expect(spy).not.toHaveBeenCalled();
      expect(moved.failures['t4']?.map((f) => f.id)).toContain('ro-san-pham');
      expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
      spy.mockClear();
      // An edit to a field the rules read is checked while it is written, once, and only that task.
      const t4 = (await store.getTask('b1', 't4'))!;
      await store.apply({ type: 'task.update', boardId: 'b1', taskId: 't4', expectedVersion: t4.version, patch: { output: 'Kế hoạch được ban hành' }, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT }, planned);
      const edited = decodePayload(await read(cache));
      expect(spy.mock.calls.map((call) => call[2].map((t) => t.id))).toEqual([['t4']]);
      expect(edited.failures['t4']?.map((f) => f.id) ?? []).not.toContain('ro-san-pham');
      // A write to a field the rules do not read (progress) keeps the results, as a move does.
      spy.mockClear();
      const t4b = (await store.getTask('b1', 't4'))!;
      await store.apply({ type: 'task.update', boardId: 'b1', taskId: 't4', expectedVersion: t4b.version, patch: { progress: 40 }, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT }, planned);
      await read(cache);
      expect(spy).not.toHaveBeenCalled();
      expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
    } finally {
      spy.mockRestore();
    }
  });

  it('judges tasks by the directory in effect, the province\'s and the board\'s, and checks every task again when either changes', async () => {
    await store.apply({ ...createBoardOp(CHUNK_TASKS + 10), board: { ...createBoardOp(1).board, checklist: 'checklist-5ro:5ro' } });
    const cache = new BoardPayloadCache(store, plugins);
    const board = async () => (await store.getBoard('b1'))!;
    const nguoi = (p: BoardPayload) => decodePayload(p).failures['t1']?.some((f) => f.id === 'ro-nguoi') ?? false;
    const etag = async () => (await cache.get(await board())).etag;
    // One named lead and no owner: "rõ người" passes.
    expect(nguoi(await read(cache))).toBe(false);
    const first = await etag();
    // The province's directory (the administrator's) now says that lead is a collective: no single unit holds the task.
    const collective = [{ name: 'Sở Khoa học và Công nghệ', aliases: [], collective: true }];
    await store.apply({ type: 'directory.update', agencies: collective, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    expect(nguoi(await read(cache))).toBe(true);
    // Same board revision, other bytes: the ETag differs, so a browser's copy is not taken as current.
    const second = await etag();
    expect(second).not.toBe(first);
    expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
    // The province drops it again; the board's own directory says the same.
    await store.apply({ type: 'directory.update', agencies: [], actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    expect(nguoi(await read(cache))).toBe(false);
    expect(await etag()).toBe(first);
    await store.apply({ type: 'board.update', boardId: 'b1', patch: { agencies: collective }, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    expect(nguoi(await read(cache))).toBe(true);
    expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
    // The first-screen slice is judged the same way.
    const slice = decodePayload(JSON.parse(gunzipSync((await cache.slice(await board())).gzip).toString()) as BoardPayload);
    expect(slice.failures['t1']?.map((f) => f.id)).toContain('ro-nguoi');
  });

  it('keeps slots when tasks are deleted and added, and starts afresh when a quarter are holes', async () => {
    await store.apply(createBoardOp(CHUNK_TASKS * 2));
    const cache = new BoardPayloadCache(store, plugins);
    await read(cache);
    for (let i = 1; i <= 20; i++) await store.apply({ type: 'task.delete', boardId: 'b1', taskId: `t${i}`, expectedVersion: 1, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    const n = cache.chunksCompressed;
    const p = await read(cache);
    expect(p.cards).toHaveLength(CHUNK_TASKS * 2 - 20);
    expect(cache.chunksCompressed - n).toBe(1);
    for (let i = 21; i <= 200; i++) await store.apply({ type: 'task.delete', boardId: 'b1', taskId: `t${i}`, expectedVersion: 1, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
  });
});

describe('the compact payload', () => {
  it('round-trips into the same cards as the tasks the store holds (the full record reduced to a card)', async () => {
    const op = createBoardOp(300);
    // Cards with every optional part: evidence, an extension, period reports, a return, a completion.
    const tasks = op.tasks.map((t, i) =>
      i % 3
        ? t
        : {
            ...t,
            column: 'done' as const,
            completedAt: '2025-12-01',
            owner: 'Nguyễn Văn An',
            progress: 100,
            evidence: [{ id: `e${i}`, kind: 'file' as const, label: 'Ảnh', addedAt: FIXTURE_AT }],
            extensions: [{ id: `x${i}`, due: '2026-01-31', previousDue: '2025-12-31', reason: 'Chờ', approvedBy: 'UBND', at: FIXTURE_AT }],
            periodReports: [{ period: '2025-12', done: true, note: 'Đã gửi', at: FIXTURE_AT }],
            returned: { reason: 'Thiếu biên bản', at: FIXTURE_AT },
          },
    );
    await store.apply({ ...op, tasks });
    const payload = decodePayload(await read(new BoardPayloadCache(store, plugins)));
    const byId = new Map(payload.cards.map((c) => [c.id, c]));
    for (const t of (await store.getTasks('b1'))!) expect(byId.get(t.id)).toEqual(cardOf(t));
    expect(byId.get('t1')).toMatchObject({ evidence: [{ id: 'e0', kind: 'file' }], extensions: [{ due: '2026-01-31', previousDue: '2025-12-31' }], returned: { reason: 'Thiếu biên bản' }, completedAt: '2025-12-01' });
  });

  it('sends each cell\'s first cards in the first-screen slice, the same cards the full board has there, and every cell\'s count', async () => {
    const op = createBoardOp(100);
    // Spread over three cells.
    await store.apply({ ...op, tasks: op.tasks.map((t, i) => ({ ...t, column: (['todo', 'doing', 'done'] as const)[i % 3]!, ...(i % 3 === 2 ? { completedAt: '2025-12-01' } : {}) })) });
    const cache = new BoardPayloadCache(store, plugins);
    const board = (await store.getBoard('b1'))!;
    const sliceBytes = await cache.slice(board);
    const slice = JSON.parse(gunzipSync(sliceBytes.gzip).toString()) as BoardPayload;
    const full = decodePayload(await read(cache));
    expect(slice.slice!.counts).toEqual({ 'khcn-cds|todo': 34, 'khcn-cds|doing': 33, 'khcn-cds|done': 33 });
    const cells = (cards: typeof full.cards) => {
      const out = new Map<string, string[]>();
      for (const c of [...cards].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))) {
        const key = `${c.track}|${c.column}`;
        out.set(key, [...(out.get(key) ?? []), c.id]);
      }
      return out;
    };
    const sliceCells = cells(decodePayload(slice).cards);
    for (const [key, ids] of cells(full.cards)) expect(sliceCells.get(key)).toEqual(ids.slice(0, FIRST_SCREEN_CARDS));
    const fullById = new Map(full.cards.map((c) => [c.id, c]));
    for (const c of decodePayload(slice).cards) expect(c).toEqual(fullById.get(c.id));
  });
});
