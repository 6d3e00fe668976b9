// One field's save in the panel: saving, saved, refused (the server's words), or a conflict that keeps
// both values — the other person's and the user's — until the user chooses.
import { inject, onScopeDispose, ref, watch, type Ref, type WatchStopHandle } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Task } from '@dondoc/shared/model';
import type { TaskFieldsInput } from '@dondoc/shared/requests';
import type { UpdateResult } from '../../stores/board.ts';
import { DRAFT_SCOPE, dropDraft, followDraft, peekDraft, type KeptDraft } from '../../lib/unsavedDrafts.ts';

export type SaveFn = (fields: TaskFieldsInput) => Promise<UpdateResult>;
export type FieldKey = keyof TaskFieldsInput;

export interface FieldConflict {
  /** The other person's value, as the task now has it. */
  theirs: unknown;
  /** What the user tried to save. */
  mine: TaskFieldsInput;
}

/** A field's value as a person reads it (deadline as printed, agencies joined). */
export function readable(task: Task, field: FieldKey): string {
  const v = task[field as keyof Task];
  if (field === 'deadline') return task.deadline.raw;
  if (Array.isArray(v)) return v.join('; ');
  return v === undefined || v === null ? '' : String(v);
}

export function useFieldSave(field: FieldKey, save: () => SaveFn) {
  const state = ref<'idle' | 'saving' | 'saved' | 'error' | 'conflict'>('idle');
  const message = ref('');
  const conflict = ref<{ theirs: string; mine: string; fields: TaskFieldsInput } | null>(null);

  async function run(fields: TaskFieldsInput, mineText: string): Promise<boolean> {
    state.value = 'saving';
    message.value = '';
    const r = await save()(fields);
    if (r.ok) {
      state.value = 'saved';
      conflict.value = null;
      return true;
    }
    if ('conflict' in r) {
      state.value = 'conflict';
      conflict.value = { theirs: readable(r.conflict, field), mine: mineText, fields };
      return false;
    }
    state.value = 'error';
    message.value = r.error;
    return false;
  }

  /** "Giữ giá trị của tôi": the same fields again, now over the other person's version. */
  async function keepMine(): Promise<boolean> {
    const c = conflict.value;
    if (!c) return false;
    return run(c.fields, c.mine);
  }

  /** "Lấy giá trị của họ": the task already shows theirs; the user's edit is let go. */
  function takeTheirs(): void {
    conflict.value = null;
    state.value = 'idle';
  }

  /** Someone else changed this field while the user typed: both values and the choice, nothing sent yet. */
  function clash(theirs: string, fields: TaskFieldsInput, mineText: string): void {
    state.value = 'conflict';
    conflict.value = { theirs, mine: mineText, fields };
  }

  /** Text that was never sent (kept over a session that ended): shown as not saved, with "Thử lại". */
  function unsent(why: string): void {
    state.value = 'error';
    message.value = why;
  }

  return { state, message, conflict, run, keepMine, takeTheirs, clash, unsent };
}

/**
 * Keeps a field's unsaved text within the page's reach: followed while mounted (the "leave?" guards ask
 * it; a session that ends keeps it), and put back by `restore` when this user's draft for this field was
 * kept over a sign-in. `inFlight` tells a save on its way (which in-app navigation lets finish) from text
 * that waits on the user.
 */
/** What became of a kept draft offered to its field: shown in it, no longer needed (the field has that value), or left for later. */
export type Restored = 'shown' | 'stale' | 'later';

export function useKeptDraft(field: string, unsaved: () => KeptDraft | null, inFlight: () => boolean, restore: (kept: KeptDraft) => Restored): void {
  const scope = inject(DRAFT_SCOPE, null);
  const place = () => {
    const board = scope?.board();
    const task = scope?.task();
    return board && task ? { board, task, field } : null;
  };
  const user = scope?.user();
  const here = place();
  const kept = user && here ? peekDraft(user, here) : undefined;
  if (user && here && kept) {
    // Kept until it is saved or let go, so a field mounted again (the panel re-renders as the board loads) shows it again.
    const done = restore(kept);
    let stop: WatchStopHandle | undefined;
    if (done === 'shown') stop = watch(unsaved, (now) => !now && (dropDraft(user, here), stop?.()));
    else if (done === 'stale') dropDraft(user, here);
  }
  onScopeDispose(followDraft({ place, unsaved, inFlight }));
}

