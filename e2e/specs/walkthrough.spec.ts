// What people saw when they first walked the app in their roles (a unit officer on a phone, the
// coordinator at a desk, a leader, on a board imported from a real plan), each checked where it is
// seen: on screen, not only in the page. A toast that is in the DOM but under the page, suggestions
// drawn behind the panel, raw operation codes in the history, a text cut at the limit without a word.
import { readFileSync, readdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { test, expect } from '../support/fixtures.ts';
import { boardOnServer, card, openBoard } from '../support/board.ts';
import { coordinatorApi, firstBoard, openTask, taskById, write } from '../support/tasks.ts';
import { apiAs, signInAt } from '../support/auth.ts';
import { DondocServer } from '../support/server.ts';
import type { Board, Plan } from '@dondoc/shared';

/** Whether the element's middle is what a person sees there: on screen, and not covered by anything else. */
async function seenAtItsMiddle(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (el === hit || el.contains(hit));
  });
}

/** Wholly within the screen's width. */
const withinWidth = (locator: Locator): Promise<boolean> => locator.evaluate((el) => el.getBoundingClientRect().left >= 0 && el.getBoundingClientRect().right <= document.documentElement.clientWidth);

test.describe('a unit officer on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, login: 'donvi', hasTouch: true, isMobile: true });

  test('a refused send is told in a toast on screen; evidence, tabs and a read-only task fit the phone; nothing offered that the role may not do', async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    await page.goto('/');
    await expect(page.getByTestId('board-list-item').first()).toBeVisible();
    // Making boards is the coordinator's: no template form, no restore, no import, here or in the menu.
    for (const id of ['create-board-form', 'board-list-restore', 'board-list-import', 'nav-import']) await expect(page.getByTestId(id)).toHaveCount(0);
    await page.goto(`/boards/${payload.board.id}`);
    await expect(page.getByTestId('task-card').first()).toBeVisible();
    await expect(page.getByTestId('export-menu')).toHaveCount(0);

    // Their own task, sent without evidence: the server's reason in a toast the officer can read.
    const mine = payload.tasks.find((t) => t.leads.includes('Sở Khoa học và Công nghệ') && t.column === 'todo' && t.evidence.length === 0)!;
    await openTask(page, payload.board.id, mine.id);
    const panel = page.getByRole('dialog');
    await panel.getByTestId('action-send').tap();
    const toast = page.getByTestId('toast').filter({ hasText: 'Cần ít nhất một minh chứng' });
    await expect(toast).toBeInViewport();
    expect(await seenAtItsMiddle(toast)).toBe(true);
    await expect(page.getByTestId('toasts')).toHaveCSS('position', 'fixed');
    // Named by its place in the plan, never by a bare number every appendix has.
    await expect(toast).toContainText(/nhiệm vụ PL [IVX]+/);
    await page.screenshot({ path: '../docs/screenshots/phone-toast.png' });

    // Every tab in sight; a long portal link as evidence keeps "Gỡ" on the screen.
    for (const tab of ['tab-info', 'tab-evidence', 'tab-talk', 'tab-history']) await expect(panel.getByTestId(tab)).toBeInViewport({ ratio: 1 });
    await panel.getByTestId('tab-evidence').tap();
    await panel.getByTestId('evidence-kind-link').tap();
    const link = `https://dichvucong.laocai.gov.vn/portal/p/home/thu-tuc-hanh-chinh/chi-tiet-ket-qua-giai-quyet-ho-so-truc-tuyen-toan-trinh?id=${'0123456789abcdef'.repeat(3)}`;
    await panel.getByTestId('evidence-url').fill(link);
    await panel.getByTestId('evidence-add-link').tap();
    await expect(panel.getByTestId('evidence-row')).toHaveCount(1);
    const remove = panel.getByTestId('evidence-row').getByRole('button', { name: 'Gỡ' });
    expect(await withinWidth(remove)).toBe(true);
    expect(await withinWidth(panel.getByTestId('evidence-list'))).toBe(true);
    await expect(page.getByTestId('toast').filter({ hasText: 'Đã thêm minh chứng' })).toBeInViewport();
    await page.screenshot({ path: '../docs/screenshots/phone-evidence-link.png' });
    await panel.getByTestId('panel-close').tap();

    // Another agency's task says why it cannot be changed, and has no empty action bar.
    const theirs = payload.tasks.find((t) => t.leads.length > 0 && !t.leads.includes('Sở Khoa học và Công nghệ') && !t.partners.includes('Sở Khoa học và Công nghệ'))!;
    await openTask(page, payload.board.id, theirs.id);
    await expect(page.getByTestId('panel-read-only')).toContainText(`Chỉ xem: nhiệm vụ do ${theirs.leads.join('; ')} chủ trì`);
    await expect(page.getByTestId('task-actions')).toBeHidden();
  });
});

