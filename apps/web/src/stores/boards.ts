// The list of boards (its counts kept live by the board list's stream) and the templates a new board can be made from.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Board } from '@dondoc/shared/model';
import type { BoardSummary } from '@dondoc/shared/api';
import { readBackupText } from '@dondoc/shared/backup';
import type { BoardCountsData } from '@dondoc/server';
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

  /** Makes a new board from a backup file; throws the refusal (in the user's language) when the file cannot be restored. */
  async function restore(file: File, locale: string): Promise<Board> {
    const read = readBackupText(await file.text());
    if (!read.ok) throw new Error(locale === 'en' ? read.refusal.messageEn : read.refusal.message);
    const board = await api.restoreBoard(read.backup);
    boards.value = await api.listBoards();
    return board;
  }

  /** One board's counts as the live stream sent them; a board this list does not know yet is read with the list again. */
  function applyCounts(data: BoardCountsData): void {
    if (data.deleted) {
      boards.value = boards.value.filter((b) => b.id !== data.board);
      return;
    }
    const at = boards.value.findIndex((b) => b.id === data.board);
    if (at < 0) {
      void api.listBoards().then((list) => (boards.value = list)).catch(() => {});
      return;
    }
    const b = boards.value[at]!;
    const next = [...boards.value];
    next[at] = { ...b, ...(data.title !== undefined ? { title: data.title } : {}), ...(data.archived !== undefined ? { archived: data.archived } : {}), ...(data.taskCount !== undefined ? { taskCount: data.taskCount } : {}), ...(data.counts ? { counts: data.counts } : {}) };
    boards.value = next;
  }

  return { boards, templates, loading, error, load, create, restore, applyCounts };
});
