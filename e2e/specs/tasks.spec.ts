// Working a task end to end in the browser against the real server: the panel and its per-field saves
// turning the rõ badge to 5/5, triage in place and in bulk, evidence and confirmation between a unit
// and the coordinator, oversized uploads, period reports, extensions, and undoable deletes.
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { timelinessChip, CHIP_LABELS, type Task, taskAddress, deadlineCadence, formatDateVi, owedReport, periodDue, periodOf } from '@dondoc/shared';
import { test, expect } from '../support/fixtures.ts';
import { signIn } from '../support/auth.ts';
import { card } from '../support/board.ts';
import { PNG, coordinatorApi, firstBoard, openTask, taskById, write, type Api } from '../support/tasks.ts';

const TODAY = '2025-12-10';
test.describe.configure({ mode: 'serial' });

let api: Api;
let payload: DecodedBoard;
test.beforeAll(async ({ server }) => {
  api = await coordinatorApi(server.url);
  payload = await firstBoard(api);
});
const failing = (taskId: string): string[] => (payload.failures[taskId] ?? []).map((f) => f.id);
/** The board as it is now: tests share one server, so a task is picked by its state at the time. */
const fresh = async (): Promise<DecodedBoard> => boardOf(await (await api(`/api/boards/${payload.board.id}`)).json());

test('open a card, edit owner, deadline and output: the badge turns 5/5 without a reload', async ({ page }) => {
  // A task that fails only on who, when and what: several leads and no owner, and no product named.
  const fixable = new Set(['ro-nguoi', 'ro-thoi-gian', 'ro-ket-qua']);
  const task = payload.tasks.find((t) => failing(t.id).includes('ro-nguoi') && failing(t.id).every((id) => fixable.has(id)))!;
  expect(task).toBeDefined();
  await page.goto(`/boards/${payload.board.id}?q=${encodeURIComponent(task.content.slice(0, 40))}`);
  const target = card(page, task.id);
  await expect(target.getByTestId('task-checks')).not.toHaveText('5/5 rõ');
  await target.click();
  const panel = page.getByRole('dialog');
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`task=${task.id}`));
  // Named by its place in the plan ("PL III · 8"), so "nhiệm vụ số 8" is never ambiguous.
  await expect(panel.getByTestId('panel-title')).toHaveText(`Nhiệm vụ ${taskAddress(task).short}`);
  // Every reason in full, and every field labelled in Vietnamese.
  await expect(panel.getByTestId('panel-check').filter({ hasText: 'Chưa đạt' }).first()).toContainText(':');
  await expect(panel.getByLabel('Người phụ trách')).toBeVisible();

  await panel.getByLabel('Người phụ trách').fill('Nguyễn Văn An');
  await panel.getByLabel('Người phụ trách').press('Enter');
  await expect(panel.getByTestId('field-saved-owner')).toBeVisible();
  const deadline = panel.getByLabel('Thời hạn (ghi như văn bản)');
  await deadline.fill('Trước ngày 30/4/2026');
  // The parsed reading shows as the user types, with what to check.
  await expect(panel.getByTestId('deadline-reading')).toHaveAttribute('data-due', '2026-04-30');
  // The flag in words, never its code: "trước ngày" may be read as the day before.
  await expect(panel.getByTestId('deadline-flags')).toContainText('Ghi "trước ngày": hạn tính là chính ngày đó');
  await expect(panel.getByTestId('deadline-flags')).not.toContainText('before-date');
  await deadline.fill('31/03/2026');
  await expect(panel.getByTestId('deadline-reading')).toContainText('hạn 31/03/2026');
  await deadline.press('Tab');
  await panel.getByLabel('Kết quả đầu ra (sản phẩm)').fill('Báo cáo kết quả triển khai được ban hành');
  await panel.getByLabel('Kết quả đầu ra (sản phẩm)').blur();
  await expect(panel.getByTestId('panel-checks')).toHaveText('5/5 rõ');
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.screenshot({ path: '../docs/screenshots/task-panel.png' });
  await panel.getByTestId('panel-close').click();
  await expect(panel).toBeHidden();
  await expect(card(page, task.id).getByTestId('task-checks')).toHaveText('5/5 rõ');
  await expect(card(page, task.id).getByTestId('task-owner')).toContainText('Nguyễn Văn An');
  const saved = await taskById(api, payload.board.id, task.id);
  expect(saved).toMatchObject({ owner: 'Nguyễn Văn An', output: 'Báo cáo kết quả triển khai được ban hành', deadline: { raw: '31/03/2026', due: '2026-03-31' } });
});

