import { describe, expect, it } from 'vitest';
import { OPERATION_TYPES } from '@dondoc/shared/operations';
import { i18n, LOCALES } from './index.ts';

/** Every path from the root of a message tree to one of its texts, each step one key as written. */
function paths(tree: unknown, prefix: readonly string[] = []): string[][] {
  if (typeof tree === 'string') return [[...prefix]];
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) => paths(value, [...prefix, key]));
}

describe('the message trees', () => {
  it('reach every message by its path: no key holds a dot, which vue-i18n would read as a level', () => {
    for (const locale of LOCALES) {
      const all = paths(i18n.global.getLocaleMessage(locale));
      expect(all.length).toBeGreaterThan(500);
      const dotted = all.filter((steps) => steps.some((s) => s.includes('.'))).map((steps) => steps.join(' › '));
      expect(dotted, locale).toEqual([]);
      for (const steps of all) expect(i18n.global.te(steps.join('.'), locale), `${locale} ${steps.join('.')}`).toBe(true);
    }
  });

  it("name every operation in a task's history, in both languages", () => {
    for (const locale of LOCALES)
      for (const op of OPERATION_TYPES) {
        expect(i18n.global.te(`history.ops.${op}`, locale), `${locale} ${op}`).toBe(true);
        expect(i18n.global.t(`history.ops.${op}`, {}, { locale })).not.toBe(`history.ops.${op}`);
      }
  });
});
