// Who is signed in: loaded once per page, cleared on sign-out or when the server says the session ended.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me } from '@dondoc/server';
import { abilityFor, roleOn, type Role } from '@dondoc/shared/permissions';
import * as api from '../api/client.ts';
import { takePreloadedAnswer } from '../lib/boardPreload.ts';
import { forgetDrafts } from '../lib/unsavedDrafts.ts';

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /** Set once the first "who am I" answered (signed in or not). */
  const checked = ref(false);

  const user = computed(() => me.value?.user ?? null);
  const isAdmin = computed(() => me.value?.user.admin ?? false);
  /** Whether the user may make boards (from a template, a plan or a backup): the server's rule for a request on no board. */
  const canCreateBoards = computed(() => (me.value ? abilityFor({ role: roleOn(me.value.user, null), agency: '' }).can('create', 'Board') : false));

  /** Asks the server once (or takes the answer index.html asked for while the app loaded); a 401 means signed out. */
  async function load(): Promise<Me | null> {
    try {
      const pre = await takePreloadedAnswer('/api/auth/me');
      // The preloaded body is GET /api/auth/me's JSON: the same answer api.me() types; anything but a 200 or 401 asks again, so errors carry the server's message.
      if (pre?.status === 200) me.value = pre.body as Me;
      else if (pre?.status === 401) me.value = null;
      else me.value = await api.me();
    } catch (e) {
      if (!(e instanceof api.ApiRequestError && e.status === 401)) throw e;
      me.value = null;
    } finally {
      checked.value = true;
    }
    return me.value;
  }

  async function login(login: string, password: string): Promise<Me> {
    me.value = await api.login({ login, password });
    checked.value = true;
    // Drafts kept when a session ended are put back for the user who typed them, never for another.
    forgetDrafts(me.value.user.id);
    return me.value;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      me.value = null;
      forgetDrafts();
    }
  }

  async function changePassword(current: string, next: string): Promise<void> {
    me.value = await api.changePassword({ current, next });
  }

  /** The server ended the session (expired, disabled, logged out elsewhere). */
  function expired(): void {
    me.value = null;
  }

  /** The user's role on a board (admin everywhere, else the board's entry, else "*"). */
  const roleOnBoard = (boardId: string | null): Role | null => (me.value ? roleOn(me.value.user, boardId) : null);

  return { me, checked, user, isAdmin, canCreateBoards, load, login, logout, changePassword, expired, roleOnBoard };
});
