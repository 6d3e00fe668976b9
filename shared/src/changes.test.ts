import { describe, expect, it } from 'vitest';
import { diffFields, sameFields } from './changes.ts';
import { prng } from './testing/prng.ts';

/** The rule, written the plain way: every key either side has, compared as JSON; undefined counts as absent. */
function expected(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { before?: unknown; after?: unknown }> {
  const out: Record<string, { before?: unknown; after?: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const now = after[key];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    out[key] = { ...(was === undefined ? {} : { before: was }), ...(now === undefined ? {} : { after: now }) };
  }
  return out;
}

const VALUES: unknown[] = [undefined, 0, 1, 2, '', 'a', 'Sở Nội vụ', true, false, null, [], ['a'], ['a', 'b'], {}, { due: '2026-12-31' }, { due: '2026-12-30' }, [{ id: 'e1' }]];

describe('diffFields', () => {
  it('names each field whose value changed, appeared or went, over generated versions of a record', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = prng(seed);
      const pick = () => structuredClone(VALUES[Math.floor(next() * VALUES.length)]);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of ['id', 'version', 'column', 'leads', 'deadline', 'progress', 'owner', 'evidence']) {
        if (next() < 0.8) before[key] = pick();
        // Most fields are kept as they were (the same value, or an equal copy); the rest are written anew.
        if (next() < 0.8) after[key] = next() < 0.6 ? before[key] : next() < 0.5 ? structuredClone(before[key]) : pick();
      }
      expect(diffFields(before, after), `seed ${seed}`).toEqual(expected(before, after));
      // sameFields agrees with the diff on any set of fields: they are the same when the diff names none of them.
      const fields = Object.keys({ ...before, ...after, absent: 1 }).filter(() => next() < 0.5);
      const changed = Object.keys(expected(before, after));
      expect(sameFields(before, after, fields), `seed ${seed} ${fields.join()}`).toBe(!fields.some((f) => changed.includes(f)));
    }
  });

  it('keeps a field whose object was copied but not changed out of the diff, and lists fields in their order', () => {
    const before = { id: 't1', version: 1, leads: ['Sở Nội vụ'], deadline: { due: '2026-12-31' }, owner: 'an' };
    const after = { id: 't1', version: 2, leads: ['Sở Nội vụ'], deadline: { due: '2026-12-30' }, note: 'mới' };
    const diff = diffFields(before, after);
    expect(diff).toEqual({ version: { before: 1, after: 2 }, deadline: { before: { due: '2026-12-31' }, after: { due: '2026-12-30' } }, owner: { before: 'an' }, note: { after: 'mới' } });
    expect(Object.keys(diff)).toEqual(['version', 'deadline', 'owner', 'note']);
  });
});
