// Nothing typed is lost, and the keyboard works everywhere: a session that ends mid-edit gives the text
// back after signing in, Esc cancels an edit, leaving asks only while something is unsaved, Esc closes the
// extension dialog from its date, and focus lands somewhere useful after triage fixes and new evidence.
import { test, expect } from '../support/fixtures.ts';
import { coordinatorApi, firstBoard, openTask, taskById, write, type Api } from '../support/tasks.ts';
import type { DecodedBoard } from '../../apps/server/src/testing/payload.ts';


let api: Api;
let payload: DecodedBoard;
test.beforeAll(async ({ server }) => {
  api = await coordinatorApi(server.url);
  payload = await firstBoard(api);
});
const editable = () => payload.tasks.filter((t) => t.column === 'todo' || t.column === 'doing');

test('a session that ends while the user types gives the text back, unsaved, after signing in again', async ({ page, server }) => {
  const task = editable()[0]!;
  const before = (await taskById(api, payload.board.id, task.id)).proposals;
  await openTask(page, payload.board.id, task.id);
  const field = page.getByRole('dialog').getByTestId('field-proposals');
  await field.focus();
  await page.keyboard.type('Đề nghị Sở Tài chính bố trí kinh phí');
  // Signed out elsewhere while the field is still being typed in; leaving it tries to save.
  expect((await page.context().request.post('/api/auth/logout', { headers: { Origin: server.url } })).ok()).toBe(true);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('login-ended')).toContainText('Nội dung bạn đang gõ dở chưa lưu được giữ lại và sẽ hiện lại trong ô của nó.');
  expect(decodeURIComponent(page.url())).not.toContain('kinh phí');
  await page.getByTestId('login-login').fill('thuongtruc');
  await page.getByTestId('login-password').fill('dondoc-demo');
  await page.getByTestId('login-submit').click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByTestId('field-proposals')).toHaveValue('Đề nghị Sở Tài chính bố trí kinh phí');
  await expect(panel.getByTestId('field-error-proposals')).toContainText('phiên đăng nhập đã kết thúc');
  // Not saved by itself: the server still has the old text until the user asks.
  expect((await taskById(api, payload.board.id, task.id)).proposals).toBe(before);
  await panel.getByTestId('field-retry-proposals').click();
  await expect(panel.getByTestId('field-saved-proposals')).toBeVisible();
  expect((await taskById(api, payload.board.id, task.id)).proposals).toBe('Đề nghị Sở Tài chính bố trí kinh phí');
});

test('a name typed in the agency search and not yet a chip comes back in the search after the session ends, and closing the panel asks about it', async ({ page, server }) => {
  const task = editable()[4]!;
  const before = (await taskById(api, payload.board.id, task.id)).partners;
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  await panel.getByTestId('field-partners').click();
  await page.keyboard.type('Sở Giáo dục');
  // Signed out elsewhere while the name is still in the search; the page finds out at its next request,
  // here the fetch of a change someone else made to another task, arriving live.
  expect((await page.context().request.post('/api/auth/logout', { headers: { Origin: server.url } })).ok()).toBe(true);
  const other = await taskById(api, payload.board.id, editable()[5]!.id);
  await write(api, 'PATCH', `/api/boards/${payload.board.id}/tasks/${other.id}`, { version: other.version, progress: other.progress === 30 ? 40 : 30 });
  await expect(page.getByTestId('login-ended')).toContainText('Nội dung bạn đang gõ dở chưa lưu được giữ lại và sẽ hiện lại trong ô của nó.');
  expect(decodeURIComponent(page.url())).not.toContain('Giáo dục');
  await page.getByTestId('login-login').fill('thuongtruc');
  await page.getByTestId('login-password').fill('dondoc-demo');
  await page.getByTestId('login-submit').click();
  // Back in the search, as typed: not made a chip, not saved.
  await expect(panel.getByTestId('field-partners')).toHaveValue('Sở Giáo dục');
  await expect(panel.getByTestId('partners-tag')).toHaveCount(before.length);
  expect((await taskById(api, payload.board.id, task.id)).partners).toEqual(before);
  // Closing the panel asks while the name waits there, and keeps it if the user stays.
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await panel.getByTestId('panel-close').click();
  await expect.poll(() => asked).toEqual(['Có nội dung bạn đã gõ ở nhiệm vụ này nhưng chưa lưu. Đóng nhiệm vụ thì nội dung đó sẽ mất. Vẫn đóng?']);
  await expect(panel.getByTestId('field-partners')).toHaveValue('Sở Giáo dục');
  // Leaving the box (Tab, or a tap elsewhere on a phone) makes no chip of a half-typed name: it waits, unsaved.
  await panel.getByTestId('field-partners').focus();
  await page.keyboard.press('Tab');
  await expect(panel.getByTestId('field-partners')).not.toBeFocused();
  await expect(panel.getByTestId('partners-tag')).toHaveCount(before.length);
  await expect(panel.getByTestId('field-partners')).toHaveValue('Sở Giáo dục');
  expect((await taskById(api, payload.board.id, task.id)).partners).toEqual(before);
  // Made a chip, it is saved with the list, and closing asks nothing more.
  await panel.getByTestId('field-partners').fill('Sở Giáo dục và Đào tạo');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('partners-tag')).toHaveCount(before.length + 1);
  await expect(panel.getByTestId('field-partners')).toHaveValue('');
  await expect.poll(async () => (await taskById(api, payload.board.id, task.id)).partners).toEqual([...before, 'Sở Giáo dục và Đào tạo']);
  page.on('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.keyboard.press('Escape'); // the suggestions close; the panel stays
  await panel.getByTestId('panel-close').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(asked).toHaveLength(1);
});

