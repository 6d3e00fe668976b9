// What a leader's dashboard shows, computed from the tasks as they are: DOMAIN.md's crossed status
// counts overall, by track and by lead agency (who is late and how late), what falls due in the next
// 7 and 30 days, the indicators against their targets, and the trend from the daily counts the
// server keeps. Pure, so the board's dashboard, the cross-board one and the tests count alike.
import type { Board, DailyCounts, IndicatorReading, Indicator, Task } from './model.ts';
import { STATUS_CATEGORIES, classifyTask, statusOptions, type StatusCategory } from './status.ts';
import { taskAddress } from './address.ts';
import { indicatorKey } from './operations.ts';
import { addDays } from './dates.ts';

export type StatusCounts = Record<StatusCategory, number>;

export const emptyCounts = (): StatusCounts => Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as StatusCounts;
const LATE: readonly StatusCategory[] = ['todo-late', 'doing-late'];
/** Open late tasks in a bucket set. */
export const lateOf = (c: StatusCounts): number => c['todo-late'] + c['doing-late'];
export const doneOf = (c: StatusCounts): number => c['done-on-time'] + c['done-late'];
const sumCounts = (a: StatusCounts, b: StatusCounts): StatusCounts => Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, a[c] + b[c]])) as StatusCounts;

/** A task in a list ("đến hạn trong 7 ngày"): enough to recognise and open it. */
export interface TaskLine {
  boardId: string;
  id: string;
  address: string;
  content: string;
  leads: string[];
  due: string;
  /** Days from today to its due date (negative once late). */
  daysLeft: number;
}

export interface TrackRow {
  id: string;
  label: string;
  total: number;
  counts: StatusCounts;
}

export interface AgencyRow {
  /** The lead agency as normalised on the tasks; '' for tasks without one. */
  name: string;
  total: number;
  counts: StatusCounts;
  late: number;
  /** How late its late tasks are: the longest and the median, in days. */
  maxDaysLate: number;
  medianDaysLate: number;
}

export interface IndicatorRow {
  key: string;
  ordinal: string;
  name: string;
  unit: string;
  /** The target as printed ("≥ 70"). */
  target: string;
  /** The number the target names, and which way it must be met; absent when the text names none. */
  targetValue?: number;
  direction: 'at-least' | 'at-most' | 'equal';
  monitors: string[];
  /** The latest reading (by its date), if any, and every reading oldest first. */
  current?: IndicatorReading;
  history: IndicatorReading[];
  /** Whether the current value meets the target; undefined without a value or a target number. */
  met?: boolean;
}

export interface TrendPoint {
  date: string;
  total: number;
  done: number;
  late: number;
  /** True for today's point computed from the tasks now, not a recorded day. */
  live?: boolean;
}

export interface Dashboard {
  today: string;
  total: number;
  counts: StatusCounts;
  byTrack: TrackRow[];
  /** Listed alphabetically, never ranked: a dashboard names who is late, it does not make a league table. */
  byAgency: AgencyRow[];
  due7: { count: number; tasks: TaskLine[] };
  due30: { count: number; tasks: TaskLine[] };
  indicators: IndicatorRow[];
  trend: TrendPoint[];
}

/** Tasks listed per due window; the rest are counted and reached through the board's filter. */
export const DUE_LIST_MAX = 50;

/** Vietnamese alphabetical order, the way a list of agencies is read. */
const byName = (a: string, b: string): number => a.localeCompare(b, 'vi', { sensitivity: 'base' });

