// Attacks tried the way a hostile page would: a foreign Host (DNS rebinding), a foreign Origin on a
// write, a cross-site form post (CSRF); and the headers that keep the board from being framed.
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiError, BoardSummary } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import { hostAllowed, originAllowed } from './security.ts';

const PRELOAD = "(function () { window.__x = fetch('/api/boards/' + location.pathname); })();";
let plugins: PluginHost;
let webDist: string;
let store: LowdbStore;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  plugins = await PluginHost.load({ extra: [join(REPO_ROOT, 'e2e/fixtures/plugins/fixture-tiny')] });
  const web = await tempDir();
  cleanups.push(web.cleanup);
  webDist = web.dir;
  await writeFile(join(webDist, 'index.html'), `<!doctype html><head><script>${PRELOAD}</script></head><div id="app"></div><script type="module" src="/assets/app.js"></script>`);
}, 60_000);
afterAll(async () => {
  await plugins.close();
  for (const c of cleanups) await c();
});
/** The coordinator's session, so a refused write is refused for its origin, not for a missing sign-in. */
let cookie = '';
beforeEach(async () => {
  const t = await tempDir();
  store = await LowdbStore.open({ dir: t.dir });
  cleanups.push(t.cleanup);
  await seedUsers(store);
  cookie = await sessionCookie(appWith(), 'thuongtruc');
});
afterEach(() => store.close());

const appWith = (allowedHosts?: string[]) => createApp({ repository: store, plugins, config: { today: () => '2025-11-20', webDist, ...(allowedHosts ? { allowedHosts } : {}) } });
const create = (app: ReturnType<typeof createApp>, url: string, headers: Record<string, string> = {}) =>
  app.request(url, { method: 'POST', body: JSON.stringify({ template: 'fixture-tiny:tiny' }), headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers } });
const boards = async () => ((await (await appWith().request('http://127.0.0.1:8080/api/boards', { headers: { Cookie: cookie } })).json()) as BoardSummary[]).length;

describe('Host allow-list (DNS rebinding)', () => {
  it('a foreign Host gets 403 on reads, pages and writes, with a message naming the setting; nothing is stored', async () => {
    const app = appWith();
    for (const path of ['/api/boards', '/', '/boards/x']) {
      const res = await app.request(`http://rebind.attacker.example:8080${path}`);
      expect(res.status).toBe(403);
    }
    const res = await create(app, 'http://rebind.attacker.example:8080/api/boards', { Origin: 'http://rebind.attacker.example:8080' });
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as ApiError;
    expect(error.message).toBe('Máy chủ không phục vụ tên miền "rebind.attacker.example:8080". Nếu đây là tên của máy chủ, hãy thêm vào DONDOC_ALLOWED_HOSTS.');
    expect(await boards()).toBe(0);
  });

  it('loopback names and IP addresses are served by default; other names once listed', async () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'localhost', '[::1]:8080', '192.168.1.20:8080', 'board.localhost:8080']) {
      expect((await appWith().request(`http://${host}/api/health`)).status, host).toBe(200);
    }
    expect((await appWith(['dondoc.laocai.gov.vn']).request('http://dondoc.laocai.gov.vn/api/health')).status).toBe(200);
    expect((await appWith(['board.local:8443']).request('http://board.local:8443/api/health')).status).toBe(200);
    expect((await appWith(['board.local:8443']).request('http://board.local:9000/api/health')).status).toBe(403);
    expect((await appWith(['*']).request('http://anything.example/api/health')).status).toBe(200);
  });

  it('hostAllowed reads names, ports and IPv6 literals', () => {
    expect(hostAllowed('LOCALHOST:8080')).toBe(true);
    expect(hostAllowed('[::ffff:127.0.0.1]:80')).toBe(true);
    expect(hostAllowed('127.0.0.1.nip.io')).toBe(false);
    expect(hostAllowed('localhost.attacker.example')).toBe(false);
  });
});

