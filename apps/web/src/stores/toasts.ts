// Short-lived notices for the user (failed moves, conflicts), shown by ToastStack.
import { defineStore } from 'pinia';
import { readonly, ref } from 'vue';

export interface Toast {
  id: number;
  kind: 'error' | 'warning' | 'info';
  message: string;
}

/** How long a toast stays before it leaves by itself; errors stay longer so they get read. */
const LIFETIME_MS = { error: 10_000, warning: 8_000, info: 4_000 } as const;

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function push(kind: Toast['kind'], message: string): number {
    const id = nextId++;
    toasts.value = [...toasts.value, { id, kind, message }];
    setTimeout(() => dismiss(id), LIFETIME_MS[kind]);
    return id;
  }

  return { toasts: readonly(toasts), push, dismiss };
});
