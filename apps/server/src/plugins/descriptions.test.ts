import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DescriptionCache } from './descriptions.ts';

describe('DescriptionCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-described-'));
  const entry = join(dir, 'index.mjs');

  it('gives back what was recorded for a built file while the file is unchanged, across a save and reopen', () => {
    writeFileSync(entry, 'export default { templates: [] };');
    const cache = DescriptionCache.open(dir);
    expect(cache.get(entry)).toBeUndefined();
    cache.set(entry, { templates: [{ id: 'a' }] });
    cache.save();
    expect(DescriptionCache.open(dir).get(entry)).toEqual({ templates: [{ id: 'a' }] });
  });

  it('forgets a description once the built file changed, so the plugin is loaded and described again', () => {
    writeFileSync(entry, 'export default { templates: [] };');
    const cache = DescriptionCache.open(dir);
    cache.set(entry, { templates: [] });
    cache.save();
    writeFileSync(entry, 'export default { exporters: [] };');
    expect(DescriptionCache.open(dir).get(entry)).toBeUndefined();
  });

  it('starts empty from an unreadable cache file instead of failing the start', () => {
    writeFileSync(join(dir, 'plugin-descriptions.json'), '{ not json');
    expect(DescriptionCache.open(dir).get(entry)).toBeUndefined();
  });
});
