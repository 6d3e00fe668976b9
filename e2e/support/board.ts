// Helpers shared by specs: read the board through the API, drag with a real, paced mouse.
import { expect, type Page, type Locator } from '@playwright/test';
import type { BoardSummary, Task } from '@dondoc/shared';
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { apiAs } from './auth.ts';

/** The demo board as the coordinator reads it. */
export async function demoBoard(baseURL: string): Promise<DecodedBoard> {
  const api = await apiAs(baseURL, 'thuongtruc');
  const boards = (await (await api('/api/boards')).json()) as BoardSummary[];
  const id = boards[0]!.id;
  return boardOf(await (await api(`/api/boards/${id}`)).json());
}

/** A board as the coordinator reads it from the server now. */
export async function boardOnServer(baseURL: string, boardId: string): Promise<DecodedBoard> {
  const api = await apiAs(baseURL, 'thuongtruc');
  return boardOf(await (await api(`/api/boards/${boardId}`)).json());
}

export async function taskOnServer(baseURL: string, boardId: string, taskId: string): Promise<Task> {
  const api = await apiAs(baseURL, 'thuongtruc');
  return ((await (await api(`/api/boards/${boardId}/tasks/${taskId}`)).json()) as { task: Task }).task;
}

/** Opens a board and waits until the whole of it is in (the first screen's cards come before, and cannot move yet). */
export async function openBoard(page: Page, boardId: string, query = ''): Promise<void> {
  await page.goto(`/boards/${boardId}${query}`);
  await expect(page.getByTestId('board')).toHaveAttribute('aria-busy', 'false');
}

export const cell = (page: Page, track: string, column: string): Locator => page.getByTestId(`cell-${track}-${column}`);
export const card = (page: Page, taskId: string): Locator => page.locator(`[data-testid="task-card"][data-task-id="${taskId}"]`);

/**
 * A real mouse drag: press on the source, move in small steps about 16 ms apart (as a hand
 * would), release over the target at `at` (fractions of the target's box).
 */
export async function dragTo(page: Page, source: Locator, target: Locator, at = { x: 0.5, y: 0.1 }): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const box = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  const viewport = page.viewportSize()!;
  const point = { x: to.x + to.width * at.x, y: to.y + Math.min(to.height * at.y, 200) };
  if (point.y < 0 || point.y > viewport.height) throw new Error(`drop point ${point.y}px is outside the viewport`);
  const from = { x: box.x + box.width / 2, y: box.y + Math.min(20, box.height / 2) };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 30;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((point.x - from.x) * i) / steps, from.y + ((point.y - from.y) * i) / steps);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(50);
  if (process.env.DRAG_DEBUG) await page.screenshot({ path: `test-results/drag-${Date.now()}.png` });
  await page.mouse.up();
}
