// The parsed reading of a deadline in words, as the panel shows it live while the user types.
import type { Deadline } from '@dondoc/shared/model';
import { formatDateVi, splitIsoDate, daysInMonth } from '@dondoc/shared/dates';
import { deadlineOffset } from '@dondoc/shared/deadline';

type T = (key: string, named?: Record<string, unknown>) => string;

export function deadlineReading(d: Deadline, t: T): string {
  const date = d.due ? formatDateVi(d.due) : '';
  let out = t(`panel.deadlineKinds.${wording(d)}`, { date, start: d.start ? formatDateVi(d.start) : '' });
  const day = d.periodDay ? t('panel.periodDay', { day: d.periodDay }) : '';
  if (d.kind === 'recurring') out += ` (${t(`panel.cadence.${d.cadence ?? 'ongoing'}`)}${day})`;
  else if (d.cadence) out += t('panel.thenRecurring', { cadence: `${t(`panel.cadence.${d.cadence}`)}${day}` });
  // A deadline counted from an event or a printed date says how far from it, in the unit printed.
  const offset = deadlineOffset(d);
  const amount = offset ? t(`panel.offsetUnits.${offset.unit}`, { n: offset.amount }) : '';
  if (d.kind === 'conditional' && d.trigger) out += ` — ${offset ? t('panel.offsetAfter', { offset: amount, trigger: d.trigger }) : d.trigger}`;
  else if (offset && d.due) out += t('panel.offsetCounted', { offset: amount });
  if (d.reason && (d.kind === 'none' || d.kind === 'conditional')) out += ` — ${d.reason}`;
  return out;
}

/**
 * Which words read a deadline: its kind, except for months read as more or less than a whole month.
 * "6 tháng đầu năm 2027" is a span (from 01/01 to 30/06), "Đầu tháng 3/2027" a day within the month;
 * neither is "hết tháng".
 */
function wording(d: Deadline): string {
  if (d.kind !== 'month') return d.kind;
  if (d.start) return 'span';
  if (!d.due) return d.kind;
  const [year, month, day] = splitIsoDate(d.due);
  return day === daysInMonth(year, month) ? 'month' : 'monthPart';
}

/**
 * The cadence a recurring task reports on, in words, with the day of the period its deadline
 * prints ("hằng tháng, trước ngày 25"); the day belongs to the deadline's own cadence only, not to a
 * board rhythm the task falls back on.
 */
export function reportCadenceReading(d: Pick<Deadline, 'cadence' | 'periodDay'>, cadence: string, t: T): string {
  const day = d.periodDay && d.cadence === cadence ? t('panel.periodDay', { day: d.periodDay }) : '';
  return `${t(`panel.cadence.${cadence}`)}${day}`;
}
