// A board's backup and restore, as a user does it: download "Sao lưu (JSON)" from the board's export
// menu, choose that file under "Khôi phục từ tệp sao lưu" on the board list, and land on a new board
// showing the same cards, in the same columns, with their history from before the restore. A file of
// a newer format is refused in Vietnamese and makes nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoardBackup, type BoardSummary } from '@dondoc/shared';
import { test, expect } from '../support/fixtures.ts';
import { apiAs } from '../support/auth.ts';
import { card, demoBoard, openBoard } from '../support/board.ts';
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';

test.describe.configure({ mode: 'serial' });

let original: DecodedBoard;
let backupPath = '';

test.beforeAll(async ({ server }) => {
  const demo = await demoBoard(server.url);
  // A card with a life of its own first: moved to "Đang thực hiện" with an owner, so the restore has state to keep.
  const api = await apiAs(server.url, 'thuongtruc');
  const t = demo.tasks[0]!;
  const moved = await api(`/api/boards/${demo.board.id}/tasks/${t.id}/move`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: t.version, track: t.track, column: 'doing', afterId: null }) });
  expect(moved.status).toBe(200);
  const v = ((await moved.json()) as { task: { version: number } }).task.version;
  expect((await api(`/api/boards/${demo.board.id}/tasks/${t.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: v, owner: 'Phạm Thị Lan' }) })).status).toBe(200);
  original = boardOf(await (await api(`/api/boards/${demo.board.id}`)).json());
});

test('the backup downloads from the export menu and restores from the board list into a board with the same cards', async ({ page, server }, info) => {
  await openBoard(page, original.board.id);
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-backup')).toContainText('Sao lưu (JSON)');
  await page.getByTestId('export-backup').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(info.outputDir, 'export-backup-1600.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^Sao lưu - .+ \d{4}-\d{2}-\d{2}\.json$/);
  backupPath = join(info.outputDir, download.suggestedFilename());
  await download.saveAs(backupPath);
  const backup = BoardBackup.parse(JSON.parse(readFileSync(backupPath, 'utf8')));
  expect(backup.tasks.map((t) => t.id).sort()).toEqual(original.tasks.map((t) => t.id).sort());

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Khôi phục từ tệp sao lưu' })).toBeVisible();
  await page.getByTestId('board-list-restore-file').setInputFiles(backupPath);
  await page.waitForURL((url) => /^\/boards\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(original.board.id));
  await page.getByTestId('board').waitFor();
  const newId = new URL(page.url()).pathname.split('/').pop()!;

  // The same cards, each in the same column, on the new board.
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-total', String(original.tasks.length));
  const moved = original.tasks[0]!;
  await expect(card(page, moved.id)).toBeVisible();
  await expect(card(page, moved.id)).toContainText(moved.content.slice(0, 30));
  await expect(page.getByTestId(`cell-${moved.track}-doing`).locator(`[data-task-id="${moved.id}"]`)).toHaveCount(1);
  const api = await apiAs(server.url, 'thuongtruc');
  const restored = boardOf(await (await api(`/api/boards/${newId}`)).json());
  const place = (b: DecodedBoard) => b.tasks.map((t) => [t.id, t.track, t.column, t.content, t.owner, t.version].join('|')).sort();
  expect(place(restored)).toEqual(place(original));
  const listed = (await (await api('/api/boards')).json()) as BoardSummary[];
  expect(listed.filter((b) => b.title === original.board.title)).toHaveLength(2);

  // The moved card's history: the restore here, then what happened before it, marked as from the backup.
  await page.goto(`/boards/${newId}?task=${moved.id}`);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row').first()).toBeVisible();
  await expect(page.locator('[data-testid="history-row"][data-op="board.restore"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="history-row"][data-from-backup="true"][data-op="task.move"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="history-row"][data-from-backup="true"]').first()).toContainText('trước khi khôi phục từ tệp sao lưu');
});

test('a backup from a newer dondoc is refused in Vietnamese and makes no board', async ({ page, server }, info) => {
  const api = await apiAs(server.url, 'thuongtruc');
  const before = ((await (await api('/api/boards')).json()) as BoardSummary[]).length;
  const newer = join(info.outputDir, 'newer.json');
  mkdirSync(info.outputDir, { recursive: true });
  writeFileSync(newer, JSON.stringify({ ...JSON.parse(readFileSync(backupPath, 'utf8')), version: 99 }));
  const broken = join(info.outputDir, 'broken.json');
  writeFileSync(broken, '{"format": "dondoc-board-backup", "version": 1, ');

  await page.goto('/');
  await page.getByTestId('board-list-restore-file').setInputFiles(newer);
  await expect(page.getByTestId('board-list-restore-error')).toContainText('Tệp sao lưu được tạo bởi phiên bản mới hơn của dondoc');
  await page.getByTestId('board-list-restore-file').setInputFiles(broken);
  await expect(page.getByTestId('board-list-restore-error')).toContainText('Tệp không phải JSON');
  await expect(page).toHaveURL(/\/$/);
  for (const [name, size] of [['1600x900', { width: 1600, height: 900 }], ['390x844', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(size);
    await page.getByTestId('board-list-restore').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(info.outputDir, `restore-${name}.png`) });
  }
  expect(((await (await api('/api/boards')).json()) as BoardSummary[]).length).toBe(before);
});
