import { describe, expect, it } from 'vitest';
import { OPERATION_TYPES } from '@dondoc/shared/operations';
import { BULK_SKIP_REASONS } from '@dondoc/shared/triage';
import { DEADLINE_FLAG_LABELS } from '@dondoc/shared/deadline-flags';
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

  it('say why a bulk fix left a task alone, and what a deadline flag asks to check, in both languages', () => {
    const said = (key: string, locale: 'vi' | 'en', named: Record<string, unknown> = {}) => {
      expect(i18n.global.te(key, locale), `${locale} ${key}`).toBe(true);
      return i18n.global.t(key, named, { locale });
    };
    for (const reason of BULK_SKIP_REASONS) expect(said(`triage.bulk.skip.${reason}`, 'en')).not.toBe(said(`triage.bulk.skip.${reason}`, 'vi'));
    expect(said('triage.bulk.skip.lead-not-listed', 'en', { lead: 'Sở Nội vụ' })).toBe('"Sở Nội vụ" is not among its lead agencies');
    expect(said('triage.bulk.skip.lead-not-listed', 'vi', { lead: 'Sở Nội vụ' })).toBe('Không có "Sở Nội vụ" trong các cơ quan chủ trì');
    for (const [code, label] of Object.entries(DEADLINE_FLAG_LABELS)) {
      expect(said(`deadlineFlag.${code}`, 'vi')).toBe(label.vi);
      expect(said(`deadlineFlag.${code}`, 'en')).toBe(label.en);
    }
  });
});