test.describe('the coordinator at a desk', () => {
  test('agency suggestions show over the task panel, and a click on one adds it', async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    const task = payload.tasks.find((t) => t.column === 'todo' && !t.partners.includes('Sở Nội vụ'))!;
    await openTask(page, payload.board.id, task.id);
    const panel = page.getByRole('dialog');
    await panel.getByTestId('field-partners').click();
    await page.keyboard.type('Sở Nội');
    const options = page.getByTestId('partners-options');
    const option = options.getByRole('option', { name: 'Sở Nội vụ', exact: true });
    await expect(option).toBeVisible();
    // Drawn above the panel with its own background, not transparent behind it.
    expect(await seenAtItsMiddle(option)).toBe(true);
    expect(await options.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: '../docs/screenshots/agency-suggestions.png' });
    await option.click();
    await expect(panel.getByTestId('partners-tag').filter({ hasText: 'Sở Nội vụ' })).toBeVisible();
    await expect.poll(async () => (await taskById(api, payload.board.id, task.id)).partners).toContain('Sở Nội vụ');
  });

  test('a text past its limit is kept whole, not saved, and the field says so; within it, it saves', async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    const task = payload.tasks.find((t) => t.column === 'todo')!;
    const before = (await taskById(api, payload.board.id, task.id)).difficulties;
    await openTask(page, payload.board.id, task.id);
    const field = page.getByRole('dialog').getByTestId('field-difficulties');
    const long = 'Khó khăn về hạ tầng viễn thông ở vùng sâu vùng xa. '.repeat(120);
    expect(long.length).toBeGreaterThan(5000);
    await field.fill(long);
    await field.blur();
    await expect(page.getByTestId('field-difficulties-too-long')).toContainText(`dài ${long.length.toLocaleString('vi-VN')} ký tự, quá giới hạn 5.000`);
    await expect(field).toHaveValue(long);
    expect((await taskById(api, payload.board.id, task.id)).difficulties).toBe(before);
    const fits = long.slice(0, 4_500);
    await field.fill(fits);
    await expect(page.getByTestId('field-difficulties-length')).toHaveText('4.500/5.000 ký tự');
    await field.blur();
    await expect.poll(async () => (await taskById(api, payload.board.id, task.id)).difficulties).toBe(fits);
  });

  test('a save that fails keeps what was typed in the field, says why, and "Thử lại" saves it', async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    const task = payload.tasks.find((t) => t.column === 'todo')!;
    await openTask(page, payload.board.id, task.id);
    const field = page.getByRole('dialog').getByTestId('field-difficulties');
    // The connection drops for this save.
    await page.route('**/api/boards/*/tasks/*', (route) => (route.request().method() === 'PATCH' ? route.abort('connectionreset') : route.fallback()));
    const typed = 'Thiếu kinh phí cho thiết bị đầu cuối ở 12 xã vùng cao';
    await field.fill(typed);
    await field.blur();
    await expect(page.getByTestId('field-error-difficulties')).toBeVisible();
    await expect(field).toHaveValue(typed);
    await page.unroute('**/api/boards/*/tasks/*');
    await page.getByTestId('field-retry-difficulties').click();
    await expect(page.getByTestId('field-saved-difficulties')).toBeVisible();
    await expect(field).toHaveValue(typed);
    expect((await taskById(api, payload.board.id, task.id)).difficulties).toBe(typed);
  });

  test("someone else's change to the field being typed in, arriving live, is shown beside the user's, not overwritten unseen", async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    const task = payload.tasks.find((t) => t.column === 'todo' && !t.owner)!;
    await openTask(page, payload.board.id, task.id);
    const panel = page.getByRole('dialog');
    const field = panel.getByTestId('field-owner');
    await field.click();
    await field.pressSequentially('Trần Thị');
    // The administrator names an owner; the live stream brings it to this screen while the user types.
    const now = await taskById(api, payload.board.id, task.id);
    await write(await apiAs(server.url, 'admin'), 'PATCH', `/api/boards/${payload.board.id}/tasks/${task.id}`, { version: now.version, owner: 'Lê Văn Cường' });
    await expect(panel.getByTestId('panel-remote')).toBeVisible();
    await field.pressSequentially(' Bình');
    await field.press('Enter');
    const conflict = panel.getByTestId('conflict-owner');
    await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Lê Văn Cường');
    await expect(conflict.getByTestId('conflict-mine')).toHaveText('Trần Thị Bình');
    // Nothing was written over theirs before the user chose.
    expect((await taskById(api, payload.board.id, task.id)).owner).toBe('Lê Văn Cường');
    await conflict.getByTestId('conflict-keep-mine').click();
    await expect(panel.getByTestId('field-saved-owner')).toBeVisible();
    expect((await taskById(api, payload.board.id, task.id)).owner).toBe('Trần Thị Bình');
  });

  test('the history names each change in Vietnamese', async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    const task = payload.tasks.find((t) => t.column === 'todo' && t.evidence.length === 0)!;
    await write(api, 'POST', `/api/boards/${payload.board.id}/tasks/${task.id}/move`, { version: task.version, track: task.track, column: 'doing', afterId: null });
    await write(api, 'POST', `/api/boards/${payload.board.id}/tasks/${task.id}/evidence`, { kind: 'note', label: 'Biên bản họp triển khai' });
    await openTask(page, payload.board.id, task.id);
    await page.getByRole('dialog').getByTestId('tab-history').click();
    await expect(page.locator('[data-testid="history-row"][data-op="task.move"]').first()).toContainText('Chuyển cột');
    await expect(page.locator('[data-testid="history-row"][data-op="task.evidence.add"]').first()).toContainText('Thêm minh chứng');
    await expect(page.getByTestId('history-list')).not.toContainText('task.');
  });

  test('the chase letter never says "trong -5 ngày tới": an emptied or negative look-ahead reads as the default', async ({ page, server }) => {
    const payload = await firstBoard(await coordinatorApi(server.url));
    await page.goto(`/boards/${payload.board.id}/chase`);
    const digest = page.getByTestId('chase-digest');
    await page.getByTestId('chase-days').fill('30');
    await expect(digest).toHaveValue(/trong 30 ngày tới/);
    for (const typed of ['-5', '', '0']) {
      await page.getByTestId('chase-days').fill(typed);
      await expect(digest).toHaveValue(/trong 7 ngày tới/);
      await expect(digest).not.toHaveValue(/trong (-\d|\s)/);
    }
  });

  test('by keyboard: a card moved into the next lane stays in sight, and a refused drop gives focus back to the card', async ({ page, server }) => {
    const payload = await firstBoard(await coordinatorApi(server.url));
    await page.setViewportSize({ width: 1600, height: 900 });
    await openBoard(page, payload.board.id);
    const lane = page.getByTestId('lane-de-an-06');
    const first = lane.locator('[data-testid="cell-de-an-06-todo"] [data-testid="task-card"]').first();
    const taskId = (await first.getAttribute('data-task-id'))!;
    await first.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Space');
    const moved = card(page, taskId);
    await expect(moved).toBeFocused();
    await expect(page.getByTestId('lane-cchc').locator(`[data-task-id="${taskId}"]`)).toBeVisible();
    await expect(moved).toBeInViewport();

    // "Chờ xác nhận" without evidence is refused: the card is back where it was, and focused.
    const noEvidence = payload.tasks.find((t) => t.column === 'todo' && t.evidence.length === 0 && t.id !== taskId)!;
    await card(page, noEvidence.id).scrollIntoViewIfNeeded();
    await card(page, noEvidence.id).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('toast').filter({ hasText: 'Cần ít nhất một minh chứng' })).toBeInViewport();
    await expect(page.getByTestId(`cell-${noEvidence.track}-todo`).locator(`[data-task-id="${noEvidence.id}"]`)).toBeVisible();
    await expect(card(page, noEvidence.id)).toBeFocused();
  });

  test('a task deleted by someone else while open says so in its panel', async ({ page, server }) => {
    const api = await coordinatorApi(server.url);
    const payload = await firstBoard(api);
    const task = payload.tasks.find((t) => t.column === 'todo')!;
    await openTask(page, payload.board.id, task.id);
    await expect(page.getByRole('dialog').getByTestId('field-owner')).toBeVisible();
    const now = await taskById(api, payload.board.id, task.id);
    const admin = await apiAs(server.url, 'admin');
    const res = await admin(`/api/boards/${payload.board.id}/tasks/${task.id}`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: now.version }) });
    expect(res.status).toBe(200);
    await expect(page.getByTestId('panel-gone')).toBeVisible();
    await expect(page.getByTestId('panel-remote')).toHaveCount(0);
    // Brought back, for the specs after this one.
    await admin(`/api/boards/${payload.board.id}/tasks/${task.id}/restore`, { method: 'POST' });
  });

  test("in English, a refusal is in the server's English words", async ({ page, server }) => {
    const payload = await firstBoard(await coordinatorApi(server.url));
    const task = payload.tasks.find((t) => t.column === 'todo' && t.evidence.length === 0)!;
    await page.goto('/');
    await page.getByTestId('lang-en').click();
    await openTask(page, payload.board.id, task.id);
    await page.getByRole('dialog').getByTestId('action-send').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'At least one piece of evidence' })).toBeInViewport();
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-vi').click();
  });

  test('a session that ends while the board is open brings the sign-in page saying why, and back to the board after', async ({ page, server }) => {
    const payload = await firstBoard(await coordinatorApi(server.url));
    await page.goto(`/boards/${payload.board.id}`);
    await expect(page.getByTestId('task-card').first()).toBeVisible();
    // Signed out elsewhere (the same session ended on the server).
    expect((await page.context().request.post('/api/auth/logout', { headers: { Origin: server.url } })).ok()).toBe(true);
    await page.getByTestId('task-card').first().click();
    await expect(page.getByTestId('login-ended')).toContainText('Phiên đăng nhập đã kết thúc');
    await expect(page.getByTestId('login-ended')).not.toContainText('gõ dở');
    await page.getByTestId('login-login').fill('thuongtruc');
    await page.getByTestId('login-password').fill('dondoc-demo');
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(new RegExp(`/boards/${payload.board.id}`));
  });

  test('on a phone the export menu opens wholly on the screen', async ({ page, server }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const payload = await firstBoard(await coordinatorApi(server.url));
    await page.goto(`/boards/${payload.board.id}`);
    await page.getByTestId('export-button').click();
    const panel = page.getByTestId('export-panel');
    await expect(panel.getByTestId('export-download')).toBeVisible();
    expect(await withinWidth(panel)).toBe(true);
    expect(await seenAtItsMiddle(panel.getByTestId('export-download'))).toBe(true);
    await page.screenshot({ path: '../docs/screenshots/phone-export-menu.png' });
  });
});

