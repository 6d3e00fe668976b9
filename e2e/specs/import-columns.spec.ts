// Three importer corrections as a user makes them: map the columns of a table whose header the
// importer does not know, choose an existing board after the preview (its directory then decides
// the matches), and bring a board's own Excel export back with its owner, approver, progress and
// completion date, correcting the board fields in the preview with the mouse and the keyboard.
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

test('a board exported to Excel comes back with its owner, approver, progress and completion date, which the preview lets the user correct', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL!, 'thuongtruc');
  const json = { 'Content-Type': 'application/json' };
  const draft = (ordinal: string, content: string) => ({ track: 'cchc', ordinal, content, leads: ['Sở Nội vụ'], partners: [], deadline: { raw: '31/12/2026', kind: 'date', due: '2026-12-31', flags: [] } });
  const made = await api('/api/boards/import', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ plan: { id: 'p', title: 'Bảng xuất Excel', tasks: [draft('1', 'Chuẩn hóa quy trình một cửa'), draft('2', 'Công khai thủ tục trên cổng')] } }),
  });
  const board = (await made.json()) as Board;
  const [first, second] = (await boardOnServer(baseURL!, board.id)).tasks.sort((a, b) => a.ordinal.localeCompare(b.ordinal));
  const patched = await api(`/api/boards/${board.id}/tasks/${first!.id}`, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ version: first!.version, owner: 'Nguyễn Văn An', approver: 'Phó Chủ tịch UBND tỉnh', progress: 60 }),
  });
  expect(patched.status).toBe(200);
  // The second is finished: the board records the day (the server's today, 10/12/2025).
  const moved = await api(`/api/boards/${board.id}/tasks/${second!.id}/move`, { method: 'POST', headers: json, body: JSON.stringify({ version: second!.version, track: 'cchc', column: 'done', afterId: null }) });
  expect(moved.status).toBe(200);
  const finished = await taskOnServer(baseURL!, board.id, second!.id);
  expect(finished.completedAt).toBe('2025-12-10');
  const xlsx = Buffer.from(await (await api(`/api/boards/${board.id}/export/export-xlsx/xlsx`)).arrayBuffer());

  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'bang-xuat.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  const row = (i: number) => page.locator(`[data-testid="import-task-row"][data-index="${i}"]`);
  const byContent = (text: string) => page.getByTestId('import-task-row').filter({ hasText: text });
  const one = byContent('Chuẩn hóa quy trình một cửa');
  await expect(one.getByTestId('import-cell-owner')).toHaveAccessibleName('Người phụ trách: Nguyễn Văn An');
  await expect(one.getByTestId('import-cell-approver')).toHaveAccessibleName('Người phê duyệt: Phó Chủ tịch UBND tỉnh');
  await expect(one.getByTestId('import-cell-progress')).toContainText('60%');
  // The finished task comes back finished, on the day it was finished.
  await expect(byContent('Công khai thủ tục trên cổng').getByTestId('import-completed-at')).toHaveText('Hoàn thành ngày 10/12/2025');
  // Nobody of that name signs in here: the name is kept, marked, and named in one warning.
  await expect(one.getByTestId('import-owner-unknown')).toBeVisible();
  const people = page.locator('[data-testid="import-warning-group"][data-code="unknown-person"]');
  await expect(people).toContainText('1 người phụ trách (1 nhiệm vụ) không có trong danh sách người dùng: Nguyễn Văn An');

  // The owner, corrected with the mouse: the demo unit editor, whom the board knows; the warning goes.
  await one.getByTestId('import-cell-owner').click();
  await one.getByTestId('import-cell-owner-editor').fill('Trần Văn Minh');
  await one.getByTestId('import-cell-owner-editor').press('Enter');
  await expect(one.getByTestId('import-cell-owner')).toHaveAccessibleName('Người phụ trách: Trần Văn Minh');
  await expect(one.getByTestId('import-owner-unknown')).toHaveCount(0);
  await expect(people).toHaveCount(0);
  // The approver and the percent, from the keyboard: the owner cell has the focus back, Tab goes on to the approver.
  await expect(one.getByTestId('import-cell-owner')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(one.getByTestId('import-cell-approver')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(one.getByTestId('import-cell-approver-editor')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Chủ tịch UBND tỉnh');
  await page.keyboard.press('Enter');
  await expect(one.getByTestId('import-cell-approver')).toHaveAccessibleName('Người phê duyệt: Chủ tịch UBND tỉnh');
  await page.keyboard.press('Tab');
  await expect(one.getByTestId('import-cell-progress')).toBeFocused();
  await page.keyboard.press('F2');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('bảy mươi');
  await page.keyboard.press('Enter');
  // A percent that does not read is refused with the reason, and what was typed stays in the editor.
  const editor = one.getByTestId('import-cell-progress-editor');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(editor).toHaveValue('bảy mươi');
  await expect(editor).toHaveAccessibleDescription(/Không đọc được "bảy mươi": cần một số từ 0 đến 100/);
  // The warnings above, the two rows below: what the preview looks like with an editor refusing a value.
  await page.getByTestId('import-warnings').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: '../docs/screenshots/import-board-fields.png' });
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('75 %');
  await page.keyboard.press('Enter');
  await expect(one.getByTestId('import-cell-progress')).toContainText('75%');
  await expect(one.getByTestId('import-cell-problem')).toHaveCount(0);
  await expect(row(0)).toBeVisible();

  await page.getByTestId('import-board-title').fill('Bảng nhập lại từ Excel');
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/boards\/[^/]+$/);
  await page.getByTestId('task-card').filter({ hasText: 'Chuẩn hóa quy trình một cửa' }).click();
  await expect(page.getByTestId('task-panel')).toBeVisible();
  await expect(page.getByTestId('field-owner')).toHaveValue('Trần Văn Minh');
  await expect(page.getByTestId('field-approver')).toHaveValue('Chủ tịch UBND tỉnh');
  await expect(page.getByTestId('progress-value')).toContainText('75');
  const stored = await boardOnServer(baseURL!, new URL(page.url()).pathname.split('/').pop()!);
  // The board payload carries cards; each task itself is read whole.
  const [again, done] = await Promise.all(['1', '2'].map((o): Promise<Task> => taskOnServer(baseURL!, stored.board.id, stored.tasks.find((t) => t.ordinal === o)!.id)));
  expect([again!.owner, again!.approver, again!.progress]).toEqual(['Trần Văn Minh', 'Chủ tịch UBND tỉnh', 75]);
  expect([done!.column, done!.completedAt]).toEqual(['done', '2025-12-10']);
});
