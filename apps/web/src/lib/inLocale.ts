// Text a plugin (or the model) gives in Vietnamese and, optionally, in English, shown in the UI's
// language: the English when the UI is English and there is one, else the Vietnamese (plugin API 1.5:
// `displayNameEn`, `labelEn`, `descriptionEn`; 1.6: a check's `reasonEn`; an older plugin gives none
// and reads in Vietnamese).
import type { CheckFailure, PayloadChecklist } from '@dondoc/shared/api';
import type { CheckResult } from '@dondoc/shared/plugin';

export const inLocale = (locale: string, vi: string, en: string | undefined): string => (locale === 'en' && en?.trim() ? en : vi);

/** `label`, or `labelEn` in the English UI. */
export const labelIn = (locale: string, item: { label: string; labelEn?: string }): string => inLocale(locale, item.label, item.labelEn);

/** A board's checklist with its own label and its criteria's in the UI's language (ids unchanged). */
export function checklistIn(locale: string, checklist: PayloadChecklist | null): PayloadChecklist | null {
  if (!checklist || locale !== 'en') return checklist;
  return { address: checklist.address, label: labelIn(locale, checklist), criteria: checklist.criteria.map((c) => ({ id: c.id, label: labelIn(locale, c) })) };
}

/** What to fix about a failed criterion: `reason`, or `reasonEn` in the English UI. */
export const reasonIn = (locale: string, failure: Pick<CheckFailure, 'reason' | 'reasonEn'>): string => inLocale(locale, failure.reason, failure.reasonEn);

/**
 * A task's check results with each reason in the UI's language (as `checklistIn` does the labels), so
 * the card, the panel and the filters read `reason` whatever the language. Unchanged in Vietnamese.
 */
export function checksIn(locale: string, results: CheckResult[]): CheckResult[] {
  if (locale !== 'en') return results;
  return results.map((r) => (r.reasonEn?.trim() ? { ...r, reason: r.reasonEn } : r));
}
