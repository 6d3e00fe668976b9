// Administration: users (create, edit roles per board, disable, reset password) and the province's
// agency directory. Every change is an operation by the administrator, so it is in the audit trail.
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BoardRole, Login, User, UserPatch, fold, type Agency, type Operation } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { apiError, jsonBody, notFound, operationError } from '../http/api-error.ts';
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
export const UpdateUserRequest = UserPatch.omit({ mustChangePassword: true })
  .extend({ name: z.string().trim().min(1).max(200).optional(), agency: z.string().trim().max(300).optional(), roles: Roles.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'không có trường nào để cập nhật', path: [] });
/** One directory entry as an administrator types it: a name, its other spellings, and whether it names many agencies at once. */
const DirectoryAgency = z
  .object({
    name: z.string().trim().min(1).max(300),
    aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
    collective: z.boolean().default(false),
  })
  .strict();
export const DirectoryRequest = z
  .object({ agencies: z.array(DirectoryAgency).max(5000) })
  .strict()
  .superRefine((r, ctx) => {
    // Two entries for one name would make "whose task is this" depend on which one a lookup meets first.
    const seen = new Map<string, number>();
    for (const [i, a] of r.agencies.entries())
      for (const [j, spelling] of [a.name, ...a.aliases].entries()) {
        const key = fold(spelling);
        const first = seen.get(key);
        if (first !== undefined && first !== i) {
          ctx.addIssue({ code: 'custom', path: ['agencies', i, j === 0 ? 'name' : 'aliases'], message: `"${spelling}" đã là tên của "${r.agencies[first]!.name}" (dòng ${first + 1})` });
          return;
        }
        seen.set(key, i);
      }
  });

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
      const patch = c.req.valid('json');
      // An administrator who locks themselves out may leave the province with none.
      if (userId === admin.user.id && (patch.disabled === true || patch.admin === false))
        throw apiError(400, {
          code: 'bad-request',
          field: patch.disabled === true ? 'disabled' : 'admin',
          message: 'Không thể tự khóa tài khoản hoặc tự bỏ quyền quản trị của chính mình; hãy nhờ một quản trị viên khác',
          messageEn: 'You cannot disable your own account or remove your own administrator flag; ask another administrator',
        });
      const op: Operation = { type: 'user.update', userId, patch, actor: actorOf(admin.user), via: viaOf(c), at: new Date().toISOString() };
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
      // Resetting one's own password here would end this very session; "Đổi mật khẩu" is the way.
      if (user.id === admin.user.id)
        throw apiError(400, {
          code: 'bad-request',
          field: 'userId',
          message: 'Hãy đổi mật khẩu của chính mình ở trang "Đổi mật khẩu", không đặt lại ở đây',
          messageEn: 'Change your own password on the password page rather than resetting it here',
        });
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