test('Esc in the middle of an edit puts the saved value back and sends nothing; a second Esc closes the panel', async ({ page }) => {
  const task = await taskById(api, payload.board.id, editable()[1]!.id);
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  const owner = panel.getByTestId('field-owner');
  await owner.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' Nguyễn Văn A');
  let sent = 0;
  page.on('request', (r) => r.method() === 'PATCH' && sent++);
  await page.keyboard.press('Escape');
  await expect(owner).toHaveValue(task.owner);
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(sent).toBe(0);
  expect((await taskById(api, payload.board.id, task.id)).owner).toBe(task.owner);
});

test('reloading while a save is on its way asks first; with nothing pending, it does not', async ({ page }) => {
  const task = editable()[2]!;
  await openTask(page, payload.board.id, task.id);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  // Nothing typed: a reload is just a reload.
  await page.getByRole('dialog').getByTestId('field-difficulties').click();
  await page.reload();
  await page.getByRole('dialog').waitFor();
  expect(dialogs).toEqual([]);
  // A save held on its way: the browser asks before the page goes.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/boards/*/tasks/*', async (route) => (route.request().method() === 'PATCH' ? (await held, route.continue()) : route.fallback()));
  const field = page.getByRole('dialog').getByTestId('field-difficulties');
  await field.click();
  await page.keyboard.type('Chưa có hướng dẫn');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('dialog').getByText('Đang lưu…')).toBeVisible();
  await page.reload({ timeout: 2000 }).catch(() => undefined);
  expect(dialogs).toEqual(['beforeunload']);
  release();
  await expect(page.getByRole('dialog').getByTestId('field-saved-difficulties')).toBeVisible();
  // Saved: nothing to ask about any more.
  await page.unroute('**/api/boards/*/tasks/*');
  await page.reload();
  await page.getByRole('dialog').waitFor();
  expect(dialogs).toEqual(['beforeunload']);
});

test("closing the panel while a comment is typed and not sent asks first, and keeps it if the user stays", async ({ page }) => {
  const task = editable()[3]!;
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  await panel.getByTestId('tab-talk').click();
  await panel.getByTestId('comment-text').fill('Đề nghị Sở Nội vụ báo cáo trước thứ Sáu');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await panel.getByTestId('panel-close').click();
  await expect.poll(() => asked).toEqual(['Có nội dung bạn đã gõ ở nhiệm vụ này nhưng chưa lưu. Đóng nhiệm vụ thì nội dung đó sẽ mất. Vẫn đóng?']);
  await expect(panel.getByTestId('comment-text')).toHaveValue('Đề nghị Sở Nội vụ báo cáo trước thứ Sáu');
  expect(new URL(page.url()).searchParams.get('task')).toBe(task.id);
  // Leaving anyway closes it.
  page.once('dialog', (d) => void d.accept());
  await panel.getByTestId('panel-close').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(new URL(page.url()).searchParams.get('task')).toBeNull();
});

