// Signed-in requests for in-process route tests: the demo's five users (one per role) with a
// password hashed once per run, and a cookie per login.
import { systemActor, type User } from '@dondoc/shared';
import { DEMO_USERS, DEFAULT_DEMO_PASSWORD } from '../demo.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Repository } from '../store/repository.ts';
import { FIXTURE_AT } from './fixtures.ts';

let hashed: Promise<string> | undefined;

/** Creates the demo users in `repo` (ids `u-<login>`), all with the demo password. */
export async function seedUsers(repo: Repository): Promise<User[]> {
  const hash = await (hashed ??= hashPassword(DEFAULT_DEMO_PASSWORD));
  const users: User[] = [];
  for (const u of DEMO_USERS) {
    const existing = await repo.getUserByLogin(u.login);
    if (existing) {
      users.push(existing);
      continue;
    }
    const user: User = { id: `u-${u.login}`, login: u.login, name: u.name, agency: u.agency, admin: u.admin ?? false, roles: u.role ? { '*': u.role } : {}, disabled: false, mustChangePassword: false, createdAt: FIXTURE_AT, updatedAt: FIXTURE_AT };
    await repo.auth.setPasswordHash(user.id, hash);
    const r = await repo.apply({ type: 'user.create', user, actor: systemActor('test'), via: 'test', at: FIXTURE_AT });
    if (!r.ok) throw new Error(r.failure.messageEn);
    users.push(user);
  }
  return users;
}

/** Signs `login` in through the app and returns the Cookie header value of its session. */
export async function sessionCookie(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, login: string, password = DEFAULT_DEMO_PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${login}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/**
 * Requests as a demo user (the demo users are created in `repo` if missing), as a browser on the
 * app's own page would send them: with the session cookie and the page's Origin.
 */
export async function requestsAs(app: Requester, repo: Repository, login: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  await seedUsers(repo);
  const cookie = await sessionCookie(app, login);
  return async (path, init = {}) => app.request(path, { ...init, headers: { Cookie: cookie, Origin: 'http://localhost', ...(init.headers as Record<string, string> | undefined) } });
}
