// Entry point: Pinia, the router and i18n around the app shell.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeRouter } from './router.ts';
import { i18n } from './i18n/index.ts';
import './styles/global.css';

import { onUnauthorized } from './api/client.ts';
import { useSessionStore } from './stores/session.ts';
import { useBoardStore } from './stores/board.ts';
import { keepDrafts } from './lib/unsavedDrafts.ts';
import { guardLeaving } from './lib/leaveGuard.ts';
import { nextTask } from './lib/perf.ts';

// The app starts in a task after the one that evaluated its modules: on a first visit (nothing compiled
// yet) the two together were one long task. (Not a top-level await: that splits the entry's modules
// into twice as many chunks.)
function start(): void {
  document.documentElement.lang = i18n.global.locale.value;
  const pinia = createPinia();
  const router = makeRouter();
  createApp(App).use(pinia).use(router).use(i18n).mount('#app');
  // A session that ended while the page was open (expired, disabled, signed out elsewhere): sign in again, then come back.
  onUnauthorized(() => {
    const session = useSessionStore(pinia);
    // What the user typed and had not saved waits in this tab for them (and only them) to sign in again.
    const user = session.user?.id;
    const kept = user ? keepDrafts(user) : 0;
    session.expired();
    const here = router.currentRoute.value;
    // `ended` makes the sign-in page say why it is there (the user did not ask to sign out), and `kept` that their unsaved text waits.
    if (here.name !== 'login') void router.push({ name: 'login', query: { next: here.fullPath, ended: '1', ...(kept > 0 ? { kept: String(kept) } : {}) } });
  });
  const board = useBoardStore(pinia);
  guardLeaving(router, {
    pending: () => board.pendingCount > 0,
    confirm: () => window.confirm(i18n.global.t('panel.leaveUnsaved')),
    confirmTask: () => window.confirm(i18n.global.t('panel.closeUnsaved')),
  });
}
void nextTask().then(start);
