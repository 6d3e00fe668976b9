// Oversized request bodies get a 413 naming the limit, on the real app, and the store is untouched.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ApiError, BoardSummary } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import { MAX_BODY_BYTES } from './body-limit.ts';

let store: LowdbStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;
let plugins: PluginHost;

beforeEach(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  store = await LowdbStore.open({ dir: t.dir });
  plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'e2e/fixtures/plugins'), timeoutMs: 200 });
  app = createApp({ repository: store, plugins, config: { today: () => '2025-11-20', webDist: t.dir } });
  await seedUsers(store);
  cookie = await sessionCookie(app, 'thuongtruc');
}, 60_000);
let cookie = '';
afterEach(async () => {
  await plugins.close();
  await store.close();
  await cleanup();
});

const post = (path: string, body: string) => app.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Cookie: cookie } });

it('refuses a body over 1 MB on ordinary routes with 413 and a Vietnamese message naming the limit', async () => {
  const res = await post('/api/boards', JSON.stringify({ template: 'fixture-tiny:tiny', title: 'x'.repeat(MAX_BODY_BYTES) }));
  expect(res.status).toBe(413);
  const { error } = (await res.json()) as ApiError;
  expect(error).toMatchObject({ code: 'too-large', message: 'Nội dung yêu cầu quá lớn: giới hạn là 1 MB' });
  expect((await (await app.request('/api/boards', { headers: { Cookie: cookie } })).json()) as BoardSummary[]).toEqual([]);
});

it('lets an import preview carry a few megabytes (a plan file), and still reads it', async () => {
  // 2.3 MB of text within the importer's row limits: over the 1 MB cap of other requests, under the import one.
  const res = await post('/api/import/preview', JSON.stringify({ text: `STT\tNội dung\tThời hạn\n${`1\t${'x'.repeat(150)}\t2025\n`.repeat(15_000)}` }));
  expect(res.status).toBe(200);
});

it('lets ordinary small requests through', async () => {
  const res = await post('/api/boards', JSON.stringify({ template: 'fixture-tiny:tiny' }));
  expect(res.status).toBe(201);
});
