// Three importer corrections as a user makes them: map the columns of a table whose header the
// importer does not know, choose an existing board after the preview (its directory then decides
// the matches), and bring a board's own Excel export back with its owner, approver and progress.
import type { Board, Task } from '@dondoc/shared';
import { apiAs } from '../support/auth.ts';
import { boardOnServer, taskOnServer } from '../support/board.ts';
import { test, expect } from '../support/fixtures.ts';

test.describe.configure({ mode: 'serial' });

/** A table pasted out of a spreadsheet without its header row. */
const NO_HEADER = ['1\tRà soát quy trình nội bộ\tSở Nội vụ\t31/12/2026\tQuyết định ban hành', '2\tSố hóa hồ sơ lưu trữ\tSở Tư pháp\tQuý III/2026\tCSDL hồ sơ'].join('\n');

test('a table with no header the importer knows is mapped column by column, with the mouse and the keyboard, and imported', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'bang-khong-tieu-de.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(NO_HEADER) });

  const table = page.getByTestId('import-table-0');
  await expect(table).toHaveAttribute('data-kind', 'skipped');
  await expect(page.getByTestId('import-task-row')).toHaveCount(0);
  // Every column has a picker, named by its position, and shows what its first rows hold.
  for (let c = 0; c < 5; c++) await expect(table.getByTestId(`import-mapping-${c}`)).toHaveValue('ignore');
  await expect(table.getByRole('combobox', { name: 'Cột 2' })).toBeVisible();
  await expect(table.getByTestId('import-column-1').getByTestId('import-column-sample').locator('li')).toHaveText(['Rà soát quy trình nội bộ', 'Số hóa hồ sơ lưu trữ']);
  await expect(table.getByTestId('import-mapping-1')).toHaveAccessibleDescription('Rà soát quy trình nội bộ Số hóa hồ sơ lưu trữ');
  await expect(page.getByTestId('import-submit')).toBeDisabled();
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '../docs/screenshots/import-column-pickers.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/import-column-pickers-phone.png' });
  await page.setViewportSize({ width: 1600, height: 900 });

  // The keyboard: on the first column's picker, Home picks the first field (STT); the table is read again with that mapping.
  const first = table.getByTestId('import-mapping-0');
  await first.focus();
  await page.keyboard.press('Home');
  await expect(first).toHaveValue('ordinal');
  await expect(table).toHaveAttribute('data-kind', 'tasks');
  await expect(table.getByTestId('import-mapping-notes')).toContainText('Chưa có cột nào là "Nội dung nhiệm vụ"');

  // The mouse: the second column is the task's content.
  await table.getByTestId('import-mapping-1').selectOption('content');
  await expect(page.getByTestId('import-task-row')).toHaveCount(2);
  await expect(page.getByTestId('import-task-row').first()).toContainText('Rà soát quy trình nội bộ');
  await expect(page.getByTestId('import-task-row').first().getByTestId('import-cell-ordinal')).toContainText('1');
  await expect(table.getByTestId('import-mapping-notes')).toContainText('Chưa có cột nào là "Cơ quan chủ trì"');
  await table.getByTestId('import-mapping-2').selectOption('leads');
  await expect(table.getByTestId('import-mapping-2')).toHaveValue('leads');
  await table.getByTestId('import-mapping-3').selectOption('deadline');
  await expect(page.locator('[data-testid="import-task-row"][data-index="1"]')).toContainText('Hạn 30/09/2026');
  await table.getByTestId('import-mapping-4').selectOption('output');
  await expect(table.getByTestId('import-mapping-notes')).toHaveCount(0);
  await expect(page.locator('[data-testid="import-task-row"][data-index="1"]')).toContainText('CSDL hồ sơ');

  await page.getByTestId('import-board-title').fill('Bảng nhập không tiêu đề');
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/boards\/[^/]+$/);
  await expect(page.getByTestId('task-card')).toHaveCount(2);
  await page.getByTestId('task-card').filter({ hasText: 'Số hóa hồ sơ lưu trữ' }).click();
  await expect(page.getByTestId('task-panel')).toBeVisible();
  await expect(page.getByTestId('field-output')).toHaveValue('CSDL hồ sơ');
  const stored = await boardOnServer(baseURL!, new URL(page.url()).pathname.split('/').pop()!);
  expect(stored.tasks.map((t) => [t.ordinal, t.content, t.leads, t.deadline.due, t.output]).sort()).toEqual([
    ['1', 'Rà soát quy trình nội bộ', ['Sở Nội vụ'], '2026-12-31', 'Quyết định ban hành'],
    ['2', 'Số hóa hồ sơ lưu trữ', ['Sở Tư pháp'], '2026-09-30', 'CSDL hồ sơ'],
  ]);
});

test("a headerless table's columns are read as their contents suggest, in one step the user takes", async ({ page }) => {
  await page.goto('/import');
  await page.getByTestId('import-text').fill(NO_HEADER);
  await page.getByTestId('import-preview-submit').click();
  const table = page.getByTestId('import-table-0');
  await expect(table).toHaveAttribute('data-kind', 'skipped');
  // Offered, not applied: nothing is read until the user agrees.
  const suggestion = table.getByTestId('import-suggestion');
  await expect(suggestion).toContainText('Cột 1 → STT, Cột 2 → Nội dung nhiệm vụ, Cột 3 → Cơ quan chủ trì, Cột 4 → Thời hạn, Cột 5 → Kết quả đầu ra');
  await expect(page.getByTestId('import-task-row')).toHaveCount(0);
  await suggestion.getByTestId('import-use-suggestion').click();
  await expect(table).toHaveAttribute('data-kind', 'tasks');
  await expect(table.getByTestId('import-suggestion')).toHaveCount(0);
  for (const [c, field] of ['ordinal', 'content', 'leads', 'deadline', 'output'].entries()) await expect(table.getByTestId(`import-mapping-${c}`)).toHaveValue(field);
  await expect(page.getByTestId('import-task-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="import-task-row"][data-index="1"]')).toContainText('Hạn 30/09/2026');
});

