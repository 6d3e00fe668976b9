import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { prng } from '@dondoc/shared/testing/prng';
import { canonicalJson } from './canonical-json.ts';

const KEYS = ['a', 'b', 'B', 'Z', '_', '1', '10', '2', 'é', 'ế', 'Đ', 'đ', '\u{1F600}', '\uFB01', '', 'seq', 'prev', 'n', 'changes'];
const STRINGS = ['', 'Sở Nội vụ', 'a"b', 'back\\slash', 'tab\tnew\nline', '\u0000\u001f', '\u2028\u2029', '\u{1F600} đôn đốc', '</script>'];
const NUMBERS = [0, -0, 1, -1, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_SAFE_INTEGER, 2.5, -1024];

/** A JSON value of the kinds audit entries hold, from a seed. */
function value(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  if (kind === 0) return pick(STRINGS);
  if (kind === 1) return pick(NUMBERS);
  if (kind === 2) return pick([true, false, null]);
  if (kind === 3) return pick(STRINGS) + pick(STRINGS);
  if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) out[pick(KEYS)] = value(next, depth + 1);
  return out;
}

describe('canonicalJson', () => {
  it('writes the RFC 8785 text canonicalize writes, over generated JSON values', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const v = value(prng(seed), 0);
      expect(canonicalJson(v), `seed ${seed}`).toBe(canonicalize(v));
    }
  });

  it('leaves out undefined properties and writes undefined array elements as null, as JSON does', () => {
    const v = { b: undefined, a: [undefined, 1], c: { d: undefined } };
    expect(canonicalJson(v)).toBe('{"a":[null,1],"c":{}}');
    expect(canonicalJson(v)).toBe(canonicalize(v));
  });

  it('writes a lone surrogate escaped (RFC 8785 would refuse it), so the text reads back as the same string', () => {
    const v = { content: 'a\ud800b', note: '\udc00' };
    const text = canonicalJson(v);
    expect(text).toBe('{"content":"a\\ud800b","note":"\\udc00"}');
    expect(JSON.parse(text)).toEqual(v);
  });

  it('refuses a value with no JSON form and a circular one', () => {
    expect(() => canonicalJson(undefined)).toThrow(/no canonical JSON/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow();
  });
});
