// The whole board's bytes decoded a slice at a time read as the same text as one pass, whatever the
// slice size and wherever it splits a character: texts generated from Vietnamese (2 and 3 bytes a
// character), emoji (4 bytes) and ASCII.
import { describe, expect, it } from 'vitest';
import { decodeInSlices } from './boardPreload.ts';

const PIECES = ['Ủy ban nhân dân tỉnh Lào Cai', ' "Sở KH&CN" ', '📄✅', 'nhiệm vụ số 12', '\n', 'đôn đốc', 'ASCII only'];

function generated(n: number, seed: number): string {
  let out = '';
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += PIECES[x % PIECES.length];
  }
  return out;
}

describe('decodeInSlices', () => {
  it.each([1, 2, 3, 5, 7, 64, 1000])('reads the same text as one pass with slices of %i bytes', async (slice) => {
    for (const seed of [1, 2, 3]) {
      const text = generated(200, seed);
      const bytes = new TextEncoder().encode(text);
      expect(await decodeInSlices(bytes.buffer, slice)).toBe(text);
    }
  });

  it('reads nothing as the empty text, and a body smaller than a slice in one pass', async () => {
    expect(await decodeInSlices(new ArrayBuffer(0))).toBe('');
    expect(await decodeInSlices(new TextEncoder().encode('{"tasks":[]}').buffer)).toBe('{"tasks":[]}');
  });
});
