// The board on a 390×844 phone, as a commune officer uses it with one thumb: one column at a time with
// counts, full-width cards, filters behind one button, "Nhiệm vụ của đơn vị tôi"; open a task, report
// progress, attach a photo, send it for confirmation. The screenshot is kept in docs/screenshots/.
import { test, expect } from '../support/fixtures.ts';
import { card } from '../support/board.ts';
import { PNG, coordinatorApi, firstBoard, taskById } from '../support/tasks.ts';

test.use({ viewport: { width: 390, height: 844 }, login: 'donvi', hasTouch: true, isMobile: true });

test('a unit officer on a phone: my unit\'s tasks, progress, a photo as evidence, sent for confirmation', async ({ page, server }) => {
  const api = await coordinatorApi(server.url);
  const payload = await firstBoard(api);
  await page.goto(`/boards/${payload.board.id}`);
  // One column at a time, tabs with counts; cards at full width.
  const todoTab = page.getByTestId('column-tab-todo');
  await expect(todoTab).toBeVisible();
  await expect(page.getByTestId('column-tab-count-todo')).toHaveText(String(payload.tasks.filter((t) => t.column === 'todo').length));
  const first = page.getByTestId('task-card').first();
  const box = (await first.boundingBox())!;
  expect(box.width).toBeGreaterThan(300);
  await expect(page.getByTestId('filter-bar')).toHaveCount(0);
  await page.getByTestId('phone-filters').click();
  await expect(page.getByTestId('phone-filter-dialog').getByTestId('filter-bar')).toBeVisible();
  await page.getByTestId('phone-filter-dialog').getByRole('button', { name: 'Đóng', exact: true }).click();
  await page.screenshot({ path: '../docs/screenshots/phone-board.png' });
  await page.getByTestId('column-tab-doing').click();
  await expect(page.getByTestId('column-tab-doing')).toHaveAttribute('data-state', 'active');
  // Only that column's cells are on the page.
  await expect(page.locator('[data-testid^="cell-"][data-testid$="-todo"]')).toHaveCount(0);
  await expect(page.locator('[data-testid^="cell-"][data-testid$="-doing"]')).toHaveCount(3);
  await page.getByTestId('column-tab-todo').click();

  // "Nhiệm vụ của đơn vị tôi": the tasks Sở Khoa học và Công nghệ leads.
  await page.getByTestId('nav-mine').click();
  const mine = page.getByTestId('mine-list').getByTestId('task-card');
  const expected = payload.tasks.filter((t) => t.leads.includes('Sở Khoa học và Công nghệ'));
  await expect(mine).toHaveCount(expected.length);
  const task = expected.find((t) => t.column === 'todo' && t.evidence.length === 0 && t.deadline.kind !== 'recurring')!;
  await card(page, task.id).tap();
  const panel = page.getByRole('dialog');
  await expect(panel).toBeVisible();
  const pbox = (await panel.boundingBox())!;
  expect(pbox.width).toBe(390);
  // Progress with the thumb: the slider moves in steps of 5.
  const slider = panel.getByTestId('field-progress');
  await slider.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect(panel.getByTestId('progress-value')).toHaveText('40%');
  await expect.poll(async () => (await taskById(api, payload.board.id, task.id)).progress).toBe(40);
  await panel.getByLabel('Khó khăn, vướng mắc').fill('Thiếu máy tính bảng cho bộ phận một cửa');
  await panel.getByLabel('Khó khăn, vướng mắc').blur();
  await expect(panel.getByTestId('field-saved-difficulties')).toBeVisible();
  // A photo from the camera as evidence.
  await panel.getByTestId('tab-evidence').tap();
  await expect(panel.getByTestId('evidence-photo')).toHaveAttribute('capture', 'environment');
  await panel.getByTestId('evidence-photo').setInputFiles({ name: 'anh-hien-truong.png', mimeType: 'image/png', buffer: PNG });
  await expect(panel.getByTestId('evidence-row')).toHaveCount(1);
  await page.screenshot({ path: '../docs/screenshots/phone-task.png' });
  await panel.getByTestId('action-send').tap();
  await expect(panel.getByTestId('panel-column')).toHaveAttribute('data-column', 'review');
  await expect.poll(async () => (await taskById(api, payload.board.id, task.id)).column).toBe('review');
  const saved = await taskById(api, payload.board.id, task.id);
  expect(saved).toMatchObject({ column: 'review', progress: 40, difficulties: 'Thiếu máy tính bảng cho bộ phận một cửa' });
  expect(saved.evidence[0]).toMatchObject({ kind: 'file', file: { mediaType: 'image/png' }, addedBy: { name: 'Trần Văn Minh' } });
});

test.describe('the header on a phone', () => {
  test.use({ login: 'thuongtruc' });

  test('is one short row: the page links and the account open from a menu, by touch and by keyboard', async ({ page, server }) => {
    const payload = await firstBoard(await coordinatorApi(server.url));
    await page.goto(`/boards/${payload.board.id}`);
    await expect(page.getByTestId('task-card').first()).toBeVisible();
    // One row, not three: the links wrapped "Plugin" onto a line of its own and took 149 px of 844.
    const head = page.locator('header.app-head');
    expect((await head.boundingBox())!.height).toBeLessThanOrEqual(56);
    await expect(page.getByTestId('nav-plugins')).toBeHidden();
    await expect(page.getByTestId('logout')).toBeHidden();
    await page.screenshot({ path: '../docs/screenshots/phone-header.png' });

    // Touch: the menu opens over the page with every link a thumb's height, and a link closes it.
    const toggle = page.getByTestId('nav-menu');
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    for (const id of ['nav-boards', 'nav-overview', 'nav-province', 'nav-import', 'nav-plugins', 'logout']) {
      await expect(page.getByTestId(id)).toBeInViewport();
      expect((await page.getByTestId(id).boundingBox())!.height, id).toBeGreaterThanOrEqual(40);
    }
    await expect(page.getByTestId('who-role')).toHaveText('Thường trực');
    await page.screenshot({ path: '../docs/screenshots/phone-header-menu.png' });
    await page.getByTestId('nav-plugins').tap();
    await expect(page).toHaveURL(/\/plugins$/);
    await expect(page.getByTestId('nav-menu-panel')).toBeHidden();

    // Keyboard: Enter opens it, Tab reaches the links, Esc closes it and gives focus back to the button.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('nav-boards')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('nav-menu-panel')).toBeHidden();
    await expect(toggle).toBeFocused();
    // A tap outside closes it too.
    await toggle.tap();
    await expect(page.getByTestId('nav-menu-panel')).toBeVisible();
    await page.getByTestId('plugins-view').tap({ position: { x: 10, y: 400 } });
    await expect(page.getByTestId('nav-menu-panel')).toBeHidden();

    // A tablet and a 1024 × 768 projector fold them the same way; a screen they fit on shows them in the row.
    for (const [width, folded] of [[768, true], [1024, true], [1100, false]] as const) {
      await page.setViewportSize({ width, height: 1000 });
      expect((await head.boundingBox())!.height, `${width} px`).toBeLessThanOrEqual(56);
      await expect(page.getByTestId('nav-plugins'), `${width} px`).toBeVisible({ visible: !folded });
    }
  });
});
