// The build learns what each plugin of the repo contributes (`describe-plugins.mjs`, run by
// scripts/build.mjs), so the first `pnpm start` after a build loads no plugin just to ask it.
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
