#!/usr/bin/env node
// Builds what `pnpm start` runs: the web app (Vite) and the server as plain JavaScript (esbuild), so
// no thread of the running server carries a TypeScript loader or compiles a module at start-up.
//   node scripts/build.mjs              builds both
//   node scripts/build.mjs --if-changed builds each only when its sources changed since its last build
//                                       (a hash of every source file is kept beside each build)
//
// The server build (apps/server/dist): the server, its two worker modules and their bootstraps (thread and process), the
// PostgreSQL migrations; the workspace's own packages (TypeScript) are bundled in, every other
// package stays an import of the file it resolved to, written relative to the build so a package
// is loaded from where pnpm installed it. Each plugin of the repo's plugins/ folder is built the same
// way into its own dist/, with dondoc-build.json naming the entry it was built from; the server,
// run from its build, loads that instead of the plugin's TypeScript (plugin host, prebuiltEntry).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const ifChanged = process.argv.includes('--if-changed');

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) if (name !== 'node_modules' && name !== 'dist' && !name.endsWith('.test.ts')) yield* files(join(path, name));
  } else yield path;
}

/** Hash of the inputs (and of where the repo is: the server build imports packages by relative path). */
function sourceHash(inputs) {
  const hash = createHash('sha256');
  hash.update(root);
  for (const input of inputs)
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file));
      hash.update('\0');
      hash.update(readFileSync(file));
    }
  return hash.digest('hex');
}

/** Runs `make` unless `--if-changed` and the stamp in `outDir` matches the inputs. */
async function target(name, outDir, inputs, make) {
  const stamp = join(outDir, '.source-hash');
  const current = sourceHash(inputs);
  if (ifChanged && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === current) {
    console.log(`[dondoc] ${name}: đã build, không đổi / up to date`);
    return;
  }
  const t0 = performance.now();
  await make();
  writeFileSync(stamp, `${current}\n`);
  console.log(`[dondoc] ${name}: build xong / built in ${Math.round(performance.now() - t0)} ms`);
}

/**
 * Bundles the workspace's packages; leaves every other package as an import, of the very file
 * esbuild resolved it to (so the right export condition), relative to the output file.
 */
const packagesOutside = (outDir) => ({
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner' || args.path.startsWith('@dondoc/') || args.path.startsWith('node:')) return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      if (found.errors.length || !found.path || found.external) return found.errors.length ? { errors: found.errors } : { path: args.path, external: true };
      let rel = relative(outDir, found.path).split('\\').join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
  },
});

const common = (outDir) => ({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  plugins: [packagesOutside(outDir)],
  logLevel: 'warning',
});

async function buildServer() {
  const src = join(root, 'apps/server/src');
  const out = join(root, 'apps/server/dist');
  rmSync(out, { recursive: true, force: true });
  await build({
    ...common(out),
    entryPoints: {
      index: join(src, 'index.ts'),
      'host-worker': join(src, 'workers/host-worker.ts'),
      'plugin-worker': join(src, 'workers/plugin-worker.ts'),
      'describe-plugins': join(src, 'describe-plugins.ts'),
    },
    // Shared code is one chunk beside the entries (paths.ts finds the workers next to itself).
    splitting: true,
    chunkNames: '[name]-[hash]',
  });
  for (const bootstrap of ['bootstrap.mjs', 'process-bootstrap.mjs', 'process-bytes.mjs']) copyFileSync(join(src, 'workers', bootstrap), join(out, bootstrap));
  cpSync(join(src, 'store/postgres/migrations'), join(out, 'migrations'), { recursive: true });
}

async function buildPlugin(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entry = pkg.dondoc?.entry;
  if (typeof entry !== 'string' || !/\.[cm]?ts$/.test(entry)) return;
  const out = join(dir, 'dist');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({ ...common(out), entryPoints: { index: join(dir, entry) } });
  writeFileSync(join(out, 'dondoc-build.json'), `${JSON.stringify({ entry, built: './index.mjs' })}\n`);
}

const pluginDirs = readdirSync(join(root, 'plugins')).map((name) => join(root, 'plugins', name)).filter((dir) => existsSync(join(dir, 'package.json')));

await target('web', join(root, 'apps/web/dist'), ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'apps/web/tsconfig.json', 'shared/src', 'shared/package.json', 'pnpm-lock.yaml'], async () => {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: join(root, 'apps/web'), stdio: 'inherit' });
});
await target('server', join(root, 'apps/server/dist'), ['apps/server/src', 'apps/server/package.json', 'shared/src', 'shared/package.json', 'plugins', 'pnpm-lock.yaml', 'scripts/build.mjs'], async () => {
  await buildServer();
  await Promise.all(pluginDirs.map(buildPlugin));
  // What each plugin contributes, learnt now rather than by the first start (describe-plugins.ts). A
  // failure here costs only that: the first start describes them.
  try {
    execFileSync(process.execPath, [join(root, 'apps/server/dist/describe-plugins.mjs')], { cwd: root, stdio: 'inherit' });
  } catch (err) {
    console.warn(`[dondoc] plugin: chưa mô tả được / not described at build (${err.message}); the first start will`);
  }
});
