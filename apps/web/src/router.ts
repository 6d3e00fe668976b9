// Routes: the board list, a board (filters live in its query string), the plugins page, the plan import.
import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
// Eager: a lazy chunk would delay the board's fetch by a round trip on the heaviest page.
import BoardView from './views/BoardView.vue';

export function makeRouter(history: RouterHistory = createWebHistory()) {
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'boards', component: () => import('./views/BoardListView.vue') },
      { path: '/boards/:boardId', name: 'board', component: BoardView },
      { path: '/plugins', name: 'plugins', component: () => import('./views/PluginsView.vue') },
      // ?board=<id> preselects the board the tasks are appended to.
      { path: '/import', name: 'import', component: () => import('./views/ImportView.vue') },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });
}