const median = (sorted: number[]): number => {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

/**
 * The target an indicator's text names: "≥ 70", "$\geq 80\%$", "Tối thiểu 80", "100", "05", "≤ 5".
 * A text naming no number (a sentence) gives none, and the dashboard shows the text alone.
 */
export function readTarget(text: string): { value?: number; direction: IndicatorRow['direction'] } {
  const t = text.replace(/\\geq?|&ge;/g, '≥').replace(/\\leq?|&le;/g, '≤').replace(/[$]/g, '');
  const direction: IndicatorRow['direction'] = /≥|>=|>|tối thiểu|ít nhất|trên|không dưới/iu.test(t) ? 'at-least' : /≤|<=|<|tối đa|dưới|không quá/iu.test(t) ? 'at-most' : 'equal';
  const m = /(\d+(?:[.,]\d+)?)/u.exec(t);
  if (!m) return { direction };
  return { value: Number(m[1]!.replace(',', '.')), direction };
}

/** Whether `value` meets a target; "equal" targets (a count of products, 100%) are met at or above them. */
export const meets = (value: number, target: number, direction: IndicatorRow['direction']): boolean => (direction === 'at-most' ? value <= target : value >= target);

function indicatorRows(indicators: readonly Indicator[], readings: readonly IndicatorReading[]): IndicatorRow[] {
  const byKey = new Map<string, IndicatorReading[]>();
  for (const r of readings) {
    let list = byKey.get(r.indicator);
    if (!list) byKey.set(r.indicator, (list = []));
    list.push(r);
  }
  return indicators.map((i) => {
    const key = indicatorKey(i);
    // By the day measured, then by when it was written: a correction for the same day wins.
    const history = [...(byKey.get(key) ?? [])].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const current = history.at(-1);
    const target = readTarget(i.target);
    return {
      key,
      ordinal: i.ordinal,
      name: i.name,
      unit: i.unit,
      target: i.target,
      ...(target.value !== undefined ? { targetValue: target.value } : {}),
      direction: target.direction,
      monitors: i.monitors,
      history,
      ...(current ? { current } : {}),
      ...(current && target.value !== undefined ? { met: meets(current.value, target.value, target.direction) } : {}),
    };
  });
}

/** The trend: each recorded day, then today from the tasks now (replacing a record of today, which may be hours old). */
export function trendOf(days: readonly DailyCounts[], now: { today: string; total: number; counts: StatusCounts }): TrendPoint[] {
  const points: TrendPoint[] = [...days]
    .filter((d) => d.id < now.today)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((d) => ({ date: d.id, total: d.total, done: d.done, late: d.late }));
  points.push({ date: now.today, total: now.total, done: doneOf(now.counts), late: lateOf(now.counts), live: true });
  return points;
}

/** A day's counts of a board, as the server records them every day. */
export function dailyCountsOf(board: Board, tasks: readonly Task[], today: string, at: string): DailyCounts {
  const counts = emptyCounts();
  const opts = statusOptions(board);
  for (const t of tasks) counts[classifyTask(t, today, opts).category]++;
  return { kind: 'daily', id: today, boardId: board.id, total: tasks.length, counts, late: lateOf(counts), done: doneOf(counts), at };
}

export interface DashboardInput {
  board: Board;
  tasks: readonly Task[];
  today: string;
  readings?: readonly IndicatorReading[];
  days?: readonly DailyCounts[];
}

/** One board's dashboard. */
export function boardDashboard(input: DashboardInput): Dashboard {
  const { board, tasks, today } = input;
  const opts = statusOptions(board);
  const counts = emptyCounts();
  const tracks = new Map<string, TrackRow>(board.tracks.map((t) => [t.id, { id: t.id, label: t.label, total: 0, counts: emptyCounts() }]));
  const agencies = new Map<string, { row: AgencyRow; lateDays: number[] }>();
  const due7: TaskLine[] = [];
  const due30: TaskLine[] = [];
  const in7 = addDays(today, 7);
  const in30 = addDays(today, 30);
  for (const t of tasks) {
    const s = classifyTask(t, today, opts);
    counts[s.category]++;
    let track = tracks.get(t.track);
    if (!track) tracks.set(t.track, (track = { id: t.track, label: t.track, total: 0, counts: emptyCounts() }));
    track.total++;
    track.counts[s.category]++;
    const late = LATE.includes(s.category);
    // A task led by several agencies is each one's: each answers for it.
    for (const name of t.leads.length > 0 ? new Set(t.leads) : ['']) {
      let a = agencies.get(name);
      if (!a) agencies.set(name, (a = { row: { name, total: 0, counts: emptyCounts(), late: 0, maxDaysLate: 0, medianDaysLate: 0 }, lateDays: [] }));
      a.row.total++;
      a.row.counts[s.category]++;
      if (late) {
        a.row.late++;
        a.lateDays.push(-(s.daysLeft ?? 0));
      }
    }
    if (t.column !== 'done' && s.due && s.due >= today && s.timeliness === 'on-time' && s.due <= in30) {
      const line: TaskLine = { boardId: board.id, id: t.id, address: taskAddress(t).short, content: t.content, leads: t.leads, due: s.due, daysLeft: s.daysLeft ?? 0 };
      due30.push(line);
      if (s.due <= in7) due7.push(line);
    }
  }
  const byDue = (a: TaskLine, b: TaskLine) => (a.due < b.due ? -1 : a.due > b.due ? 1 : byName(a.address, b.address));
  due7.sort(byDue);
  due30.sort(byDue);
  const byAgency = [...agencies.values()]
    .map(({ row, lateDays }) => {
      const sorted = lateDays.sort((a, b) => a - b);
      return { ...row, maxDaysLate: sorted.at(-1) ?? 0, medianDaysLate: median(sorted) };
    })
    .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : byName(a.name, b.name)));
  return {
    today,
    total: tasks.length,
    counts,
    byTrack: [...tracks.values()],
    byAgency,
    due7: { count: due7.length, tasks: due7.slice(0, DUE_LIST_MAX) },
    due30: { count: due30.length, tasks: due30.slice(0, DUE_LIST_MAX) },
    indicators: indicatorRows(board.indicators, input.readings ?? []),
    trend: trendOf(input.days ?? [], { today, total: tasks.length, counts }),
  };
}

