// Where the server's own files are, whether it runs from its sources (tsx, Vitest) or from its
// build (`apps/server/dist`, made by scripts/build.mjs): both sit two folders below the repo root.
import { join, resolve } from 'node:path';

/** Running from the build: plain JavaScript, no TypeScript loader in any thread. */
export const BUILT = !import.meta.url.endsWith('.ts');

/** apps/server/src or apps/server/dist. */
export const SERVER_DIR = import.meta.dirname;

export const REPO_ROOT = resolve(SERVER_DIR, '../../..');

/** A worker's module (sources: src/workers/<name>.ts; build: dist/<name>.mjs), or a bootstrap (plain .mjs in both). */
export const workerModule = (name: 'host-worker' | 'plugin-worker' | 'bootstrap' | 'process-bootstrap'): URL =>
  new URL(name === 'bootstrap' || name === 'process-bootstrap' ? (BUILT ? `./${name}.mjs` : `./workers/${name}.mjs`) : BUILT ? `./${name}.mjs` : `./workers/${name}.ts`, import.meta.url);

/** PostgreSQL migrations (copied beside the build). */
export const MIGRATIONS_DIR = BUILT ? join(SERVER_DIR, 'migrations') : join(SERVER_DIR, 'store/postgres/migrations');
