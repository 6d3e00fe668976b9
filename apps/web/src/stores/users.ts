// Accounts as the administrator manages them: the list, and each change answered by the server's record.
// A one-time password is handed to the caller to show once and is never kept in the store.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/admin.ts';
import { apiMessage } from '../lib/apiMessage.ts';

export const useUsersStore = defineStore('users', () => {
  const users = ref<api.UserInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    error.value = null;
    try {
      users.value = await api.listUsers();
      loaded.value = true;
    } catch (e) {
      error.value = apiMessage(e);
    }
  }

  /** Puts the server's answer in place of the old record (or adds it). */
  function put(user: api.UserInfo): void {
    const i = users.value.findIndex((u) => u.id === user.id);
    if (i >= 0) users.value.splice(i, 1, user);
    else users.value.push(user);
  }

  async function create(input: api.NewUser): Promise<api.UserWithPassword> {
    const created = await api.createUser(input);
    put(created.user);
    return created;
  }

  async function update(userId: string, change: api.UserChange): Promise<api.UserInfo> {
    const user = await api.updateUser(userId, change);
    put(user);
    return user;
  }

  async function resetPassword(userId: string): Promise<api.UserWithPassword> {
    const reset = await api.resetPassword(userId);
    put(reset.user);
    return reset;
  }

  return { users, loaded, error, load, create, update, resetPassword };
});
