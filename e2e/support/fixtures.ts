// A Playwright test with a dondoc server per spec file (worker scope), started with the
// failing fixture plugin so every spec also runs beside a broken plugin.
import { test as base } from '@playwright/test';
import { join } from 'node:path';
import { DondocServer, fixturePlugins } from './server.ts';
import { signIn } from './auth.ts';

/**
 * `login` (default the coordinator, "thuongtruc") signs each test's page in before it runs; set it
 * to null with `test.use({ login: null })` for tests that start signed out.
 */
export const test = base.extend<{ baseURL: string; login: string | null }, { server: DondocServer }>({
  login: ['thuongtruc', { option: true }],
  page: async ({ page, login }, use) => {
    if (login) await signIn(page, login);
    await use(page);
  },
  server: [
    async ({}, use) => {
      const server = new DondocServer({ env: { DONDOC_PLUGINS: join(fixturePlugins, 'broken-throws') } });
      await server.start();
      await use(server);
      await server.stop();
      server.cleanup();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect } from '@playwright/test';
