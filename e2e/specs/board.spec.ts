// The board as a working group uses it: the demo plan in lanes and columns, drag and keyboard
// moves that survive a reload and a server restart, filters in the URL, CSV export, and a
// broken plugin that is reported while the board keeps working.
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { readFileSync } from 'node:fs';
import { matchesQuery, timelinessChip, prepareHaystack, taskSearchText } from '@dondoc/shared';
import { parseCsv, unguardFormula } from '../../plugins/export-csv/src/csv.ts';
import { test, expect } from '../support/fixtures.ts';
import type { Page } from '@playwright/test';
import { apiAs } from '../support/auth.ts';
import { card, cell, demoBoard, dragTo, openBoard, taskOnServer } from '../support/board.ts';

const TODAY = '2025-12-10';
test.describe.configure({ mode: 'serial' });

let payload: DecodedBoard;
test.beforeAll(async ({ server }) => {
  payload = await demoBoard(server.url);
});

test('the demo board shows the 49 tasks of Lào Cai Q4/2025 in three lanes', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('board-list-item').first().getByRole('link').first().click();
  await expect(page.getByTestId('board')).toBeVisible();
  for (const track of ['de-an-06', 'cchc', 'khcn-cds']) await expect(page.getByTestId(`lane-${track}`)).toBeVisible();
  const lanes = page.locator('section[data-track]');
  await expect(lanes).toHaveCount(3);
  const counts = await page.locator('[data-testid^="lane-count-"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(49);
  const perLane = async (track: string) =>
    (await page.getByTestId(`lane-${track}`).locator('[data-testid^="lane-count-"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count)))).reduce((a, b) => a + b, 0);
  expect(await perLane('khcn-cds')).toBe(23);
  expect(await perLane('cchc')).toBe(14);
  expect(await perLane('de-an-06')).toBe(12);
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-total', '49');
  // Cards carry the plan's text, lead agency, deadline chip and rõ badge.
  const first = page.getByTestId('task-card').first();
  await expect(first.getByTestId('task-content')).not.toBeEmpty();
  await expect(first.getByTestId('task-checks')).toContainText(/\d\/5/);
  await page.screenshot({ path: 'test-results/board.png' });
});

test('a real mouse drag moves a card to another column; it survives reload and a server restart', async ({ page, server }) => {
  const boardId = payload.board.id;
  await openBoard(page, boardId);
  const source = cell(page, 'khcn-cds', 'todo').getByTestId('task-card').first();
  const taskId = (await source.getAttribute('data-task-id'))!;
  await dragTo(page, source, cell(page, 'khcn-cds', 'doing'));
  await expect(cell(page, 'khcn-cds', 'doing').locator(`[data-task-id="${taskId}"]`)).toBeVisible();
  await expect.poll(async () => (await taskOnServer(server.url, boardId, taskId)).column).toBe('doing');

  await page.reload();
  await expect(cell(page, 'khcn-cds', 'doing').locator(`[data-task-id="${taskId}"]`)).toBeVisible();

  await server.restart();
  await page.reload();
  await expect(cell(page, 'khcn-cds', 'doing').locator(`[data-task-id="${taskId}"]`)).toBeVisible();
  await expect(cell(page, 'khcn-cds', 'todo').locator(`[data-task-id="${taskId}"]`)).toHaveCount(0);
});

test('a drag into another lane changes the track, and a drag within a column reorders', async ({ page, server }) => {
  const boardId = payload.board.id;
  await openBoard(page, boardId);
  const source = cell(page, 'cchc', 'todo').getByTestId('task-card').first();
  const taskId = (await source.getAttribute('data-task-id'))!;
  await dragTo(page, source, cell(page, 'de-an-06', 'done'), { x: 0.5, y: 0.9 });
  await expect.poll(async () => {
    const t = await taskOnServer(server.url, boardId, taskId);
    return `${t.track}/${t.column}`;
  }).toBe('de-an-06/done');

  // Reorder: drag the first card of Đề án 06 · Chưa thực hiện below the second.
  const cards = cell(page, 'de-an-06', 'todo').getByTestId('task-card');
  const firstId = (await cards.nth(0).getAttribute('data-task-id'))!;
  const secondId = (await cards.nth(1).getAttribute('data-task-id'))!;
  await dragTo(page, cards.nth(0), cards.nth(1), { x: 0.5, y: 0.8 });
  await expect.poll(async () => {
    const p = boardOf(await (await (await apiAs(server.url, 'thuongtruc'))(`/api/boards/${boardId}`)).json());
    // The payload lists cards in slots that outlive moves; a cell's order is its ranks'.
    const ids = p.tasks.filter((t) => t.track === 'de-an-06' && t.column === 'todo').sort((a, b) => a.rank - b.rank).map((t) => t.id);
    return ids.indexOf(firstId) > ids.indexOf(secondId);
  }).toBe(true);
  await page.reload();
  const after = cell(page, 'de-an-06', 'todo').getByTestId('task-card');
  await expect(after.nth(0)).toHaveAttribute('data-task-id', secondId);
  await expect(after.nth(1)).toHaveAttribute('data-task-id', firstId);
});

test('a card someone else moved meanwhile: the drop is refused, the board says so and shows where the task now is', async ({ page, server }) => {
  const boardId = payload.board.id;
  // Without its live stream (a proxy that drops it), so the other person's move is not shown before the drag.
  await page.route('**/events**', (route) => route.abort());
  await openBoard(page, boardId);
  const source = cell(page, 'cchc', 'todo').getByTestId('task-card').first();
  const taskId = (await source.getAttribute('data-task-id'))!;
  // Another member of the working group marks it "Hoàn thành" behind this page's back.
  const seen = await taskOnServer(server.url, boardId, taskId);
  const other = await (await apiAs(server.url, 'thuongtruc'))(`/api/boards/${boardId}/tasks/${taskId}/move`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ version: seen.version, track: 'cchc', column: 'done', afterId: null }),
  });
  expect(other.status).toBe(200);
  // This page still shows it in "Chưa thực hiện" and drags it to "Đang thực hiện".
  await dragTo(page, source, cell(page, 'cchc', 'doing'));
  const toast = page.getByTestId('toast').filter({ hasText: 'người khác thay đổi' });
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute('data-kind', 'warning');
  await expect(cell(page, 'cchc', 'done').locator(`[data-task-id="${taskId}"]`)).toBeVisible();
  await expect(cell(page, 'cchc', 'doing').locator(`[data-task-id="${taskId}"]`)).toHaveCount(0);
  expect((await taskOnServer(server.url, boardId, taskId)).column).toBe('done');
});

