// vue-i18n set-up: Vietnamese first, English second; the choice is remembered per browser.
import { createI18n } from 'vue-i18n';
import vi from './vi.ts';
import en from './en.ts';
import * as admin from './admin.ts';

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];
const STORAGE_KEY = 'dondoc.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // storage blocked (privacy mode): fall back to the default
  }
  return 'vi';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'vi',
  messages: { vi: { ...vi, admin: admin.vi }, en: { ...en, admin: admin.en } },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered; still switched for this page
  }
}

/** Translate outside components (stores, toasts). */
export const t = (key: string, named?: Record<string, unknown>): string => (named ? i18n.global.t(key, named) : i18n.global.t(key));
