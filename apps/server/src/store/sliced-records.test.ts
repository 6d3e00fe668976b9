// The sliced writers and reader of big change records against the one-go functions they replace, on
// records generated from a seed: the journal line is JSON.stringify's text byte for byte, the audit text
// canonicalize's with the same SHA-256, a sliced parse gives JSON.parse's value (and refuses what it
// refuses), and each gives the event loop turns while it works.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '@dondoc/shared';
import { Slicer } from '../workers/snapshot-wire.ts';
import { canonicalEntryBytes, canonicalPieces, deepFreezeSliced, journalLineBytes, parseObjectSliced } from './sliced-records.ts';
import { prng } from '@dondoc/shared/testing/prng';

const WORDS = ['Sở KH&CN', 'Đề án 06', 'tiến độ "chậm"', 'a\\b', 'dòng\nmới', '', '😀', '\u0000', '[{,:}]', 'ü', 'Z', 'a'];

function value(r: () => number, depth: number): unknown {
  switch (Math.floor(r() * (depth > 2 ? 5 : 8))) {
    case 0:
      return WORDS[Math.floor(r() * WORDS.length)];
    case 1:
      return Math.round((r() - 0.5) * 1e6) / 100;
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return r() < 0.5 ? undefined : 1e21 * r();
    case 5:
    case 6:
      return Array.from({ length: Math.floor(r() * 6) }, () => value(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, () => [WORDS[Math.floor(r() * WORDS.length)]!, value(r, depth + 1)]));
  }
}

/** A change record of `changes` changes whose contents are anything JSON can hold. */
function record(r: () => number, changes: number): ChangeRecord & { n: number; prev: string } {
  return {
    seq: 1 + Math.floor(r() * 1000),
    at: '2025-12-10T01:02:03.000Z',
    actor: { kind: 'user', id: 'u1', name: WORDS[Math.floor(r() * WORDS.length)]! },
    via: 'web',
    op: 'board.restore',
    board: 'b1',
    tasks: Array.from({ length: changes }, (_, i) => `t${i}`),
    changes: Array.from({ length: changes }, (_, i) => ({ entity: 'task', board: 'b1', id: `t${i}`, created: value(r, 0) }) as ChangeRecord['changes'][number]),
    n: 7,
    prev: 'a'.repeat(64),
  };
}

const counted = () => {
  const slicer = new Slicer({ sliceMs: 0 });
  return slicer;
};

describe('big change records, a slice at a time', () => {
  it('writes the journal line JSON.stringify writes and the canonical text canonicalize writes, with its hash', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = prng(seed);
      const rec = record(r, Math.floor(r() * 300));
      const slicer = counted();
      const line = Buffer.concat(await journalLineBytes(rec, slicer)).toString('utf8');
      expect(line).toBe(`${JSON.stringify(rec)}\n`);
      const canonical = await canonicalEntryBytes(rec, slicer);
      const text = Buffer.concat(canonical.bytes).toString('utf8');
      expect(text).toBe(canonicalize(rec));
      expect([...canonicalPieces(rec, [])].join('')).toBe(canonicalize(rec));
      expect(canonical.hash).toBe(createHash('sha256').update(text).digest('hex'));
      expect(slicer.turns).toBeGreaterThan(0);
    }
  });

  it('parses what JSON.parse parses, the big arrays a part at a time, and leaves out what it is told to skip', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = prng(seed);
      const rec = record(r, 1 + Math.floor(r() * 600));
      const text = seed % 2 ? JSON.stringify(rec) : JSON.stringify(rec, null, seed % 4 === 0 ? 2 : '\t');
      const slicer = counted();
      const parsed = await parseObjectSliced(Buffer.from(text), ['changes', 'tasks'], slicer);
      expect(parsed).toEqual(JSON.parse(text));
      expect(slicer.turns).toBeGreaterThan(0);
      const { changes: _left, ...rest } = JSON.parse(text) as Record<string, unknown>;
      expect(await parseObjectSliced(Buffer.from(text), ['changes', 'tasks'], slicer, { skip: ['changes'] })).toEqual(rest);
    }
    for (const text of ['{}', '{"changes":[]}', '{"changes":[1,2,[3]],"tasks":["a"]}', ' { "changes" : [ 1 , {"a":"]"} ] } ', '[1]', '"x"'])
      expect(await parseObjectSliced(Buffer.from(text), ['changes'], new Slicer())).toEqual(JSON.parse(text));
  });

  it('refuses text JSON.parse refuses', async () => {
    for (const text of ['{"changes":[1,]}', '{"changes":[1 2]}', '{"changes":[1', '{"changes":["a]}', '{"a":1,}', '{"a":1} x', '{"changes":[{"a":1]}', '{a:1}', '{"changes":[,1]}']) {
      expect(() => JSON.parse(text)).toThrow();
      await expect(parseObjectSliced(Buffer.from(text), ['changes'], new Slicer())).rejects.toThrow(SyntaxError);
    }
  });

  it('freezes every value and all it holds', async () => {
    const values = Array.from({ length: 100 }, (_, i) => ({ id: `t${i}`, evidence: [{ file: { name: 'a' } }] }));
    await deepFreezeSliced(values, counted());
    for (const v of values) {
      expect(Object.isFrozen(v)).toBe(true);
      expect(Object.isFrozen(v.evidence[0]!.file)).toBe(true);
    }
  });
});
