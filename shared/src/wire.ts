// The board payload's compact form: a card is what the board view needs of a task (its place, what
// the card shows, what filters and chips read), sent as a positional tuple, with the values many
// cards repeat — tracks, columns, group paths, agency lists, deadlines, outputs, owners, failed
// criteria and the phrases of their reasons, in Vietnamese and (where the checklist gives it) English —
// sent once in tables. A 10,000-task board goes over the wire in about three megabytes instead of
// thirteen, and the panel loads a task's whole record when it opens. Nothing a user reads is
// shortened: every text decodes to what the task holds.
import type { CheckFailure } from './api.ts';
import { latestReports } from './periods.ts';
import type { ColumnId, Deadline, Evidence, Extension, PeriodReport, Returned, Task } from './model.ts';
import { COLUMN_IDS } from './vocabulary.ts';

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

/**
 * A failed criterion on the wire: [criterion id, its reason as positions in `texts` (phrases), label?,
 * its English reason the same way?]. `label` is 0 when there is none but an English reason follows.
 * The English came after the first form (plugin API 1.6) and is appended, so a body of the old form
 * still decodes (without English).
 */
export type WireFailure = [id: string, reason: number[], label?: string | 0, reasonEn?: number[]];

/**
 * The form of the payload's body: part of its ETag, so a body a browser kept from before a change of
 * form is sent again rather than revalidated (2: failures carry English reasons).
 */
export const WIRE_FORM = 2;

/** Values cards share, sent once per payload; cards refer to them by position. */
export interface WireTables {
  /** Seconds since 1970 that cards' creation times count from (the board's creation when the tables were started). */
  epoch: number;
  tracks: string[];
  groups: string[][];
  agencies: string[];
  /** Lists of agencies (positions in `agencies`) as leads or partners name them; the empty list first. */
  agencyLists: number[][];
  deadlines: Deadline[];
  /** Texts cards repeat (outputs, owners, completion dates, return reasons) and the phrases of failure reasons; '' first. */
  texts: string[];
  failures: WireFailure[];
  /** Sets of failed criteria (positions in `failures`) as cards have them; the empty set (a card that passes) first. */
  failureSets: number[][];
}

/**
 * One card: [id, version, track, column, rank, ordinal, group, content, leads, partners, deadline,
 * output, owner, progress, completedAt, created, updated, extra?] — track, group, deadline, each
 * agency list and each text (output, owner, completedAt) are table positions; `created` is seconds
 * after the tables' epoch, `updated` seconds after `created`; `extra` is present only when the task
 * has extensions (x), period reports (p), evidence (e) or a return reason (r). Everything after
 * `content` is a number until `extra`, and trailing zeros are left off (a missing position reads 0),
 * so a card at its defaults — no owner, no progress, never edited — costs no bytes for them.
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
  leads?: number,
  partners?: number,
  deadline?: number,
  output?: number,
  owner?: number,
  progress?: number,
  completedAt?: number,
  created?: number,
  updated?: number,
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
  /** The return reason, a position in `texts`. */
  r?: number;
}

/** Positions up to `content`: always sent. */
const REQUIRED = 8;

const KIND_LETTER: Record<Evidence['kind'], string> = { link: 'l', file: 'f', note: 'n' };
const LETTER_KIND: Record<string, Evidence['kind']> = { l: 'link', f: 'file', n: 'note' };

/**
 * A reason's phrases: cut after punctuation, so the parts that checklists fill in (agency names, a
 * printed deadline) and the fixed advice around them are each sent once, however many reasons
 * combine them. Joined again they are the reason, character for character.
 */
