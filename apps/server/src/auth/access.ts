// Route-side use of the permission rules: who is asking, what they may do on this board, and the
// refusals — 401 when signed out, 404 for a board the user has no role on (its existence is not
// revealed), 403 naming the action in Vietnamese.
import type { Context } from 'hono';
import { directoryFor } from '../agency-directory.ts';
import {
  ACTION_LABELS,
  COLUMNS,
  FIELD_LABELS,
  ROLE_LABELS,
  abilityFor,
  accessKey,
  roleOn,
  taskSubject,
  type Ability,
  type Access,
  type Action,
  type Actor,
  type Agency,
  type Board,
  type ColumnId,
  type Subject,
  type Task,
  type User,
} from '@dondoc/shared';
import { apiError, notFound } from '../http/api-error.ts';
import type { AuthEnv } from './session.ts';
import type { Repository } from '../store/repository.ts';

/** The signed-in user, or a 401 asking to sign in. */
export function signedIn(c: Context<AuthEnv>): User {
  const user = c.get('user');
  if (!user)
    throw apiError(401, { code: 'unauthorized', message: 'Cần đăng nhập để tiếp tục (phiên có thể đã hết hạn)', messageEn: 'Please sign in (your session may have expired)' });
  return user;
}

export const actorOf = (user: User): Actor => ({ kind: 'user', id: user.id, name: user.name });

/** The route a write came through, as the audit trail records it: "POST /api/boards/:boardId/tasks/:taskId/move". */
export const viaOf = (c: Context): string => `${c.req.method} ${c.req.routePath}`;

export interface BoardAccess extends Access {
  user: User;
  board: Board;
  /** The task the request named, read with the board (undefined when none was named or it is not on the board). */
  task: Task | undefined;
  ability: Ability;
  /** The agencies names are matched against: the province's directory first, then the board's own. */
  directory: readonly Agency[];
}

/**
 * The user's access to a board; a board they hold no role on is a 404, exactly as a board that does not
 * exist. `taskId` names a task the request is about, read in the same round trip as the board.
 */
export async function boardAccess(c: Context<AuthEnv>, repo: Repository, boardId: string, taskId?: string): Promise<BoardAccess> {
  const user = signedIn(c);
  // Read with the session when the path named this board and task; taken once, so a second check reads afresh.
  const read = c.get('boardRead');
  if (read) c.set('boardRead', null);
  const found = read && read.boardId === boardId && read.taskId === taskId ? read.context : await repo.getBoardContext(boardId, taskId);
  const role = found ? roleOn(user, found.board.id) : null;
  if (!found || !role) throw notFound('bảng', boardId, 'Board', 'boardId');
  const { board, task } = found;
  // A unit's agency comes from the directory the administrator keeps, so an alias added there counts at once.
  const directory = directoryFor(found.directory, board.agencies);
  const access: Access = { role, agency: accessKey(user.agency, directory) };
  return { ...access, user, board, task, directory, ability: abilityFor(access) };
}

/** Access with no board (creating boards, users, plugins): the user's role on "every board". */
export function globalAccess(c: Context<AuthEnv>): { user: User; ability: Ability; role: Access['role'] } {
  const user = signedIn(c);
  const role = roleOn(user, null);
  return { user, role, ability: abilityFor({ role, agency: '' }) };
}

const roleName = (role: Access['role']): string => (role ? ROLE_LABELS[role].vi : 'không có vai trò');
const roleNameEn = (role: Access['role']): string => (role ? ROLE_LABELS[role].en : 'no role');

/** A 403 naming what was refused. */
export function forbidden(action: Action, role: Access['role'], what = '', whatEn = '') {
  return apiError(403, {
    code: 'forbidden',
    message: `Bạn không có quyền ${ACTION_LABELS[action].vi}${what ? ` ${what}` : ''} (vai trò: ${roleName(role)})`,
    messageEn: `You may not ${ACTION_LABELS[action].en}${whatEn ? ` ${whatEn}` : ''} (role: ${roleNameEn(role)})`,
  });
}

/** Throws 403 unless the access allows `action` on `subject` (a board-level subject). */
export function requireCan(a: { ability: Ability; role: Access['role'] }, action: Action, subject: Subject): void {
  if (!a.ability.can(action, subject)) throw forbidden(action, a.role, subject === 'Task' ? 'nhiệm vụ' : subject === 'Board' ? 'bảng này' : '', subject.toLowerCase());
}

/**
 * Throws 403 unless the access allows `action` on this task (and, for edits, on every field named;
 * for moves, into `toColumn`).
 */
export function requireOnTask(a: BoardAccess, action: Action, task: Pick<Task, 'leads' | 'partners' | 'column'>, opts: { fields?: readonly string[]; toColumn?: ColumnId } = {}): void {
  const subject = taskSubject(task, a.directory, opts.toColumn);
  if (opts.fields?.length) {
    const refused = opts.fields.filter((f) => !a.ability.can(action, subject, f));
    if (refused.length > 0)
      throw forbidden(action, a.role, `trường ${refused.map((f) => `"${Object.hasOwn(FIELD_LABELS, f) ? FIELD_LABELS[f] : f}" (${f})`).join(', ')} của nhiệm vụ này`, `field(s) ${refused.join(', ')} of this task`);
    return;
  }
  const to = opts.toColumn ? COLUMNS.find((c) => c.id === opts.toColumn) : undefined;
  if (!a.ability.can(action, subject)) throw forbidden(action, a.role, to ? `nhiệm vụ này sang cột "${to.label}"` : 'nhiệm vụ này', to ? `this task into "${to.labelEn}"` : 'this task');
}
