// Sessions: a random id in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), stored server-side
// as its SHA-256 so logout and disabling a user take effect at once. Sessions end after a time idle
// and after an absolute lifetime. The middleware puts the signed-in user (or null) on the context.
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '@dondoc/shared';
import type { BoardContext, BoardRead, Repository } from '../store/repository.ts';

export const SESSION_COOKIE = 'dondoc_session';

export interface SessionPolicy {
  /** Minutes without a request after which a session ends (default 8 hours: a working day). */
  idleMinutes: number;
  /** Hours after sign-in after which a session ends whatever happens (default 7 days). */
  maxHours: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 8 * 60, maxHours: 7 * 24 };

/** Activity is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export interface AuthVariables {
  user: User | null;
  sessionIdHash: string | null;
  /** The board the path names, read with the session; `boardAccess` takes it once instead of reading it again. */
  boardRead: (BoardRead & { context: BoardContext | undefined }) | null;
}

/** `/api/boards/:boardId` and `/api/boards/:boardId/tasks/:taskId`, and what lies below them. */
const BOARD_PATH = /^\/api\/boards\/([^/]+)(?:\/tasks\/([^/]+))?/;

/** The board (and task) a request's path names, decoded as route parameters are; none when it names no board. */
function boardOfPath(path: string): BoardRead | undefined {
  const m = BOARD_PATH.exec(path);
  if (!m) return undefined;
  try {
    return { boardId: decodeURIComponent(m[1]!), taskId: m[2] === undefined ? undefined : decodeURIComponent(m[2]) };
  } catch {
    return undefined;
  }
}
export type AuthEnv = { Variables: AuthVariables };

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

const isHttps = (c: Context): boolean => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** Starts a session for `user` and sets its cookie. */
export async function startSession(c: Context, repo: Repository, user: User, now = new Date()): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await repo.auth.createSession({ idHash: hashSessionId(id), userId: user.id, createdAt: at, lastSeenAt: at });
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/' });
}

export async function endSession(c: Context<AuthEnv>, repo: Repository): Promise<void> {
  const idHash = c.get('sessionIdHash');
  if (idHash) await repo.auth.deleteSession(idHash);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

/** Reads the session cookie on every request; an expired, unknown or disabled user's session reads as signed out. */
export function sessionMiddleware(repo: Repository, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now: () => Date = () => new Date()): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionIdHash', null);
    c.set('boardRead', null);
    const id = getCookie(c, SESSION_COOKIE);
    if (id && id.length <= 200) {
      const idHash = hashSessionId(id);
      // The session and its user in one read: this runs before every request. The board the path names
      // comes in the same read, as nearly every request on a board checks access to it first.
      const board = boardOfPath(c.req.path);
      const found = await repo.getSessionUser(idHash, board);
      if (found) {
        if (board) c.set('boardRead', { ...board, context: found.board });
        const { session } = found;
        const t = now().getTime();
        const idle = t - Date.parse(session.lastSeenAt) > policy.idleMinutes * 60_000;
        const old = t - Date.parse(session.createdAt) > policy.maxHours * 3_600_000;
        const user = idle || old ? undefined : found.user;
        if (!user || user.disabled) await repo.auth.deleteSession(idHash);
        else {
          c.set('user', user);
          c.set('sessionIdHash', idHash);
          if (t - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) await repo.auth.touchSession(idHash, new Date(t).toISOString());
        }
      }
    }
    await next();
  };
}
