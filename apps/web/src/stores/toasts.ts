// Short-lived notices for the user (failed moves, conflicts, "Đã xóa … Hoàn tác"), shown by ToastStack.
import { defineStore } from 'pinia';
import { readonly, ref } from 'vue';

export interface ToastAction {
  /** The button's words ("Hoàn tác"). */
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: 'error' | 'warning' | 'info';
  message: string;
  action?: ToastAction;
  /** How long it stays (ms) unless hovered or focused; errors and undos stay longer so they get read. */
  duration: number;
}

const LIFETIME_MS = { error: 10_000, warning: 8_000, info: 5_000 } as const;
/** A toast that offers an action (undo) stays long enough to reach it. */
const ACTION_LIFETIME_MS = 10_000;

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  /** Shows a notice; ToastStack closes it after its duration (the timer pauses while it is hovered or focused). */
  function push(kind: Toast['kind'], message: string, action?: ToastAction): number {
    const id = nextId++;
    const duration = action ? ACTION_LIFETIME_MS : LIFETIME_MS[kind];
    toasts.value = [...toasts.value, { id, kind, message, duration, ...(action ? { action } : {}) }];
    return id;
  }

  return { toasts: readonly(toasts), push, dismiss };
});