describe('paths with dot segments', () => {
  // As the Node server hands them over: the request line as sent, before the URL parser folds `..`.
  const sent = (app: ReturnType<typeof createApp>, raw: string) => app.request(`http://127.0.0.1:8080${raw}`, { headers: { Cookie: cookie } }, { incoming: { url: raw } });

  it('a path whose "." or ".." (raw or %2e) would fold into another route is a 400, generated over every route prefix', async () => {
    const app = appWith();
    const segments = ['..', '.', '%2e%2e', '%2E%2e', '%2e', '.%2e'];
    const paths = ['/api/boards/:x/dashboard', '/api/boards/:x/events', '/api/boards/x/:x/:x/province', '/:x/api/boards', '/assets/:x/:x/dondoc.json'];
    let tried = 0;
    for (const seg of segments)
      for (const p of paths) {
        const res = await sent(app, p.replaceAll(':x', seg));
        expect(res.status, p.replaceAll(':x', seg)).toBe(400);
        expect(((await res.json()) as ApiError).error.messageEn).toMatch(/segment/);
        tried++;
      }
    expect(tried).toBe(30);
  });

  it('names with dots in them, and dots in the query, are not segments', async () => {
    const app = appWith();
    for (const raw of ['/api/boards', '/api/boards?q=..', '/api/boards?x=a/../b', '/assets/app.js'])
      expect((await sent(app, raw)).status, raw).not.toBe(400);
  });
});

describe('Origin check and CSRF on state-changing requests', () => {
  it('a write from another site\'s page is refused with 403 and stores nothing', async () => {
    const res = await create(appWith(), 'http://127.0.0.1:8080/api/boards', { Origin: 'https://attacker.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiError).error.message).toBe('Từ chối yêu cầu thay đổi dữ liệu gửi từ trang khác (https://attacker.example)');
    const nullOrigin = await create(appWith(), 'http://127.0.0.1:8080/api/boards', { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const noOriginCrossSite = await create(appWith(), 'http://127.0.0.1:8080/api/boards', { 'Sec-Fetch-Site': 'cross-site' });
    expect(noOriginCrossSite.status).toBe(403);
    const patch = await appWith().request('http://127.0.0.1:8080/api/boards/b/tasks/t', { method: 'PATCH', body: '{}', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:9999' } });
    expect(patch.status).toBe(403);
    expect(await boards()).toBe(0);
  });

  it('a cross-site form post (the classic CSRF) is refused by hono/csrf, even without an Origin header', async () => {
    const res = await appWith().request('http://127.0.0.1:8080/api/boards', { method: 'POST', body: 'template=fixture-tiny%3Atiny', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(403);
    expect(await boards()).toBe(0);
  });

  it('the app\'s own page, a proxy name on the list, and clients that are not browsers may write', async () => {
    expect((await create(appWith(), 'http://127.0.0.1:8080/api/boards', { Origin: 'http://127.0.0.1:8080', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
    expect((await create(appWith(['dondoc.laocai.gov.vn']), 'http://127.0.0.1:8080/api/boards', { Origin: 'https://dondoc.laocai.gov.vn' })).status).toBe(201);
    expect((await create(appWith(), 'http://127.0.0.1:8080/api/boards')).status).toBe(201);
    expect(await boards()).toBe(3);
  });

  it('originAllowed compares whole origins', () => {
    expect(originAllowed('http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/x')).toBe(true);
    expect(originAllowed('http://127.0.0.1:8081', 'http://127.0.0.1:8080/api/x')).toBe(false);
    expect(originAllowed('https://127.0.0.1:8080', 'http://127.0.0.1:8080/api/x')).toBe(false);
    expect(originAllowed('not a url', 'http://127.0.0.1:8080/api/x')).toBe(false);
  });
});

describe('security headers', () => {
  it('every response forbids framing and sniffing; the CSP allows the preload script by its hash and nothing else inline', async () => {
    const hash = createHash('sha256').update(PRELOAD).digest('base64');
    for (const path of ['/', '/boards/abc', '/api/health', '/api/nope']) {
      const res = await appWith().request(`http://127.0.0.1:8080${path}`);
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
      const csp = res.headers.get('Content-Security-Policy')!;
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
    }
    const refused = await appWith().request('http://evil.example/');
    expect(refused.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });
});
