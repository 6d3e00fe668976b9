// What a card says in words (its labels, titles and the screen reader's summary), built once per task
// view and language and kept: typing in the search box mounts the same cards again and again, and
// formatting ~10 vue-i18n messages per card was most of a keystroke's work on a 10,000-task board.
// Formatted through plainTranslate (the same messages, prepared once per language).
import { taskAddress } from '@dondoc/shared/address';
import { shortPeriodLabel } from '@dondoc/shared/periods';
import { formatDateVi } from '@dondoc/shared/dates';
import { plainTranslate } from '../i18n/plain.ts';
import { DONE_CHIP_KINDS, type TaskView } from '../lib/taskView.ts';

export interface CardText {
  /** "PL II · IV.3": the task's place in its plan, and its long form for the tooltip. */
  readonly place: string;
  readonly placeTitle: string;
  readonly ariaLabel: string;
  readonly ownerTitle: string;
  readonly lead: string;
  readonly moreLeads: string;
  readonly checkTotal: number;
  readonly checksOk: boolean;
  readonly checksText: string;
  readonly checkTitle: string;
  readonly chipText: string;
  readonly chipTitle: string;
  readonly progressLabel: string;
  readonly periodTitle: string;
  /** The period the card's report is due for, short ("T12/2026"). */
  readonly periodText: string;
  readonly returnedText: string;
}

const kept = new WeakMap<TaskView, { locale: string; text: CardText }>();

function build(view: TaskView, locale: string): CardText {
  const t = plainTranslate(locale);
  const task = view.task;
  const address = taskAddress(task);
  const place = address.short || task.ordinal || '—';
  const lead = task.leads[0] ?? '';
  const checkTotal = view.checks.length;
  const failed = view.failed;
  const deadlineText = view.deadlineText || t('card.noDeadline');
  const chipLabel = t(`chip.${view.chip}`);
  // A finished task's chip says how it finished ("Hoàn thành đúng hạn"); an open one shows its due date.
  const finished = (DONE_CHIP_KINDS as readonly string[]).includes(view.chip);
  const period = view.period;
  return {
    place,
    placeTitle: locale === 'en' ? address.longEn : address.long,
    ariaLabel: t('card.label', { ordinal: place, content: task.content, lead: lead || t('card.noLead'), deadline: deadlineText, chip: chipLabel, column: t(`columns.${task.column}`) }),
    ownerTitle: task.owner ? t('card.owner', { owner: task.owner }) : '',
    lead: lead || t('card.noLead'),
    moreLeads: task.leads.length > 1 ? t('card.more', { n: task.leads.length - 1 }) : '',
    checkTotal,
    checksOk: failed.length === 0,
    checksText: checkTotal > 0 ? t('card.checks', { pass: checkTotal - failed.length, total: checkTotal }) : '',
    checkTitle: failed.length === 0 ? t('card.checksAll', { total: checkTotal }) : [t('card.checksFailed'), ...failed.map((c) => `• ${c.label}: ${c.reason}`)].join('\n'),
    chipText: finished ? chipLabel : deadlineText,
    chipTitle: `${chipLabel} — ${task.deadline.raw}`,
    progressLabel: t('card.progress', { n: task.progress }),
    periodText: period ? shortPeriodLabel(period.period, locale === 'en' ? 'en' : 'vi') : '',
    periodTitle: period
      ? t(period.due ? 'periods.cardDue' : 'periods.card', {
          period: locale === 'en' ? period.period.labelEn : period.period.label,
          state: t(period.reported ? 'periods.cardReported' : 'periods.cardMissing'),
          date: period.due ? formatDateVi(period.due) : '',
        })
      : '',
    returnedText: task.returned ? t('card.returned', { reason: task.returned.reason }) : '',
  };
}

/** The card's words for a view in a language; a view is immutable (a changed task gets a new one), so they are kept with it. */
export function cardText(view: TaskView, locale: string): CardText {
  const hit = kept.get(view);
  if (hit && hit.locale === locale) return hit.text;
  const text = build(view, locale);
  kept.set(view, { locale, text });
  return text;
}
