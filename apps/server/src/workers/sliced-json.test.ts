// The sliced JSON writer and list parts against JSON.stringify / JSON.parse on values generated from a
// seed: the stream is byte for byte JSON.stringify's text however the value is shaped, it gives the event
// loop turns while it writes, and a list shared in parts reads back whole and in order.
import { describe, expect, it } from 'vitest';
import { LIST_PART_CHARS, jsonStream, readJsonList, shareJsonList } from './sliced-json.ts';
import { prng } from '@dondoc/shared/testing/prng';

const WORDS = ['Sở KH&CN', 'Đề án 06', 'tiến độ "chậm"', 'a\\b', 'dòng\nmới', '', '😀', '\u0000'];

/** Any JSON-ish value, undefined included (left out of objects, null in arrays, as JSON.stringify does). */
function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 2 ? 5 : 8));
  switch (k) {
    case 0:
      return WORDS[Math.floor(r() * WORDS.length)];
    case 1:
      return Math.round(r() * 1e6) / 100;
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
    case 6:
      return Array.from({ length: Math.floor(r() * 6) }, () => value(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, (_, i) => [`${WORDS[i % WORDS.length]}${i}`, value(r, depth + 1)]));
  }
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('jsonStream', () => {
  it('writes exactly what JSON.stringify writes, with the big fields an element at a time', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = prng(seed);
      const doc: Record<string, unknown> = {
        head: value(r, 0),
        list: Array.from({ length: Math.floor(r() * 40) }, () => value(r, 1)),
        byId: Object.fromEntries(Array.from({ length: Math.floor(r() * 40) }, (_, i) => [`t${i}`, value(r, 1)])),
        gone: undefined,
        notAList: value(r, 0),
        tail: value(r, 0),
      };
      expect(await text(jsonStream(doc, ['list', 'byId', 'notAList']))).toBe(JSON.stringify(doc));
    }
  });

  it('gives the event loop a turn whenever its slice is used up, and writes the same text', async () => {
    const doc = { tasks: Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, content: `Nhiệm vụ số ${i} của Sở Khoa học và Công nghệ` })) };
    let turns = 0;
    const stream = jsonStream(doc, ['tasks'], { sliceMs: 0, yieldTurn: () => new Promise((resolve) => setImmediate(() => (turns++, resolve()))) });
    expect(await text(stream)).toBe(JSON.stringify(doc));
    // A slice of 0 ms: every chunk ends the slice, so every chunk after the first waits for a turn.
    expect(turns).toBeGreaterThan(2);
  });
});

describe('shareJsonList / readJsonList', () => {
  it('reads back every item in order, across as many parts as the list needs', async () => {
    for (const n of [0, 1, 7, 3000]) {
      const items = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, content: `Nhiệm vụ ${i}`.repeat(1 + (i % 9)), n: i, none: null }));
      const parts = shareJsonList(items);
      expect(parts.every((p) => p instanceof SharedArrayBuffer)).toBe(true);
      const chars = JSON.stringify(items).length;
      expect(parts.length).toBeGreaterThanOrEqual(Math.floor(chars / (LIST_PART_CHARS * 2)));
      let turns = 0;
      expect(await readJsonList(parts, { sliceMs: 0, yieldTurn: async () => void turns++ })).toEqual(items);
      expect(turns).toBe(parts.length);
    }
  });
});