/**
 * Several boards at once (every board a user can see): counts summed, tracks and agencies merged by
 * id and name, due lists merged by date, and the trend carried forward per board so a board whose
 * first recorded day is later does not make the sum dip.
 */
export function combineDashboards(parts: ReadonlyArray<Dashboard>, today: string): Dashboard {
  const counts = parts.reduce((c, d) => sumCounts(c, d.counts), emptyCounts());
  const tracks = new Map<string, TrackRow>();
  const agencies = new Map<string, AgencyRow & { weighted: number }>();
  for (const d of parts) {
    for (const t of d.byTrack) {
      const x = tracks.get(t.id);
      tracks.set(t.id, x ? { ...x, total: x.total + t.total, counts: sumCounts(x.counts, t.counts) } : { ...t, counts: { ...t.counts } });
    }
    for (const a of d.byAgency) {
      const x = agencies.get(a.name);
      if (!x) agencies.set(a.name, { ...a, counts: { ...a.counts }, weighted: a.medianDaysLate * a.late });
      else
        agencies.set(a.name, {
          ...x,
          total: x.total + a.total,
          counts: sumCounts(x.counts, a.counts),
          late: x.late + a.late,
          maxDaysLate: Math.max(x.maxDaysLate, a.maxDaysLate),
          weighted: x.weighted + a.medianDaysLate * a.late,
        });
    }
  }
  const byDue = (a: TaskLine, b: TaskLine) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);
  const merge = (pick: (d: Dashboard) => { count: number; tasks: TaskLine[] }) => ({
    count: parts.reduce((n, d) => n + pick(d).count, 0),
    tasks: parts.flatMap((d) => pick(d).tasks).sort(byDue).slice(0, DUE_LIST_MAX),
  });
  // Each board's value on a date is its latest recorded day up to that date.
  const dates = [...new Set(parts.flatMap((d) => d.trend.map((p) => p.date)))].sort();
  const trend: TrendPoint[] = dates.map((date) => {
    const point: TrendPoint = { date, total: 0, done: 0, late: 0, ...(date === today ? { live: true } : {}) };
    for (const d of parts) {
      let last: TrendPoint | undefined;
      for (const p of d.trend) if (p.date <= date) last = p;
      if (last) {
        point.total += last.total;
        point.done += last.done;
        point.late += last.late;
      }
    }
    return point;
  });
  return {
    today,
    total: parts.reduce((n, d) => n + d.total, 0),
    counts,
    byTrack: [...tracks.values()],
    // The median of medians is not a median; across boards the late-weighted mean of each board's median stands in for it.
    byAgency: [...agencies.values()]
      .map(({ weighted, ...a }) => ({ ...a, medianDaysLate: a.late ? Math.round(weighted / a.late) : 0 }))
      .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : byName(a.name, b.name))),
    due7: merge((d) => d.due7),
    due30: merge((d) => d.due30),
    indicators: [],
    trend,
  };
}
