// Injection key for "the board's filters changed": a count the board bumps on every filter change, so
// a cell whose cards changed because of a filter (a keystroke in the search box) builds what the screen
// shows first, while a move, which must show and focus its card at once, renders the whole window.
import type { InjectionKey, Ref } from 'vue';

export const FILTER_EPOCH_KEY: InjectionKey<Readonly<Ref<number>>> = Symbol('filter-epoch');
