// The list of boards and the templates a new board can be made from.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Board } from '@dondoc/shared/model';
import type { BoardSummary } from '@dondoc/shared/api';
import * as api from '../api/client.ts';

export const useBoardsStore = defineStore('boards', () => {
  const boards = ref<BoardSummary[]>([]);
  const templates = ref<api.TemplateInfo[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [b, t] = await Promise.all([api.listBoards(), api.listTemplates()]);
      boards.value = b;
      templates.value = t;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  async function create(template: string, title?: string): Promise<Board> {
    const board = await api.createBoard(title ? { template, title } : { template });
    // The new board's counts come from the server: the list is read again.
    boards.value = await api.listBoards();
    return board;
  }

  return { boards, templates, loading, error, load, create };
});
