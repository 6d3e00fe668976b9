// The preview as a workbench, as a user works it: upload a plan whose agency cells name agencies
// the directory does not know, map one to a directory entry and see every row that had it fixed,
// add the other to the board's directory, correct a deadline in place, import, see the board.
import { boardOnServer } from '../support/board.ts';
import { test, expect } from '../support/fixtures.ts';

test.describe.configure({ mode: 'serial' });

/** A plan as someone saved it from Word to Markdown, in a ".txt" file, under its header block. */
const PLAN = [
  'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
  'Số: 77/KH-UBND',
  'Lào Cai, ngày 02 tháng 3 năm 2026',
  'KẾ HOẠCH',
  'Chuyển đổi số trong cơ quan nhà nước năm 2026',
  '',
  '**PHỤ LỤC**',
  '',
  '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn | Kết quả dự kiến |',
  '|---|---|---|---|---|---|',
  '| **I** | **Hạ tầng số** | | | | |',
  '| 1 | Nâng cấp mạng truyền số liệu chuyên dùng | Sở TT&TT | Các sở, ban, ngành | Quý II/2026 | Mạng được nâng cấp |',
  '| 2 | Phủ sóng 5G các khu công nghiệp | Ban Quản lý khu kinh tế | Sở TT&TT | Tháng 9/2026 | Báo cáo kết quả |',
  '| **II** | **Dữ liệu số** | | | | |',
  '| 3 | Số hóa hồ sơ TTHC | Sở TT&TT và các đơn vị liên quan | Văn phòng UBND tỉnh | Trước tháng 7/2026 | 100% hồ sơ được số hóa |',
  '| 4 | Kết nối CSDL dân cư | Công an tỉnh | Sở TT&TT | Hằng quý | Báo cáo |',
  '| 5 | Công khai dữ liệu mở | Sở Khoa học và Công nghệ | | 30/09/26 | Danh mục dữ liệu mở |',
].join('\n');

