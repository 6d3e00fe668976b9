// "Leave this page?": the browser's own warning on reload or close while a save is on its way or typed
// text is unsaved, and a confirm in the user's language before an in-app page change drops text that waits
// on them (a refused save, a clash). Nothing is asked when nothing is pending.
import { watch } from 'vue';
import type { Router } from 'vue-router';
import { anyUnsaved, anyWaiting } from './unsavedDrafts.ts';

export interface LeaveGuardOptions {
  /** Whether the board has writes on their way (moves, saves) besides the fields' own. */
  pending: () => boolean;
  /** Asks the user whether to leave anyway; true leaves. */
  confirm: () => boolean;
}

function warn(e: BeforeUnloadEvent): void {
  e.preventDefault();
  // Older Chromium asks only when returnValue is set.
  e.returnValue = true;
}

export function guardLeaving(router: Router, opts: LeaveGuardOptions): void {
  // Listening only while something is unsaved: an unload listener left on for good would also keep the
  // page out of the browser's back/forward cache.
  watch(
    () => anyUnsaved.value || opts.pending(),
    (on) => (on ? window.addEventListener('beforeunload', warn) : window.removeEventListener('beforeunload', warn)),
    { immediate: true },
  );
  // In the app, a save on its way finishes on its own (the store outlives the page); text that waits on
  // the user goes with the page. Opening and closing a task stays on the page; a session that ended keeps
  // the drafts for after sign-in, so the way to the sign-in page is never asked about.
  router.beforeEach((to, from) => {
    if (to.name === 'login' || to.path === from.path || !anyWaiting.value) return true;
    return opts.confirm();
  });
}
