// @vitest-environment happy-dom
// A cell of thousands of cards renders only a window of them, padded to the full height.
import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { nextTick, ref } from 'vue';
import BoardCell from './BoardCell.vue';
import { i18n } from '../i18n/index.ts';
import { buildTaskView } from '../lib/taskView.ts';
import { OVERSCAN, SLOT } from '../lib/layout.ts';
import { BOARD_FIRST_PAINT_KEY, type FirstPaint } from './boardPainted.ts';
import { FILTER_EPOCH_KEY } from './filterEpoch.ts';
import { makeTask } from '../testing/factory.ts';
import { nextPaint } from '../lib/perf.ts';
import type { ColumnId } from '@dondoc/shared/model';

const items = Array.from({ length: 5000 }, (_, i) => buildTaskView(makeTask({ id: `t${i}`, rank: i }), [], '2025-11-20'));

describe('BoardCell', () => {
  it('renders a window of cards and pads for the rest', () => {
    const w = mount(BoardCell, { props: { track: 'cchc', column: 'todo', items }, global: { plugins: [i18n] } });
    const cards = w.findAll('[data-testid=task-card]');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThan(20);
    expect(cards[0]!.attributes('data-task-id')).toBe('t0');
    const list = w.get('[role=list]');
    const padBottom = parseInt((list.element as HTMLElement).style.paddingBottom, 10);
    expect(padBottom).toBe((5000 - cards.length) * SLOT);
    expect(list.attributes('data-before-id')).toBe('');
  });

  it('before the board\'s first paint builds no card until the cells are laid out, then only the cards inside the browser window, then the full window', async () => {
    const painted = ref<FirstPaint>('skeleton');
    const w = mount(BoardCell, { props: { track: 'cchc', column: 'todo', items }, global: { plugins: [i18n], provide: { [BOARD_FIRST_PAINT_KEY as symbol]: painted } } });
    await nextTick();
    // None while the cells are laid out: their first frame has no card.
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(0);
    painted.value = 'cards';
    await nextTick();
    const inWindow = Math.ceil(Math.min(800, window.innerHeight) / SLOT);
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(inWindow);
    painted.value = 'painted';
    await vi.waitFor(() => expect(w.findAll('[data-testid=task-card]')).toHaveLength(Math.ceil(800 / SLOT) + OVERSCAN));
  });

  it('a cell below the browser window builds no card for the first screen', async () => {
    const painted = ref<FirstPaint>('skeleton');
    const w = mount(BoardCell, { props: { track: 'cchc', column: 'todo', items }, global: { plugins: [i18n], provide: { [BOARD_FIRST_PAINT_KEY as symbol]: painted } } });
    const scroller = w.get('[data-testid=cell-cchc-todo]').element as HTMLElement;
    scroller.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: window.innerHeight + 10, width: 300, height: 800 });
    painted.value = 'cards';
    await nextTick();
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(0);
  });

  it('after the first paint widens the board\'s cells one a frame, so no task or frame builds every cell\'s overscan at once', async () => {
    const painted = ref<FirstPaint>('skeleton');
    const mountCell = (column: ColumnId) => mount(BoardCell, { props: { track: 'cchc', column, items }, global: { plugins: [i18n], provide: { [BOARD_FIRST_PAINT_KEY as symbol]: painted } } });
    const cells = [mountCell('todo'), mountCell('doing'), mountCell('done')];
    await nextTick();
    const inWindow = Math.ceil(Math.min(800, window.innerHeight) / SLOT);
    const full = Math.ceil(800 / SLOT) + OVERSCAN;
    const counts = () => cells.map((w) => w.findAll('[data-testid=task-card]').length);
    // Every cell's first cards are built in the same task.
    expect(counts()).toEqual([0, 0, 0]);
    painted.value = 'cards';
    await nextTick();
    expect(counts()).toEqual([inWindow, inWindow, inWindow]);
    painted.value = 'painted';
    await nextTick();
    expect(counts()).toEqual([inWindow, inWindow, inWindow]);
    await nextPaint();
    expect(counts()).toEqual([full, inWindow, inWindow]);
    await nextPaint();
    expect(counts()).toEqual([full, full, inWindow]);
    await nextPaint();
    expect(counts()).toEqual([full, full, full]);
  });

  it('after the first paint, cards a filter changed (a keystroke in the search box) build what the screen shows first, the overscan a frame later; a move builds the whole window at once', async () => {
    const painted = ref<FirstPaint>('painted');
    const epoch = ref(0);
    const w = mount(BoardCell, { props: { track: 'cchc', column: 'todo', items }, global: { plugins: [i18n], provide: { [BOARD_FIRST_PAINT_KEY as symbol]: painted, [FILTER_EPOCH_KEY as symbol]: epoch } } });
    await nextTick();
    const full = Math.ceil(800 / SLOT) + OVERSCAN;
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(full);
    await w.setProps({ items: items.slice(1) });
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(full);
    epoch.value++;
    await w.setProps({ items: items.slice(100) });
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(Math.ceil(800 / SLOT));
    expect(w.findAll('[data-testid=task-card]')[0]!.attributes('data-task-id')).toBe('t100');
    // The list keeps its full height meanwhile: only the padding stands in for the cards not built yet.
    const list = w.get('[role=list]').element as HTMLElement;
    expect(parseInt(list.style.paddingBottom, 10) / SLOT + w.findAll('[data-testid=task-card]').length).toBe(items.length - 100);
    await new Promise((done) => setTimeout(done, 50));
    expect(w.findAll('[data-testid=task-card]')).toHaveLength(full);
  });

  it('shows later cards after scrolling, and names the card above the window', async () => {
    const w = mount(BoardCell, { props: { track: 'cchc', column: 'todo', items }, global: { plugins: [i18n] } });
    const scroller = w.get('[data-testid=cell-cchc-todo]').element as HTMLElement;
    scroller.scrollTop = SLOT * 2000;
    await w.get('[data-testid=cell-cchc-todo]').trigger('scroll');
    await nextTick();
    const first = w.findAll('[data-testid=task-card]')[0]!.attributes('data-task-id');
    const start = Number(first!.slice(1));
    expect(start).toBeGreaterThan(1990);
    expect(start).toBeLessThanOrEqual(2000);
    expect(w.get('[role=list]').attributes('data-before-id')).toBe(`t${start - 1}`);
  });
});
