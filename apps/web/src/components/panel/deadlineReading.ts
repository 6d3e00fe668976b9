// The parsed reading of a deadline in words, as the panel shows it live while the user types.
import type { Deadline } from '@dondoc/shared/model';
import { formatDateVi } from '@dondoc/shared/dates';

type T = (key: string, named?: Record<string, unknown>) => string;

export function deadlineReading(d: Deadline, t: T): string {
  const date = d.due ? formatDateVi(d.due) : '';
  let out = t(`panel.deadlineKinds.${d.kind}`, { date, start: d.start ? formatDateVi(d.start) : '' });
  if (d.kind === 'recurring') out += ` (${t(`panel.cadence.${d.cadence ?? 'ongoing'}`)})`;
  else if (d.cadence) out += t('panel.thenRecurring', { cadence: t(`panel.cadence.${d.cadence}`) });
  if (d.kind === 'conditional' && d.trigger) out += ` — ${d.trigger}${d.offsetDays ? ` (+${d.offsetDays})` : ''}`;
  if (d.reason && (d.kind === 'none' || d.kind === 'conditional')) out += ` — ${d.reason}`;
  return out;
}
