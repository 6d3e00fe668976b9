// The export menu's choices as plain data: what a format offers, what the user picked, the link that
// downloads it (the board's filter query plus the choices) and how many tasks the file will hold.
import { REPORT_CADENCES, recentPeriods, type PeriodCadence, type ReportPeriod } from '@dondoc/shared/periods';
import type { ExportView } from '@dondoc/shared/plugin';

export interface ExportOptionsOffered {
  views: readonly ExportView[];
  periods: readonly PeriodCadence[];
  agency: boolean;
}

export interface ExportChoices {
  view: ExportView;
  /** '' when the format takes no period. */
  cadence: PeriodCadence | '';
  /** Period key ("2025-12"), '' when the format takes no period. */
  period: string;
  /** One lead agency, or '' for all. */
  agency: string;
}

/** How many periods of a cadence the menu lists, newest first. */
export const PERIODS_OFFERED = 8;

/**
 * What the menu starts on for a format: the filtered view when the board is filtered and the format
 * takes one (else its first view), the board's reporting rhythm's current period, all agencies.
 */
export function defaultChoices(options: ExportOptionsOffered, filtering: boolean, rhythm: PeriodCadence | null, today: string): ExportChoices {
  const view: ExportView = filtering && options.views.includes('filter') ? 'filter' : options.views.includes('board') ? 'board' : options.views[0] ?? 'filter';
  const cadence: PeriodCadence | '' = options.periods.length === 0 ? '' : rhythm && options.periods.includes(rhythm) ? rhythm : options.periods.includes('monthly') ? 'monthly' : options.periods[0]!;
  return { view, cadence, period: cadence ? periodsFor(cadence, today)[0]!.key : '', agency: '' };
}

export const periodsFor = (cadence: PeriodCadence, today: string): ReportPeriod[] => recentPeriods(today, cadence, PERIODS_OFFERED);

/** Cadences in the order the menu lists them. */
export const orderedCadences = (offered: readonly PeriodCadence[]): PeriodCadence[] => REPORT_CADENCES.filter((c) => offered.includes(c));

/** The export link's query: the board's filter when the view is the filter, then the choices. */
export function exportQuery(choices: ExportChoices, options: ExportOptionsOffered, filterQuery: Readonly<Record<string, string>>): Record<string, string> {
  const q: Record<string, string> = choices.view === 'filter' ? { ...filterQuery } : {};
  q.view = choices.view;
  if (options.periods.length > 0 && choices.period) q.period = choices.period;
  if (options.agency && choices.agency) q.agency = choices.agency;
  return q;
}

/** How many of `tasks` the file will hold: those the view keeps, led by the chosen agency. */
export function exportCount<T extends { task: { leads: readonly string[] } }>(
  choices: ExportChoices,
  options: ExportOptionsOffered,
  all: readonly T[],
  filtered: readonly T[],
): number {
  const base = choices.view === 'filter' ? filtered : all;
  if (!options.agency || !choices.agency) return base.length;
  let n = 0;
  for (const v of base) if (v.task.leads.includes(choices.agency)) n++;
  return n;
}
