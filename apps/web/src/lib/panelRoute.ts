// The task panel's place in the URL (`?task=<id>` beside the board's filters), so a link opens the same
// task; the panel component loads lazily and is fetched early, while the browser is idle.
import { computed, defineAsyncComponent } from 'vue';
import { useRoute, useRouter } from 'vue-router';

const load = () => import('../components/panel/TaskPanel.vue');
export const TaskPanel = defineAsyncComponent(load);

/** Fetches the panel's code ahead of the first click (after the board has painted). */
export function prefetchPanel(): void {
  const idle: (cb: () => void) => void = typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 2000 }) : (cb) => setTimeout(cb, 200);
  idle(() => void load());
}

export function usePanelRoute() {
  const route = useRoute();
  const router = useRouter();
  const taskId = computed(() => (typeof route.query.task === 'string' && route.query.task ? route.query.task : null));
  function open(id: string): void {
    // From the click (or Enter) to the panel's first frame is what the bench calls "opening the panel".
    performance.mark('dondoc:panel-click');
    void router.push({ query: { ...route.query, task: id } });
  }
  function close(): void {
    const { task: _task, ...rest } = route.query;
    void router.replace({ query: rest });
  }
  return { taskId, open, close };
}
