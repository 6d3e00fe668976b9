// What the user typed in the panel and the server has not confirmed: the page's "leave?" guards ask it,
// and a session that ends under the user's hands keeps it (per user, in this tab's sessionStorage, never
// in the URL) so the same user finds it back in its field, unsaved, after signing in again.
import { computed, shallowReactive, type InjectionKey } from 'vue';

/** Which field a draft belongs to. */
export interface DraftPlace {
  board: string;
  task: string;
  field: string;
}
/** A draft kept across a sign-in: the text, and the field's value when the user began (to tell a later change by someone else). */
export interface KeptDraft {
  text: string;
  from: string;
}
/** A mounted field that may hold a draft: where it is, its unsaved text (null when nothing is unsaved), and whether that text is being saved. */
export interface LiveDraft {
  place: () => DraftPlace | null;
  unsaved: () => KeptDraft | null;
  inFlight: () => boolean;
}
/** Where the panel's fields are (board, task) and who types in them: provided by the task panel. */
export interface DraftScope {
  user: () => string | null;
  board: () => string | null;
  task: () => string | null;
}
export const DRAFT_SCOPE: InjectionKey<DraftScope> = Symbol('draft-scope');

const PREFIX = 'dondoc.drafts.';
const live = shallowReactive(new Set<LiveDraft>());

/** Follows a field while it is mounted; the returned function lets it go. */
export function followDraft(entry: LiveDraft): () => void {
  live.add(entry);
  return () => live.delete(entry);
}

/** Whether any field holds text the server has not confirmed (typed, being saved, refused, or in conflict). */
export const anyUnsaved = computed(() => [...live].some((e) => e.unsaved() !== null));
/** Whether any field holds text that waits on the user (typed, refused, in conflict), a save on its way aside. */
export const anyWaiting = computed(() => [...live].some((e) => e.unsaved() !== null && !e.inFlight()));

/** Whether a field of task `task` holds text that waits on the user: closing that task's panel would drop it. */
export const waitingInTask = (task: string): boolean => [...live].some((e) => e.place()?.task === task && e.unsaved() !== null && !e.inFlight());

const keyOf = (p: DraftPlace): string => `${p.board}/${p.task}/${p.field}`;
function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage blocked (privacy mode): nothing is kept, as before
  }
}
function read(s: Storage, user: string): Record<string, KeptDraft> {
  try {
    const v: unknown = JSON.parse(s.getItem(PREFIX + user) ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, KeptDraft>) : {};
  } catch {
    return {};
  }
}
function write(s: Storage, user: string, drafts: Record<string, KeptDraft>): void {
  if (Object.keys(drafts).length === 0) s.removeItem(PREFIX + user);
  else s.setItem(PREFIX + user, JSON.stringify(drafts));
}

/** The session ended: every unsaved draft on the page is kept for `user` (added to any kept before). */
export function keepDrafts(user: string): number {
  const s = storage();
  if (!s) return 0;
  const kept = read(s, user);
  let n = 0;
  for (const e of live) {
    const place = e.place();
    const draft = e.unsaved();
    if (!place || !draft) continue;
    kept[keyOf(place)] = draft;
    n++;
  }
  write(s, user, kept);
  return n;
}

/**
 * The draft kept for this user and field, if any. It stays kept until `dropDraft` (the field saved it or
 * the user let it go): the panel may mount its fields more than once while the board loads.
 */
export function peekDraft(user: string, place: DraftPlace): KeptDraft | undefined {
  const s = storage();
  const draft = s ? read(s, user)[keyOf(place)] : undefined;
  return draft && typeof draft.text === 'string' && typeof draft.from === 'string' ? draft : undefined;
}

/** The kept draft is no longer needed: saved, cancelled, or the other value taken. */
export function dropDraft(user: string, place: DraftPlace): void {
  const s = storage();
  if (!s) return;
  const kept = read(s, user);
  if (!(keyOf(place) in kept)) return;
  delete kept[keyOf(place)];
  write(s, user, kept);
}

/** Drops kept drafts: every user's on sign-out, or all but `user`'s when someone signs in. */
export function forgetDrafts(exceptUser?: string): void {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX) && k !== PREFIX + exceptUser) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}