test('the panel is a modal dialog: Enter opens it, Tab stays in it, Esc gives focus back to the card, a press beside it closes it', async ({ page }) => {
  const task = payload.tasks[0]!;
  await page.goto(`/boards/${payload.board.id}?q=${encodeURIComponent(task.content.slice(0, 40))}`);
  const target = card(page, task.id);
  await target.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog');
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('Người phụ trách')).toBeVisible();
  // Focus is trapped: however far the user tabs, it stays in the panel.
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  // The board behind keeps its place under the wheel, and takes no clicks while the panel is open.
  const scrolled = () => page.evaluate(() => [document.scrollingElement!.scrollTop, ...[...document.querySelectorAll('[data-testid^="cell-"]')].map((c) => c.scrollTop)].join(','));
  const before = await scrolled();
  await page.mouse.move(100, 500);
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(200);
  expect(await scrolled()).toBe(before);
  // Esc closes it and gives focus back to the card; a press beside the panel closes it too.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await page.mouse.click(100, 500);
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/task=/);
});

test('a save over someone else\'s change shows both values and lets the user keep theirs', async ({ page }) => {
  const task = (await fresh()).tasks.find((t) => t.column === 'todo')!;
  // Without its live stream (a proxy that drops it): the other person's save is not shown before ours is sent.
  await page.route('**/events**', (route) => route.abort());
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  await expect(panel.getByLabel('Người phụ trách')).toBeVisible();
  // Another coordinator names an owner meanwhile.
  const now = await taskById(api, payload.board.id, task.id);
  await write(api, 'PATCH', `/api/boards/${payload.board.id}/tasks/${task.id}`, { version: now.version, owner: 'Người khác' });
  await panel.getByLabel('Người phụ trách').fill('Trần Thị Bình');
  await panel.getByLabel('Người phụ trách').press('Enter');
  const conflict = panel.getByTestId('conflict-owner');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Người khác');
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('Trần Thị Bình');
  await conflict.getByTestId('conflict-keep-mine').click();
  await expect(panel.getByTestId('field-saved-owner')).toBeVisible();
  expect((await taskById(api, payload.board.id, task.id)).owner).toBe('Trần Thị Bình');
});