/**
 * Opens the board, picks up the first card of Đề án 06's "Chưa thực hiện" by keyboard and moves it a
 * column right (not dropped yet); returns its id. Đề án 06 only: specs after these, on the same server,
 * read the other lanes as the demo has them.
 */
async function pickUpAndMoveRight(page: Page): Promise<string> {
  await openBoard(page, payload.board.id);
  const source = cell(page, 'de-an-06', 'todo').getByTestId('task-card').first();
  const taskId = (await source.getAttribute('data-task-id'))!;
  await source.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  return taskId;
}

test('keyboard: Space picks a card up, → moves it a column, Space drops it', async ({ page, server }) => {
  const boardId = payload.board.id;
  const taskId = await pickUpAndMoveRight(page);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('move-announcer')).not.toBeEmpty();
  await expect.poll(async () => (await taskOnServer(server.url, boardId, taskId)).column).toBe('doing');
  await expect(cell(page, 'de-an-06', 'doing').locator(`[data-task-id="${taskId}"]`)).toBeVisible();
  await expect(card(page, taskId)).toBeFocused();
});

test('keyboard: a key pressed while the moved card is not yet focused again (the page scrolling to it) still drops it', async ({ page, server }) => {
  const boardId = payload.board.id;
  const taskId = await pickUpAndMoveRight(page);
  // Where the card is re-rendered out of sight, focus is on the page until it has scrolled there.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(page.locator('body')).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(async () => (await taskOnServer(server.url, boardId, taskId)).column).toBe('doing');
  await expect(page.getByTestId('move-announcer')).toHaveText(/Đã thả nhiệm vụ/);
});

