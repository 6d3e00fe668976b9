// Calendar exporter plugin: each dated task as an all-day event on its due date (the extended date
// when there is one), recurring tasks as recurring events from their cadence, each with its lead
// agency and a link back to the task. The same exporter serves the board's subscription feed.
// Written with ical-generator, which handles RFC 5545's escaping, line folding and RRULEs.
import ical, { ICalEventRepeatingFreq, type ICalRepeatingOptions } from 'ical-generator';
import {
  COLUMNS,
  STATUS_LABELS,
  classifyTask,
  defineExporter,
  definePlugin,
  dueInForce,
  formatDateVi,
  leadsText,
  partnersText,
  periodOf,
  splitIsoDate,
  todayInVietnam,
  type BoardSnapshot,
  type Cadence,
  type PeriodCadence,
  type Task,
} from '@dondoc/shared';

/** Longest event title; a calendar cell shows a line or two. */
const TITLE_MAX = 140;

const FREQ: Record<PeriodCadence | 'daily', ICalEventRepeatingFreq> = {
  daily: ICalEventRepeatingFreq.DAILY,
  weekly: ICalEventRepeatingFreq.WEEKLY,
  monthly: ICalEventRepeatingFreq.MONTHLY,
  quarterly: ICalEventRepeatingFreq.MONTHLY,
  'half-yearly': ICalEventRepeatingFreq.MONTHLY,
  yearly: ICalEventRepeatingFreq.YEARLY,
};
const INTERVAL: Partial<Record<Cadence, number>> = { quarterly: 3, 'half-yearly': 6 };

const isLastDayOfMonth = (iso: string): boolean => {
  const [y, m, d] = splitIsoDate(iso);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
};

/**
 * When and how a task recurs: from its due date when it has one ("Năm 2026 và những năm tiếp
 * theo": 31/12/2026, yearly), else from the end of the first period of its cadence after the board
 * was made (a report "hằng tháng" falls due at each month's end). "Thường xuyên" without a cadence
 * has no date to put in a calendar.
 */
export function recurrence(task: Pick<Task, 'deadline' | 'extensions'>, from: string): { start: string; repeating?: ICalRepeatingOptions } | undefined {
  const cadence = task.deadline.cadence;
  const due = dueInForce(task);
  if (!cadence || cadence === 'ongoing') return due ? { start: due } : undefined;
  const start = due ?? (cadence === 'daily' ? from : periodOf(from, cadence as PeriodCadence).end);
  const interval = INTERVAL[cadence];
  const monthly = FREQ[cadence as PeriodCadence] === ICalEventRepeatingFreq.MONTHLY;
  return {
    start,
    repeating: {
      freq: cadence === 'daily' ? ICalEventRepeatingFreq.DAILY : FREQ[cadence as PeriodCadence],
      ...(interval ? { interval } : {}),
      // Period ends fall on a month's last day, which is not the same number every month.
      ...(monthly && isLastDayOfMonth(start) ? { byMonthDay: -1 } : {}),
    },
  };
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