test('triage: failing tasks grouped by criterion; one fixed in place, two in bulk; badges follow', async ({ page }) => {
  await page.goto(`/boards/${payload.board.id}/triage`);
  const group = page.locator('[data-testid="triage-group-count"][data-criterion="ro-thoi-gian"]');
  const before = Number(await group.getAttribute('data-count'));
  expect(before).toBeGreaterThan(0);
  await expect(group).toHaveText(`Chưa rõ thời gian: ${before}`);
  // In place: the conditional or blank deadline becomes a date. The group's chip jumps to it.
  await group.click();
  const first = page.locator('[data-testid="triage-row"][data-criterion="ro-thoi-gian"]').first();
  const noDateId = (await first.getAttribute('data-task-id'))!;
  const row = page.locator(`[data-testid="triage-row"][data-task-id="${noDateId}"][data-criterion="ro-thoi-gian"]`);
  await row.getByTestId('fix-deadline').fill('30/06/2026');
  await expect(row.getByTestId('fix-deadline-reading')).toContainText('30/06/2026');
  await row.getByTestId('fix-deadline-apply').click();
  await expect(group).toHaveAttribute('data-count', String(before - 1));
  await expect(row).toHaveCount(0);
  expect((await taskById(api, payload.board.id, noDateId)).deadline.due).toBe('2026-06-30');

  // In bulk: two tasks with several leads get one owner.
  const people = page.locator('[data-testid="triage-group-count"][data-criterion="ro-nguoi"]');
  const peopleBefore = Number(await people.getAttribute('data-count'));
  await people.click();
  const rows = page.locator('[data-testid="triage-row"][data-criterion="ro-nguoi"]');
  await expect(page.locator('[data-testid="triage-group"][data-criterion="ro-nguoi"]')).toBeVisible();
  await expect(rows.nth(1)).toBeVisible();
  const ids = [await rows.nth(0).getAttribute('data-task-id'), await rows.nth(1).getAttribute('data-task-id')] as string[];
  for (const id of ids) await page.locator(`[data-testid="triage-row"][data-criterion="ro-nguoi"][data-task-id="${id}"]`).getByTestId('triage-select').check();
  const bulk = page.getByTestId('triage-bulk');
  await expect(bulk).toContainText('Sửa 2 nhiệm vụ đã chọn');
  await bulk.getByTestId('bulk-kind').selectOption('owner');
  await bulk.getByTestId('bulk-value').fill('Tổ công tác CĐS');
  await bulk.getByTestId('bulk-apply').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Đã sửa 2 nhiệm vụ' })).toBeVisible();
  await expect(people).toHaveAttribute('data-count', String(peopleBefore - 2));
  for (const id of ids) expect((await taskById(api, payload.board.id, id)).owner).toBe('Tổ công tác CĐS');
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.screenshot({ path: '../docs/screenshots/triage.png' });

  // In English, a task a bulk fix leaves alone says why in English: moved to the track it is already in.
  await page.getByTestId('lang-en').click();
  await people.click();
  const left = rows.first();
  const leftId = (await left.getAttribute('data-task-id'))!;
  await left.getByTestId('triage-select').check();
  await bulk.getByTestId('bulk-kind').selectOption('track');
  // The track list replaces the text box (and resets the value) before the task's own track is chosen.
  const trackChoice = bulk.locator('select[data-testid="bulk-value"]');
  const ownTrack = (await taskById(api, payload.board.id, leftId)).track;
  await trackChoice.selectOption(ownTrack);
  await expect(trackChoice).toHaveValue(ownTrack);
  await bulk.getByTestId('bulk-apply').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'tasks unchanged' })).toContainText('1 tasks unchanged: Already in this track');
  await page.getByTestId('lang-vi').click();
});

