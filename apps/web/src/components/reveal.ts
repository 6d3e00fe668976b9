// Injection key for "scroll this task into view and focus it", sent by keyboard moves to every cell.
import type { InjectionKey, Ref } from 'vue';

export interface RevealRequest {
  taskId: string;
  /** Bumped on every request so asking twice for the same task still fires. */
  seq: number;
  /** The cell the task is in now: the other cells skip searching their thousands of cards. */
  track?: string;
  column?: string;
}
export const REVEAL_KEY: InjectionKey<Ref<RevealRequest | null>> = Symbol('reveal');
