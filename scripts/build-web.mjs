#!/usr/bin/env node
// `pnpm start` builds the web app only when its sources changed since the last build: a hash of
// every source file (the app, the shared package it bundles, the lockfile) is kept beside the build.
// `pnpm build` always builds.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'apps/web/dist');
const stamp = join(dist, '.source-hash');
const inputs = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'apps/web/tsconfig.json', 'shared/src', 'shared/package.json', 'pnpm-lock.yaml'];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) if (name !== 'node_modules' && !name.endsWith('.test.ts')) yield* files(join(path, name));
  } else yield path;
}

const hash = createHash('sha256');
for (const input of inputs)
  for (const file of files(join(root, input))) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
  }
const current = hash.digest('hex');
const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (built === current && existsSync(join(dist, 'index.html'))) {
  console.log('[dondoc] giao diện web đã build, không đổi / web app up to date');
} else {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: join(root, 'apps/web'), stdio: 'inherit' });
  writeFileSync(stamp, `${current}\n`);
}
