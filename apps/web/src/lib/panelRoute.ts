// The task panel's place in the URL (`?task=<id>` beside the board's filters), so a link opens the same
// task; the panel component loads lazily and is fetched early, while the browser is idle.
import { computed, defineAsyncComponent, shallowRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { afterFrame } from './perf.ts';
import { mayLeaveTask } from './leaveGuard.ts';

const load = () => import('../components/panel/TaskPanel.vue');
export const TaskPanel = defineAsyncComponent(load);

/** Fetches the panel's code ahead of the first click (after the board has painted). */
export function prefetchPanel(): void {
  const idle: (cb: () => void) => void = typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 2000 }) : (cb) => setTimeout(cb, 200);
  idle(() => void load());
}

/**
 * A task opened but not yet in the URL. The panel shows in the click's own frame and the URL follows
 * right after it: a history push, and the route change every view on the page then reacts to, cost
 * more than the panel's first render.
 */
const opening = shallowRef<string | null>(null);
let closes = 0;

export function usePanelRoute() {
  const route = useRoute();
  const router = useRouter();
  const inUrl = computed(() => (typeof route.query.task === 'string' && route.query.task ? route.query.task : null));
  const taskId = computed(() => opening.value ?? inUrl.value);
  function open(id: string): void {
    // Showing another task in the panel drops the text of the one open: asked first, while it waits on the user.
    const shown = taskId.value;
    if (shown && shown !== id && !mayLeaveTask(shown)) return;
    // From the click (or Enter) to the panel's first frame is what the bench calls "opening the panel".
    performance.mark('dondoc:panel-click');
    opening.value = id;
    const closesBefore = closes;
    void afterFrame().then(async () => {
      if (opening.value !== id) return; // closed, or another task opened, within the frame
      try {
        await router.push({ query: { ...route.query, task: id } });
      } finally {
        if (opening.value === id) opening.value = null;
        // Closed while the URL was being written: take the task back out of it.
        else if (closes !== closesBefore && inUrl.value === id) void router.replace({ query: withoutTask() });
      }
    });
  }
  const withoutTask = () => {
    const { task: _task, ...rest } = route.query;
    return rest;
  };
  function close(): void {
    closes++;
    opening.value = null;
    if (inUrl.value) void router.replace({ query: withoutTask() });
  }
  return { taskId, open, close };
}