test('keyboard: Space pressed on a first-screen card before the whole board is in picks it up once it is', async ({ page, server }) => {
  const boardId = payload.board.id;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  // The whole board (not the first screen's slice) is held, as on a slow line.
  await page.route(
    (url) => url.pathname === `/api/boards/${boardId}` && !url.searchParams.has('slice'),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.goto(`/boards/${boardId}`);
  const source = cell(page, 'de-an-06', 'todo').getByTestId('task-card').first();
  const taskId = (await source.getAttribute('data-task-id'))!;
  await expect(page.getByTestId('board')).toHaveAttribute('aria-busy', 'true');
  await source.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('move-announcer')).toHaveText(/Bảng đang tải/);
  release();
  await expect(page.getByTestId('board')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('move-announcer')).toHaveText(/Đã nhấc nhiệm vụ/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect.poll(async () => (await taskOnServer(server.url, boardId, taskId)).column).toBe('doing');
  await expect(card(page, taskId)).toBeFocused();
});

test('filter "quá hạn" shows exactly the late tasks, and the filter lives in the URL', async ({ page, server }) => {
  const boardId = payload.board.id;
  const api = await apiAs(server.url, 'thuongtruc');
  // The demo's one overdue task may have been moved to "Hoàn thành" by an earlier test: make two open tasks late.
  const before = boardOf(await (await api(`/api/boards/${boardId}`)).json());
  for (const t of before.tasks.filter((x) => x.column === 'todo' && x.track === 'khcn-cds').slice(0, 2)) {
    const res = await api(`/api/boards/${boardId}/tasks/${t.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: t.version, deadline: 'Tháng 11/2025' }) });
    expect(res.status).toBe(200);
  }
  const now = boardOf(await (await api(`/api/boards/${boardId}`)).json());
  const late = now.tasks.filter((t) => timelinessChip(t, TODAY).kind === 'late');
  expect(late.length).toBeGreaterThan(0);
  expect(late.length).toBeLessThan(49);
  await openBoard(page, boardId);
  await page.getByTestId('filter-time').selectOption('late');
  await expect(page).toHaveURL(/time=late/);
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-shown', String(late.length));
  for (const chip of await page.getByTestId('task-deadline').all()) await expect(chip).toHaveAttribute('data-chip', 'late');

  // The link shows the same view.
  await page.reload();
  await expect(page.getByTestId('filter-time')).toHaveValue('late');
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-shown', String(late.length));
  await page.getByTestId('filter-reset').click();
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-shown', '49');
});

test('search "so khcn" finds Sở KH&CN and Sở Khoa học và Công nghệ, ignoring diacritics', async ({ page, server }) => {
  const boardId = payload.board.id;
  const now = boardOf(await (await (await apiAs(server.url, 'thuongtruc'))(`/api/boards/${boardId}`)).json());
  const led = now.tasks.filter((t) => t.leads.includes('Sở Khoa học và Công nghệ'));
  expect(led.length).toBeGreaterThan(0);
  // The plan prints the short form; the card shows the directory's name, and search finds both.
  expect(led.length).toBeGreaterThan(0);
  const expected = now.tasks.filter((t) =>
    matchesQuery(prepareHaystack(taskSearchText(t)), 'so khcn'),
  );
  await openBoard(page, boardId);
  await page.getByTestId('filter-search').fill('so khcn');
  await expect(page).toHaveURL(/q=so\+khcn|q=so%20khcn/);
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-shown', String(expected.length));
  expect(expected.length).toBeLessThan(49);
  for (const t of led) expect(expected.map((e) => e.id)).toContain(t.id);
  const shownLead = page.getByTestId('task-lead').first();
  await expect(shownLead).toBeVisible();
});

test('CSV export downloads and parses back to 49 rows with Vietnamese intact', async ({ page }) => {
  const boardId = payload.board.id;
  await openBoard(page, boardId);
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-export-csv-csv').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('\r\n');
  const rows = parseCsv(text);
  const header = rows[0]!;
  const body = rows.slice(1).filter((r) => r.some((c) => c !== ''));
  expect(body).toHaveLength(49);
  const contentCol = header.indexOf('Nội dung');
  expect(contentCol).toBeGreaterThanOrEqual(0);
  // Bullets ("- …") carry the exporter's formula-guard apostrophe so Excel shows them as text.
  const cells = body.map((r) => r[contentCol]!);
  expect(cells.filter((c) => c.startsWith("'- ")).length).toBeGreaterThan(0);
  const contents = new Set(cells.map(unguardFormula));
  for (const t of payload.tasks) expect(contents.has(t.content)).toBe(true);
  expect(text).toContain('Sở Khoa học và Công nghệ');
});

test('a plugin that throws on load is listed as failed with its reason, and the board still works', async ({ page }) => {
  await page.goto('/plugins');
  const row = page.locator('[data-testid="plugin-row"][data-plugin="broken-throws"]');
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row.getByTestId('plugin-reason')).toContainText('broken-throws');
  await expect(page.locator('[data-testid="plugin-row"][data-plugin="export-csv"]')).toHaveAttribute('data-state', 'loaded');
  await openBoard(page, payload.board.id);
  await expect(page.getByTestId('task-card').first()).toBeVisible();
});