test.describe('a leader', () => {
  test.use({ login: 'lanhdao' });

  test('reads the boards and downloads the progress report, but is offered no board making, which the role may not do', async ({ page, server }) => {
    const payload = await firstBoard(await apiAs(server.url, 'lanhdao'));
    await page.goto('/');
    await expect(page.getByTestId('board-list-item').first()).toBeVisible();
    for (const id of ['create-board-form', 'board-list-restore', 'board-list-import', 'nav-import']) await expect(page.getByTestId(id)).toHaveCount(0);
    await page.goto(`/boards/${payload.board.id}`);
    await expect(card(page, payload.tasks[0]!.id)).toBeVisible();
    // A leader leaves a meeting with the Báo cáo tiến độ: the menu offers it and the server hands it over.
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-export-docx-bao-cao').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(file.suggestedFilename()).toMatch(/^Báo cáo tiến độ .*\.docx$/);
    expect(readFileSync((await file.path())!).subarray(0, 2).toString()).toBe('PK');
    // The calendar feed is the board's setting: a leader, who does not edit the board, is not offered to turn it on.
    await page.getByTestId('export-button').click();
    await expect(page.getByTestId('export-panel')).toBeVisible();
    await expect(page.getByTestId('export-calendar-on')).toHaveCount(0);
  });
});