test('Esc closes the extension dialog while focus is in its date, where it starts', async ({ page }) => {
  const task = editable().find((t) => t.deadline.kind === 'date')!;
  await openTask(page, payload.board.id, task.id);
  await page.getByRole('dialog').getByTestId('action-extend').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('extend-dialog');
  await expect(dialog.locator('[data-part="day"]')).toBeFocused();
  await page.keyboard.type('15');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Back on its opener, in the panel, which stays open.
  await expect(page.getByRole('dialog').getByTestId('action-extend')).toBeFocused();
});

test('triage by keyboard: Enter in a fix field saves, and focus goes on to the next row, not to <body>', async ({ page }) => {
  await page.goto(`/boards/${payload.board.id}/triage`);
  const rows = page.locator('[data-testid="triage-row"][data-criterion="ro-nguoi"]');
  await page.locator('[data-testid="triage-group-count"][data-criterion="ro-nguoi"]').click();
  const owner = rows.filter({ has: page.getByTestId('fix-owner') });
  await expect(owner.nth(1)).toBeVisible();
  const first = (await owner.nth(0).getAttribute('data-task-id'))!;
  const second = (await owner.nth(1).getAttribute('data-task-id'))!;
  await owner.nth(0).getByTestId('fix-owner').focus();
  await page.keyboard.type('Phòng Tổng hợp');
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-testid="triage-row"][data-criterion="ro-nguoi"][data-task-id="${first}"]`)).toHaveCount(0);
  expect((await taskById(api, payload.board.id, first)).owner).toBe('Phòng Tổng hợp');
  // The keyboard goes on in the row that took its place.
  const focused = page.locator(':focus');
  await expect(focused).not.toHaveCount(0);
  expect(await focused.evaluate((el) => el.closest('[data-testid="triage-row"]')?.getAttribute('data-task-id'))).toBe(second);
});

test('after a bulk edit the list has the focus', async ({ page }) => {
  await page.goto(`/boards/${payload.board.id}/triage`);
  await page.locator('[data-testid="triage-group-count"][data-criterion="ro-nguoi"]').click();
  const rows = page.locator('[data-testid="triage-row"][data-criterion="ro-nguoi"]');
  await expect(rows.nth(0)).toBeVisible();
  await rows.nth(0).getByTestId('triage-select').check();
  const bulk = page.getByTestId('triage-bulk');
  await bulk.getByTestId('bulk-value').fill('Tổ công tác');
  await bulk.getByTestId('bulk-value').press('Enter');
  await expect(page.getByTestId('toast').filter({ hasText: 'Đã sửa 1 nhiệm vụ' })).toBeVisible();
  await expect(page.getByTestId('triage-list')).toBeFocused();
});

test('after adding a note as evidence, focus is on its new row in the panel', async ({ page }) => {
  const task = editable()[3]!;
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  await panel.getByTestId('tab-evidence').click();
  await panel.getByTestId('evidence-kind-note').click();
  await panel.getByTestId('evidence-note').fill('Biên bản họp ngày 05/12');
  await panel.getByTestId('evidence-add-note').focus();
  await page.keyboard.press('Enter');
  const row = panel.getByTestId('evidence-row').filter({ hasText: 'Biên bản họp ngày 05/12' });
  await expect(row).toBeFocused();
});

test("closing the panel after the task changed column gives focus back to the task's card, in its new place", async ({ page }) => {
  const task = (await firstBoard(api)).tasks.find((t) => t.column === 'todo')!;
  await page.goto(`/boards/${payload.board.id}?q=${encodeURIComponent(task.content.slice(0, 40))}`);
  const card = page.locator(`[data-testid="task-card"][data-task-id="${task.id}"]`);
  await card.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog');
  await panel.getByTestId('field-column').selectOption('doing');
  await expect(panel.getByTestId('panel-column')).toHaveAttribute('data-column', 'doing');
  await panel.getByTestId('field-column').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.locator(`[data-testid="cell-${task.track}-doing"]`).locator(`[data-task-id="${task.id}"]`)).toBeFocused();
});
