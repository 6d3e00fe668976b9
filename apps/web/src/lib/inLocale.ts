// Text a plugin (or the model) gives in Vietnamese and, optionally, in English, shown in the UI's
// language: the English when the UI is English and there is one, else the Vietnamese (plugin API 1.5:
// `displayNameEn`, `labelEn`, `descriptionEn`; 1.6: a check's `reasonEn`; an older plugin gives none
// and reads in Vietnamese). The host's own criterion (`PLUGIN_ERROR`, a checklist plugin that failed)
// gives its English the same way.
import { PLUGIN_ERROR, type CheckFailure, type PayloadChecklist } from '@dondoc/shared/api';
import type { CheckResult } from '@dondoc/shared/plugin';
import type { Triage } from '@dondoc/shared/triage';

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
  return results.map((r) => {
    const label = r.id === PLUGIN_ERROR.id ? labelIn(locale, PLUGIN_ERROR) : r.label;
    const reason = r.reasonEn?.trim() ? r.reasonEn : r.reason;
    return label === r.label && reason === r.reason ? r : { ...r, label, reason };
  });
}

/**
 * Triage's groups named in the UI's language: the checklist's criteria already are (`checklistIn`); a
 * group of tasks its plugin failed on is named by the host's `PLUGIN_ERROR` rather than the Vietnamese
 * label its failures carry.
 */
export function triageIn(locale: string, result: Triage): Triage {
  if (locale !== 'en') return result;
  return { ...result, groups: result.groups.map((g) => (g.id === PLUGIN_ERROR.id ? { ...g, label: labelIn(locale, PLUGIN_ERROR) } : g)) };
}
