// Helpers for task-work specs: pick demo tasks by what they are (not by id), open a task's panel,
// and read a task through the API.
import type { Page } from '@playwright/test';
import type { BoardSummary, Task } from '@dondoc/shared';
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { apiAs } from './auth.ts';

export type Api = Awaited<ReturnType<typeof apiAs>>;

export async function coordinatorApi(baseURL: string): Promise<Api> {
  return apiAs(baseURL, 'thuongtruc');
}

export async function firstBoard(api: Api): Promise<DecodedBoard> {
  const boards = (await (await api('/api/boards')).json()) as BoardSummary[];
  return boardOf(await (await api(`/api/boards/${boards.find((b) => !b.archived)!.id}`)).json());
}

export async function taskById(api: Api, boardId: string, taskId: string): Promise<Task> {
  return ((await (await api(`/api/boards/${boardId}/tasks/${taskId}`)).json()) as { task: Task }).task;
}

/** JSON write through the API as the session's user; throws with the server's answer when refused. */
export async function write(api: Api, method: string, path: string, body: unknown): Promise<unknown> {
  const res = await api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Opens a task's panel through its shareable URL. */
export async function openTask(page: Page, boardId: string, taskId: string): Promise<void> {
  await page.goto(`/boards/${boardId}?task=${taskId}`);
  await page.getByRole('dialog').waitFor();
}

/** A small real PNG (1×1), as a phone camera would send an image. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
