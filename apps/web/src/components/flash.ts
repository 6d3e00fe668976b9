// Tasks someone else just changed, provided by the board so each cell can flash its cards without
// every cell (and its tests) needing the live store.
import type { InjectionKey, Ref } from 'vue';

export const FLASH_KEY: InjectionKey<Readonly<Ref<ReadonlySet<string>>>> = Symbol('flashing');
