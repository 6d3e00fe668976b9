// Pieces compressed apart and spliced into one gzip body: the body inflates to the pieces' text in
// order and its trailer (CRC-32 and length, combined from the pieces') is what gunzip checks.
import { describe, expect, it } from 'vitest';
import { crc32, gunzipSync } from 'node:zlib';
import { assemble, crc32Combine, piece } from './gzip-chunks.ts';

/** Deterministic bytes: text-like runs (as card JSON is) mixed with noise. */
function bytesOf(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x % 5 === 0 ? x >>> 24 : 97 + ((x >>> 16) % 8);
  }
  return out;
}

describe('crc32Combine', () => {
  it('gives the CRC-32 of a concatenation from its parts, for every split of buffers of many lengths', () => {
    for (const length of [0, 1, 2, 3, 7, 64, 255, 256, 1000, 4097, 65_537]) {
      const whole = bytesOf(length + 1, length);
      for (const at of new Set([0, 1, Math.floor(length / 3), length - 1, length].filter((n) => n >= 0 && n <= length))) {
        const a = whole.subarray(0, at);
        const b = whole.subarray(at);
        expect(crc32Combine(crc32(a), crc32(b), b.length), `length ${length} split at ${at}`).toBe(crc32(whole));
      }
    }
  });

  it('is unchanged by an empty second part and reduces to the CRC-32 of the second part after an empty first', () => {
    const b = bytesOf(9, 300);
    expect(crc32Combine(0x1234_5678, crc32(Buffer.alloc(0)), 0)).toBe(0x1234_5678);
    expect(crc32Combine(crc32(Buffer.alloc(0)), crc32(b), b.length)).toBe(crc32(b));
  });
});

describe('assemble', () => {
  it('splices pieces into a gzip body that inflates to their text in order, with a trailer gunzip accepts', () => {
    const texts = Array.from({ length: 40 }, (_, i) => bytesOf(i, (i * 997) % 5000));
    const body = assemble(texts.map((t) => piece(t)));
    const whole = Buffer.concat(texts);
    expect(gunzipSync(body.gzip).equals(whole)).toBe(true);
    expect(body.json.equals(whole)).toBe(true);
    // Inflated once per body, however many identity requests read it.
    expect(body.json).toBe(body.json);
    // The trailer: CRC-32 and length of the whole, little-endian.
    expect(body.gzip.readUInt32LE(body.gzip.length - 8)).toBe(crc32(whole));
    expect(body.gzip.readUInt32LE(body.gzip.length - 4)).toBe(whole.length);
  });

  it('keeps a piece in bytes of its own size, not in zlib\'s 16 KB output buffer', () => {
    const small = piece('{"a":1}');
    expect(small.deflated.buffer.byteLength).toBe(small.deflated.byteLength);
    expect(small.length).toBe(7);
  });

  it('assembles no pieces into an empty body', () => {
    const body = assemble([]);
    expect(gunzipSync(body.gzip).length).toBe(0);
  });
});
