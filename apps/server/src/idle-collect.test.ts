import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectWhenIdle, compactingCollection } from './idle-collect.ts';

describe('compactingCollection', () => {
  // In a process of its own under --expose-gc, as `pnpm start` runs the server. As a burst leaves it: an
  // old space of garbage and survivors (one object in `every` kept, spread over every page), not yet
  // collected. Reports the old space after the collection and the process's peak resident memory (VmHWM).
  const fragmentedThenCollected = (how: 'plain' | 'compacting at once' | 'compacting', every: number) =>
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
          import { readFileSync } from 'node:fs';
          import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
          const { compactingCollection } = await import(${JSON.stringify(new URL('./idle-collect.ts', import.meta.url).href)});
          const kept = [];
          let all = [];
          for (let i = 0; i < 1_200_000; i++) all.push({ i, text: 'việc ' + i });
          gc();
          for (let i = 0; i < all.length; i += ${every}) kept.push(all[i]);
          all = null;
          const how = ${JSON.stringify(how)};
          if (how === 'compacting') await compactingCollection(gc)(() => true);
          else if (how === 'compacting at once') {
            setFlagsFromString('--compact-on-every-full-gc');
            gc();
          } else gc();
          const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
          const peakKb = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
          console.log(JSON.stringify({ size: old.space_size, used: old.space_used_size, kept: kept.length, peakMb: peakKb / 1024 }));
          `,
        ],
        { encoding: 'utf8' },
      ),
    ) as { size: number; used: number; kept: number; peakMb: number };

  it('gives back the pages a plain full collection leaves committed around what survived', () => {
    const plain = fragmentedThenCollected('plain', 2);
    const compacted = fragmentedThenCollected('compacting', 2);
    expect(compacted.kept).toBe(600_000);
    // What survived is the same; the pages holding it are not.
    expect(compacted.size - compacted.used).toBeLessThan((plain.size - plain.used) / 2);
  });

  it('peaks lower than one collection compacting every page at once, for the same pages given back', () => {
    // A third of the objects kept: compacting every page at once copies all of them into fresh pages
    // while the old ones, garbage and all, are still held.
    const atOnce = fragmentedThenCollected('compacting at once', 3);
    const stepwise = fragmentedThenCollected('compacting', 3);
    expect(stepwise.kept).toBe(atOnce.kept);
    expect(stepwise.size - stepwise.used).toBeLessThanOrEqual((atOnce.size - atOnce.used) * 1.5 + 1024 * 1024);
    // What the survivors take in pages (~30 MB), less what the first memory-saving step moves.
    expect(stepwise.peakMb).toBeLessThan(atOnce.peakMb - 10);
  });

  it('stops before the compacting collection when a request arrived, and says it did not finish', async () => {
    const calls: string[] = [];
    let heap = 200;
    const collect = compactingCollection(() => {
      calls.push('gc');
      heap -= 20;
    }, () => heap * 1024 * 1024);
    let quiet = true;
    const run = collect(() => quiet);
    quiet = false; // a request, while the first collection's turn of the event loop is under way
    expect(await run).toBe(false);
    expect(calls).toEqual(['gc']);
  });

  it('takes memory-saving steps while they give back, then compacts', async () => {
    let heap = 200;
    const gains = [30, 10, 0.5, 5];
    let calls = 0;
    const collect = compactingCollection(() => {
      heap -= gains[calls++] ?? 0;
    }, () => heap * 1024 * 1024);
    expect(await collect(() => true)).toBe(true);
    // Three steps (the third gave back under 1 MB), then the compacting one.
    expect(calls).toBe(4);
  });
});

describe('collectWhenIdle', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('collects once after requests stop for the quiet time, not while they keep coming, and not again until more come', () => {
    const server = new EventEmitter();
    const collect = vi.fn(() => true);
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
    const collect = vi.fn(() => {
      inUse = 90 * MB;
      return true;
    });
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
    const collect = vi.fn(() => true);
    collectWhenIdle(server, { quietMs: 500, minIntervalMs: 10_000, collect, minGrowthBytes: 0 });
    for (let i = 0; i < 6; i++) {
      server.emit('request');
      vi.advanceTimersByTime(2000);
    }
    // Quiet gaps every 2 s, but collections only after 10 s and then 10 s apart.
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('collects again at the next quiet moment when a request cut the last collection short', () => {
    const server = new EventEmitter();
    const finished = [false, true];
    const collect = vi.fn(() => finished.shift() ?? true);
    collectWhenIdle(server, { quietMs: 500, minIntervalMs: 0, collect, minGrowthBytes: 0 });
    server.emit('request');
    vi.advanceTimersByTime(600);
    expect(collect).toHaveBeenCalledTimes(1);
    // No request since, but the collection did not finish: the next quiet moment collects.
    vi.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('runs one collection at a time', async () => {
    vi.useRealTimers();
    const server = new EventEmitter();
    let release!: (finished: boolean) => void;
    const collect = vi.fn(() => new Promise<boolean>((r) => (release = r)));
    const stop = collectWhenIdle(server, { quietMs: 10, minIntervalMs: 0, collect, minGrowthBytes: 0 });
    server.emit('request');
    await vi.waitFor(() => expect(collect).toHaveBeenCalledTimes(1));
    server.emit('request');
    await new Promise((r) => setTimeout(r, 100));
    expect(collect).toHaveBeenCalledTimes(1);
    release(true);
    await vi.waitFor(() => expect(collect).toHaveBeenCalledTimes(2));
    stop();
  });
});
