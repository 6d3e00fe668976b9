// @vitest-environment happy-dom
// The board store: grouping into cells, optimistic moves, rollback on failure and 409 handling.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Task } from '@dondoc/shared/model';
import { cardOf, type BoardCard } from '@dondoc/shared/wire';
import type { BoardPayload, MoveResponse } from '@dondoc/shared/api';
import type { MoveRequest } from '@dondoc/shared/requests';
import { makeBoard, makePayload, makeTask } from '../testing/factory.ts';
import { fakeServer } from '../testing/fakeServer.ts';
import { startLoader } from '../testing/boardLoader.ts';

vi.mock('../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client.ts')>();
  return { ...real, getBoard: vi.fn(), getConfig: vi.fn(), moveTask: vi.fn(), updateTask: vi.fn() };
});
vi.mock('../lib/perf.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/perf.ts')>();
  return { ...real, nextTask: vi.fn(real.nextTask) };
});
const api = await import('../api/client.ts');
const perf = await import('../lib/perf.ts');
const { useBoardStore, VIEWS_PER_TASK } = await import('./board.ts');
const { useToastStore } = await import('./toasts.ts');

const ids = (list: readonly { task: BoardCard }[]): string[] => list.map((v) => v.task.id);

/** A promise whose settlement the test controls, to look at the store mid-request. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function loaded() {
  vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
  vi.mocked(api.getBoard).mockResolvedValue(
    makePayload([
      makeTask({ id: 't1', rank: 1 }),
      makeTask({ id: 't2', rank: 2 }),
      makeTask({ id: 't3', rank: 3 }),
      makeTask({ id: 'd1', column: 'doing', rank: 1 }),
      makeTask({ id: 'd2', column: 'doing', rank: 5 }),
    ]),
  );
  const store = useBoardStore();
  await store.load('b1');
  return store;
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.mocked(api.moveTask).mockReset();
  vi.mocked(api.updateTask).mockReset();
});

describe('board store', () => {
  it('rebuilds each task\'s check results from the board\'s criteria and its failures', async () => {
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    const criteria = [
      { id: 'ro-viec', label: 'Rõ việc' },
      { id: 'ro-thoi-gian', label: 'Rõ thời gian' },
    ];
    vi.mocked(api.getBoard).mockResolvedValue(
      makePayload([makeTask({ id: 'ok' }), makeTask({ id: 'late' })], { late: [{ id: 'ro-thoi-gian', reason: 'Chưa có thời hạn' }] }, { address: 'x:y', label: '2 rõ', criteria }),
    );
    const store = useBoardStore();
    await store.load('b1');
    expect(store.criteria).toEqual(criteria);
    const ok = store.cell('cchc', 'todo').find((v) => v.task.id === 'ok')!;
    const late = store.cell('cchc', 'todo').find((v) => v.task.id === 'late')!;
    expect(ok.checks.map((c) => c.pass)).toEqual([true, true]);
    expect(late.failed).toEqual([{ id: 'ro-thoi-gian', label: 'Rõ thời gian', pass: false, reason: 'Chưa có thời hạn' }]);
  });

  it('names the criteria in the UI language: English where the plugin gives it, Vietnamese where not, and again after a switch', async () => {
    const { i18n } = await import('../i18n/index.ts');
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.5.0' });
    const criteria = [
      { id: 'ro-viec', label: 'Rõ việc', labelEn: 'Clear task' },
      { id: 'rieng', label: 'Tiêu chí riêng' },
    ];
    vi.mocked(api.getBoard).mockResolvedValue(
      makePayload([makeTask({ id: 'late' })], { late: [{ id: 'ro-viec', reason: 'Nội dung để trống' }] }, { address: 'x:y', label: '2 rõ', labelEn: '2 clear points', criteria }),
    );
    const store = useBoardStore();
    await store.load('b1');
    try {
      expect(store.criteria.map((c) => c.label)).toEqual(['Rõ việc', 'Tiêu chí riêng']);
      i18n.global.locale.value = 'en';
      await Promise.resolve();
      expect(store.checklist?.label).toBe('2 clear points');
      expect(store.criteria).toEqual([
        { id: 'ro-viec', label: 'Clear task' },
        { id: 'rieng', label: 'Tiêu chí riêng' },
      ]);
      // The card's results were built in Vietnamese; the switch builds them again.
      expect(store.views.get('late')!.failed.map((c) => c.label)).toEqual(['Clear task']);
    } finally {
      i18n.global.locale.value = 'vi';
    }
    await Promise.resolve();
    expect(store.views.get('late')!.failed.map((c) => c.label)).toEqual(['Rõ việc']);
  });

  it('says why a criterion fails in the UI language: English where the checklist gives it (plugin API 1.6), through the payload and a live update', async () => {
    const { i18n } = await import('../i18n/index.ts');
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.6.0' });
    const criteria = [
      { id: 'ro-viec', label: 'Rõ việc', labelEn: 'Clear task' },
      { id: 'ro-ket-qua', label: 'Rõ kết quả', labelEn: 'Clear result' },
    ];
    const failures = {
      a: [{ id: 'ro-ket-qua', reason: "'Triển khai' là hoạt động", reasonEn: "'Triển khai' is an activity" }],
      // An older checklist plugin gives no English.
      b: [{ id: 'ro-viec', reason: 'Nội dung để trống' }],
    };
    vi.mocked(api.getBoard).mockResolvedValue(makePayload([makeTask({ id: 'a' }), makeTask({ id: 'b' })], failures, { address: 'x:y', label: '2 rõ', criteria }));
    const store = useBoardStore();
    await store.load('b1');
    const reasons = () => ['a', 'b'].map((id) => store.views.get(id)!.failed.map((c) => c.reason));
    expect(reasons()).toEqual([["'Triển khai' là hoạt động"], ['Nội dung để trống']]);
    try {
      i18n.global.locale.value = 'en';
      await Promise.resolve();
      expect(reasons()).toEqual([["'Triển khai' is an activity"], ['Nội dung để trống']]);
      // A live update's failures (or a write's answer) carry the English as the payload does.
      store.applyRemote([makeTask({ id: 'b', version: 2, content: '' })], { failures: { b: [{ id: 'ro-viec', reason: 'Nội dung để trống', reasonEn: 'The task has no content' }] } });
      expect(reasons()).toEqual([["'Triển khai' is an activity"], ['The task has no content']]);
    } finally {
      i18n.global.locale.value = 'vi';
    }
    await Promise.resolve();
    expect(reasons()).toEqual([["'Triển khai' là hoạt động"], ['Nội dung để trống']]);
  });

  it('groups tasks into (track, column) cells in rank order', async () => {
    const store = await loaded();
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t1', 't2', 't3']);
    expect(ids(store.cell('cchc', 'doing'))).toEqual(['d1', 'd2']);
    expect(store.total).toBe(5);
    expect(store.today).toBe('2025-11-20');
  });

  it('moves optimistically, sends the seen version and afterId, then takes the server copy', async () => {
    const store = await loaded();
    const answer = deferred<MoveResponse>();
    vi.mocked(api.moveTask).mockReturnValue(answer.promise);

    const done = store.move('t1', { track: 'cchc', column: 'doing', afterId: 'd1' });
    // Before the server answers the card already sits between d1 and d2.
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t2', 't3']);
    expect(ids(store.cell('cchc', 'doing'))).toEqual(['d1', 't1', 'd2']);
    await vi.waitFor(() => expect(api.moveTask).toHaveBeenCalled());
    expect(vi.mocked(api.moveTask).mock.calls[0]).toEqual(['b1', 't1', { version: 1, track: 'cchc', column: 'doing', afterId: 'd1' } satisfies MoveRequest]);

    answer.resolve({ task: makeTask({ id: 't1', column: 'doing', rank: 3, version: 2 }), ranks: [] });
    await expect(done).resolves.toBe(true);
    expect(store.views.get('t1')?.task.version).toBe(2);
    expect(ids(store.cell('cchc', 'doing'))).toEqual(['d1', 't1', 'd2']);
  });

  it('puts a card first when afterId is null', async () => {
    const store = await loaded();
    vi.mocked(api.moveTask).mockImplementation(() => new Promise(() => {}));
    void store.move('t3', { track: 'cchc', column: 'todo', afterId: null });
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t3', 't1', 't2']);
  });

  it('restores the card and shows a Vietnamese toast when the server fails', async () => {
    const store = await loaded();
    vi.mocked(api.moveTask).mockRejectedValue(
      new api.ApiRequestError(500, { error: { code: 'internal', message: 'Lỗi máy chủ' } }),
    );
    const ok = await store.move('t2', { track: 'khcn-cds', column: 'done', afterId: null });
    expect(ok).toBe(false);
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t1', 't2', 't3']);
    expect(store.cell('khcn-cds', 'done')).toHaveLength(0);
    const toasts = useToastStore().toasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ kind: 'error' });
    expect(toasts[0]!.message).toContain('Không chuyển được nhiệm vụ 2');
    expect(toasts[0]!.message).toContain('Lỗi máy chủ');
  });

  it('restores on a network error too', async () => {
    const store = await loaded();
    vi.mocked(api.moveTask).mockRejectedValue(new TypeError('Failed to fetch'));
    await store.move('d2', { track: 'cchc', column: 'todo', afterId: 't1' });
    expect(ids(store.cell('cchc', 'doing'))).toEqual(['d1', 'd2']);
    expect(useToastStore().toasts[0]!.message).toContain('mất kết nối');
  });

  it('takes error.current into the store on 409', async () => {
    const store = await loaded();
    const current = makeTask({ id: 't1', column: 'review', rank: 9, version: 7, content: 'Đã sửa bởi người khác' });
    vi.mocked(api.moveTask).mockRejectedValue(
      new api.ApiRequestError(409, { error: { code: 'conflict', message: 'Phiên bản cũ', current } }),
    );
    const ok = await store.move('t1', { track: 'cchc', column: 'doing', afterId: null });
    expect(ok).toBe(false);
    expect(ids(store.cell('cchc', 'review'))).toEqual(['t1']);
    expect(ids(store.cell('cchc', 'doing'))).toEqual(['d1', 'd2']);
    expect(store.views.get('t1')?.task).toMatchObject({ version: 7, content: 'Đã sửa bởi người khác' });
    expect(useToastStore().toasts[0]).toMatchObject({ kind: 'warning' });
  });

  it('drops a queued move of a card once a 409 for that card comes back, leaving the server\'s copy shown', async () => {
    const store = await loaded();
    const first = deferred<MoveResponse>();
    vi.mocked(api.moveTask).mockReturnValueOnce(first.promise);
    const a = store.move('t1', { track: 'cchc', column: 'doing', afterId: null });
    // Made while A is still waiting, on the card as the user saw it before the conflict.
    const b = store.move('t1', { track: 'cchc', column: 'done', afterId: null });
    expect(ids(store.cell('cchc', 'done'))).toEqual(['t1']);
    const current = makeTask({ id: 't1', column: 'review', rank: 9, version: 7 });
    first.reject(new api.ApiRequestError(409, { error: { code: 'conflict', message: 'Phiên bản cũ', current } }));
    await expect(a).resolves.toBe(false);
    await expect(b).resolves.toBe(false);
    expect(api.moveTask).toHaveBeenCalledTimes(1);
    expect(ids(store.cell('cchc', 'review'))).toEqual(['t1']);
    expect(store.cell('cchc', 'done')).toHaveLength(0);
    expect(store.views.get('t1')?.task).toMatchObject({ column: 'review', version: 7 });
    // A move made after the warning is the user's informed choice and goes through.
    vi.mocked(api.moveTask).mockResolvedValueOnce({ task: makeTask({ id: 't1', column: 'done', rank: 1024, version: 8 }), ranks: [] });
    await expect(store.move('t1', { track: 'cchc', column: 'done', afterId: null })).resolves.toBe(true);
    expect(vi.mocked(api.moveTask).mock.calls[1]![2].version).toBe(7);
  });

  it('keeps the server\'s order after 40 drops into the same gap (renumbered neighbours)', async () => {
    // The server is the real reducer, so ranks, renumbering and the answer's `ranks` are the server's.
    const pool = Array.from({ length: 40 }, (_, i) => makeTask({ id: `p${i}`, track: 'khcn-cds', rank: (i + 1) * 1024 }));
    const cellTasksAtStart = [makeTask({ id: 'a', rank: 1024 }), makeTask({ id: 'z', rank: 2048 })];
    const server = fakeServer(makeBoard(), [...pool, ...cellTasksAtStart]);
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    vi.mocked(api.getBoard).mockResolvedValue(makePayload([...server.state.values()]));
    vi.mocked(api.moveTask).mockImplementation(async (_boardId, taskId, body) => server.move(taskId, body));
    const store = useBoardStore();
    await store.load('b1');
    const moves: Promise<boolean>[] = [];
    // Each card goes right after "a", i.e. into the gap between "a" and the card dropped before it.
    for (const t of pool) moves.push(store.move(t.id, { track: 'cchc', column: 'todo', afterId: 'a' }));
    // On screen before any answer, the same order the server will have.
    const expected = ['a', ...pool.map((t) => t.id).reverse(), 'z'];
    expect(ids(store.cell('cchc', 'todo'))).toEqual(expected);
    expect(await Promise.all(moves)).toEqual(pool.map(() => true));
    expect(server.cell('cchc', 'todo')).toEqual(expected);
    expect(ids(store.cell('cchc', 'todo'))).toEqual(expected);
    // And every rank matches the server's, so the next drop's afterId means the same to both.
    for (const v of store.cell('cchc', 'todo')) expect(v.task.rank).toBe(server.state.get(v.task.id)!.rank);
  });

  it('sends the version returned by the previous move when a card is moved twice quickly', async () => {
    const store = await loaded();
    vi.mocked(api.moveTask)
      .mockResolvedValueOnce({ task: makeTask({ id: 't1', column: 'doing', rank: 0, version: 2 }), ranks: [] })
      .mockResolvedValueOnce({ task: makeTask({ id: 't1', column: 'review', rank: 0, version: 3 }), ranks: [] });
    const a = store.move('t1', { track: 'cchc', column: 'doing', afterId: null });
    const b = store.move('t1', { track: 'cchc', column: 'review', afterId: null });
    await Promise.all([a, b]);
    expect(vi.mocked(api.moveTask).mock.calls.map((c) => c[2].version)).toEqual([1, 2]);
    expect(store.views.get('t1')?.task).toMatchObject({ column: 'review', version: 3 });
  });

  it('restores a keyboard preview to the task as it was before the pick-up', async () => {
    const store = await loaded();
    const before = store.views.get('t1')!.task;
    store.placeLocal('t1', { track: 'de-an-06', column: 'done', afterId: null });
    expect(ids(store.cell('de-an-06', 'done'))).toEqual(['t1']);
    expect(api.moveTask).not.toHaveBeenCalled();
    store.restore(before);
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t1', 't2', 't3']);
  });

  it('keeps the lead list across moves and re-lists it when a task\'s leads change', async () => {
    const store = await loaded();
    const before = store.leads;
    store.placeLocal('t1', { track: 'cchc', column: 'done', afterId: null });
    // Same array: a move must not walk 10,000 tasks' leads again.
    expect(store.leads).toBe(before);
    store.applyRemote([makeTask({ id: 't2', rank: 2, version: 2, leads: ['Công an tỉnh'] })]);
    expect(store.leads).toEqual(['Công an tỉnh', 'Sở Nội vụ']);
  });

  it('changes nothing on screen when the live stream brings back a task at the version it holds (this tab\'s own move)', async () => {
    const store = await loaded();
    const [views, cells, failures] = [store.views, store.cells, store.failures];
    const held = store.views.get('t2')!.task;
    store.applyRemote([{ ...held }], { failures: { t2: [] } });
    expect(store.views).toBe(views);
    expect(store.cells).toBe(cells);
    expect(store.failures).toBe(failures);
    // A whole record at that version (an open panel's) still replaces the card.
    const whole = makeTask({ id: 't2', rank: 2, progressNote: 'Đã họp' });
    store.applyRemote([whole]);
    expect(store.views.get('t2')!.task).toBe(whole);
  });

  it('takes the payloads index.html preloaded, once, and only for the same board', async () => {
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    vi.mocked(api.getBoard).mockReset().mockResolvedValue(makePayload([makeTask({ id: 'a1' })]));
    const wholeBoards = () => vi.mocked(api.getBoard).mock.calls.filter(([, slice]) => slice === undefined).length;
    const body = JSON.stringify(makePayload([makeTask({ id: 'p1' }), makeTask({ id: 'p2' })]));
    window.__dondocBoard = { id: 'b1', first: Promise.resolve(null), loader: startLoader('/api/boards/b1', { status: 200, body }).loader };
    const store = useBoardStore();
    await store.load('b1');
    expect(store.total).toBe(2);
    expect(api.getBoard).not.toHaveBeenCalled();
    await store.load('b1');
    expect(store.total).toBe(1);
    // Preloaded for another board: its worker is ended, unread.
    const other = startLoader('/api/boards/other', { status: 200, body });
    window.__dondocBoard = { id: 'other', first: Promise.resolve(null), loader: other.loader };
    await store.load('b1');
    expect(store.total).toBe(1);
    expect(wholeBoards()).toBe(2);
    expect(other.terminated()).toBe(true);
    expect(other.sent).toEqual([]);
    // A failed preload (non-2xx: null) falls back to the API client and its error messages.
    window.__dondocBoard = { id: 'b1', first: Promise.resolve(null), loader: startLoader('/api/boards/b1', { status: 500, body: '{}' }).loader };
    await store.load('b1');
    expect(wholeBoards()).toBe(3);
    // So does a page where no worker could start.
    window.__dondocBoard = { id: 'b1', first: Promise.resolve(null), loader: null };
    await store.load('b1');
    expect(wholeBoards()).toBe(4);
  });

  it('ends the preloaded board\'s worker when another board is opened before the whole board was asked for', async () => {
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    vi.mocked(api.getBoard).mockReset().mockResolvedValue(makePayload([makeTask({ id: 'a1' })]));
    const slice = deferred<ArrayBuffer | null>();
    const run = startLoader('/api/boards/b1', { status: 200, body: JSON.stringify(makePayload([makeTask({ id: 'p1' })])) });
    window.__dondocBoard = { id: 'b1', first: slice.promise, loader: run.loader };
    const store = useBoardStore();
    const left = store.load('b1');
    await store.load('b2');
    slice.resolve(null);
    await left;
    expect(run.terminated()).toBe(true);
    expect(run.sent).toEqual([]);
    expect(store.total).toBe(1);
  });

  it('paints the preloaded first screen before asking for the preloaded whole board, and takes the preloaded configuration', async () => {
    vi.mocked(api.getConfig).mockReset();
    vi.mocked(api.getBoard).mockReset();
    const all = [makeTask({ id: 't1', rank: 1 }), makeTask({ id: 't2', rank: 2 })];
    const encode = (p: BoardPayload) => new TextEncoder().encode(JSON.stringify(p)).buffer;
    const slice = { ...makePayload([all[0]!]), slice: { perCell: 1, counts: { 'cchc|todo': 2 } } };
    // The worker has long read the whole board; when the page asks for it, the first screen must already be shown.
    let firstScreenShownWhenAsked: boolean | undefined;
    const store = useBoardStore();
    const { loader } = startLoader('/api/boards/b1', { status: 200, body: JSON.stringify(makePayload(all)) });
    const ask = loader.postMessage;
    loader.postMessage = (m) => {
      if ('send' in m) firstScreenShownWhenAsked ??= store.partial !== null;
      ask(m);
    };
    window.__dondocBoard = { id: 'b1', first: Promise.resolve(encode(slice)), loader };
    window.__dondocAnswers = { '/api/config': Promise.resolve({ status: 200, body: { today: '2026-02-03', pluginApi: '1.0.0' } }) };
    await store.load('b1');
    expect(firstScreenShownWhenAsked).toBe(true);
    expect(store.total).toBe(2);
    expect(store.today).toBe('2026-02-03');
    expect(api.getConfig).not.toHaveBeenCalled();
    expect(api.getBoard).not.toHaveBeenCalled();
    expect(window.__dondocAnswers['/api/config']).toBeUndefined();
  });

  /** Loads board b1 as far as `slice`, its first screen; the whole board arrives when the test resolves `whole`. */
  async function showingFirstScreen(slice: BoardPayload) {
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    const whole = deferred<BoardPayload>();
    vi.mocked(api.getBoard).mockReset().mockImplementation((_id, part) => (part === 'first' ? Promise.resolve(slice) : whole.promise));
    const store = useBoardStore();
    const done = store.load('b1');
    await vi.waitFor(() => expect(store.partial).not.toBeNull());
    return { store, whole, done };
  }

  it('shows the first screen\'s cards with every cell\'s count, then the whole board; nothing moves in between', async () => {
    const all = [makeTask({ id: 't1', rank: 1 }), makeTask({ id: 't2', rank: 2 }), makeTask({ id: 't3', rank: 3 }), makeTask({ id: 'd1', column: 'doing', rank: 1 })];
    const slice = { ...makePayload([all[0]!, all[3]!]), slice: { perCell: 1, counts: { 'cchc|todo': 3, 'cchc|doing': 1 } } };
    const { store, whole, done } = await showingFirstScreen(slice);
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t1']);
    expect(store.total).toBe(4);
    expect(store.partial!.get('cchc|todo')).toBe(3);
    await expect(store.move('t1', { track: 'cchc', column: 'doing', afterId: null })).resolves.toBe(false);
    expect(api.moveTask).not.toHaveBeenCalled();
    // The panel's whole record loaded meanwhile is kept when the board arrives at the same version.
    const record = makeTask({ id: 't1', rank: 1, progressNote: 'Đã họp triển khai' });
    store.applyRemote([record]);
    whole.resolve(makePayload(all));
    await done;
    expect(store.partial).toBeNull();
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t1', 't2', 't3']);
    expect(store.total).toBe(4);
    expect(store.views.get('t1')!.task).toBe(record);
  });

  it('keeps the first screen\'s views of the tasks the whole board holds at the same version, so their cards are not rendered again', async () => {
    const all = [makeTask({ id: 't1', rank: 1 }), makeTask({ id: 't2', rank: 2 }), makeTask({ id: 'd1', column: 'doing', rank: 1 })];
    const slice = { ...makePayload([all[0]!, all[2]!]), slice: { perCell: 1, counts: { 'cchc|todo': 2, 'cchc|doing': 1 } } };
    const { store, whole, done } = await showingFirstScreen(slice);
    const [t1, d1] = [store.views.get('t1'), store.views.get('d1')];
    // d1 changed on the server between the two answers.
    whole.resolve(makePayload([all[0]!, all[1]!, { ...all[2]!, version: 2, progress: 50 }]));
    await done;
    expect(store.views.get('t1')).toBe(t1);
    expect(store.views.get('d1')).not.toBe(d1);
    expect(store.views.get('d1')!.task.progress).toBe(50);
    expect(ids(store.cell('cchc', 'todo'))).toEqual(['t1', 't2']);
  });

  it('puts the whole board in place over several tasks, the first screen shown until the last; a live change meanwhile is kept', async () => {
    const all = Array.from({ length: VIEWS_PER_TASK + 500 }, (_, i) => makeTask({ id: `t${i}`, rank: i + 1 }));
    const slice = { ...makePayload(all.slice(0, 1)), slice: { perCell: 1, counts: { 'cchc|todo': all.length } } };
    const { store, whole, done } = await showingFirstScreen(slice);
    // The load waits at each of its turns until the test lets it go on.
    const turns: Array<() => void> = [];
    vi.mocked(perf.nextTask).mockImplementation(() => new Promise<void>((go) => turns.push(go)));
    try {
      whole.resolve(makePayload(all));
      await vi.waitFor(() => expect(turns).toHaveLength(1));
      turns[0]!();
      await vi.waitFor(() => expect(turns).toHaveLength(2));
      // Between two turns: the first screen still, and still nothing moves.
      expect(ids(store.cell('cchc', 'todo'))).toEqual(['t0']);
      expect(store.partial).not.toBeNull();
      await expect(store.move('t0', { track: 'cchc', column: 'doing', afterId: null })).resolves.toBe(false);
      store.applyRemote([makeTask({ id: 't2100', rank: 2101, version: 2, progress: 70 })]);
      turns[1]!();
      await done;
    } finally {
      vi.mocked(perf.nextTask).mockReset();
    }
    expect(turns).toHaveLength(2);
    expect(store.partial).toBeNull();
    expect(ids(store.cell('cchc', 'todo'))).toEqual(all.map((t) => t.id));
    expect(store.views.get('t2100')!.task.progress).toBe(70);
    expect(store.views.get('t2101')!.task.progress).toBe(all[2101]!.progress);
  });

  it('judges every task afresh when the whole board brings a checklist the first screen did not have', async () => {
    const criteria = [{ id: 'ro-nguoi', label: 'Rõ người' }];
    const task = makeTask({ id: 't1', rank: 1 });
    const slice = { ...makePayload([task]), slice: { perCell: 1, counts: { 'cchc|todo': 1 } } };
    const { store, whole, done } = await showingFirstScreen(slice);
    const first = store.views.get('t1');
    expect(first!.checks).toEqual([]);
    whole.resolve(makePayload([task], { t1: [{ id: 'ro-nguoi', reason: 'Chưa có người phụ trách' }] }, { address: 'x:y', label: '1 rõ', criteria }));
    await done;
    expect(store.views.get('t1')).not.toBe(first);
    expect(store.views.get('t1')!.failed.map((c) => c.id)).toEqual(['ro-nguoi']);
  });

  it('reports the full-cell predecessor of a task', async () => {
    const store = await loaded();
    expect(store.placeOf('t2')).toEqual({ track: 'cchc', column: 'todo', afterId: 't1' });
    expect(store.placeOf('t1')).toEqual({ track: 'cchc', column: 'todo', afterId: null });
  });
  describe('rollback: a failed operation leaves the board exactly as the server has it', () => {
    /** A board of one busy cell, served by the real reducer; every move the test lets through is the server's. */
    async function served(tasks = [makeTask({ id: 't1', rank: 1024 }), makeTask({ id: 't2', rank: 2048 }), makeTask({ id: 't3', rank: 3072 }), makeTask({ id: 'd1', column: 'doing', rank: 1024 })]) {
      const server = fakeServer(makeBoard(), tasks);
      vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
      vi.mocked(api.getBoard).mockResolvedValue(makePayload([...server.state.values()]));
      const store = useBoardStore();
      await store.load('b1');
      return { server, store };
    }
    const shown = (store: ReturnType<typeof useBoardStore>, column: Task['column']) => ids(store.cell('cchc', column));

    it('two quick moves that both fail: both dropped, the cells as the server has them', async () => {
      const { server, store } = await served();
      const first = deferred<MoveResponse>();
      const second = deferred<MoveResponse>();
      vi.mocked(api.moveTask).mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
      // t3 to the top, then the same card on to "doing": on screen before any answer.
      const a = store.move('t3', { track: 'cchc', column: 'todo', afterId: null });
      const b = store.move('t3', { track: 'cchc', column: 'doing', afterId: 'd1' });
      expect(shown(store, 'todo')).toEqual(['t1', 't2']);
      expect(shown(store, 'doing')).toEqual(['d1', 't3']);
      // The first fails while the second is still pending: the second stays shown over what the server has.
      first.reject(new api.ApiRequestError(500, { error: { code: 'internal', message: 'Lỗi máy chủ' } }));
      await expect(a).resolves.toBe(false);
      expect(shown(store, 'todo')).toEqual(['t1', 't2']);
      expect(shown(store, 'doing')).toEqual(['d1', 't3']);
      await vi.waitFor(() => expect(api.moveTask).toHaveBeenCalledTimes(2));
      second.reject(new TypeError('Failed to fetch'));
      await expect(b).resolves.toBe(false);
      // A snapshot restore would have put back the state between the two moves (t3 first in "todo"); the model shows the server's.
      expect(shown(store, 'todo')).toEqual(server.cell('cchc', 'todo'));
      expect(shown(store, 'doing')).toEqual(server.cell('cchc', 'doing'));
      expect(shown(store, 'todo')).toEqual(['t1', 't2', 't3']);
      expect(useToastStore().toasts.filter((x) => x.kind === 'error')).toHaveLength(2);
    });

    it('an answer that arrives after another board was opened changes nothing on that board', async () => {
      const { store } = await served();
      const answer = deferred<MoveResponse>();
      vi.mocked(api.moveTask).mockReturnValueOnce(answer.promise);
      const moved = store.move('t1', { track: 'cchc', column: 'done', afterId: null });
      await vi.waitFor(() => expect(api.moveTask).toHaveBeenCalled());
      // The user opens another board meanwhile; it holds a task with the same id (boards made from one template do).
      const boardA = await api.getBoard('b1');
      const boardB = { ...makePayload([makeTask({ id: 't1', rank: 5, content: 'Bảng B' }), makeTask({ id: 'x9', rank: 6 })]), board: { ...makeBoard(), id: 'b2', title: 'Bảng B' } };
      vi.mocked(api.getBoard).mockImplementation(async (id) => (id === 'b2' ? boardB : boardA));
      await store.load('b2');
      expect(shown(store, 'todo')).toEqual(['t1', 'x9']);
      answer.reject(new api.ApiRequestError(500, { error: { code: 'internal', message: 'Lỗi máy chủ' } }));
      await expect(moved).resolves.toBe(false);
      expect(shown(store, 'todo')).toEqual(['t1', 'x9']);
      expect(store.views.get('t1')?.task.content).toBe('Bảng B');
      // And a late success is no news for board B either.
      const late = deferred<MoveResponse>();
      vi.mocked(api.moveTask).mockReturnValueOnce(late.promise);
      await store.load('b1');
      const again = store.move('t2', { track: 'cchc', column: 'done', afterId: null });
      await vi.waitFor(() => expect(api.moveTask).toHaveBeenCalledTimes(2));
      await store.load('b2');
      late.resolve({ task: makeTask({ id: 't2', column: 'done', rank: 1024, version: 2 }), ranks: [] });
      await expect(again).resolves.toBe(true);
      expect(store.board?.id).toBe('b2');
      expect(store.views.has('t2')).toBe(false);
      expect(store.cell('cchc', 'done')).toHaveLength(0);
    });

    it('a failed move after a renumbering: the renumbered neighbours go back to the server\'s ranks too', async () => {
      // Ranks so close that a drop between a and b renumbers the whole cell.
      const tight = [makeTask({ id: 'a', rank: 1 }), makeTask({ id: 'b', rank: 1 + 1e-7 }), makeTask({ id: 'c', rank: 2 }), makeTask({ id: 'm', column: 'doing', rank: 1 }), makeTask({ id: 'n', column: 'doing', rank: 2 })];
      const { server, store } = await served(tight);
      const refused = deferred<MoveResponse>();
      const held = deferred<MoveResponse>();
      vi.mocked(api.moveTask).mockReturnValueOnce(refused.promise).mockReturnValueOnce(held.promise);
      // m drops between a and b: on screen the cell is renumbered as the server would (a, m, b, c by 1024).
      const first = store.move('m', { track: 'cchc', column: 'todo', afterId: 'a' });
      expect(store.cell('cchc', 'todo').map((v) => v.task.rank)).toEqual([1024, 2048, 3072, 4096]);
      // c (renumbered on screen) then goes to "doing".
      const second = store.move('c', { track: 'cchc', column: 'doing', afterId: 'n' });
      refused.reject(new api.ApiRequestError(500, { error: { code: 'internal', message: 'Lỗi máy chủ' } }));
      await expect(first).resolves.toBe(false);
      await vi.waitFor(() => expect(api.moveTask).toHaveBeenCalledTimes(2));
      held.reject(new api.ApiRequestError(400, { error: { code: 'bad-request', message: 'Không hợp lệ' } }));
      await expect(second).resolves.toBe(false);
      // Restoring only the moved cards' snapshots would leave a and b at 1024/3072 and c at 4096, ranks the server never had.
      expect(shown(store, 'todo')).toEqual(server.cell('cchc', 'todo'));
      expect(shown(store, 'doing')).toEqual(server.cell('cchc', 'doing'));
      for (const v of [...store.cell('cchc', 'todo'), ...store.cell('cchc', 'doing')]) expect(cardOf(v.task)).toEqual(cardOf(server.state.get(v.task.id)!));
      // So the next drop means the same to both: n between a and b, which the server renumbers again.
      vi.mocked(api.moveTask).mockImplementationOnce(async (_b, taskId, body) => server.move(taskId, body));
      await expect(store.move('n', { track: 'cchc', column: 'todo', afterId: 'a' })).resolves.toBe(true);
      expect(shown(store, 'todo')).toEqual(['a', 'n', 'b', 'c']);
      for (const v of store.cell('cchc', 'todo')) expect(cardOf(v.task)).toEqual(cardOf(server.state.get(v.task.id)!));
    });
  });

  describe('field edits', () => {
    it('shows a field at once, then takes the version and the failed criteria from the answer (the badge)', async () => {
      vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
      const criteria = [
        { id: 'ro-nguoi', label: 'Rõ người' },
        { id: 'ro-thoi-gian', label: 'Rõ thời gian' },
      ];
      vi.mocked(api.getBoard).mockResolvedValue(makePayload([makeTask({ id: 't1' })], { t1: [{ id: 'ro-nguoi', reason: 'Chưa có người phụ trách' }] }, { address: 'x:y', label: '2 rõ', criteria }));
      const store = useBoardStore();
      await store.load('b1');
      expect(store.views.get('t1')!.failed).toHaveLength(1);
      const answer = deferred<Awaited<ReturnType<typeof api.updateTask>>>();
      vi.mocked(api.updateTask).mockReturnValueOnce(answer.promise);
      const saving = store.update('t1', { owner: 'Nguyễn Văn A', deadline: 'Quý I/2026' });
      expect(store.views.get('t1')!.task).toMatchObject({ owner: 'Nguyễn Văn A', deadline: { kind: 'quarter', due: '2026-03-31' } });
      await vi.waitFor(() => expect(api.updateTask).toHaveBeenCalledWith('b1', 't1', 1, { owner: 'Nguyễn Văn A', deadline: 'Quý I/2026' }));
      answer.resolve({ task: makeTask({ id: 't1', owner: 'Nguyễn Văn A', version: 2 }), failures: [] });
      await expect(saving).resolves.toMatchObject({ ok: true });
      expect(store.views.get('t1')!.task.version).toBe(2);
      expect(store.views.get('t1')!.failed).toHaveLength(0);
      expect(store.failures.has('t1')).toBe(false);
    });

    it('a 409 hands back the server\'s task and the user\'s fields, and shows the server\'s', async () => {
      const store = await loaded();
      const theirs = makeTask({ id: 't1', owner: 'Người khác', version: 5 });
      vi.mocked(api.updateTask).mockRejectedValueOnce(new api.ApiRequestError(409, { error: { code: 'conflict', message: 'cũ', current: theirs } }));
      const r = await store.update('t1', { owner: 'Tôi' });
      expect(r).toEqual({ ok: false, conflict: theirs, mine: { owner: 'Tôi' } });
      expect(store.views.get('t1')!.task.owner).toBe('Người khác');
      // Choosing "mine" saves over their version.
      vi.mocked(api.updateTask).mockResolvedValueOnce({ task: makeTask({ id: 't1', owner: 'Tôi', version: 6 }), failures: [] });
      await expect(store.update('t1', { owner: 'Tôi' })).resolves.toMatchObject({ ok: true });
      expect(vi.mocked(api.updateTask).mock.calls[1]![2]).toBe(5);
    });

    it('replays a pending edit over a remote change, which still meets its 409', async () => {
      const store = await loaded();
      const answer = deferred<Awaited<ReturnType<typeof api.updateTask>>>();
      vi.mocked(api.updateTask).mockReturnValueOnce(answer.promise);
      const saving = store.update('t2', { progress: 40 });
      // Someone else renames it meanwhile (a live update): both show until the server answers.
      store.applyRemote([makeTask({ id: 't2', rank: 2, version: 2, content: 'Đổi tên' })]);
      expect(store.views.get('t2')!.task).toMatchObject({ content: 'Đổi tên', progress: 40 });
      await vi.waitFor(() => expect(vi.mocked(api.updateTask).mock.calls[0]![2]).toBe(1));
      answer.reject(new api.ApiRequestError(409, { error: { code: 'conflict', message: 'cũ', current: makeTask({ id: 't2', rank: 2, version: 2, content: 'Đổi tên' }) } }));
      await expect(saving).resolves.toMatchObject({ ok: false });
      expect(store.views.get('t2')!.task).toMatchObject({ content: 'Đổi tên', progress: 0 });
    });
  });
});
