import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectWhenIdle } from './idle-collect.ts';

describe('collectWhenIdle', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('collects once after requests stop for the quiet time, not while they keep coming, and not again until more come', () => {
    const server = new EventEmitter();
    const collect = vi.fn();
    const stop = collectWhenIdle(server, { quietMs: 1000, minIntervalMs: 0, collect });
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

  it('keeps collections at least the minimum interval apart', () => {
    const server = new EventEmitter();
    const collect = vi.fn();
    collectWhenIdle(server, { quietMs: 500, minIntervalMs: 10_000, collect });
    for (let i = 0; i < 6; i++) {
      server.emit('request');
      vi.advanceTimersByTime(2000);
    }
    // Quiet gaps every 2 s, but collections only after 10 s and then 10 s apart.
    expect(collect).toHaveBeenCalledTimes(1);
  });
});
