// Routes: the board list, a board (filters and the open task live in its query string), its triage,
// chase-up and "my unit" views, its dashboard and meetings (a meeting's minutes and its full-screen
// presentation), the overview of every board and the province at a glance, the plugins page, the plan import.
import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import { useSessionStore } from './stores/session.ts';
// Eager: a lazy chunk would delay the board's fetch by a round trip on the heaviest page.
import BoardView from './views/BoardView.vue';

/** Pages open without signing in. */
const PUBLIC = new Set(['login']);

export function makeRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
      { path: '/password', name: 'password', component: () => import('./views/PasswordView.vue') },
      { path: '/', name: 'boards', component: () => import('./views/BoardListView.vue') },
      { path: '/boards/:boardId', name: 'board', component: BoardView },
      { path: '/boards/:boardId/triage', name: 'triage', component: () => import('./views/TriageView.vue') },
      { path: '/boards/:boardId/chase', name: 'chase', component: () => import('./views/ChaseView.vue') },
      { path: '/boards/:boardId/mine', name: 'mine', component: () => import('./views/MineView.vue') },
      // The dashboards carry the charting library: it loads with these routes only.
      { path: '/boards/:boardId/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
      { path: '/dashboard', name: 'overview', component: () => import('./views/DashboardView.vue') },
      { path: '/province', name: 'province', component: () => import('./views/ProvinceView.vue') },
      { path: '/boards/:boardId/meetings', name: 'meetings', component: () => import('./views/MeetingsView.vue') },
      { path: '/boards/:boardId/meetings/:meetingId', name: 'minutes', component: () => import('./views/MinutesView.vue') },
      // Meeting mode takes the whole screen: no app header.
      { path: '/boards/:boardId/meetings/:meetingId/present', name: 'meeting', component: () => import('./views/MeetingView.vue'), meta: { fullscreen: true } },
      { path: '/plugins', name: 'plugins', component: () => import('./views/PluginsView.vue') },
      // ?board=<id> preselects the board the tasks are appended to.
      { path: '/import', name: 'import', component: () => import('./views/ImportView.vue') },
      // Administration: administrators only (the server refuses everyone else anyway).
      { path: '/admin', redirect: { name: 'admin-users' } },
      { path: '/admin/users', name: 'admin-users', component: () => import('./views/admin/AdminUsersView.vue'), meta: { admin: true } },
      { path: '/admin/directory', name: 'admin-directory', component: () => import('./views/admin/AdminDirectoryView.vue'), meta: { admin: true } },
      { path: '/admin/audit', name: 'admin-audit', component: () => import('./views/admin/AdminAuditView.vue'), meta: { admin: true } },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });
  // Every page but sign-in needs a session; a user on a one-time password must choose their own first.
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.checked) await session.load().catch(() => null);
    if (PUBLIC.has(String(to.name))) return session.me && to.name === 'login' ? '/' : true;
    if (!session.me) return { name: 'login', query: { next: to.fullPath } };
    if (session.me.user.mustChangePassword && to.name !== 'password') return { name: 'password', query: { next: to.fullPath } };
    if (to.meta.admin && !session.isAdmin) return { name: 'boards' };
    return true;
  });
  return router;
}