export const reasonPhrases = (reason: string): string[] => reason.split(/(?<=[;,:'"“”()—])/u);

/**
 * An English reason's phrases beside its Vietnamese: the values the two quote alike (agencies, a
 * printed deadline) are the Vietnamese phrases again, and each run of English between them is one
 * phrase — the fixed advice, sent once per board however many failures give it. A distinct failure
 * then costs a few positions more, not its English text.
 */
function englishPhrases(reasonEn: string, vietnamese: readonly string[]): string[] {
  // Bare punctuation ("'", ")") is no value: it joins the run around it.
  const shared = new Set(vietnamese.filter((p) => /[\p{L}\p{N}]/u.test(p)));
  const out: string[] = [];
  let run = '';
  for (const p of reasonPhrases(reasonEn)) {
    if (!shared.has(p)) run += p;
    else {
      if (run) out.push(run);
      run = '';
      out.push(p);
    }
  }
  if (run) out.push(run);
  return out;
}

const seconds = (iso: string): number => Math.round(Date.parse(iso) / 1000);
/**
 * Seconds back to ISO text, remembered: a board's cards share a few creation times (a plan imported at
 * once) and many keep theirs as their last change, and formatting a Date was a fifth of decoding
 * 10,000 cards. Started afresh past a few thousand times, so it stays small.
 */
const isoTexts = new Map<number, string>();
const iso = (s: number): string => {
  let text = isoTexts.get(s);
  if (text === undefined) {
    if (isoTexts.size >= 4096) isoTexts.clear();
    isoTexts.set(s, (text = new Date(s * 1000).toISOString()));
  }
  return text;
};

/** Builds tables as cards are encoded; positions never change once given, so encoded cards can be kept. */
export class WireTableBuilder {
  readonly tables: WireTables;
  readonly #tracks = new Map<string, number>();
  readonly #groups = new Map<string, number>();
  readonly #agencies = new Map<string, number>();
  readonly #agencyLists = new Map<string, number>();
  readonly #deadlines = new Map<string, number>();
  readonly #texts = new Map<string, number>();
  readonly #failures = new Map<string, number>();
  readonly #failureSets = new Map<string, number>();

  /** `epoch`: an ISO time near the cards' creation times (a board's `createdAt`), so they are sent as small numbers. */
  constructor(epoch?: string) {
    this.tables = { epoch: epoch ? seconds(epoch) : 0, tracks: [], groups: [], agencies: [], agencyLists: [], deadlines: [], texts: [], failures: [], failureSets: [] };
    // The empty values first: a missing (trailing) position of a card reads 0.
    this.agencyList([]);
    this.text('');
    this.failureSet([]);
  }

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
  agencyList(names: readonly string[]): number {
    const list = names.map((n) => this.agency(n));
    return this.#intern(this.#agencyLists, this.tables.agencyLists, list.join(','), list);
  }
  deadline(d: Deadline): number {
    return this.#intern(this.#deadlines, this.tables.deadlines, JSON.stringify(d), d);
  }
  text(value: string): number {
    return this.#intern(this.#texts, this.tables.texts, value, value);
  }
  failure(f: CheckFailure): number {
    const phrases = reasonPhrases(f.reason);
    const entry: WireFailure = [f.id, phrases.map((p) => this.text(p))];
    if (f.reasonEn) entry.push(f.label ?? 0, englishPhrases(f.reasonEn, phrases).map((p) => this.text(p)));
    else if (f.label !== undefined) entry.push(f.label);
    return this.#intern(this.#failures, this.tables.failures, JSON.stringify(entry), entry);
  }
  /** A task's failed criteria as one position (0: it passes). */
  failureSet(failed: readonly CheckFailure[]): number {
    const set = failed.map((f) => this.failure(f));
    return this.#intern(this.#failureSets, this.tables.failureSets, set.join(','), set);
  }
}

/** A task (or card) as a wire tuple, interning its shared values in `t`. */
export function encodeCard(task: BoardCard, t: WireTableBuilder): WireCard {
  const extra: WireExtra = {};
  if (task.extensions.length) extra.x = task.extensions.map((x) => (x.previousDue ? [x.due, x.previousDue] : [x.due]));
  if (task.periodReports.length) extra.p = [...latestReports(task.periodReports).values()].map((r) => [r.period, r.done ? 1 : 0]);
  if (task.evidence.length) {
    extra.e = task.evidence.map((e) => KIND_LETTER[e.kind]).join('');
    extra.ei = task.evidence.map((e) => e.id);
  }
  if (task.returned) extra.r = t.text(task.returned.reason);
  const created = seconds(task.createdAt);
  const card: WireCard = [
    task.id,
    task.version,
    t.track(task.track),
    COLUMN_IDS.indexOf(task.column),
    task.rank,
    task.ordinal,
    t.group(task.group),
    task.content,
    t.agencyList(task.leads),
    t.agencyList(task.partners),
    t.deadline(task.deadline),
    t.text(task.output),
    t.text(task.owner),
    task.progress,
    t.text(task.completedAt ?? ''),
    created - t.tables.epoch,
    seconds(task.updatedAt) - created,
  ];
  if (Object.keys(extra).length) card.push(extra);
  else while (card.length > REQUIRED && card[card.length - 1] === 0) card.pop();
  return card;
}

/** A wire tuple back as a card of `boardId`. */
export function decodeCard(w: WireCard, tables: WireTables, boardId: string): BoardCard {
  const [id, version, track, column, rank, ordinal, group, content, leads = 0, partners = 0, deadline = 0, output = 0, owner = 0, progress = 0, completedAt = 0, created = 0, updated = 0, extra] = w;
  const agencies = (list: number) => tables.agencyLists[list]!.map((i) => tables.agencies[i]!);
  const createdAt = tables.epoch + created;
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
    leads: agencies(leads),
    partners: agencies(partners),
    deadline: tables.deadlines[deadline]!,
    output: tables.texts[output]!,
    owner: tables.texts[owner]!,
    progress,
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt + updated),
    evidence: extra?.e ? [...extra.e].map((letter, i) => ({ id: extra.ei?.[i] ?? String(i), kind: LETTER_KIND[letter] ?? 'note' })) : [],
    extensions: extra?.x ? extra.x.map(([due, previousDue]) => (previousDue ? { due, previousDue } : { due })) : [],
    periodReports: extra?.p ? extra.p.map(([period, done]) => ({ period, done: done === 1 })) : [],
  };
  if (completedAt) card.completedAt = tables.texts[completedAt]!;
  if (extra?.r !== undefined) card.returned = { reason: tables.texts[extra.r]! };
  return card;
}

/** A set of failed criteria (a position in `tables.failureSets`) back as the criteria and their reasons. */
export function decodeFailures(set: number, tables: WireTables): CheckFailure[] {
  const text = (phrases: readonly number[]) => phrases.map((p) => tables.texts[p]!).join('');
  return tables.failureSets[set]!.map((at) => {
    const [id, phrases, label, phrasesEn] = tables.failures[at]!;
    const f: CheckFailure = { id, reason: text(phrases) };
    if (phrasesEn) f.reasonEn = text(phrasesEn);
    if (typeof label === 'string') f.label = label;
    return f;
  });
}

/** A task reduced to its card: what `decodeCard(encodeCard(task))` gives back (times to the second). */
export function cardOf(task: BoardCard): BoardCard {
  const t = new WireTableBuilder();
  return decodeCard(JSON.parse(JSON.stringify(encodeCard(task, t))) as WireCard, JSON.parse(JSON.stringify(t.tables)) as WireTables, task.boardId);
}

/** Whether a card is a task's whole record (as the panel loads it) rather than the board's reduced copy. */
export const isWholeTask = (card: BoardCard): card is Task => 'comments' in card && 'leadsText' in card;
