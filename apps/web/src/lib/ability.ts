// What the signed-in user may do on the open board: the server's own role rules (shared/permissions),
// asked here only to hide what would be refused; the server stays the judge. An archived board is read-only.
import { computed } from 'vue';
import type { ColumnId, Task } from '@dondoc/shared/model';
import { abilityFor, accessKey, allowedOnArchived, roleOn, taskSubject, type Action } from '@dondoc/shared/permissions';
import { useSessionStore } from '../stores/session.ts';
import { useBoardStore } from '../stores/board.ts';

export function useBoardAbility() {
  const session = useSessionStore();
  const store = useBoardStore();
  const ability = computed(() => {
    const board = store.board;
    const me = session.me;
    if (!board || !me) return null;
    return abilityFor({ role: roleOn(me.user, board.id), agency: accessKey(me.user.agency, board.agencies) });
  });
  const archived = computed(() => store.board?.archived ?? false);
  /** A board-level permission ("create Task", "update Board"); an archived board allows only what `allowedOnArchived` says. */
  const can = (action: Action, subject: 'Task' | 'Board' | 'Meeting' | 'Indicator' = 'Task'): boolean =>
    !!ability.value && (!archived.value || allowedOnArchived(action, subject)) && ability.value.can(action, subject);
  /** A permission on one task: its leads and partners decide a unit's rights; `field` for edits, `toColumn` for moves. */
  const canOnTask = (action: Action, task: Pick<Task, 'leads' | 'partners' | 'column'>, opts: { field?: string; toColumn?: ColumnId } = {}): boolean => {
    if (!ability.value || !store.board || (archived.value && !allowedOnArchived(action, 'Task'))) return false;
    return ability.value.can(action, taskSubject(task, store.board.agencies, opts.toColumn), opts.field);
  };
  /** The user's agency as the board's directory names it, for "Nhiệm vụ của đơn vị tôi". */
  const agency = computed(() => session.me?.user.agency ?? '');
  return { ability, can, canOnTask, archived, agency };
}
