// Boards as a coordinator keeps them: the list's counts (quá hạn, sắp đến hạn, hoàn thành), settings,
// rename, archive (listed apart, read-only) and delete with a confirmation that names the board; and the
// chase-up view with its letter.
import { readFileSync } from 'node:fs';
import type { Board, BoardSummary } from '@dondoc/shared';
import { test, expect } from '../support/fixtures.ts';
import { apiAs } from '../support/auth.ts';

test('board list counts, settings and rename, archive apart and read-only, delete only with the title typed', async ({ page, server }) => {
  const api = await apiAs(server.url, 'thuongtruc');
  const created = (await (await api('/api/boards', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ template: 'template-thanh-hoa:de-an-06-2025', title: 'Đề án 06 — bản thử' }) })).json()) as Board;
  const summaries = (await (await api('/api/boards')).json()) as BoardSummary[];
  const summary = summaries.find((b) => b.id === created.id)!;
  await page.goto('/');
  const item = page.locator(`[data-testid="board-list-item"][data-board-id="${created.id}"]`);
  await expect(item.getByTestId('board-count-late')).toHaveAttribute('data-count', String(summary.counts.late));
  await expect(item.getByTestId('board-count-soon')).toHaveAttribute('data-count', String(summary.counts.dueSoon));
  await expect(item.getByTestId('board-count-done')).toHaveText('Hoàn thành: 0');

  await item.getByRole('link').click();
  await page.getByTestId('board-settings-button').click();
  const settings = page.getByTestId('board-settings');
  await settings.getByTestId('board-title-input').fill('Đề án 06 — theo dõi tháng');
  await settings.getByTestId('board-soon-days').fill('3');
  await settings.getByTestId('board-issuer').fill('BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH');
  await settings.getByTestId('board-settings-save').click();
  await expect(page.getByTestId('board-title')).toHaveText('Đề án 06 — theo dõi tháng');
  const saved = (await (await api(`/api/boards/${created.id}`)).json()) as { board: Board };
  expect(saved.board.settings).toMatchObject({ soonDays: 3, issuer: 'BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH' });

  // Archived: read-only, listed apart.
  await page.getByTestId('board-settings-button').click();
  await page.getByTestId('board-archive').click();
  await expect(page.getByTestId('board-archived')).toBeVisible();
  await expect(page.locator('[data-testid^="add-"]')).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('archived-list').locator(`[data-board-id="${created.id}"]`)).toBeVisible();
  await expect(page.getByTestId('board-list').locator(`[data-board-id="${created.id}"]`)).toHaveCount(0);

  // Delete: the confirmation names the board and waits for its title.
  await page.getByTestId('archived-list').locator(`[data-board-id="${created.id}"]`).getByRole('link').click();
  await page.getByTestId('board-settings-button').click();
  await page.getByTestId('board-delete').click();
  const confirm = page.getByTestId('board-delete-dialog');
  await expect(confirm).toContainText('Xóa bảng "Đề án 06 — theo dõi tháng"?');
  await expect(confirm.getByTestId('board-delete-submit')).toBeDisabled();
  await confirm.getByTestId('board-delete-confirm').fill('Đề án 06 — theo dõi tháng');
  await confirm.getByTestId('board-delete-submit').click();
  await expect(page).toHaveURL(/\/$/);
  expect((await api(`/api/boards/${created.id}`)).status).toBe(404);
});

test('an archived board says so on its meetings and triage pages, not that the role may not, and triage rows keep their layout', async ({ page, server }) => {
  const api = await apiAs(server.url, 'thuongtruc');
  const json = { 'Content-Type': 'application/json' };
  const created = (await (await api('/api/boards', { method: 'POST', headers: json, body: JSON.stringify({ template: 'template-thanh-hoa:de-an-06-2025', title: 'Đề án 06 — lưu trữ' }) })).json()) as Board;
  expect((await api(`/api/boards/${created.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ archived: true }) })).status).toBe(200);

  // Meetings: the coordinator may hold meetings; what stops a new one is the archive, and the page says that.
  await page.goto(`/boards/${created.id}/meetings`);
  await expect(page.getByTestId('meetings-view').getByTestId('board-archived')).toHaveText('Bảng đã lưu trữ: chỉ xem.');
  await expect(page.getByText('Chỉ thường trực và lãnh đạo lập được cuộc họp.')).toHaveCount(0);
  await expect(page.getByTestId('meeting-form')).toHaveCount(0);

  // Triage: the note, no checkboxes, and each row's "n/5 rõ" badge its own size at the right, the task beside it.
  await page.goto(`/boards/${created.id}/triage`);
  await expect(page.getByTestId('triage-view').getByTestId('board-archived')).toBeVisible();
  const row = page.getByTestId('triage-row').first();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('triage-select')).toHaveCount(0);
  const [rowBox, badgeBox, bodyBox] = [await row.boundingBox(), await row.getByTestId('triage-badge').boundingBox(), await row.locator('.body').boundingBox()];
  expect(badgeBox!.width).toBeLessThan(120);
  expect(badgeBox!.x + badgeBox!.width).toBeGreaterThan(rowBox!.x + rowBox!.width - 30);
  expect(bodyBox!.width).toBeGreaterThan(rowBox!.width * 0.6);
  await page.screenshot({ path: '../docs/screenshots/archived-triage.png' });

  // An export only reads: the archived board's Phụ lục can still be taken to a meeting.
  await page.goto(`/boards/${created.id}`);
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-export-xlsx-xlsx').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(readFileSync((await file.path())!).subarray(0, 2).toString()).toBe('PK');
});

test('chase-up: late and due-soon tasks per agency with their last update, and the letter to copy or download', async ({ page, server }) => {
  const api = await apiAs(server.url, 'thuongtruc');
  const boards = (await (await api('/api/boards')).json()) as BoardSummary[];
  const board = boards.find((b) => !b.archived)!;
  await page.goto(`/boards/${board.id}/chase`);
  await expect(page.getByRole('heading', { name: 'Đôn đốc theo cơ quan' })).toBeVisible();
  const blocks = page.getByTestId('chase-agency-block');
  await expect(blocks.first()).toBeVisible();
  await expect(page.getByTestId('chase-row').first()).toBeVisible();
  const letter = page.getByTestId('chase-digest');
  await expect(letter).toHaveValue(/V\/v đôn đốc thực hiện nhiệm vụ tuần 50\/2025/);
  await expect(letter).toHaveValue(/Kính gửi/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chase-download').click()]);
  expect(download.suggestedFilename()).toBe('don-doc-tuan-50-2025.txt');
});
