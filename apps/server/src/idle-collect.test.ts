import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectWhenIdle } from './idle-collect.ts';

describe('compactingCollection', () => {
  // In a process of its own under --expose-gc, as `pnpm start` runs the server: the old space is left
  // fragmented (every other object kept, spread over every page), then collected.
  const fragmentedThenCollected = (how: 'plain' | 'compacting') =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--expose-gc',
          '--max-semi-space-size=1',
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `
          import { getHeapSpaceStatistics } from 'node:v8';
          const { compactingCollection } = await import(${JSON.stringify(new URL('./idle-collect.ts', import.meta.url).href)});
          const kept = [];
          let all = [];
          for (let i = 0; i < 400_000; i++) all.push({ i, text: 'việc ' + i });
          gc();
          for (let i = 0; i < all.length; i += 2) kept.push(all[i]);
          all = null;
          gc();
          ${how === 'compacting' ? 'compactingCollection(gc)();' : 'gc();'}
          const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
          console.log(JSON.stringify({ size: old.space_size, used: old.space_used_size, kept: kept.length }));
          `,
        ],
        { encoding: 'utf8' },
      ),
    ) as { size: number; used: number; kept: number };

  it('gives back the pages a plain full collection leaves committed around what survived', () => {
    const plain = fragmentedThenCollected('plain');
    const compacted = fragmentedThenCollected('compacting');
    expect(compacted.kept).toBe(200_000);
    // What survived is the same; the pages holding it are not.
    expect(compacted.size - compacted.used).toBeLessThan((plain.size - plain.used) / 2);
  });
});

describe('collectWhenIdle', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('collects once after requests stop for the quiet time, not while they keep coming, and not again until more come', () => {
    const server = new EventEmitter();
    const collect = vi.fn();
    const stop = collectWhenIdle(server, { quietMs: 1000, minIntervalMs: 0, collect, minGrowthBytes: 0 });
    for (let i = 0; i < 20; i++) {
      server.emit('request');
      vi.advanceTimersByTime(300);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1500);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
    server.emit('request');
    vi.advanceTimersByTime(2000);
    expect(collect).toHaveBeenCalledTimes(2);
    stop();
    server.emit('request');
    vi.advanceTimersByTime(5000);
    expect(collect).toHaveBeenCalledTimes(2);
    expect(server.listenerCount('request')).toBe(0);
  });

  it('collects only after the heap grew by the threshold since the last collection left it', () => {
    const server = new EventEmitter();
    const MB = 1024 * 1024;
    let inUse = 100 * MB;
    // A collection leaves what is still reachable: here 90 MB, whatever garbage there was.
    const collect = vi.fn(() => (inUse = 90 * MB));
    collectWhenIdle(server, { quietMs: 1000, minIntervalMs: 0, collect, minGrowthBytes: 32 * MB, heapUsed: () => inUse });
    const burst = (grownMb: number) => {
      server.emit('request');
      inUse += grownMb * MB;
      vi.advanceTimersByTime(1500);
    };
    burst(0); // the start-up's garbage: 100 MB against nothing collected yet
    expect(collect).toHaveBeenCalledTimes(1);
    // A few clicks a minute make a few megabytes: no collection holds the next click.
    for (let i = 0; i < 10; i++) burst(2);
    expect(inUse).toBe(110 * MB);
    expect(collect).toHaveBeenCalledTimes(1);
    // An import's or a meeting's worth: the next quiet moment collects it.
    burst(15);
    expect(collect).toHaveBeenCalledTimes(2);
    expect(inUse).toBe(90 * MB);
    burst(31);
    expect(collect).toHaveBeenCalledTimes(2);
    burst(1);
    expect(collect).toHaveBeenCalledTimes(3);
  });

  it('keeps collections at least the minimum interval apart', () => {
    const server = new EventEmitter();
    const collect = vi.fn();
    collectWhenIdle(server, { quietMs: 500, minIntervalMs: 10_000, collect, minGrowthBytes: 0 });
    for (let i = 0; i < 6; i++) {
      server.emit('request');
      vi.advanceTimersByTime(2000);
    }
    // Quiet gaps every 2 s, but collections only after 10 s and then 10 s apart.
    expect(collect).toHaveBeenCalledTimes(1);
  });
});