test('evidence and confirmation: the unit sends, the coordinator returns with a reason, the unit sees it, the coordinator confirms', async ({ page, browser, baseURL }) => {
  const unitTask = (await fresh()).tasks.find((t) => t.column === 'todo' && t.evidence.length === 0 && t.leads.length === 1 && t.leads[0] === 'Sở Khoa học và Công nghệ' && t.deadline.kind !== 'recurring')!;
  await signIn(page, 'donvi');
  await openTask(page, payload.board.id, unitTask.id);
  const panel = page.getByRole('dialog');
  // Without evidence the server refuses, in Vietnamese.
  await panel.getByTestId('action-send').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Cần ít nhất một minh chứng' })).toBeVisible();
  await panel.getByTestId('tab-evidence').click();
  await panel.getByTestId('evidence-label').fill('Ảnh buổi tập huấn');
  await panel.getByTestId('evidence-photo').setInputFiles({ name: 'tap-huan.png', mimeType: 'image/png', buffer: PNG });
  const rowEv = panel.getByTestId('evidence-row');
  await expect(rowEv).toHaveCount(1);
  await expect(rowEv).toContainText('Ảnh buổi tập huấn');
  await expect(rowEv).toContainText('Trần Văn Minh');
  await panel.getByTestId('action-send').click();
  await expect(panel.getByTestId('panel-column')).toHaveAttribute('data-column', 'review');
  expect((await taskById(api, payload.board.id, unitTask.id)).column).toBe('review');

  // The coordinator returns it with a reason.
  const coordinator = await browser.newContext({ baseURL });
  const cpage = await coordinator.newPage();
  await signIn(cpage, 'thuongtruc');
  await openTask(cpage, payload.board.id, unitTask.id);
  const cpanel = cpage.getByRole('dialog');
  await cpanel.getByTestId('action-return').click();
  await cpage.getByTestId('return-reason').fill('Ảnh chưa thể hiện số lượng học viên; bổ sung danh sách');
  await cpage.getByTestId('return-submit').click();
  await expect(cpanel.getByTestId('panel-returned')).toContainText('bổ sung danh sách');
  await expect(cpanel.getByTestId('panel-column')).toHaveAttribute('data-column', 'doing');

  // The unit sees the reason on the card.
  await page.goto(`/boards/${payload.board.id}?q=${encodeURIComponent(unitTask.content.slice(0, 40))}`);
  await expect(card(page, unitTask.id).getByTestId('task-returned')).toContainText('bổ sung danh sách');
  await card(page, unitTask.id).click();
  await page.getByRole('dialog').getByTestId('tab-evidence').click();
  await page.getByRole('dialog').getByTestId('evidence-kind-note').click();
  await page.getByRole('dialog').getByTestId('evidence-note').fill('Danh sách 45 học viên kèm theo');
  await page.getByRole('dialog').getByTestId('evidence-add-note').click();
  await expect(page.getByRole('dialog').getByTestId('evidence-row')).toHaveCount(2);
  await page.getByRole('dialog').getByTestId('action-send').click();
  await expect(page.getByRole('dialog').getByTestId('panel-column')).toHaveAttribute('data-column', 'review');

  // The coordinator confirms: done, with its completion date, on time or late as the dates say.
  await openTask(cpage, payload.board.id, unitTask.id);
  await cpage.getByRole('dialog').getByTestId('action-confirm').click();
  await expect(cpage.getByRole('dialog').getByTestId('panel-column')).toHaveAttribute('data-column', 'done');
  const done = await taskById(api, payload.board.id, unitTask.id);
  expect(done.completedAt).toBe(TODAY);
  const expected = timelinessChip(done, TODAY).kind;
  expect(['done-on-time', 'done-late']).toContain(expected);
  await expect(cpage.getByRole('dialog').getByTestId('panel-chip')).toHaveText(CHIP_LABELS[expected].vi);
  await cpage.getByTestId('panel-close').click();
  await expect(card(cpage, unitTask.id).getByTestId('task-deadline')).toHaveText(CHIP_LABELS[expected].vi);
  // The timeliness filter counts it among finished tasks, not open ones.
  await cpage.goto(`/boards/${payload.board.id}?time=${expected}`);
  await expect(card(cpage, unitTask.id)).toBeVisible();
  await cpage.goto(`/boards/${payload.board.id}?time=late`);
  await expect(cpage.getByTestId('board')).toBeVisible();
  await expect(card(cpage, unitTask.id)).toHaveCount(0);
  await coordinator.close();
});

test('an oversized upload is refused with a message, in the browser and by the server', async ({ page }) => {
  test.setTimeout(120_000);
  const task = (await fresh()).tasks.find((t) => t.column === 'todo' && t.evidence.length === 0)!;
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  await panel.getByTestId('tab-evidence').click();
  // Over the 20 MB evidence limit, under the request limit: the server reads it and refuses it in words.
  const big = Buffer.alloc(20.5 * 1024 * 1024, 0x41);
  await panel.getByTestId('evidence-file').setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(panel.getByTestId('evidence-error')).toHaveText('Tệp "bien-ban.pdf" quá lớn (20.5 MB); giới hạn là 20 MB.');
  await expect(panel.getByTestId('evidence-row')).toHaveCount(0);
  // The server's own refusal (for a client that does not check): 413 in Vietnamese, nothing stored.
  const form = new FormData();
  form.append('file', new Blob([big]), 'bien-ban.pdf');
  const res = await api(`/api/boards/${payload.board.id}/tasks/${task.id}/evidence/file`, { method: 'POST', body: form });
  expect(res.status).toBe(413);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Tệp "bien-ban.pdf" quá lớn (20.5 MB); giới hạn là 20 MB');
  expect((await taskById(api, payload.board.id, task.id)).evidence).toHaveLength(0);
});

