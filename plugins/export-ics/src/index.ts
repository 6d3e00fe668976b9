// Calendar exporter plugin: each dated task as an all-day event on its due date (the extended date
// when there is one), recurring tasks as recurring events from their cadence, each with its lead
// agency and a link back to the task. The same exporter serves the board's subscription feed.
// Written with ical-generator, which handles RFC 5545's escaping, line folding and RRULEs.
import ical, { ICalEventRepeatingFreq, type ICalRepeatingOptions } from 'ical-generator';
import {
  COLUMNS,
  STATUS_LABELS,
  classifyTask,
  daysInMonth,
  deadlineCadence,
  defineExporter,
  definePlugin,
  dueInForce,
  formatDateVi,
  dueDaysInYear,
  isoDate,
  leadsText,
  nextPeriod,
  partnersText,
  periodDue,
  periodOf,
  splitIsoDate,
  todayInVietnam,
  type BoardSnapshot,
  type Task,
} from '@dondoc/shared';

/** Longest event title; a calendar cell shows a line or two. */
const TITLE_MAX = 140;

/** How many years of report days a calendar lists one by one where its rule cannot say them (a printed 31 in a 30-day month). */
const LISTED_YEARS = 10;
const compact = (iso: string): string => iso.replace(/-/g, '');

/**
 * When and how a task recurs, by the rule the board judges it on (`periodDue` in shared/periods.ts):
 * from its due date when it has one ("Năm 2026 và những năm tiếp theo": 31/12/2026, yearly), else
 * from the first report it falls due for after the board was made — on the printed day of the period
 * ("Hằng tháng (trước ngày 25)": every 25th), in the printed months ("Tháng 6 và tháng 12 hằng năm":
 * 30/6 and 31/12), else at each period's end. A printed day some of those months lack (29–31) is their
 * last day: RFC 5545 would skip them, and BYSETPOS, which could say it, is not read by calendar apps
 * alike, so the rule keeps the printed day and the clipped days of the next years are listed (RDATE).
 * "Thường xuyên" without a cadence has no date to put in a calendar.
 */
export function recurrence(task: Pick<Task, 'deadline' | 'extensions'>, from: string): { start: string; repeating?: ICalRepeatingOptions | string } | undefined {
  const d = task.deadline;
  const due = dueInForce(task);
  const cadence = deadlineCadence(d);
  if (!cadence) return due ? { start: due } : undefined;
  if (cadence === 'daily') return { start: due ?? from, repeating: { freq: ICalEventRepeatingFreq.DAILY } };
  // A week's report falls due on its printed weekday ("thứ Sáu hằng tuần"), else on Sunday: the first such day from `from` on.
  if (cadence === 'weekly') {
    const week = periodOf(from, 'weekly');
    const first = periodDue(d, week)!;
    return { start: due ?? (first >= from ? first : periodDue(d, nextPeriod(week))!), repeating: { freq: ICalEventRepeatingFreq.WEEKLY } };
  }
  const days = dueDaysInYear(d) ?? [];
  const months = days.map((x) => x.month);
  const day = days[0]?.day;
  let start = due;
  for (let p = periodOf(from, cadence), n = 0; start === undefined && n < 24; p = nextPeriod(p), n++) {
    const at = periodDue(d, p);
    if (at !== undefined && at >= from) start = at;
  }
  if (start === undefined) return undefined;
  // One month a year repeats yearly; several, or every month, monthly in those months.
  const freq = months.length === 1 ? ICalEventRepeatingFreq.YEARLY : ICalEventRepeatingFreq.MONTHLY;
  const byMonth = months.length === 1 ? months[0]! : months;
  const [startYear] = splitIsoDate(start);
  // The days a month lacks: a printed 29–31 that some due month (February in three years of four) does not have.
  const clipped: string[] = [];
  if (day !== undefined && day > 28)
    for (let y = startYear; y < startYear + LISTED_YEARS; y++)
      for (const m of months) {
        const last = daysInMonth(y, m);
        const at = isoDate(y, m, last);
        if (last < day && at >= start) clipped.push(at);
      }
  if (clipped.length === 0)
    return { start, repeating: { freq, ...(months.length < 12 ? { byMonth } : {}), byMonthDay: day ?? -1 } };
  const rule = `RRULE:FREQ=${freq}${months.length < 12 ? `;BYMONTH=${months.join(',')}` : ''};BYMONTHDAY=${day}`;
  return { start, repeating: `${rule}\nRDATE;VALUE=DATE:${clipped.map(compact).join(',')}` };
}

