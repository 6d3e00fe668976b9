// One field's save in the panel: saving, saved, refused (the server's words), or a conflict that keeps
// both values — the other person's and the user's — until the user chooses.
import { ref, watch } from 'vue';
import type { Task } from '@dondoc/shared/model';
import type { TaskFieldsInput } from '@dondoc/shared/requests';
import type { UpdateResult } from '../../stores/board.ts';

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

  return { state, message, conflict, run, keepMine, takeTheirs, clash };
}

/**
 * A typed field's draft and its saves, for the panel's text and deadline fields. What the user typed
 * stays in the field until it is saved or they take the other value: a refused or failed save keeps
 * it (with the reason and "Thử lại"), and a change someone else made to the same field while they
 * typed is shown beside theirs instead of being overwritten by it, or overwriting it, unseen.
 */
export function useFieldDraft(field: FieldKey, current: () => string, save: () => SaveFn, fieldsOf: (draft: string) => TaskFieldsInput, opts: { disabled: () => boolean; refused?: (draft: string) => boolean }) {
  const saver = useFieldSave(field, save);
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
  return { saver, draft, editing, focus, commit, retry, keepMine, takeTheirs };
}
