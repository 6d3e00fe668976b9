// One field's save in the panel: saving, saved, refused (the server's words), or a conflict that keeps
// both values — the other person's and the user's — until the user chooses.
import { ref } from 'vue';
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

  return { state, message, conflict, run, keepMine, takeTheirs };
}
