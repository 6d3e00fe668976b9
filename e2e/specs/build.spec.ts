// The build learns what each plugin of the repo contributes (`describe-plugins.mjs`, run by
// scripts/build.mjs), so the first `pnpm start` after a build loads no plugin just to ask it; and it
// marks the web app's start chunks for eager compiling (vite.config.ts), and only those.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../support/server.ts';

test('the built plugin describer records every built plugin of the repo, keyed by its built file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-described-'));
  try {
    const out = execFileSync(process.execPath, [join(repoRoot, 'apps/server/dist/describe-plugins.mjs'), dir], { cwd: repoRoot, encoding: 'utf8' });
    const built = readdirSync(join(repoRoot, 'plugins'))
      .map((name) => join(repoRoot, 'plugins', name, 'dist', 'index.mjs'))
      .filter((file) => existsSync(file));
    expect(built.length).toBeGreaterThan(5);
    expect(out).toContain(`described ${built.length} of ${built.length}`);
    const cache = JSON.parse(readFileSync(join(dir, 'plugin-descriptions.json'), 'utf8')) as Record<string, { sha256: string; description: Record<string, unknown> }>;
    expect(Object.keys(cache).sort()).toEqual([...built].sort());
    for (const file of built) expect(cache[file]!.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    // What a description holds: the contributions as data (here the 5-rõ plugin's three checklists).
    const checklist = cache[join(repoRoot, 'plugins/checklist-5ro/dist/index.mjs')]!.description as { checklists?: Array<{ id: string }> };
    expect(checklist.checklists?.map((c) => c.id)).toEqual(['5ro', '4ro', '6ro']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the web build marks the chunks every page loads at start for eager compiling, and no chunk loaded later', () => {
  const dist = join(repoRoot, 'apps/web/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // What a page loads at start: the entry and the chunks index.html preloads for it.
  const start = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(start.length).toBeGreaterThan(3);
  const all = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  const hinted = all.filter((file) => readFileSync(join(dist, file), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'));
  expect(hinted.sort()).toEqual([...start].sort());
  // The charts library is loaded by the dashboards alone.
  expect(all.some((file) => /echarts/.test(file) && !hinted.includes(file))).toBe(true);
});