test('unknown agencies are mapped or added in the preview, every row follows, and the board keeps them', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'ke-hoach-cds-2026.txt', mimeType: 'text/plain', buffer: Buffer.from(PLAN) });

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-form')).toHaveText('Bảng Markdown');
  await expect(page.getByTestId('import-meta-title')).toHaveText('Kế hoạch chuyển đổi số trong cơ quan nhà nước năm 2026');
  await expect(page.getByTestId('import-task-row')).toHaveCount(5);
  // Group headings once per group.
  await expect(page.getByTestId('import-group-row')).toHaveText(['Phụ lục › I. Hạ tầng số', 'Phụ lục › II. Dữ liệu số']);
  // "Sở Y tế và các đơn vị liên quan"-style cells give the named lead plus the collective.
  await expect(page.locator('[data-testid="import-task-row"][data-index="2"] [data-testid="import-leads"]')).toHaveText('→ Sở TT&TT; Các cơ quan liên quan');
  // Two agencies the directory does not know, grouped under one kind with a count.
  const agencies = page.locator('[data-testid="import-warning-group"][data-code="unknown-agency"]');
  await expect(agencies.getByTestId('import-warning-count')).toHaveText('2');
  await expect(agencies.getByTestId('import-agency')).toHaveCount(2);
  await expect(agencies.locator('[data-agency="Sở TT&TT"]')).toContainText('(gặp 4 lần)');
  // The board is named after the plan's title, not the file.
  await expect(page.getByTestId('import-board-title')).toHaveValue('Kế hoạch chuyển đổi số trong cơ quan nhà nước năm 2026');
  await page.screenshot({ path: 'test-results/import-workbench-before.png' });
  // The workbench as the docs show it: the warnings with their fixes, and the rows below.
  await page.getByTestId('import-warnings').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/import-preview.png' });

  // Map "Sở TT&TT" (merged into Sở KH&CN in 2025) to its directory entry: every row that had it follows.
  const tttt = agencies.locator('[data-agency="Sở TT&TT"]');
  await tttt.getByTestId('import-agency-select').selectOption('Sở Khoa học và Công nghệ');
  await tttt.getByTestId('import-agency-map').click();
  const rowsWith = page.getByTestId('import-task-row').filter({ hasText: 'Sở TT&TT' });
  await expect(rowsWith).toHaveCount(4);
  for (const row of await rowsWith.all()) await expect(row).toContainText('→ Sở Khoa học và Công nghệ');
  await expect(agencies.getByTestId('import-warning-count')).toHaveText('1');

  // Add the other to the board's directory under its proper name.
  const bql = page.locator('[data-agency="Ban Quản lý khu kinh tế"]');
  await bql.getByTestId('import-agency-add').click();
  await bql.getByTestId('import-agency-name').fill('Ban Quản lý Khu kinh tế tỉnh');
  await bql.getByTestId('import-agency-add-confirm').click();
  await expect(page.locator('[data-testid="import-warning-group"][data-code="unknown-agency"]')).toHaveCount(0);
  await expect(page.getByTestId('import-agency-resolved')).toContainText('Thêm "Ban Quản lý Khu kinh tế tỉnh" vào danh bạ của bảng');

  // Correct a cell in place: the deadline is read again at once.
  const fifth = page.locator('[data-testid="import-task-row"][data-index="4"]');
  await expect(fifth).toContainText('Hạn 30/09/2026');
  await fifth.getByTestId('import-cell-deadline').click();
  await fifth.getByTestId('import-cell-deadline-editor').fill('Trước quý IV/2026');
  await fifth.getByTestId('import-cell-deadline-editor').press('Enter');
  await expect(fifth).toContainText('Hạn 30/09/2026');
  await expect(fifth.getByTestId('import-cell-deadline')).toContainText('Trước quý IV/2026');
  await page.screenshot({ path: 'test-results/import-workbench-after.png' });

  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/boards\/[^/]+$/);
  await expect(page.getByTestId('board')).toBeVisible();
  await expect(page.getByTestId('task-card')).toHaveCount(5);
  await expect(page.getByTestId('task-card').filter({ hasText: 'Nâng cấp mạng truyền số liệu' })).toContainText('Sở Khoa học và Công nghệ');
  await page.screenshot({ path: 'test-results/import-workbench-board.png' });

  const boardId = new URL(page.url()).pathname.split('/').pop()!;
  const stored = await boardOnServer(baseURL, boardId);
  expect(stored.board.title).toBe('Kế hoạch chuyển đổi số trong cơ quan nhà nước năm 2026');
  expect(stored.board.agencies).toEqual([
    { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở TT&TT'], collective: false },
    { name: 'Ban Quản lý Khu kinh tế tỉnh', aliases: ['Ban Quản lý khu kinh tế'], collective: false },
  ]);
  const byOrdinal = new Map(stored.tasks.map((t) => [t.ordinal, t]));
  expect(byOrdinal.get('1')!.leads).toEqual(['Sở Khoa học và Công nghệ']);
  expect(byOrdinal.get('2')!.leads).toEqual(['Ban Quản lý Khu kinh tế tỉnh']);
  expect(byOrdinal.get('3')!.leads).toEqual(['Sở Khoa học và Công nghệ', 'Các cơ quan liên quan']);
  expect(byOrdinal.get('5')!.deadline).toMatchObject({ raw: 'Trước quý IV/2026', due: '2026-09-30' });
});

test('on a phone the preview scrolls sideways and the columns brought into view can be edited', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'ke-hoach.txt', mimeType: 'text/plain', buffer: Buffer.from(PLAN) });
  const row = page.locator('[data-testid="import-task-row"][data-index="4"]');
  await expect(row).toBeVisible();
  const cell = row.getByTestId('import-cell-deadline');
  // The deadline column starts off screen; scrolled into view it is painted and takes a tap (Playwright's
  // click checks that the point it presses hits the cell, which a clipped group's did not).
  await cell.scrollIntoViewIfNeeded();
  const box = (await cell.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await cell.click();
  const editor = row.getByTestId('import-cell-deadline-editor');
  await expect(editor).toBeFocused();
  await editor.fill('Trước quý IV/2026');
  await editor.press('Enter');
  await expect(cell).toContainText('Trước quý IV/2026');
  await page.screenshot({ path: 'test-results/import-preview-phone.png' });
});
