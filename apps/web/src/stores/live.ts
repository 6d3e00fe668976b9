// Live updates as the page shows them: whether the tab's stream is connected, and the changes other
// people made to tasks while it was open (the panel tells its user, a card flashes) — one store for
// the board, triage and meeting views, fed by the tab's single stream (composables/liveBoard.ts).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';

export type LiveStatus = 'off' | 'connecting' | 'live' | 'offline';

/** A change someone else made to a task, as this tab received it. */
export interface RemoteChange {
  by: string;
  op: string;
  /** When this tab received it (ms since epoch): a panel opened before it says so. */
  receivedAt: number;
  seq: number;
}

/** How long a card shows that someone else just changed it. */
export const FLASH_MS = 2500;

export const useLiveStore = defineStore('live', () => {
  const status = ref<LiveStatus>('off');
  /** Latest remote change per task id; replaced, never mutated, so views re-read it. */
  const remote = shallowRef<ReadonlyMap<string, RemoteChange>>(new Map());
  /** Task ids changed by someone else in the last few seconds. */
  const flashing = shallowRef<ReadonlySet<string>>(new Set());
  /** The last change sequence this tab has applied. */
  const seq = ref(0);

  function noteRemote(taskIds: readonly string[], change: Omit<RemoteChange, 'receivedAt'>): void {
    if (taskIds.length === 0) return;
    const at = Date.now();
    const next = new Map(remote.value);
    for (const id of taskIds) next.set(id, { ...change, receivedAt: at });
    remote.value = next;
    flashing.value = new Set([...flashing.value, ...taskIds]);
    setTimeout(() => {
      const left = new Set(flashing.value);
      for (const id of taskIds) if (remote.value.get(id)?.receivedAt === at) left.delete(id);
      flashing.value = left;
    }, FLASH_MS);
  }

  function reset(): void {
    remote.value = new Map();
    flashing.value = new Set();
    seq.value = 0;
  }

  return { status, remote, flashing, seq, noteRemote, reset };
});
