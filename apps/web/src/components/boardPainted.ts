// Injection key for how far a board's first screen has got. Until its cards have painted, cells build
// only the cards inside the browser window, with no overscan, so the first frame holds a few dozen
// cards instead of ~100; and each step is a task or frame of its own, none a long task:
// 'skeleton': the cells are rendered with no card, and laid out and painted in a frame;
// 'cards': in the task after that frame each cell reads where it is (no forced layout) and builds its
//   in-window cards, which the next frame lays out and paints;
// 'painted': they have painted; cells widen to their full windows, one a frame.
import type { InjectionKey, Ref } from 'vue';

export type FirstPaint = 'skeleton' | 'cards' | 'painted';

export const BOARD_FIRST_PAINT_KEY: InjectionKey<Readonly<Ref<FirstPaint>>> = Symbol('board-first-paint');