test('a recurring task reports its current period; the card shows it reported', async ({ page }) => {
  const task = (await fresh()).tasks.find((t) => t.deadline.kind === 'recurring' && t.deadline.cadence === 'monthly' && t.column === 'todo' && t.periodReports.length === 0)!;
  await page.goto(`/boards/${payload.board.id}?q=${encodeURIComponent(task.content.slice(0, 40))}`);
  await expect(card(page, task.id).getByTestId('task-period')).toHaveAttribute('data-reported', 'false');
  await card(page, task.id).click();
  const panel = page.getByRole('dialog');
  await panel.getByTestId('tab-periods').click();
  const current = panel.locator('[data-testid="period-slot"][data-period="2025-12"]');
  await expect(current).toContainText('Tháng 12/2025');
  await expect(current).toHaveAttribute('data-reported', 'no');
  await panel.getByTestId('period-done').check();
  await panel.getByTestId('period-note').fill('Đã cập nhật số liệu tháng 12 lên hệ thống');
  await panel.getByTestId('period-submit').click();
  await expect(current).toHaveAttribute('data-reported', 'done');
  await expect(current).toContainText('Đã báo cáo: hoàn thành');
  await panel.getByTestId('panel-close').click();
  await expect(card(page, task.id).getByTestId('task-period')).toHaveAttribute('data-reported', 'true');
  const saved = await taskById(api, payload.board.id, task.id);
  expect(saved.periodReports).toMatchObject([{ period: '2025-12', done: true, note: 'Đã cập nhật số liệu tháng 12 lên hệ thống' }]);
});

test('an extension: new date, reason and approver; the panel shows original and extended deadline, and the history keeps it', async ({ page }) => {
  const task = (await fresh()).tasks.find((t) => t.deadline.kind === 'date' && t.deadline.due === '2025-12-31' && (t.column === 'todo' || t.column === 'doing') && t.extensions.length === 0)!;
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  await panel.getByTestId('action-extend').click();
  const dialog = page.getByTestId('extend-dialog');
  await dialog.locator('[data-testid="extend-due"] [data-part="day"]').click();
  await page.keyboard.type('31032026');
  await dialog.getByTestId('extend-reason').fill('Chờ Bộ hướng dẫn kỹ thuật');
  await dialog.getByTestId('extend-approved-by').fill('Phó Chủ tịch UBND tỉnh');
  await dialog.getByTestId('extend-submit').click();
  await expect(dialog).toBeHidden();
  const extended = panel.getByTestId('deadline-extended');
  await expect(extended).toContainText('Hạn ban đầu: 31/12/2025');
  await expect(extended).toContainText('Đã gia hạn đến 31/03/2026');
  await expect(extended).toContainText('Phó Chủ tịch UBND tỉnh');
  await panel.getByTestId('tab-history').click();
  await expect(panel.locator('[data-testid="history-row"][data-op="task.extend"]')).toContainText('Gia hạn');
  const saved = await taskById(api, payload.board.id, task.id);
  expect(saved.extensions).toMatchObject([{ previousDue: '2025-12-31', due: '2026-03-31', reason: 'Chờ Bộ hướng dẫn kỹ thuật', approvedBy: 'Phó Chủ tịch UBND tỉnh' }]);
});

