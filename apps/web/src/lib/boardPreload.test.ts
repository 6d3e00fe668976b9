// The whole board read through the worker (public/board-loader.js, run as the page runs it) decodes
// into the same cards and failures as the payload decoded in one piece, whatever the part size; a
// failed answer reads as null (the store then asks the API); and nothing is read or sent before the page asks.
import { describe, expect, it } from 'vitest';
import { decodePayload } from '@dondoc/shared/api';
import { makePayload, makeTask } from '../testing/factory.ts';
import { startLoader } from '../testing/boardLoader.ts';
import { readFromLoader } from './boardPreload.ts';

const TRACKS = ['de-an-06', 'cchc', 'khcn-cds'];
const COLUMNS = ['todo', 'doing', 'review', 'done'] as const;

/** A board of `n` generated tasks, every third failing a criterion. */
function generated(n: number) {
  const tasks = Array.from({ length: n }, (_, i) =>
    makeTask({ id: `t${i}`, rank: i + 1, track: TRACKS[i % 3]!, column: COLUMNS[i % 4]!, content: `Nhiệm vụ số ${i}: triển khai Đề án 06 tại xã`, leads: [i % 2 ? 'Sở Nội vụ' : 'Công an tỉnh'] }),
  );
  const failures = Object.fromEntries(tasks.filter((_, i) => i % 3 === 0).map((t) => [t.id, [{ id: 'owner', reason: 'Chưa có người phụ trách' }]]));
  return makePayload(tasks, failures, { address: 'checklist-5ro:5ro', label: '5 rõ', criteria: [{ id: 'owner', label: 'Rõ người' }] });
}

describe('the whole board through the loader', () => {
  it.each([1, 7, 1000])('decodes into the same cards and failures as the whole payload, in parts of %i cards', async (part) => {
    const payload = generated(25);
    const run = startLoader('/api/boards/b1', { status: 200, body: JSON.stringify(payload) });
    const read = await readFromLoader(run.loader, part);
    expect(read).toEqual(decodePayload(payload));
    expect(run.fetched).toEqual(['/api/boards/b1']);
    expect(run.sent.filter((m) => m.kind === 'cards')).toHaveLength(Math.ceil(25 / part));
    expect(run.terminated()).toBe(true);
  });

  it('reads a board with no cards and no checklist', async () => {
    const payload = makePayload([]);
    const run = startLoader('/api/boards/b1', { status: 200, body: JSON.stringify(payload) });
    expect(await readFromLoader(run.loader)).toEqual(decodePayload(payload));
  });

  it('reads a refused or unreadable answer as null, and ends the worker', async () => {
    for (const answer of [
      { status: 403, body: '{"error":"Không có quyền"}' },
      { status: 200, body: '{"cards": trailing' },
      { status: 200, body: '{"board":null}' },
    ]) {
      const run = startLoader('/api/boards/b1', answer);
      expect(await readFromLoader(run.loader)).toBeNull();
      expect(run.sent).toEqual([{ kind: 'failed' }]);
      expect(run.terminated()).toBe(true);
    }
  });

  it('reads and sends nothing until the page asks', async () => {
    const run = startLoader('/api/boards/b1', { status: 200, body: JSON.stringify(generated(3)) });
    await new Promise((done) => setTimeout(done, 20));
    expect(run.fetched).toEqual([]);
    expect(run.sent).toEqual([]);
    expect((await readFromLoader(run.loader))?.cards).toHaveLength(3);
    expect(run.fetched).toEqual(['/api/boards/b1']);
  });
});
