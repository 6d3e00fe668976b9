// One run per role in Chromium, on the demo board, showing what each may do: the standing agency
// (thường trực) moves and edits any task; a unit (đơn vị) moves its own task up to "Chờ xác nhận" but
// not to "Hoàn thành" and cannot move another agency's; a leader (lãnh đạo) and a viewer (xem) cannot
// move, and only the leader records a meeting conclusion; the administrator sees the admin pages.
// Moves are real mouse drags; what has no control on the board yet (edits, conclusions) is asked
// through the page's own session.
import { accessKey, type BoardCard } from '@dondoc/shared';
import type { DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.ts';
import { card, cell, demoBoard, dragTo, openBoard, taskOnServer } from '../support/board.ts';

const UNIT_AGENCY = 'Sở Khoa học và Công nghệ';
let payload: DecodedBoard;
/** Tasks already used by a test, so each test starts from tasks nobody touched. */
const used = new Set<string>();

test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ server }) => {
  payload = await demoBoard(server.url);
});

const mine = (t: BoardCard) => t.leads.some((l) => accessKey(l, payload.board.agencies) === accessKey(UNIT_AGENCY, payload.board.agencies));
const involved = (t: BoardCard) => mine(t) || t.partners.some((p) => accessKey(p, payload.board.agencies) === accessKey(UNIT_AGENCY, payload.board.agencies));
/** A fresh task of the demo board in Chưa thực hiện, led by the unit's agency or by nobody it works with. */
function pick(kind: 'own' | 'other'): BoardCard {
  const t = payload.tasks.find((x) => x.column === 'todo' && !used.has(x.id) && (kind === 'own' ? mine(x) : !involved(x) && x.leads.length > 0));
  if (!t) throw new Error(`no fresh ${kind} task on the demo board`);
  used.add(t.id);
  return t;
}

const write = (page: Page, server: { url: string }, path: string, method: 'POST' | 'PATCH', data: unknown) =>
  page.request.fetch(path, { method, data, headers: { Origin: server.url } });

/**
 * A drag that must not move the card: it goes back where it was (or never leaves), and nothing
 * changed on the server. A role that may move some tasks (the unit) can start the drag, so the
 * server refuses the drop and the board says why; for a role that may move none, the board does not
 * let the card be picked up at all (or, if it does, the server refuses it the same way).
 */
async function refusedDrag(page: Page, baseURL: string, task: BoardCard, to: string, why: RegExp, opts: { boardMayPrevent?: boolean } = {}): Promise<void> {
  const before = await taskOnServer(baseURL, payload.board.id, task.id);
  await dragTo(page, card(page, task.id), cell(page, task.track, to));
  const toast = page.getByTestId('toast').filter({ hasText: why });
  if (!opts.boardMayPrevent) await expect(toast).toBeVisible();
  await expect(cell(page, task.track, before.column).locator(`[data-task-id="${task.id}"]`)).toBeVisible();
  await expect(cell(page, task.track, to).locator(`[data-task-id="${task.id}"]`)).toHaveCount(0);
  // Give a refused drop's answer time to arrive before reading the server.
  await page.waitForTimeout(300);
  const after = await taskOnServer(baseURL, payload.board.id, task.id);
  expect({ column: after.column, version: after.version }).toEqual({ column: before.column, version: before.version });
}

test.describe('thường trực (coordinator)', () => {
  test.use({ login: 'thuongtruc' });
  test('moves any task, whoever leads it, and edits it', async ({ page, server }) => {
    const task = pick('other');
    await openBoard(page, payload.board.id);
    await expect(page.getByTestId('who-role')).toHaveText('Thường trực');
    await dragTo(page, card(page, task.id), cell(page, task.track, 'done'), { x: 0.5, y: 0.9 });
    await expect.poll(async () => (await taskOnServer(server.url, payload.board.id, task.id)).column).toBe('done');
    const res = await write(page, server, `/api/boards/${payload.board.id}/tasks/${task.id}`, 'PATCH', { version: (await taskOnServer(server.url, payload.board.id, task.id)).version, output: 'Báo cáo đã ban hành' });
    expect(res.status()).toBe(200);
  });
});

test.describe('đơn vị (unit editor of Sở Khoa học và Công nghệ)', () => {
  test.use({ login: 'donvi' });
  test('moves its own task up to Chờ xác nhận, not to Hoàn thành, and cannot move another agency’s', async ({ page, server }) => {
    const own = pick('own');
    const other = pick('other');
    await openBoard(page, payload.board.id);
    await expect(page.getByTestId('who-role')).toHaveText('Đơn vị');

    await dragTo(page, card(page, own.id), cell(page, own.track, 'doing'));
    await expect.poll(async () => (await taskOnServer(server.url, payload.board.id, own.id)).column).toBe('doing');
    // "Chờ xác nhận" needs evidence first; the unit adds a link to its own task.
    expect((await write(page, server, `/api/boards/${payload.board.id}/tasks/${own.id}/evidence`, 'POST', { kind: 'link', label: 'Quyết định ban hành kế hoạch', url: 'https://laocai.gov.vn/qd-1' })).status()).toBe(201);
    await page.reload();
    await dragTo(page, card(page, own.id), cell(page, own.track, 'review'));
    await expect.poll(async () => (await taskOnServer(server.url, payload.board.id, own.id)).column).toBe('review');

    await refusedDrag(page, server.url, own, 'done', /Bạn không có quyền chuyển cột nhiệm vụ này sang cột "Hoàn thành" \(vai trò: Đơn vị\)/);
    await page.screenshot({ path: 'test-results/roles-unit-refused-1600.png' });
    await refusedDrag(page, server.url, other, 'doing', /Bạn không có quyền chuyển cột nhiệm vụ này sang cột "Đang thực hiện" \(vai trò: Đơn vị\)/);
    // It edits progress on its own task, not the plan's wording.
    const now = await taskOnServer(server.url, payload.board.id, own.id);
    expect((await write(page, server, `/api/boards/${payload.board.id}/tasks/${own.id}`, 'PATCH', { version: now.version, progress: 80 })).status()).toBe(200);
    expect((await write(page, server, `/api/boards/${payload.board.id}/tasks/${own.id}`, 'PATCH', { version: now.version + 1, content: 'Việc khác' })).status()).toBe(403);
    await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  });
});

