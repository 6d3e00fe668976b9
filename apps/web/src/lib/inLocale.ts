// Text a plugin (or the model) gives in Vietnamese and, optionally, in English, shown in the UI's
// language: the English when the UI is English and there is one, else the Vietnamese (plugin API 1.5:
// `displayNameEn`, `labelEn`, `descriptionEn`; an older plugin gives none and reads in Vietnamese).
import type { PayloadChecklist } from '@dondoc/shared/api';

export const inLocale = (locale: string, vi: string, en: string | undefined): string => (locale === 'en' && en?.trim() ? en : vi);

/** `label`, or `labelEn` in the English UI. */
export const labelIn = (locale: string, item: { label: string; labelEn?: string }): string => inLocale(locale, item.label, item.labelEn);

/** A board's checklist with its own label and its criteria's in the UI's language (ids unchanged). */
export function checklistIn(locale: string, checklist: PayloadChecklist | null): PayloadChecklist | null {
  if (!checklist || locale !== 'en') return checklist;
  return { address: checklist.address, label: labelIn(locale, checklist), criteria: checklist.criteria.map((c) => ({ id: c.id, label: labelIn(locale, c) })) };
}
