// Injection key for "the board has painted once": until then cells render only the cards inside
// the window, with no overscan, so the first frame builds a few dozen cards instead of ~100.
import type { InjectionKey, Ref } from 'vue';

export const BOARD_PAINTED_KEY: InjectionKey<Readonly<Ref<boolean>>> = Symbol('board-painted');