test.describe('lãnh đạo (leader)', () => {
  test.use({ login: 'lanhdao' });
  test('cannot move, but records a meeting conclusion', async ({ page, server }) => {
    const task = pick('other');
    await openBoard(page, payload.board.id);
    await expect(page.getByTestId('who-role')).toHaveText('Lãnh đạo');
    await refusedDrag(page, server.url, task, 'doing', /Bạn không có quyền chuyển cột nhiệm vụ này sang cột "Đang thực hiện" \(vai trò: Lãnh đạo\)/, { boardMayPrevent: true });
    const res = await write(page, server, `/api/boards/${payload.board.id}/tasks/${task.id}/conclusions`, 'POST', { text: 'Giao hoàn thành trước 31/01/2026', newDue: '2026-01-31' });
    expect(res.status()).toBe(201);
    const after = await taskOnServer(server.url, payload.board.id, task.id);
    expect(after.conclusions.at(-1)).toMatchObject({ text: 'Giao hoàn thành trước 31/01/2026', by: { name: 'Lê Quang Huy' } });
    expect(after.extensions.at(-1)).toMatchObject({ due: '2026-01-31' });
    expect((await write(page, server, `/api/boards/${payload.board.id}/tasks/${task.id}/comments`, 'POST', { text: 'Lãnh đạo bình luận' })).status()).toBe(403);
  });
});

test.describe('xem (viewer)', () => {
  test.use({ login: 'xem' });
  test('reads the board and cannot change anything', async ({ page, server }) => {
    const task = pick('other');
    await openBoard(page, payload.board.id);
    await expect(page.getByTestId('who-role')).toHaveText('Xem');
    await expect(page.getByTestId('filter-count')).toHaveAttribute('data-total', String(payload.tasks.length));
    await refusedDrag(page, server.url, task, 'doing', /Bạn không có quyền chuyển cột nhiệm vụ này sang cột "Đang thực hiện" \(vai trò: Xem\)/, { boardMayPrevent: true });
    for (const [path, body] of [
      ['conclusions', { text: 'Kết luận' }],
      ['comments', { text: 'Bình luận' }],
      ['evidence', { kind: 'note', label: 'Ghi chú' }],
    ] as const)
      expect((await write(page, server, `/api/boards/${payload.board.id}/tasks/${task.id}/${path}`, 'POST', body)).status(), path).toBe(403);
    expect((await page.request.get('/api/users')).status()).toBe(403);
  });

  test('opens a task’s panel where every field, the agencies too, looks read-only', async ({ page }) => {
    const task = pick('other');
    await openBoard(page, payload.board.id);
    await card(page, task.id).click();
    const panel = page.getByTestId('task-panel');
    const status = panel.getByTestId('field-column');
    await expect(status).toBeDisabled();
    await expect(panel.getByLabel('Người phụ trách')).not.toBeEditable();
    const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    const grey = await background(status);
    expect(await background(panel.getByLabel('Người phụ trách'))).toBe(grey);
    for (const field of ['leads', 'partners']) {
      const anchor = panel.locator(`[data-field="${field}"] .anchor`);
      // The box holding the chips is the same grey as a disabled select, not a white box waiting for input…
      expect(await background(anchor), field).toBe(grey);
      // …and holds nothing to type in or tab to.
      await expect(anchor.locator('input, textarea, [contenteditable], [tabindex]:not([tabindex="-1"])'), field).toHaveCount(0);
    }
    await expect(panel.getByTestId('leads-tag').first()).toBeVisible();
  });
});

test.describe('quản trị (administrator)', () => {
  test.use({ login: 'admin' });
  test('moves tasks and sees the administration pages', async ({ page, server }) => {
    const task = pick('other');
    await openBoard(page, payload.board.id);
    await expect(page.getByTestId('who-role')).toHaveText('Quản trị');
    await dragTo(page, card(page, task.id), cell(page, task.track, 'doing'));
    await expect.poll(async () => (await taskOnServer(server.url, payload.board.id, task.id)).column).toBe('doing');
    await page.getByTestId('nav-admin').click();
    await expect(page.getByTestId('admin-users')).toBeVisible();
    // Specs share one server per worker, so earlier ones may have added accounts.
    for (const login of ['admin', 'thuongtruc', 'donvi', 'lanhdao', 'xem']) await expect(page.locator(`[data-testid="user-row"][data-login="${login}"]`)).toHaveCount(1);
    await page.getByTestId('admin-tab-audit').click();
    await expect(page.getByTestId('audit-verdict')).toHaveAttribute('data-ok', 'true');
  });
});