test('a task added by hand, duplicated, then deleted and brought back with "Hoàn tác"', async ({ page }) => {
  await page.goto(`/boards/${payload.board.id}`);
  await page.getByTestId('add-cchc-todo').click();
  await page.getByTestId('add-task-content').fill('Rà soát quy trình nội bộ giải quyết thủ tục hành chính');
  await page.getByTestId('add-task-submit').click();
  // The add dialog closes as the new task's panel opens: address the panel itself.
  const panel = page.getByTestId('task-panel');
  await expect(panel.getByLabel('Nội dung nhiệm vụ')).toHaveValue('Rà soát quy trình nội bộ giải quyết thủ tục hành chính');
  const id = (await panel.getAttribute('data-task-id'))!;
  await panel.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Đã nhân bản' })).toBeVisible();
  await expect.poll(() => panel.getAttribute('data-task-id')).not.toBe(id);
  const copyId = (await panel.getAttribute('data-task-id'))!;
  await panel.getByTestId('action-delete').click();
  await expect(panel).toBeHidden();
  const toast = page.getByTestId('toast').filter({ hasText: 'Đã xóa nhiệm vụ' });
  await expect(toast).toBeVisible();
  expect((await api(`/api/boards/${payload.board.id}/tasks/${copyId}`)).status).toBe(404);
  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Đã khôi phục' })).toBeVisible();
  expect((await api(`/api/boards/${payload.board.id}/tasks/${copyId}`)).status).toBe(200);
  const original = await api(`/api/boards/${payload.board.id}/tasks/${id}`);
  expect(original.status, await original.clone().text()).toBe(200);
  expect(((await original.json()) as { task: Task }).task.content).toBe('Rà soát quy trình nội bộ giải quyết thủ tục hành chính');
});

export type { Task };

test('a deadline that names where a recurring task falls due, or an offset before an event, reads so in the panel, in Vietnamese and English', async ({ page }) => {
  const task = (await fresh()).tasks.find((t) => (t.deadline.kind === 'month' || t.deadline.kind === 'quarter') && t.column === 'todo' && t.extensions.length === 0)!;
  expect(task).toBeDefined();
  await openTask(page, payload.board.id, task.id);
  const panel = page.getByRole('dialog');
  const deadline = panel.getByLabel('Thời hạn (ghi như văn bản)');
  const reading = panel.getByTestId('deadline-reading');
  // A yearly cell keeps its quarter, month and day.
  await deadline.fill('Quý IV hằng năm');
  await expect(reading).toHaveText('Đọc là: thường xuyên (hằng năm, hết quý IV)');
  await deadline.fill('Tháng 6 và tháng 12 hằng năm');
  await expect(reading).toHaveText('Đọc là: thường xuyên (hằng năm, hết tháng 6 và tháng 12)');
  await deadline.fill('Trước ngày 15/12 hằng năm');
  await expect(reading).toHaveText('Đọc là: thường xuyên (hằng năm, trước ngày 15/12)');
  // An offset before an event keeps its amount, unit and side, and no date until the event has one.
  await deadline.fill('Trước kỳ họp HĐND tỉnh 15 ngày');
  await expect(reading).toHaveAttribute('data-kind', 'conditional');
  await expect(reading).toHaveAttribute('data-due', '');
  await expect(reading).toContainText('15 ngày trước: kỳ họp HĐND tỉnh');
  await deadline.fill('15 ngày trước ngày 01/7/2026');
  await expect(reading).toHaveAttribute('data-due', '2026-06-16');
  await expect(reading).toContainText('(15 ngày trước ngày ghi trong ô)');
  // Saved, a half-yearly report due on the 10th of June: each period of the section has its due day.
  await deadline.fill('Báo cáo 6 tháng trước ngày 10/6');
  await expect(reading).toHaveText('Đọc là: thường xuyên (6 tháng một lần, trước ngày 10/06 và 10/12)');
  await deadline.press('Tab');
  await expect(panel.getByTestId('field-saved-deadline')).toBeVisible();
  await panel.getByTestId('tab-periods').click();
  await expect(panel.getByTestId('period-section').getByRole('heading').first()).toHaveText('Báo cáo theo kỳ (6 tháng một lần, trước ngày 10/06 và 10/12)');
  const current = panel.locator('[data-testid="period-slot"][data-period="2025-H2"]');
  await expect(current.getByTestId('period-due')).toHaveAttribute('data-due', '2025-12-10');
  await expect(current.getByTestId('period-due')).toHaveText('hạn 10/12/2025');
  await panel.getByTestId('panel-close').click();

  // The same reading in English.
  await page.getByTestId('lang-en').click();
  await openTask(page, payload.board.id, task.id);
  await expect(page.getByRole('dialog').getByTestId('deadline-reading')).toHaveText('Read as: recurring (half-yearly, by 10/06 and 10/12)');
  // What to check about a reading, in English too; Esc then drops the edit, nothing saved.
  const field = page.getByRole('dialog').getByTestId('field-deadline');
  await field.fill('Tháng 6 và tháng 12/2026');
  await expect(page.getByRole('dialog').getByTestId('deadline-flags')).toHaveText('Check: The deadline cell names several dates: due at the earliest (never later than the text); someone should confirm it');
  await field.press('Escape');
  await expect(field).toHaveValue('Báo cáo 6 tháng trước ngày 10/6');
  await page.getByRole('dialog').getByTestId('panel-close').click();
  await page.getByTestId('lang-vi').click();
  const saved = await taskById(api, payload.board.id, task.id);
  expect(saved.deadline).toMatchObject({ kind: 'recurring', cadence: 'half-yearly', periodDay: 10, periodMonths: [6] });
});

