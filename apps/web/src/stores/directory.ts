// The province's agency directory: canonical names, other spellings, and whether a name covers many
// agencies. Saved whole (PUT), as the server keeps it; the users page picks agencies from it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/admin.ts';
import { apiMessage } from '../lib/apiMessage.ts';

export const useDirectoryStore = defineStore('directory', () => {
  const agencies = ref<api.DirectoryEntry[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return;
    error.value = null;
    try {
      agencies.value = await api.getDirectory();
      loaded.value = true;
    } catch (e) {
      error.value = apiMessage(e);
    }
  }

  /** Saves the list; on refusal nothing changes here and the error (with its field) goes to the caller. */
  async function save(list: api.DirectoryInput): Promise<void> {
    agencies.value = await api.saveDirectory(list);
    loaded.value = true;
  }

  return { agencies, loaded, error, load, save };
});
