// The board payload built from kept chunks: the spliced gzip body decodes to the identity body, both
// equal a payload built from scratch, a move recompresses one chunk, and deletions keep slots stable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { BoardPayload } from '@dondoc/shared';
import { BoardPayloadCache, CHUNK_TASKS } from './board-payload.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { PluginHost, REPO_ROOT } from './plugins/host.ts';
import { createBoardOp, moveOp, tempDir, TEST_ACTOR, FIXTURE_AT } from './testing/fixtures.ts';

let store: LowdbStore;
let cleanup: () => Promise<void>;
let plugins: PluginHost;
beforeEach(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  store = await LowdbStore.open({ dir: t.dir });
  plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'plugins') });
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

async function read(cache: BoardPayloadCache): Promise<BoardPayload> {
  const board = (await store.getBoard('b1'))!;
  const bytes = await cache.get(board);
  const fromGzip = gunzipSync(bytes.gzip).toString();
  expect(fromGzip).toBe(bytes.json.toString());
  return JSON.parse(fromGzip) as BoardPayload;
}
const sorted = (p: BoardPayload) => ({ ...p, tasks: [...p.tasks].sort((a, b) => (a.id < b.id ? -1 : 1)) });

describe('BoardPayloadCache', () => {
  it('splices a gzip body that decodes to the identity body and equals a fresh build, recompressing one chunk per move', async () => {
    const op = createBoardOp(CHUNK_TASKS * 3 + 10);
    // Every seventh task names no output, so failures are spread over the chunks.
    await store.apply({ ...op, board: { ...op.board, checklist: 'checklist-5ro:5ro' }, tasks: op.tasks.map((t, i) => (i % 7 ? t : { ...t, output: '' })) });
    const cache = new BoardPayloadCache(store, plugins);
    const first = await read(cache);
    expect(first.tasks).toHaveLength(CHUNK_TASKS * 3 + 10);
    expect(Object.keys(first.failures).length).toBeGreaterThan(0);
    const before = cache.chunksCompressed;
    expect(before).toBe(4);
    await store.apply(moveOp('t300', 1, { column: 'done' }));
    const after = await read(cache);
    expect(cache.chunksCompressed - before).toBe(1);
    expect(after.tasks.find((t) => t.id === 't300')).toMatchObject({ column: 'done', version: 2 });
    expect(sorted(after)).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
  });

  it('keeps slots when tasks are deleted and added, and starts afresh when a quarter are holes', async () => {
    await store.apply(createBoardOp(CHUNK_TASKS * 2));
    const cache = new BoardPayloadCache(store, plugins);
    await read(cache);
    for (let i = 1; i <= 20; i++) await store.apply({ type: 'task.delete', boardId: 'b1', taskId: `t${i}`, expectedVersion: 1, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    const n = cache.chunksCompressed;
    const p = await read(cache);
    expect(p.tasks).toHaveLength(CHUNK_TASKS * 2 - 20);
    expect(cache.chunksCompressed - n).toBe(1);
    for (let i = 21; i <= 200; i++) await store.apply({ type: 'task.delete', boardId: 'b1', taskId: `t${i}`, expectedVersion: 1, actor: TEST_ACTOR, via: 'test', at: FIXTURE_AT });
    expect(sorted(await read(cache))).toEqual(sorted(await read(new BoardPayloadCache(store, plugins))));
  });
});
