// One Vitest run for every workspace package's unit tests; e2e specs belong to Playwright.
// Web component and store tests opt into a DOM with `// @vitest-environment happy-dom`.
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['shared/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
