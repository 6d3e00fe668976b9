// Administration: users (create, edit roles per board, disable, reset password) and the province's
// agency directory. Every change is an operation by the administrator, so it is in the audit trail.
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Agency, BoardRole, Login, User, UserPatch, type Operation } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { jsonBody, notFound, operationError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, globalAccess, requireCan, signedIn, viaOf } from '../auth/access.ts';
import { hashPassword, oneTimePassword } from '../auth/passwords.ts';

const Roles = z.record(z.string().min(1).max(100), BoardRole);

export const CreateUserRequest = z
  .object({
    login: Login,
    name: z.string().trim().min(1).max(200),
    agency: z.string().trim().max(300).default(''),
    admin: z.boolean().default(false),
    roles: Roles.default({}),
  })
  .strict();
export const UpdateUserRequest = UserPatch.omit({ mustChangePassword: true }).extend({ roles: Roles.optional() }).strict();
export const DirectoryRequest = z.object({ agencies: z.array(Agency).max(5000) }).strict();

/** A user as the admin page shows it (the record itself: it holds no secret). */
export type UserInfo = User;

export const userRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/', async (c) => {
      requireCan(globalAccess(c), 'manage', 'User');
      return c.json<UserInfo[]>(await s.repository.listUsers());
    })
    .post('/', jsonBody(CreateUserRequest), async (c) => {
      const admin = globalAccess(c);
      requireCan(admin, 'manage', 'User');
      const body = c.req.valid('json');
      const at = new Date().toISOString();
      const user: User = { id: `u${randomBytes(6).toString('hex')}`, ...body, disabled: false, mustChangePassword: true, createdAt: at, updatedAt: at };
      const password = oneTimePassword();
      // The credential first: a user record without one could not sign in, a credential without a user is inert.
      await s.repository.auth.setPasswordHash(user.id, await hashPassword(password));
      const r = await s.repository.apply({ type: 'user.create', user, actor: actorOf(admin.user), via: viaOf(c), at });
      if (!r.ok) throw operationError(r.failure);
      return c.json<{ user: UserInfo; password: string }>({ user, password }, 201);
    })
    .patch('/:userId', jsonBody(UpdateUserRequest), async (c) => {
      const admin = globalAccess(c);
      requireCan(admin, 'manage', 'User');
      const userId = c.req.param('userId');
      const op: Operation = { type: 'user.update', userId, patch: c.req.valid('json'), actor: actorOf(admin.user), via: viaOf(c), at: new Date().toISOString() };
      const r = await s.repository.apply(op);
      if (!r.ok) throw operationError(r.failure);
      const after = r.effects.users[0]!.after!;
      // Disabling takes effect at once: the user's sessions end now, not when they expire.
      if (after.disabled) await s.repository.auth.deleteSessionsOf(after.id);
      return c.json<UserInfo>(after);
    })
    .post('/:userId/password', async (c) => {
      const admin = globalAccess(c);
      requireCan(admin, 'manage', 'User');
      const userId = c.req.param('userId');
      const user = await s.repository.getUser(userId);
      if (!user) throw notFound('người dùng', userId, 'User', 'userId');
      const password = oneTimePassword();
      await s.repository.auth.setPasswordHash(user.id, await hashPassword(password));
      await s.repository.auth.deleteSessionsOf(user.id);
      const r = await s.repository.apply({ type: 'user.update', userId, patch: { mustChangePassword: true }, actor: actorOf(admin.user), via: viaOf(c), at: new Date().toISOString() });
      if (!r.ok) throw operationError(r.failure);
      return c.json<{ user: UserInfo; password: string }>({ user: r.effects.users[0]!.after!, password });
    });

export const directoryRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/', async (c) => {
      signedIn(c);
      return c.json<Agency[]>([...(await s.repository.getDirectory())]);
    })
    .put('/', jsonBody(DirectoryRequest), async (c) => {
      const admin = globalAccess(c);
      requireCan(admin, 'manage', 'all');
      const r = await s.repository.apply({ type: 'directory.update', agencies: c.req.valid('json').agencies, actor: actorOf(admin.user), via: viaOf(c), at: new Date().toISOString() });
      if (!r.ok) throw operationError(r.failure);
      return c.json<Agency[]>(r.effects.directory?.after ?? []);
    });