const PLAN_WITH_ALIAS = [
  '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |',
  '|---|---|---|---|',
  '| 1 | Đào tạo kỹ năng số cho sinh viên | Trường CD Lào Cai | 31/12/2026 |',
  '| 2 | Tập huấn chuyển đổi số | Trường CD Lào Cai | Quý IV/2026 |',
].join('\n');

test('choosing an existing board after the preview reads the plan again against that board\'s directory', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL!, 'thuongtruc');
  const res = await api('/api/boards/import', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Bảng có danh bạ riêng',
      plan: { id: 'p', title: 'Bảng có danh bạ riêng', tasks: [{ track: 'cchc', content: 'Việc sẵn có', leads: ['Sở Nội vụ'], partners: [], deadline: { raw: '', kind: 'none', flags: [] } }] },
      agencies: [{ name: 'Trường Cao đẳng Lào Cai', aliases: ['Trường CD Lào Cai'] }],
    }),
  });
  expect(res.status).toBe(201);
  const board = (await res.json()) as Board;

  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'ke-hoach.md', mimeType: 'text/markdown', buffer: Buffer.from(PLAN_WITH_ALIAS) });
  const unknown = page.locator('[data-testid="import-warning-group"][data-code="unknown-agency"]');
  await expect(unknown.locator('[data-agency="Trường CD Lào Cai"]')).toBeVisible();

  await page.getByTestId('import-target-existing').check();
  const reread = page.waitForRequest((r) => r.url().endsWith('/api/import/preview') && (r.postDataJSON() as { boardId?: string }).boardId === board.id);
  await page.getByTestId('import-board-select').selectOption(board.id);
  await reread;
  await expect(unknown).toHaveCount(0);
  await expect(page.locator('[data-testid="import-task-row"][data-index="0"] [data-testid="import-leads"]')).toHaveText('→ Trường Cao đẳng Lào Cai');

  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(new RegExp(`/boards/${board.id}$`));
  const stored = await boardOnServer(baseURL!, board.id);
  expect(stored.tasks.filter((t) => t.content !== 'Việc sẵn có').map((t) => t.leads)).toEqual([['Trường Cao đẳng Lào Cai'], ['Trường Cao đẳng Lào Cai']]);
});

test('a board exported to Excel comes back with its owner, approver and progress; an unknown owner is kept and warned about', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL!, 'thuongtruc');
  const json = { 'Content-Type': 'application/json' };
  const made = await api('/api/boards/import', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ plan: { id: 'p', title: 'Bảng xuất Excel', tasks: [{ track: 'cchc', ordinal: '1', content: 'Chuẩn hóa quy trình một cửa', leads: ['Sở Nội vụ'], partners: [], deadline: { raw: '31/12/2026', kind: 'date', due: '2026-12-31', flags: [] } }] } }),
  });
  const board = (await made.json()) as Board;
  const task = (await boardOnServer(baseURL!, board.id)).tasks[0]!;
  const patched = await api(`/api/boards/${board.id}/tasks/${task.id}`, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ version: task.version, owner: 'Nguyễn Văn An', approver: 'Phó Chủ tịch UBND tỉnh', progress: 60 }),
  });
  expect(patched.status).toBe(200);
  const xlsx = Buffer.from(await (await api(`/api/boards/${board.id}/export/export-xlsx/xlsx`)).arrayBuffer());

  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'bang-xuat.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  const row = page.locator('[data-testid="import-task-row"][data-index="0"]');
  await expect(row.getByTestId('import-board-fields')).toHaveText('Người phụ trách: Nguyễn Văn An · Người phê duyệt: Phó Chủ tịch UBND tỉnh · Phần trăm hoàn thành: 60%');
  // Nobody of that name signs in here: the name is kept, and the preview says so.
  await expect(page.getByTestId('import-warnings')).toContainText('Người phụ trách "Nguyễn Văn An" không có trong danh sách người dùng của bảng');

  await page.getByTestId('import-board-title').fill('Bảng nhập lại từ Excel');
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/boards\/[^/]+$/);
  await page.getByTestId('task-card').filter({ hasText: 'Chuẩn hóa quy trình một cửa' }).click();
  await expect(page.getByTestId('task-panel')).toBeVisible();
  await expect(page.getByTestId('field-owner')).toHaveValue('Nguyễn Văn An');
  await expect(page.getByTestId('field-approver')).toHaveValue('Phó Chủ tịch UBND tỉnh');
  await expect(page.getByTestId('progress-value')).toContainText('60');
  // The board payload carries cards; the task itself is read whole.
  const url = new URL(page.url());
  const stored: Task = await taskOnServer(baseURL!, url.pathname.split('/').pop()!, url.searchParams.get('task')!);
  expect([stored.owner, stored.approver, stored.progress]).toEqual(['Nguyễn Văn An', 'Phó Chủ tịch UBND tỉnh', 60]);
});
