// The parsed reading of a deadline in words, as the panel shows it live while the user types.
import type { Deadline } from '@dondoc/shared/model';
import { formatDateVi, splitIsoDate, daysInMonth } from '@dondoc/shared/dates';
import { deadlineOffset, isDeadlineFlag } from '@dondoc/shared/deadline';
import { deadlineCadence, recurrenceAnchor, type Recurrence, type RecurrenceAnchor } from '@dondoc/shared/periods';

type T = (key: string, named?: Record<string, unknown>) => string;

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "a", "a và b", "a, b và c" (English: "a, b and c"), in the words of the language. */
function list(items: readonly string[], t: T): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(t('panel.listSeparator'))}${t('panel.listLast')}${items.at(-1)}`;
}

/**
 * Where in its period a recurring deadline falls due, as its cell prints it (shared `recurrenceAnchor`):
 * ", trước ngày 25", ", trước ngày 15/06 và 15/12", ", hết tháng 6 và tháng 12", ", hết quý IV".
 */
export function anchorReading(d: Recurrence, t: T): string {
  const a = recurrenceAnchor(d);
  if (!a) return '';
  switch (a.kind) {
    case 'day':
      return t('panel.periodDay', { day: a.day });
    case 'dates':
      return t('panel.periodDates', { dates: list(a.dates, t) });
    case 'months':
      return t('panel.periodMonths', { months: list(a.months.map((m) => t(`panel.monthNames.m${m}`)), t) });
    case 'quarters':
      return t('panel.periodQuarters', { quarters: list(a.quarters.map((q) => t('panel.quarterName', { n: q, roman: ROMAN[q - 1] })), t) });
    case 'weekday':
      return t('panel.periodWeekday', { weekday: t(`panel.weekdayNames.d${a.weekday}`) });
    case 'next':
      return laterReading(a, t);
  }
}

/**
 * A report due in the period after its own (shared `RecurrenceAnchor` 'next'), as shared
 * `describeRecurrenceAnchor` says it: ", trước thứ Hai tuần sau", ", trước ngày 10 tháng sau", ", hết
 * tháng đầu quý sau", ", trước ngày 31/01 năm sau" (English: ", by the end of the first month of the next quarter").
 */
function laterReading(a: Extract<RecurrenceAnchor, { kind: 'next' }>, t: T): string {
  const one = t(`panel.nextPeriod.${a.cadence}`);
  const next = a.lag === 1 ? one : t('panel.nextPeriodLag', { next: one, lag: a.lag });
  if (a.weekday !== undefined) return t('panel.laterWeekday', { weekday: t(`panel.weekdayNames.d${a.weekday}`), next });
  const months = a.months ?? [];
  if (months.length === 0) {
    if (a.day === undefined) return t('panel.laterEnd', { next });
    return a.cadence === 'monthly' ? t('panel.laterDay', { day: a.day, next }) : t('panel.laterMonthsDay', { day: a.day, months: t('panel.lastMonthOf'), next });
  }
  if (a.cadence === 'yearly') {
    const pad = (n: number) => String(n).padStart(2, '0');
    if (a.day !== undefined) return t('panel.laterDates', { dates: list(months.map((m) => `${pad(Math.min(a.day!, daysInMonth(2024, m)))}/${pad(m)}`), t), next });
    return t('panel.laterMonths', { months: list(months.map((m) => t(`panel.monthNames.m${m}`)), t), next });
  }
  const place = list(months.map((m) => (a.cadence === 'quarterly' ? t(`panel.placeInQuarter.p${m}`) : t('panel.placeInPeriod', { n: m }))), t);
  return a.day !== undefined ? t('panel.laterMonthsDay', { day: a.day, months: place, next }) : t('panel.laterMonths', { months: place, next });
}

/** What a deadline's flag says in the UI's language (`deadlineFlag.*`); a flag written as a sentence (an importer's note) as it is. */
export const flagText = (flag: string, t: T): string => (isDeadlineFlag(flag) ? t(`deadlineFlag.${flag}`) : flag);

export function deadlineReading(d: Deadline, t: T): string {
  const date = d.due ? formatDateVi(d.due) : '';
  let out = t(`panel.deadlineKinds.${wording(d)}`, { date, start: d.start ? formatDateVi(d.start) : '' });
  const anchor = anchorReading(d, t);
  if (d.kind === 'recurring') out += ` (${t(`panel.cadence.${d.cadence ?? 'ongoing'}`)}${anchor})`;
  else if (d.cadence) out += t('panel.thenRecurring', { cadence: `${t(`panel.cadence.${d.cadence}`)}${anchor}` });
  // A deadline counted from an event or a printed date says how far from it, in the unit printed, and on which side.
  const offset = deadlineOffset(d);
  const amount = offset ? t(`panel.offsetUnits.${offset.unit}`, { n: offset.amount }) : '';
  const before = offset?.direction === 'before';
  if (d.kind === 'conditional' && d.trigger) out += ` — ${offset ? t(before ? 'panel.offsetBefore' : 'panel.offsetAfter', { offset: amount, trigger: d.trigger }) : d.trigger}`;
  else if (offset && d.due) out += t(before ? 'panel.offsetCountedBack' : 'panel.offsetCounted', { offset: amount });
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
 * The cadence a recurring task reports on, in words, with where in the period its deadline falls due
 * ("hằng tháng, trước ngày 25", "hằng năm, hết quý IV"); the day belongs to the deadline's own cadence
 * only, not to a board rhythm the task falls back on. A yearly deadline naming several months reports
 * on a shorter cadence (`deadlineCadence`) and is read as printed: "hằng năm, hết tháng 6 và tháng 12".
 */
export function reportCadenceReading(d: Recurrence, cadence: string, t: T): string {
  if (d.cadence && deadlineCadence(d) === cadence) return `${t(`panel.cadence.${d.cadence}`)}${anchorReading(d, t)}`;
  return t(`panel.cadence.${cadence}`);
}
