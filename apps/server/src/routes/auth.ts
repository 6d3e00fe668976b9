// Signing in and out, who am I, and changing one's own password.
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { z } from 'zod';
import { roleOn, type User } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, jsonBody } from '../http/api-error.ts';
import { endSession, startSession, type AuthEnv } from '../auth/session.ts';
import { actorOf, signedIn, viaOf } from '../auth/access.ts';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../auth/passwords.ts';

export const LoginRequest = z.object({ login: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(1000) }).strict();
export const PasswordChangeRequest = z
  .object({ current: z.string().min(1).max(1000), next: z.string().min(MIN_PASSWORD_LENGTH).max(1000) })
  .strict()
  .refine((r) => r.current !== r.next, { message: 'mật khẩu mới phải khác mật khẩu cũ', path: ['next'] });

/** What the web app knows about the signed-in user: never the password, and the role on every board it may see. */
export interface Me {
  user: Pick<User, 'id' | 'login' | 'name' | 'agency' | 'admin' | 'roles' | 'mustChangePassword'>;
  /** The role that applies on boards without their own entry ("*"), or null. */
  defaultRole: ReturnType<typeof roleOn>;
}

export const meOf = (u: User): Me => ({
  user: { id: u.id, login: u.login, name: u.name, agency: u.agency, admin: u.admin, roles: u.roles, mustChangePassword: u.mustChangePassword },
  defaultRole: roleOn(u, null),
});

/** The client's address for rate limiting; behind a proxy only when told to trust it. */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A wrong login and a wrong password get the same answer, so logins cannot be discovered one by one. */
const wrongCredentials = () =>
  apiError(401, { code: 'unauthorized', field: 'password', message: 'Sai tên đăng nhập hoặc mật khẩu', messageEn: 'Wrong login or password' });

export const authRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .post('/login', jsonBody(LoginRequest), async (c) => {
      const { login, password } = c.req.valid('json');
      const address = clientAddress(c, s.config.trustProxy ?? false);
      const wait = await s.loginLimiter.retryAfter(login, address);
      if (wait > 0)
        throw apiError(
          429,
          {
            code: 'too-many-requests',
            message: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
            messageEn: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`,
          },
          { 'Retry-After': String(wait) },
        );
      const user = await s.repository.getUserByLogin(login);
      const stored = user ? await s.repository.auth.passwordHash(user.id) : undefined;
      // Verify even without a user, so timing does not tell which logins exist.
      const ok = await verifyPassword(stored ?? DUMMY_HASH, password);
      if (!user || !stored || !ok) {
        await s.loginLimiter.failed(login, address);
        throw wrongCredentials();
      }
      if (user.disabled)
        throw apiError(403, { code: 'forbidden', message: 'Tài khoản đã bị khóa; hãy liên hệ quản trị viên', messageEn: 'This account is disabled; contact an administrator' });
      await s.loginLimiter.succeeded(login);
      await startSession(c, s.repository, user, s.config.clock?.());
      return c.json<Me>(meOf(user));
    })
    .post('/logout', async (c) => {
      await endSession(c, s.repository);
      return c.json({ ok: true as const });
    })
    .get('/me', (c) => c.json<Me>(meOf(signedIn(c))))
    .post('/password', jsonBody(PasswordChangeRequest), async (c) => {
      const user = signedIn(c);
      const { current, next } = c.req.valid('json');
      const stored = await s.repository.auth.passwordHash(user.id);
      if (!stored || !(await verifyPassword(stored, current)))
        throw apiError(400, { code: 'bad-request', field: 'current', message: 'Mật khẩu hiện tại không đúng', messageEn: 'The current password is wrong' });
      await s.repository.auth.setPasswordHash(user.id, await hashPassword(next));
      // Every other session of this user ends with the old password; this one goes on under a new id.
      await s.repository.auth.deleteSessionsOf(user.id);
      await startSession(c, s.repository, user, s.config.clock?.());
      if (user.mustChangePassword) {
        const r = await s.repository.apply({ type: 'user.update', userId: user.id, patch: { mustChangePassword: false }, actor: actorOf(user), via: viaOf(c), at: new Date().toISOString() });
        if (r.ok) return c.json<Me>(meOf(r.effects.users[0]!.after!));
      }
      return c.json<Me>(meOf(user));
    });

/** A valid hash of a random password, verified when the login is unknown. */
const DUMMY_HASH = await hashPassword(`no-such-user-${Math.random()}`);