const shorten = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
};

/** The task's address in the web app; its panel opens from the `task` query. */
export const taskLink = (appUrl: string, boardId: string, taskId: string): string =>
  `${appUrl}/boards/${encodeURIComponent(boardId)}?task=${encodeURIComponent(taskId)}`;

export function exportIcs(snapshot: BoardSnapshot): string {
  const { board } = snapshot;
  const agency = snapshot.view?.agency;
  const created = /^\d{4}-\d{2}-\d{2}/.test(board.createdAt) ? todayInVietnam(new Date(board.createdAt)) : snapshot.today;
  const stamp = Number.isNaN(Date.parse(board.updatedAt)) ? new Date() : new Date(board.updatedAt);
  const cal = ical({
    name: `${board.title}${agency ? ` — ${agency}` : ''}`,
    prodId: { company: 'dondoc', product: 'dondoc', language: 'VI' },
    timezone: 'Asia/Ho_Chi_Minh',
    description: `Thời hạn các nhiệm vụ của bảng "${board.title}"${agency ? ` do ${agency} chủ trì` : ''}`,
    // A subscribed calendar asks again after this long.
    ttl: 60 * 60,
  });
  for (const t of snapshot.tasks) {
    const when = recurrence(t, created);
    if (!when) continue;
    const status = classifyTask(t, snapshot.today);
    const done = t.column === 'done';
    const lead = leadsText(t);
    const link = snapshot.appUrl ? taskLink(snapshot.appUrl, board.id, t.id) : '';
    const ext = t.extensions[t.extensions.length - 1];
    const description = [
      t.content.trim(),
      '',
      `Cơ quan chủ trì: ${lead || '(chưa xác định)'}`,
      ...(partnersText(t) ? [`Cơ quan phối hợp: ${partnersText(t)}`] : []),
      `Thời hạn: ${t.deadline.raw || (t.deadline.due ? formatDateVi(t.deadline.due) : '')}${ext ? ` (gia hạn đến ${formatDateVi(ext.due)})` : ''}`,
      ...(t.output ? [`Kết quả đầu ra: ${t.output}`] : []),
      `Tiến độ: ${COLUMNS.find((c) => c.id === t.column)?.label ?? t.column}${t.progress > 0 && !done ? ` (${t.progress}%)` : ''} — ${STATUS_LABELS[status.category].vi}`,
      ...(link ? ['', link] : []),
    ].join('\n');
    cal.createEvent({
      // Stable per task, so a subscribed calendar updates the event instead of adding another.
      id: `${t.id}@${board.id}.dondoc`,
      start: when.start,
      allDay: true,
      summary: `${done ? '(Hoàn thành) ' : ''}${t.ordinal ? `${t.ordinal}. ` : ''}${shorten(t.content, TITLE_MAX)}${lead ? ` — ${shorten(lead, 60)}` : ''}`,
      description,
      ...(link ? { url: link } : {}),
      ...(when.repeating ? { repeating: when.repeating } : {}),
      stamp,
    });
  }
  return cal.toString();
}

export default definePlugin({
  exporters: [
    defineExporter({
      id: 'ics',
      label: 'Lịch (.ics)',
      labelEn: 'Calendar (.ics)',
      description: 'Thời hạn nhiệm vụ thành sự kiện cả ngày trong lịch (Google, Outlook, điện thoại); nhiệm vụ định kỳ lặp lại theo chu kỳ',
      descriptionEn: 'Task deadlines as all-day calendar events (Google, Outlook, phones); recurring tasks repeat on their cadence',
      mediaType: 'text/calendar; charset=utf-8',
      extension: 'ics',
      options: { views: ['filter', 'board'], agency: true },
      export: exportIcs,
    }),
  ],
});
