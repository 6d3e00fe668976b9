// "Leave this page?": the browser's own warning on reload or close while a save is on its way or typed
// text is unsaved, and a confirm in the user's language before an in-app page change drops text that waits
// on them (a refused save, a clash). Nothing is asked when nothing is pending.
import { watch } from 'vue';
import type { Router } from 'vue-router';
import { anyUnsaved, anyWaiting, waitingInTask } from './unsavedDrafts.ts';

export interface LeaveGuardOptions {
  /** Whether the board has writes on their way (moves, saves) besides the fields' own. */
  pending: () => boolean;
  /** Asks the user whether to leave anyway; true leaves. */
  confirm: () => boolean;
  /** Asks whether to close the task's panel (or show another task) anyway; default `confirm`. */
  confirmTask?: () => boolean;
}

function warn(e: BeforeUnloadEvent): void {
  e.preventDefault();
  // Older Chromium asks only when returnValue is set.
  e.returnValue = true;
}

/** How the page asks (set by `guardLeaving`); until then nothing is asked. */
let ask: () => boolean = () => true;

/** Whether the panel may leave task `task` (close, or show another task): asked only while its text waits on the user. */
export const mayLeaveTask = (task: string): boolean => !waitingInTask(task) || ask();

export function guardLeaving(router: Router, opts: LeaveGuardOptions): void {
  ask = opts.confirmTask ?? opts.confirm;
  // Listening only while something is unsaved: an unload listener left on for good would also keep the
  // page out of the browser's back/forward cache.
  watch(
    () => anyUnsaved.value || opts.pending(),
    (on) => (on ? window.addEventListener('beforeunload', warn) : window.removeEventListener('beforeunload', warn)),
    { immediate: true },
  );
  // In the app, a save on its way finishes on its own (the store outlives the page); text that waits on
  // the user goes with the page, or with the task's panel when that closes or shows another task. Opening
  // a task over the page keeps the page's fields; a session that ended keeps the drafts for after sign-in,
  // so the way to the sign-in page is never asked about.
  router.beforeEach((to, from) => {
    if (to.name === 'login') return true;
    if (to.path === from.path) {
      const open = typeof from.query.task === 'string' ? from.query.task : '';
      return !open || to.query.task === open || mayLeaveTask(open);
    }
    return !anyWaiting.value || opts.confirm();
  });
}