test('a board imported from a real plan knows the agencies its tasks name, on a server with no directory yet', async ({ page }) => {
  // A server of its own: the shared one has a directory other specs filled.
  const server = new DondocServer();
  await server.start();
  try {
    const api = await coordinatorApi(server.url);
    expect(await (await api('/api/directory')).json()).toEqual([]);
    const seeds = new URL('../../../shared/seeds/', import.meta.url);
    const text = readFileSync(new URL(readdirSync(seeds).find((f) => f.startsWith('004_'))!, seeds), 'utf8');
    const preview = (await write(api, 'POST', '/api/import/preview', { text })) as { plan: Plan };
    const created = (await write(api, 'POST', '/api/boards/import', { plan: preview.plan })) as Board;
    const imported = await boardOnServer(server.url, created.id);
    expect(imported.board.agencies).toEqual([]);
    const led = imported.tasks.find((t) => t.leads.includes('Công an tỉnh'));
    expect(led, 'a task Công an tỉnh leads').toBeDefined();
    await signInAt(page, server.url, 'thuongtruc');
    await page.goto(`${server.url}/boards/${created.id}?task=${led!.id}`);
    const panel = page.getByRole('dialog');
    const tag = panel.getByTestId('leads-tag').filter({ hasText: 'Công an tỉnh' });
    await expect(tag).toBeVisible();
    await expect(tag).not.toHaveClass(/unknown/);
    await expect(panel.getByTestId('leads-tag').locator('.mark')).toHaveCount(0);
    await panel.getByTestId('field-partners').click();
    await page.keyboard.type('Sở Tư');
    await expect(page.getByTestId('partners-options').getByRole('option', { name: 'Sở Tư pháp', exact: true })).toBeVisible();
  } finally {
    await server.stop();
    server.cleanup();
  }
});
