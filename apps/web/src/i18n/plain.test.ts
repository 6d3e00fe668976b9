import { afterEach, describe, expect, it } from 'vitest';
import { i18n, LOCALES } from './index.ts';
import { plainTranslate } from './plain.ts';

/** Every message key of a language, with its text (leaves of the message tree). */
function messages(tree: unknown, prefix = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) => messages(value, prefix ? `${prefix}.${key}` : key));
}

/** A value for every {slot} of a message, differing per slot, some of them numbers. */
const valuesFor = (text: string): Record<string, unknown> =>
  Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map(([, name], i) => [name!, i % 2 ? i * 7 : `«${name} ${i}»`]));

describe('plainTranslate', () => {
  afterEach(() => {
    i18n.global.locale.value = 'vi';
  });

  it('says what vue-i18n says, for every message of both languages', () => {
    let plain = 0;
    for (const locale of LOCALES) {
      i18n.global.locale.value = locale;
      const t = plainTranslate(locale);
      for (const [key, text] of messages(i18n.global.getLocaleMessage(locale))) {
        const named = valuesFor(text);
        expect(t(key, named), `${locale} ${key}`).toBe(i18n.global.t(key, named));
        if (!/[@|]/.test(text)) plain++;
      }
    }
    // Most messages take the plain path (a slip in its pattern would send all of them to vue-i18n unseen).
    expect(plain).toBeGreaterThan(500);
  });

  it('fills a slot left without a value with nothing, as vue-i18n does', () => {
    expect(plainTranslate('vi')('card.progress')).toBe(i18n.global.t('card.progress', {}));
    expect(plainTranslate('vi')('card.owner', { owner: 'Nguyễn Văn A' })).toBe('Phụ trách: Nguyễn Văn A');
  });

  it("falls back to Vietnamese for a message English lacks, as the app's i18n does", () => {
    i18n.global.mergeLocaleMessage('vi', { onlyVi: { note: 'Chỉ có tiếng Việt: {x}' } });
    i18n.global.locale.value = 'en';
    expect(plainTranslate('en')('onlyVi.note', { x: 1 })).toBe(i18n.global.t('onlyVi.note', { x: 1 }));
    expect(plainTranslate('en')('onlyVi.note', { x: 1 })).toBe('Chỉ có tiếng Việt: 1');
  });
});
