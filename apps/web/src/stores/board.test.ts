// @vitest-environment happy-dom
// The board store: grouping into cells, optimistic moves, rollback on failure and 409 handling.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Task } from '@dondoc/shared/model';
import type { MoveRequest, MoveResponse } from '@dondoc/shared/api';
import { applyOperation, cellTasks, type BoardState } from '@dondoc/shared/operations';
import { makeBoard, makePayload, makeTask } from '../testing/factory.ts';

vi.mock('../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client.ts')>();
  return { ...real, getBoard: vi.fn(), getConfig: vi.fn(), moveTask: vi.fn() };
});
const api = await import('../api/client.ts');
const { useBoardStore } = await import('./board.ts');
const { useToastStore } = await import('./toasts.ts');

const ids = (list: readonly { task: Task }[]): string[] => list.map((v) => v.task.id);

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
    const server: BoardState = { boards: { b1: makeBoard() }, tasks: { b1: Object.fromEntries([...pool, ...cellTasksAtStart].map((t) => [t.id, t])) } };
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    vi.mocked(api.getBoard).mockResolvedValue(makePayload(Object.values(server.tasks.b1!)));
    vi.mocked(api.moveTask).mockImplementation(async (boardId, taskId, body) => {
      const r = applyOperation(server, { type: 'task.move', boardId, taskId, expectedVersion: body.version, track: body.track, column: body.column, afterId: body.afterId, at: '2025-11-20T00:00:00Z' });
      if (!r.ok) throw new Error(r.failure.messageEn);
      const [task, ...renumbered] = r.change.tasks;
      return { task: task!, ranks: renumbered.map((t) => ({ id: t.id, rank: t.rank })) };
    });
    const store = useBoardStore();
    await store.load('b1');
    const moves: Promise<boolean>[] = [];
    // Each card goes right after "a", i.e. into the gap between "a" and the card dropped before it.
    for (const t of pool) moves.push(store.move(t.id, { track: 'cchc', column: 'todo', afterId: 'a' }));
    // On screen before any answer, the same order the server will have.
    const expected = ['a', ...pool.map((t) => t.id).reverse(), 'z'];
    expect(ids(store.cell('cchc', 'todo'))).toEqual(expected);
    expect(await Promise.all(moves)).toEqual(pool.map(() => true));
    expect(cellTasks(Object.values(server.tasks.b1!), 'cchc', 'todo').map((t) => t.id)).toEqual(expected);
    expect(ids(store.cell('cchc', 'todo'))).toEqual(expected);
    // And every rank matches the server's, so the next drop's afterId means the same to both.
    for (const v of store.cell('cchc', 'todo')) expect(v.task.rank).toBe(server.tasks.b1![v.task.id]!.rank);
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
    store.restore(makeTask({ id: 't2', rank: 2, leads: ['Công an tỉnh'] }));
    expect(store.leads).toEqual(['Công an tỉnh', 'Sở Nội vụ']);
  });

  it('takes the payload index.html preloaded, once, and only for the same board', async () => {
    vi.mocked(api.getConfig).mockResolvedValue({ today: '2025-11-20', pluginApi: '1.0.0' });
    vi.mocked(api.getBoard).mockReset().mockResolvedValue(makePayload([makeTask({ id: 'a1' })]));
    const bytes = new TextEncoder().encode(JSON.stringify(makePayload([makeTask({ id: 'p1' }), makeTask({ id: 'p2' })]))).buffer;
    window.__dondocBoard = { id: 'b1', bytes: Promise.resolve(bytes) };
    const store = useBoardStore();
    await store.load('b1');
    expect(store.total).toBe(2);
    expect(api.getBoard).not.toHaveBeenCalled();
    await store.load('b1');
    expect(store.total).toBe(1);
    window.__dondocBoard = { id: 'other', bytes: Promise.resolve(bytes) };
    await store.load('b1');
    expect(store.total).toBe(1);
    // A failed preload (non-2xx: null) falls back to the API client and its error messages.
    window.__dondocBoard = { id: 'b1', bytes: Promise.resolve(null) };
    await store.load('b1');
    expect(api.getBoard).toHaveBeenCalledTimes(3);
  });

  it('reports the full-cell predecessor of a task', async () => {
    const store = await loaded();
    expect(store.placeOf('t2')).toEqual({ track: 'cchc', column: 'todo', afterId: 't1' });
    expect(store.placeOf('t1')).toEqual({ track: 'cchc', column: 'todo', afterId: null });
  });
});