/**
 * A typed field's draft and its saves, for the panel's text and deadline fields. What the user typed
 * stays in the field until it is saved or they take the other value: a refused or failed save keeps
 * it (with the reason and "Thử lại"), and a change someone else made to the same field while they
 * typed is shown beside theirs instead of being overwritten by it, or overwriting it, unseen.
 */
export function useFieldDraft(field: FieldKey, current: () => string, save: () => SaveFn, fieldsOf: (draft: string) => TaskFieldsInput, opts: { disabled: () => boolean; refused?: (draft: string) => boolean }) {
  const saver = useFieldSave(field, save);
  const { t } = useI18n();
  const draft = ref(current());
  const editing = ref(false);
  /** The field's value when the user started typing: a different one at the end means someone else changed it. */
  let startedFrom = current();
  /** The user's text is held while they type, while it is being saved, and while a failure or a clash waits on them. */
  const holding = (): boolean => editing.value || saver.state.value === 'saving' || saver.state.value === 'error' || saver.state.value === 'conflict';
  // Someone else's change (or the server's answer) shows unless the user's text is held.
  watch(current, (v) => {
    if (!holding()) draft.value = v;
  });

  function focus(): void {
    editing.value = true;
    if (saver.state.value !== 'error' && saver.state.value !== 'conflict') startedFrom = current();
  }
  async function commit(): Promise<void> {
    editing.value = false;
    const now = current();
    if (opts.disabled() || opts.refused?.(draft.value) || draft.value === now) return;
    if (now !== startedFrom && saver.state.value !== 'error') {
      saver.clash(now, fieldsOf(draft.value), draft.value);
      return;
    }
    if (await saver.run(fieldsOf(draft.value), draft.value)) startedFrom = current();
  }
  /** "Thử lại" after a failed save, with the text still in the field. */
  async function retry(): Promise<void> {
    if (await saver.run(fieldsOf(draft.value), draft.value)) startedFrom = current();
  }
  async function keepMine(): Promise<void> {
    if (await saver.keepMine()) startedFrom = current();
  }
  function takeTheirs(): void {
    saver.takeTheirs();
    draft.value = current();
    startedFrom = current();
  }
  /**
   * Esc while editing: the saved value back in the field and nothing sent (a refused or clashing draft is
   * let go too). False when there was nothing to cancel, so Esc can do its usual job (close the panel).
   */
  function cancel(): boolean {
    const now = current();
    const waiting = saver.state.value === 'error' || saver.state.value === 'conflict';
    if (draft.value === now && !waiting) return false;
    if (saver.state.value === 'saving') return false;
    draft.value = now;
    startedFrom = now;
    if (waiting) saver.takeTheirs();
    return true;
  }

  const holdsUnsaved = (): boolean => {
    const s = saver.state.value;
    return s === 'saving' || s === 'error' || s === 'conflict' || (editing.value && draft.value !== current());
  };
  useKeptDraft(
    field,
    () => (holdsUnsaved() && !opts.disabled() ? { text: draft.value, from: startedFrom } : null),
    () => saver.state.value === 'saving',
    (kept) => {
      const now = current();
      if (kept.text === now) return 'stale';
      draft.value = kept.text;
      startedFrom = kept.from;
      // Someone changed the field while the user was signed out: both values and the choice, as any clash.
      if (now !== kept.from) saver.clash(now, fieldsOf(kept.text), kept.text);
      else saver.unsent(t('panel.keptOverSignIn'));
      return 'shown';
    },
  );
  return { saver, draft, editing, focus, commit, retry, keepMine, takeTheirs, cancel };
}

/**
 * A box whose text is sent with a button (a comment, an evidence note) or made a chip (an agency's name
 * typed in its search): unsaved while it holds text, kept over a session that ends like a field's draft,
 * and put back in the box if the box is empty then. While `disabled` (the user may not write there) it
 * holds nothing unsaved and a kept text waits.
 */
export function useKeptText(name: string, text: Ref<string>, opts: { disabled?: () => boolean } = {}): void {
  useKeptDraft(
    name,
    () => (text.value.trim() && !opts.disabled?.() ? { text: text.value, from: '' } : null),
    () => false,
    (kept) => {
      if (!kept.text.trim()) return 'stale';
      // Never over something typed since, nor into a box the user cannot write in: left kept till then.
      if (text.value.trim() || opts.disabled?.()) return 'later';
      text.value = kept.text;
      return 'shown';
    },
  );
}