test('a weekly report on its weekday and a report due in the next period read so in the panel; saved, the period section and the card date them by the shared due rule', async ({ page }) => {
  const task = (await fresh()).tasks.find((t) => (t.deadline.kind === 'month' || t.deadline.kind === 'quarter') && t.column === 'todo' && t.extensions.length === 0 && t.periodReports.length === 0)!;
  expect(task).toBeDefined();
  const cases = [
    { text: 'Báo cáo trước 16h00 thứ Sáu hằng tuần', reading: 'Đọc là: thường xuyên (hằng tuần, trước thứ Sáu)' },
    { text: 'Hằng quý, gửi trong tháng đầu quý sau', reading: 'Đọc là: thường xuyên (hằng quý, hết tháng đầu quý sau)' },
  ];
  for (const { text, reading } of cases) {
    await openTask(page, payload.board.id, task.id);
    const panel = page.getByRole('dialog');
    const deadline = panel.getByLabel('Thời hạn (ghi như văn bản)');
    await deadline.fill(text);
    await expect(panel.getByTestId('deadline-reading')).toHaveText(reading);
    await deadline.press('Tab');
    await expect.poll(async () => (await taskById(api, payload.board.id, task.id)).deadline.raw).toBe(text);
    const saved = await taskById(api, payload.board.id, task.id);

    // The dates the board must show, from the shared rule and the e2e server's pinned today.
    const cadence = deadlineCadence(saved.deadline)!;
    const current = periodOf(TODAY, cadence);
    const due = periodDue(saved.deadline, current)!;
    // Independent of the rule: a weekly report falls on its Friday, a "tháng đầu quý sau" one after its own quarter.
    if (cadence === 'weekly') expect(new Date(`${due}T00:00:00Z`).getUTCDay()).toBe(5);
    else expect(due > current.end).toBe(true);
    await panel.getByTestId('tab-periods').click();
    const slot = panel.locator(`[data-testid="period-slot"][data-period="${current.key}"]`);
    await expect(slot.getByTestId('period-due')).toHaveAttribute('data-due', due);
    await expect(slot.getByTestId('period-due')).toHaveText(`hạn ${formatDateVi(due)}`);
    // The report owed today, by the rule the chip follows, shows its own due day in its slot.
    const owed = owedReport(saved, TODAY);
    if (owed) await expect(panel.locator(`[data-testid="period-slot"][data-period="${owed.period.key}"]`).getByTestId('period-due')).toHaveAttribute('data-due', owed.due);
    await panel.getByTestId('panel-close').click();

    // The card's chip dates the owed report; a task that owes none (here: every task is created on the real
    // clock, after the pinned today, so it owes no earlier report) shows the deadline as printed.
    await page.goto(`/boards/${payload.board.id}?q=${encodeURIComponent(task.content.slice(0, 40))}`);
    await expect(card(page, task.id).getByTestId('task-deadline')).toHaveText(owed ? formatDateVi(owed.due) : text);
    await expect(card(page, task.id).getByTestId('task-period')).toHaveAttribute('data-reported', 'false');
  }
});
