// The board payload's compact form: a card is what the board view needs of a task (its place, what
// the card shows, what filters and chips read), sent as a positional tuple, with the values many
// cards repeat — tracks, columns, group paths, agencies, deadlines — sent once in tables. A
// 10,000-task board goes over the wire in a few megabytes instead of thirteen, and the panel loads a
// task's whole record when it opens.
import { latestReports } from './periods.ts';
import { COLUMN_IDS, type ColumnId, type Deadline, type Evidence, type Extension, type PeriodReport, type Returned, type Task } from './model.ts';

/** A task as a board card knows it. A whole `Task` is also a `BoardCard`. */
export type BoardCard = Omit<
  Task,
  'leadsText' | 'partnersText' | 'sourceDoc' | 'approver' | 'difficulties' | 'proposals' | 'progressNote' | 'progressNotes' | 'comments' | 'conclusions' | 'evidence' | 'periodReports' | 'extensions' | 'returned'
> & {
  /** What the card needs of the panel's lists: that there is evidence, the due dates granted, the periods reported. */
  evidence: ReadonlyArray<Pick<Evidence, 'id' | 'kind'>>;
  extensions: ReadonlyArray<Pick<Extension, 'due' | 'previousDue'>>;
  /** The latest report of each period. */
  periodReports: ReadonlyArray<Pick<PeriodReport, 'period' | 'done'>>;
  returned?: Pick<Returned, 'reason'>;
};

/** Values cards share, sent once per payload; cards refer to them by position. */
export interface WireTables {
  tracks: string[];
  groups: string[][];
  agencies: string[];
  deadlines: Deadline[];
}

/**
 * One card: [id, version, track, column, rank, ordinal, group, content, leads, partners, deadline,
 * output, owner, progress, completedAt, createdAt, updatedAt, extra?] — track, group, deadline and
 * each agency are table positions; times are seconds since 1970; `extra` is present only when the
 * task has extensions (x), period reports (p), evidence (e) or a return reason (r).
 */
export type WireCard = [
  id: string,
  version: number,
  track: number,
  column: number,
  rank: number,
  ordinal: string,
  group: number,
  content: string,
  leads: number[],
  partners: number[],
  deadline: number,
  output: string,
  owner: string,
  progress: number,
  completedAt: string | 0,
  createdAt: number,
  updatedAt: number,
  extra?: WireExtra,
];

interface WireExtra {
  /** [due, previousDue?] per extension. */
  x?: Array<[string, string?]>;
  /** [period, done] per report. */
  p?: Array<[string, 0 | 1]>;
  /** Evidence kinds in order, one letter each: l(ink), f(ile), n(ote); ids follow in `ei`. */
  e?: string;
  ei?: string[];
  r?: string;
}

const KIND_LETTER: Record<Evidence['kind'], string> = { link: 'l', file: 'f', note: 'n' };
const LETTER_KIND: Record<string, Evidence['kind']> = { l: 'link', f: 'file', n: 'note' };

/** Builds tables as cards are encoded; positions never change once given, so encoded cards can be kept. */
export class WireTableBuilder {
  readonly tables: WireTables = { tracks: [], groups: [], agencies: [], deadlines: [] };
  readonly #tracks = new Map<string, number>();
  readonly #groups = new Map<string, number>();
  readonly #agencies = new Map<string, number>();
  readonly #deadlines = new Map<string, number>();

  #intern<T>(map: Map<string, number>, list: T[], key: string, value: T): number {
    let at = map.get(key);
    if (at === undefined) {
      at = list.length;
      list.push(value);
      map.set(key, at);
    }
    return at;
  }
  track(id: string): number {
    return this.#intern(this.#tracks, this.tables.tracks, id, id);
  }
  group(path: readonly string[]): number {
    return this.#intern(this.#groups, this.tables.groups, path.join('\u0000'), [...path]);
  }
  agency(name: string): number {
    return this.#intern(this.#agencies, this.tables.agencies, name, name);
  }
  deadline(d: Deadline): number {
    return this.#intern(this.#deadlines, this.tables.deadlines, JSON.stringify(d), d);
  }
}

const seconds = (iso: string): number => Math.round(Date.parse(iso) / 1000);
const iso = (s: number): string => new Date(s * 1000).toISOString();

/** A task (or card) as a wire tuple, interning its shared values in `t`. */
export function encodeCard(task: BoardCard, t: WireTableBuilder): WireCard {
  const extra: WireExtra = {};
  if (task.extensions.length) extra.x = task.extensions.map((x) => (x.previousDue ? [x.due, x.previousDue] : [x.due]));
  if (task.periodReports.length) extra.p = [...latestReports(task.periodReports).values()].map((r) => [r.period, r.done ? 1 : 0]);
  if (task.evidence.length) {
    extra.e = task.evidence.map((e) => KIND_LETTER[e.kind]).join('');
    extra.ei = task.evidence.map((e) => e.id);
  }
  if (task.returned) extra.r = task.returned.reason;
  const card: WireCard = [
    task.id,
    task.version,
    t.track(task.track),
    COLUMN_IDS.indexOf(task.column),
    task.rank,
    task.ordinal,
    t.group(task.group),
    task.content,
    task.leads.map((l) => t.agency(l)),
    task.partners.map((p) => t.agency(p)),
    t.deadline(task.deadline),
    task.output,
    task.owner,
    task.progress,
    task.completedAt ?? 0,
    seconds(task.createdAt),
    seconds(task.updatedAt),
  ];
  if (Object.keys(extra).length) card.push(extra);
  return card;
}

/** A wire tuple back as a card of `boardId`. */
export function decodeCard(w: WireCard, tables: WireTables, boardId: string): BoardCard {
  const [id, version, track, column, rank, ordinal, group, content, leads, partners, deadline, output, owner, progress, completedAt, createdAt, updatedAt, extra] = w;
  const card: BoardCard = {
    id,
    boardId,
    version,
    track: tables.tracks[track]!,
    column: COLUMN_IDS[column] as ColumnId,
    rank,
    ordinal,
    group: tables.groups[group]!,
    content,
    leads: leads.map((i) => tables.agencies[i]!),
    partners: partners.map((i) => tables.agencies[i]!),
    deadline: tables.deadlines[deadline]!,
    output,
    owner,
    progress,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    evidence: extra?.e ? [...extra.e].map((letter, i) => ({ id: extra.ei?.[i] ?? String(i), kind: LETTER_KIND[letter] ?? 'note' })) : [],
    extensions: extra?.x ? extra.x.map(([due, previousDue]) => (previousDue ? { due, previousDue } : { due })) : [],
    periodReports: extra?.p ? extra.p.map(([period, done]) => ({ period, done: done === 1 })) : [],
  };
  if (completedAt) card.completedAt = completedAt;
  if (extra?.r !== undefined) card.returned = { reason: extra.r };
  return card;
}

/** A task reduced to its card: what `decodeCard(encodeCard(task))` gives back (times to the second). */
export function cardOf(task: BoardCard): BoardCard {
  const t = new WireTableBuilder();
  return decodeCard(JSON.parse(JSON.stringify(encodeCard(task, t))) as WireCard, JSON.parse(JSON.stringify(t.tables)) as WireTables, task.boardId);
}

/** Whether a card is a task's whole record (as the panel loads it) rather than the board's reduced copy. */
export const isWholeTask = (card: BoardCard): card is Task => 'comments' in card && 'leadsText' in card;
