// Sessions and sign-in as a person meets them: the cookie, logout, idle and absolute expiry on a moved
// clock, disabling and password resets ending sessions at once, and login limits per account and per
// address with a Vietnamese message and Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '@dondoc/shared';
import { trustApp, type TrustApp } from '../testing/trust-app.ts';
import { DEFAULT_SESSION_POLICY, hashSessionId } from '../auth/session.ts';
import { DEFAULT_DEMO_PASSWORD } from '../demo.ts';

let t: TrustApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const login = (app: TrustApp, body: unknown, headers: Record<string, string> = {}) =>
  app.app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', ...headers }, body: JSON.stringify(body) });
const me = (app: TrustApp, cookie: string) => app.app.request('/api/auth/me', { headers: { Cookie: cookie } });

describe('sessions', () => {
  it('sign-in sets an HttpOnly, SameSite=Lax cookie (Secure only over HTTPS) holding a random id the store keeps only hashed', async () => {
    t = await trustApp();
    const res = await login(t, { login: 'XEM ', password: DEFAULT_DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^dondoc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const id = cookie.split(';')[0]!.split('=')[1]!;
    expect(await t.store.auth.session(hashSessionId(id))).toMatchObject({ userId: t.users.xem.id });
    expect(await t.store.auth.session(id)).toBeUndefined();
    const secure = await login(t, { login: 'xem', password: DEFAULT_DEMO_PASSWORD }, { 'X-Forwarded-Proto': 'https' });
    expect(secure.headers.get('set-cookie')).toContain('Secure');
    const body = await res.json();
    expect(JSON.stringify(body)).not.toContain("argon2");
  });

  it('logout ends the session on the server: the same cookie no longer works', async () => {
    t = await trustApp();
    const cookie = await t.signIn('lanhdao');
    expect((await me(t, cookie)).status).toBe(200);
    const out = await t.app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^dondoc_session=; Max-Age=0; Path=\//);
    const after = await me(t, cookie);
    expect(after.status).toBe(401);
    expect(((await after.json()) as ApiError).error.message).toBe('Cần đăng nhập để tiếp tục (phiên có thể đã hết hạn)');
    // Another session of the same user is untouched.
    const other = await t.signIn('lanhdao');
    expect((await me(t, other)).status).toBe(200);
  });

  it('ends after the idle time without requests, and activity keeps it alive until then', async () => {
    let now = new Date('2025-11-20T01:00:00Z');
    t = await trustApp({ clock: () => now, sessions: { idleMinutes: 30, maxHours: 24 } });
    const cookie = await t.signIn('xem');
    for (let i = 0; i < 5; i++) {
      now = new Date(now.getTime() + 29 * 60_000);
      expect((await me(t, cookie)).status, `after ${(i + 1) * 29} minutes of steady use`).toBe(200);
    }
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await me(t, cookie)).status).toBe(401);
    // Gone from the store, not merely refused: coming back within the idle time does not revive it.
    now = new Date(now.getTime() - 20 * 60_000);
    expect((await me(t, cookie)).status).toBe(401);
  });

  it('ends after the absolute lifetime however active the user is', async () => {
    let now = new Date('2025-11-20T01:00:00Z');
    t = await trustApp({ clock: () => now, sessions: { idleMinutes: 60, maxHours: 8 } });
    const cookie = await t.signIn('thuongtruc');
    for (let h = 0; h < 16; h++) {
      now = new Date(now.getTime() + 30 * 60_000);
      expect((await me(t, cookie)).status, `${(h + 1) / 2} h after sign-in`).toBe(200);
    }
    now = new Date(now.getTime() + 60_000);
    expect((await me(t, cookie)).status).toBe(401);
  });

  it('uses a working day idle and a week absolute by default', () => {
    expect(DEFAULT_SESSION_POLICY).toEqual({ idleMinutes: 480, maxHours: 168 });
  });

  it('disabling a user ends their sessions at once and refuses their sign-in in words', async () => {
    t = await trustApp();
    const cookie = await t.signIn('donvi');
    const res = await t.as('admin')(`/api/users/${t.users.donvi.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await me(t, cookie)).status).toBe(401);
    const again = await login(t, { login: 'donvi', password: DEFAULT_DEMO_PASSWORD });
    expect(again.status).toBe(403);
    expect(((await again.json()) as ApiError).error.message).toBe('Tài khoản đã bị khóa; hãy liên hệ quản trị viên');
    await t.as('admin')(`/api/users/${t.users.donvi.id}`, { method: 'PATCH', json: { disabled: false } });
    expect((await login(t, { login: 'donvi', password: DEFAULT_DEMO_PASSWORD })).status).toBe(200);
  });

  it('a reset password ends the sessions, works once shown, and asks for a new password', async () => {
    t = await trustApp();
    const cookie = await t.signIn('lanhdao');
    const res = await t.as('admin')(`/api/users/${t.users.lanhdao.id}/password`, { method: 'POST' });
    const { password, user } = (await res.json()) as { password: string; user: { mustChangePassword: boolean } };
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(user.mustChangePassword).toBe(true);
    expect((await me(t, cookie)).status).toBe(401);
    expect((await login(t, { login: 'lanhdao', password: DEFAULT_DEMO_PASSWORD })).status).toBe(401);
    const signed = await login(t, { login: 'lanhdao', password });
    expect(signed.status).toBe(200);
    const fresh = signed.headers.get('set-cookie')!.split(';')[0]!;
    const change = await t.app.request('/api/auth/password', { method: 'POST', headers: { Cookie: fresh, 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify({ current: password, next: 'mat-khau-moi-2025' }) });
    expect(change.status).toBe(200);
    expect(((await change.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(false);
    // The old session id was replaced by a new one on the change.
    expect((await me(t, fresh)).status).toBe(401);
    expect((await me(t, change.headers.get('set-cookie')!.split(';')[0]!)).status).toBe(200);
  });

  it('a new password equal to the old one is refused, naming why', async () => {
    t = await trustApp();
    const cookie = await t.signIn('xem');
    const res = await t.app.request('/api/auth/password', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify({ current: DEFAULT_DEMO_PASSWORD, next: DEFAULT_DEMO_PASSWORD }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error).toMatchObject({ field: 'next', message: expect.stringContaining('mật khẩu mới phải khác mật khẩu cũ') });
  });
});

describe('login limits', () => {
  it('pauses an account after 5 wrong passwords, even for the right one, with a Vietnamese message and Retry-After', async () => {
    t = await trustApp({ trustProxy: true });
    for (let i = 0; i < 5; i++) {
      const res = await login(t, { login: 'thuongtruc', password: `sai-${i}` }, { 'X-Forwarded-For': `10.0.0.${i}` });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ApiError).error.message).toBe('Sai tên đăng nhập hoặc mật khẩu');
    }
    const res = await login(t, { login: 'thuongtruc', password: DEFAULT_DEMO_PASSWORD }, { 'X-Forwarded-For': '10.0.0.99' });
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(((await res.json()) as ApiError).error).toMatchObject({ code: 'too-many-requests', message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.', messageEn: 'Too many failed sign-ins. Try again in 15 minute(s).' });
    // Other accounts are not paused by it.
    expect((await login(t, { login: 'xem', password: DEFAULT_DEMO_PASSWORD }, { 'X-Forwarded-For': '10.0.0.99' })).status).toBe(200);
  });

  it('pauses an address that guesses across many accounts, and only that address', async () => {
    t = await trustApp({ trustProxy: true, loginLimits: { perAccount: 100, perAddress: 4, windowMinutes: 10 } });
    const from = (address: string, body: unknown) => login(t!, body, { 'X-Forwarded-For': address });
    for (const name of ['admin', 'xem', 'donvi', 'khong-co-ai']) expect((await from('203.0.113.7', { login: name, password: 'doan-mo' })).status).toBe(401);
    const paused = await from('203.0.113.7', { login: 'lanhdao', password: DEFAULT_DEMO_PASSWORD });
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(9 * 60);
    expect(((await paused.json()) as ApiError).error.message).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 10 phút.');
    expect((await from('198.51.100.2', { login: 'lanhdao', password: DEFAULT_DEMO_PASSWORD })).status).toBe(200);
  });

  it('a successful sign-in clears the account count, so a person who mistyped a few times starts afresh', async () => {
    t = await trustApp({ trustProxy: true });
    const from = (body: unknown) => login(t!, body, { 'X-Forwarded-For': '192.0.2.1' });
    for (let i = 0; i < 4; i++) expect((await from({ login: 'donvi', password: 'go-nham' })).status).toBe(401);
    expect((await from({ login: 'donvi', password: DEFAULT_DEMO_PASSWORD })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await from({ login: 'donvi', password: 'go-nham' })).status).toBe(401);
    expect((await from({ login: 'donvi', password: DEFAULT_DEMO_PASSWORD })).status).toBe(200);
  });

  it('an unknown login and a wrong password get the same answer', async () => {
    t = await trustApp();
    const a = await login(t, { login: 'khong-co-ai', password: 'x' });
    const b = await login(t, { login: 'admin', password: 'x' });
    expect(a.status).toBe(401);
    expect(await a.json()).toEqual(await b.json());
  });

  it('does not trust X-Forwarded-For unless told to: a spoofed header cannot dodge the address limit', async () => {
    t = await trustApp({ loginLimits: { perAccount: 100, perAddress: 2, windowMinutes: 5 } });
    for (let i = 0; i < 2; i++) expect((await login(t, { login: `ai-${i}`, password: 'x' }, { 'X-Forwarded-For': `10.1.1.${i}` })).status).toBe(401);
    expect((await login(t, { login: 'xem', password: DEFAULT_DEMO_PASSWORD }, { 'X-Forwarded-For': '10.9.9.9' })).status).toBe(429);
  });
});
