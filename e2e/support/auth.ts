// Signing in for specs: through the API (fast, for tests about something else) or through the login
// page (for tests about signing in), and a cookie-carrying fetch for specs that read the API directly.
import type { Page } from '@playwright/test';

/** The demo data set's password for every demo user (DONDOC_DEMO_PASSWORD's default). */
export const DEMO_PASSWORD = 'dondoc-demo';
/** Demo logins, one per role. */
export type DemoLogin = 'admin' | 'thuongtruc' | 'donvi' | 'lanhdao' | 'xem';

/** Signs the page's browser context in through the API; the session cookie then goes with every page request. */
export async function signIn(page: Page, login: DemoLogin | string, password = DEMO_PASSWORD): Promise<void> {
  const res = await page.context().request.post('/api/auth/login', { data: { login, password } });
  if (!res.ok()) throw new Error(`sign-in as ${login} failed: ${res.status()} ${await res.text()}`);
}

/** `signIn` for a page whose test has no baseURL (a spec that starts its own server). */
export async function signInAt(page: Page, baseURL: string, login: DemoLogin | string, password = DEMO_PASSWORD): Promise<void> {
  const res = await page.context().request.post(`${baseURL}/api/auth/login`, { data: { login, password }, headers: { Origin: baseURL } });
  if (!res.ok()) throw new Error(`sign-in as ${login} failed: ${res.status()} ${await res.text()}`);
}

/** Signs in through the login page, as a person would. */
export async function signInWithForm(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** A fetch that carries a session of `login`, for specs that read or write the API from Node. */
export async function apiAs(baseURL: string, login: DemoLogin | string, password = DEMO_PASSWORD): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${baseURL}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: baseURL }, body: JSON.stringify({ login, password }) });
  if (!res.ok) throw new Error(`sign-in as ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (path, init = {}) => fetch(`${baseURL}${path}`, { ...init, headers: { Origin: baseURL, ...(init.headers ?? {}), Cookie: cookie } });
}
