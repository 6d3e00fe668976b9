// Warming a board's views in idle time: the whole idle period the browser offers is used, a slice at a
// time with a task between slices, and the next period is asked for only once this one is spent.
// Time is a counter that moves 1 ms per view warmed, so the slices and periods are exact.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTask } from '../testing/factory.ts';
import { isReactive, reactive, ref } from 'vue';
import { buildTaskView, warmHaystacks, type TaskView } from './taskView.ts';

let clock = 0;
let periods: ((deadline?: IdleDeadline) => void)[] = [];
beforeEach(() => {
  clock = 0;
  periods = [];
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  vi.stubGlobal('requestIdleCallback', (cb: (deadline?: IdleDeadline) => void) => void periods.push(cb));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const views = (n: number): TaskView[] => Array.from({ length: n }, (_, i) => buildTaskView(makeTask({ id: `t${i}`, content: `Số hóa hồ sơ ${i}` }), [], '2025-11-20'));

/** Hands the views out one at a time, each costing 1 ms of the fake clock; counts them. */
function ticking(list: TaskView[]): { views: Iterable<TaskView>; taken: () => number } {
  let taken = 0;
  return {
    views: (function* () {
      for (const v of list) {
        clock += 1;
        taken++;
        yield v;
      }
    })(),
    taken: () => taken,
  };
}

/** Runs the oldest idle callback with a period of `ms` (or as timed out) and waits until it asks for the next or ends. */
async function idlePeriod(ms: number | 'timed out'): Promise<void> {
  const cb = periods.shift()!;
  const end = clock + (ms === 'timed out' ? 0 : ms);
  cb({ didTimeout: ms === 'timed out', timeRemaining: () => Math.max(0, end - clock) });
  await vi.waitFor(() => expect(periods.length).toBe(1));
}

describe('warmHaystacks', () => {
  it('uses a whole 50 ms idle period, not one 8 ms slice of it, and asks for the next once it is spent', async () => {
    const list = views(200);
    const source = ticking(list);
    warmHaystacks(source.views);
    expect(periods).toHaveLength(1);
    await idlePeriod(50);
    expect(source.taken()).toBe(50);
    await idlePeriod(30);
    expect(source.taken()).toBe(80);
  });

  it('warms one slice when called only because its timeout passed (no idle time), then waits for idle again', async () => {
    const source = ticking(views(200));
    warmHaystacks(source.views, 8);
    await idlePeriod('timed out');
    expect(source.taken()).toBe(8);
  });

  it('stops asking once every view is warm, and when stopped', async () => {
    const list = views(30);
    const source = ticking(list);
    warmHaystacks(source.views);
    periods.shift()!({ didTimeout: false, timeRemaining: () => 50 });
    await vi.waitFor(() => expect(source.taken()).toBe(30));
    await new Promise((r) => setTimeout(r, 20));
    expect(periods).toHaveLength(0);
    expect(list[3]!.haystack.text.split(' ')).toEqual(expect.arrayContaining(['so', 'hoa', 'ho', '3', 'noi', 'vu']));

    const more = ticking(views(100));
    const stop = warmHaystacks(more.views);
    stop();
    periods.shift()!({ didTimeout: false, timeRemaining: () => 50 });
    await new Promise((r) => setTimeout(r, 20));
    expect(more.taken()).toBe(0);
    expect(periods).toHaveLength(0);
  });
});

describe('buildTaskView', () => {
  it('makes views Vue never turns into reactive proxies, however they are held', () => {
    const [view] = views(1);
    const held = reactive({ views: new Map([['t0', view!]]), list: [view!] });
    expect(isReactive(held.views.get('t0'))).toBe(false);
    expect(held.list[0]).toBe(view);
    expect(isReactive(ref(view).value)).toBe(false);
    expect(isReactive(reactive({ task: view!.task }).task)).toBe(true);
  });
});
