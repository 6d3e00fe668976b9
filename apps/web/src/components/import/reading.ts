// How the preview words what the importer understood: a deadline's reading and the tracks a table can go to.
import type { Deadline } from '@dondoc/shared/model';
import { formatDateVi } from '@dondoc/shared/dates';
import { deadlineOffset } from '@dondoc/shared/deadline';

/** An i18n key and its parameters. */
export interface Reading {
  key: string;
  params: Record<string, string>;
}

/** What the parsed deadline means, beside the text as printed, so a wrong reading shows. */
export function deadlineReading(d: Deadline): Reading {
  if (d.kind === 'span' && d.start && d.due) return { key: 'import.deadline.span', params: { start: formatDateVi(d.start), date: formatDateVi(d.due) } };
  if (d.due) return { key: 'import.deadline.due', params: { date: formatDateVi(d.due) } };
  if (d.kind === 'recurring' && d.cadence && d.cadence !== 'ongoing') return { key: 'import.deadline.recurringEvery', params: { cadence: d.cadence } };
  if (d.kind === 'recurring') return { key: 'import.deadline.recurring', params: {} };
  if (d.kind === 'conditional') {
    const offset = deadlineOffset(d);
    const key = offset ? (offset.direction === 'before' ? 'import.deadline.conditionalBefore' : 'import.deadline.conditionalOffset') : 'import.deadline.conditional';
    return { key, params: {} };
  }
  return { key: 'import.deadline.none', params: {} };
}

/**
 * The built-in tracks (BUILTIN_TRACKS of the model, labelled in the i18n files so this page
 * does not bundle zod for three names), plus a plugin's track the importer chose.
 */
export const BUILTIN_TRACK_IDS = ['de-an-06', 'cchc', 'khcn-cds'] as const;

export function trackIds(current?: string): string[] {
  const ids: string[] = [...BUILTIN_TRACK_IDS];
  if (current && !ids.includes(current)) ids.push(current);
  return ids;
}
