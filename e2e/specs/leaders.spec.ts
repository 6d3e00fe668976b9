// The leaders' view as a steering committee uses it: two people on one board see each other's moves
// live; a dropped stream picks up every change it missed; meeting mode walks the agenda by keyboard on
// a projector, records a conclusion, and the minutes (.docx) hold it; the dashboard counts what the
// board shows on a fixed "today" (the server's DONDOC_TODAY); a chart's bar opens the board filtered to
// its tasks. Screenshots of meeting mode and of the dashboard are kept in docs/screenshots/.
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { meetingAgenda, agendaSteps, statusOptions, timelinessChip, STATUS_CATEGORIES, type BoardCard, type StatusCategory } from '@dondoc/shared';
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { test, expect } from '../support/fixtures.ts';
import { apiAs, signIn } from '../support/auth.ts';
import { cell, demoBoard, dragTo, openBoard, taskOnServer } from '../support/board.ts';
import { write } from '../support/tasks.ts';
import { StreamCuttingProxy } from '../support/proxy.ts';

const TODAY = '2025-12-10';
test.describe.configure({ mode: 'serial' });

let payload: DecodedBoard;
test.beforeAll(async ({ server }) => {
  payload = await demoBoard(server.url);
});

/** A browser context of its own (another person's laptop), signed in as `login`. */
async function person(browser: Browser, baseURL: string, login: string, viewport = { width: 1600, height: 1000 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await signIn(page, login);
  return { context, page };
}

/** The report bucket of every task as the board's cards are classified on the fixed today. */
function bucketsOnBoard(p: DecodedBoard): Map<string, StatusCategory> {
  const opts = statusOptions(p.board);
  return new Map(p.tasks.map((t) => [t.id, timelinessChip(t, TODAY, opts).status.category]));
}

const countsOf = (tasks: readonly BoardCard[], buckets: Map<string, StatusCategory>): Record<StatusCategory, number> => {
  const c = Object.fromEntries(STATUS_CATEGORIES.map((k) => [k, 0])) as Record<StatusCategory, number>;
  for (const t of tasks) c[buckets.get(t.id)!]++;
  return c;
};

/** The numbers table under a chart, row by row: {rowKey: {bucket: count, total}}. */
async function chartTable(page: Page, testid: string): Promise<Record<string, Record<string, number>>> {
  return page.getByTestId(`${testid}-table`).locator('tbody tr').evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((r) => {
        const cells = [...r.querySelectorAll('td')];
        const byBucket = Object.fromEntries(cells.filter((td) => td.dataset.category).map((td) => [td.dataset.category!, Number(td.dataset.count)]));
        return [(r as HTMLElement).dataset.row!, { ...byBucket, total: Number(cells.at(-1)!.dataset.count) }];
      }),
    ),
  );
}

test('two people on one board: a drag in one browser appears in the other within a second; an open panel is told', async ({ browser, server }) => {
  const boardId = payload.board.id;
  const mover = await person(browser, server.url, 'thuongtruc');
  const watcher = await person(browser, server.url, 'lanhdao');
  try {
    await openBoard(mover.page, boardId);
    await openBoard(watcher.page, boardId);
    await expect(mover.page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await expect(watcher.page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    const source = cell(mover.page, 'khcn-cds', 'todo').getByTestId('task-card').first();
    const taskId = (await source.getAttribute('data-task-id'))!;
    await expect(cell(watcher.page, 'khcn-cds', 'todo').locator(`[data-task-id="${taskId}"]`)).toBeVisible();
    await dragTo(mover.page, source, cell(mover.page, 'khcn-cds', 'doing'));
    const dropped = Date.now();
    await expect(cell(watcher.page, 'khcn-cds', 'doing').locator(`[data-task-id="${taskId}"]`)).toBeVisible({ timeout: 1000 });
    const seenAfter = Date.now() - dropped;
    expect(seenAfter).toBeLessThan(1000);
    await expect(cell(watcher.page, 'khcn-cds', 'todo').locator(`[data-task-id="${taskId}"]`)).toHaveCount(0);
    expect((await taskOnServer(server.url, boardId, taskId)).column).toBe('doing');

    // The watcher opens that task; the coordinator moves it again: the watcher's panel says who changed it, and shows the new column.
    await watcher.page.goto(`/boards/${boardId}?task=${taskId}`);
    await watcher.page.getByRole('dialog').waitFor();
    await expect(watcher.page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await dragTo(mover.page, cell(mover.page, 'khcn-cds', 'doing').locator(`[data-task-id="${taskId}"]`), cell(mover.page, 'khcn-cds', 'done'));
    await expect(watcher.page.getByTestId('panel-remote')).toBeVisible();
    await expect(watcher.page.getByTestId('panel-remote')).toContainText('vừa cập nhật nhiệm vụ này');
    await expect(watcher.page.getByTestId('panel-column')).toHaveAttribute('data-column', 'done');
    await expect(cell(watcher.page, 'khcn-cds', 'done').locator(`[data-task-id="${taskId}"]`)).toBeAttached();
  } finally {
    await mover.context.close();
    await watcher.context.close();
  }
});

test('a dropped stream resumes with Last-Event-ID and brings every change it missed, without refetching the board', async ({ browser, server }) => {
  const boardId = payload.board.id;
  const proxy = new StreamCuttingProxy(server.url);
  await proxy.start();
  const watcher = await person(browser, proxy.url, 'lanhdao');
  try {
    await openBoard(watcher.page, boardId);
    await expect(watcher.page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    const api = await apiAs(server.url, 'thuongtruc');
    const p = boardOf(await (await api(`/api/boards/${boardId}`)).json());
    const open = p.tasks.filter((t) => t.track === 'cchc' && t.column === 'todo').slice(0, 3);
    expect(open).toHaveLength(3);
    // One change the stream sees before the cut, so its last id is a change's.
    await write(api, 'POST', `/api/boards/${boardId}/tasks/${open[0]!.id}/move`, { version: open[0]!.version, track: 'cchc', column: 'doing', afterId: null });
    await expect(cell(watcher.page, 'cchc', 'doing').locator(`[data-task-id="${open[0]!.id}"]`)).toBeAttached();

    const boardFetches = () => proxy.log.filter((r) => r.method === 'GET' && new RegExp(`^/api/boards/${boardId}(\\?|$)`).test(r.url)).length;
    const fetchesBefore = boardFetches();
    const streamsBefore = proxy.log.filter((r) => r.url.includes('/events')).length;
    proxy.cut();
    // The browser reconnects by itself; the proxy keeps that reconnection waiting while the board changes.
    await expect.poll(() => proxy.waitingCount, { timeout: 10_000 }).toBeGreaterThan(0);
    await write(api, 'POST', `/api/boards/${boardId}/tasks/${open[1]!.id}/move`, { version: open[1]!.version, track: 'cchc', column: 'doing', afterId: null });
    await write(api, 'POST', `/api/boards/${boardId}/tasks/${open[2]!.id}/move`, { version: open[2]!.version, track: 'cchc', column: 'done', afterId: null });
    const moved0 = await taskOnServer(server.url, boardId, open[0]!.id);
    await write(api, 'POST', `/api/boards/${boardId}/tasks/${open[0]!.id}/move`, { version: moved0.version, track: 'de-an-06', column: 'doing', afterId: null });
    // Nothing reaches the page while the stream is down.
    await expect(cell(watcher.page, 'cchc', 'todo').locator(`[data-task-id="${open[1]!.id}"]`)).toBeAttached();
    proxy.release();

    await expect(cell(watcher.page, 'cchc', 'doing').locator(`[data-task-id="${open[1]!.id}"]`)).toBeAttached();
    await expect(cell(watcher.page, 'cchc', 'done').locator(`[data-task-id="${open[2]!.id}"]`)).toBeAttached();
    await expect(cell(watcher.page, 'de-an-06', 'doing').locator(`[data-task-id="${open[0]!.id}"]`)).toBeAttached();
    await expect(watcher.page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    // The reconnection said where it was; the missed changes came through the stream, not a board refetch.
    const resumed = proxy.log.filter((r) => r.url.includes('/events')).slice(streamsBefore);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed[0]!.lastEventId ?? new URL(resumed[0]!.url, 'http://x').searchParams.get('since')).toMatch(/^\d+$/);
    expect(resumed.some((r) => r.lastEventId !== undefined)).toBe(true);
    expect(boardFetches()).toBe(fetchesBefore);
  } finally {
    await watcher.context.close();
    await proxy.stop();
  }
});

test('meeting mode walks the agenda by keyboard, records a conclusion, and the minutes .docx holds it', async ({ browser, server }) => {
  const boardId = payload.board.id;
  const { context, page } = await person(browser, server.url, 'lanhdao', { width: 1920, height: 1080 });
  try {
    // The leader sets the meeting up: the whole board, track by track.
    await page.goto(`/boards/${boardId}/meetings`);
    await page.getByTestId('meeting-form-title').fill('Họp Ban Chỉ đạo tháng 12/2025');
    await page.getByTestId('meeting-form-chair').fill('Đ/c Phó Chủ tịch UBND tỉnh');
    await page.getByTestId('meeting-form-attendees').fill('Sở KH&CN\nCông an tỉnh\nVăn phòng UBND tỉnh');
    await page.getByTestId('meeting-form-submit').click();
    await expect(page.getByTestId('meeting-view')).toBeVisible();
    const meetingId = page.url().match(/meetings\/([^/]+)\/present/)![1]!;
    await expect(page.getByTestId('meeting-task')).toBeVisible();
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    // The walk is the agenda computed from the board as it stands: track by track, late tasks first.
    const now = boardOf(await (await (await apiAs(server.url, 'lanhdao'))(`/api/boards/${boardId}`)).json());
    const agenda = meetingAgenda(now.board, now.tasks, { order: 'track', today: TODAY });
    const expected = agendaSteps(agenda, 'task').map((s) => s.taskId);
    expect(expected.length).toBe(now.tasks.length);
    const walked: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      await expect(page.getByTestId('meeting-view')).toHaveAttribute('data-step', String(i));
      walked.push((await page.getByTestId('meeting-task').getAttribute('data-task-id'))!);
      await page.keyboard.press('ArrowRight');
    }
    expect(walked).toEqual(expected);
    // Within each track, the late tasks (as the board's chips say) come before every other.
    const chipOf = new Map(now.tasks.map((t) => [t.id, timelinessChip(t, TODAY, statusOptions(now.board)).kind]));
    for (const section of agenda) {
      const late = section.taskIds.map((id) => chipOf.get(id) === 'late');
      expect(late.indexOf(false) === -1 || !late.slice(late.indexOf(false)).includes(true), section.label).toBe(true);
    }
    expect([...chipOf.values()].filter((k) => k === 'late').length).toBeGreaterThan(0);
    // ← goes back, Home to the start, ↓ to the next section.
    await page.keyboard.press('Home');
    await expect(page.getByTestId('meeting-view')).toHaveAttribute('data-step', '0');
    const section0 = await page.getByTestId('meeting-section').textContent();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('meeting-section')).not.toHaveText(section0!);
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('meeting-view')).toHaveAttribute('data-step', '0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('meeting-view')).toHaveAttribute('data-step', '0');

    // Projector legibility: task text 24 px or more, the counts on screen, white on near black.
    const style = await page.getByTestId('meeting-content').evaluate((el) => {
      const s = getComputedStyle(el);
      return { size: parseFloat(s.fontSize), color: s.color, bg: getComputedStyle(el.closest('[data-testid="meeting-view"]')!).backgroundColor };
    });
    expect(style.size).toBeGreaterThanOrEqual(24);
    expect(style.color).toBe('rgb(255, 255, 255)');
    await expect(page.getByTestId('meeting-counts')).toBeInViewport();
    const shownTotal = await page.getByTestId('meeting-counts').locator('[data-category]').evaluateAll((els) => els.reduce((a, e) => a + Number((e as HTMLElement).dataset.count), 0));
    expect(shownTotal).toBe(now.tasks.length);
    await page.screenshot({ path: '../docs/screenshots/meeting-mode.png' });

    // Enter opens the task's details, Esc closes them.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('meeting-detail')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('meeting-detail')).toHaveCount(0);

    // X marks the task "đã xem xét"; K records the conclusion with a new deadline and who follows up.
    const taskId = expected[0]!;
    await page.keyboard.press('x');
    await expect(page.getByTestId('meeting-task')).toHaveAttribute('data-reviewed', 'true');
    await expect(page.getByTestId('meeting-reviewed')).toHaveAttribute('data-count', '1');
    await page.keyboard.press('k');
    await expect(page.getByTestId('meeting-conclusion')).toBeVisible();
    const decision = 'Giao Sở KH&CN hoàn thành trước ngày 31/01/2026, báo cáo kết quả tại phiên họp tháng 2';
    await page.getByTestId('conclusion-text').fill(decision);
    // Typed day by day as a Vietnamese date (dd/mm/yyyy), as in the task panel.
    await page.locator('[data-testid="conclusion-due"] [data-part="day"]').click();
    await page.keyboard.type('31012026');
    await expect(page.getByTestId('conclusion-due')).toContainText('31');
    await page.getByTestId('conclusion-follow-up').fill('Văn phòng UBND tỉnh');
    await page.screenshot({ path: '../docs/screenshots/meeting-conclusion.png' });
    await page.getByTestId('conclusion-save').click();
    await expect(page.getByTestId('meeting-conclusion')).toHaveCount(0);
    await expect(page.getByTestId('meeting-conclusions')).toContainText(decision);
    // Saved on the task, as a conclusion and an extension.
    const saved = await taskOnServer(server.url, boardId, taskId);
    const conclusion = saved.conclusions.at(-1)!;
    expect(conclusion).toMatchObject({ text: decision, newDue: '2026-01-31', followUp: 'Văn phòng UBND tỉnh', meetingId });
    expect(saved.extensions.at(-1)).toMatchObject({ due: '2026-01-31', conclusionId: conclusion.id });
    // Now on time, the task would sort further down a fresh agenda; on screen the walk keeps its order,
    // so the chair stays on it and → goes on to the task that followed it, skipping none.
    await expect(page.getByTestId('meeting-view')).toHaveAttribute('data-step', '0');
    await expect(page.getByTestId('meeting-task')).toHaveAttribute('data-task-id', taskId);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('meeting-task')).toHaveAttribute('data-task-id', expected[1]!);
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('meeting-task')).toHaveAttribute('data-task-id', taskId);

    // Esc leaves for the minutes; the .docx holds the conclusion in the NĐ 30 "Thông báo kết luận".
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('minutes-view')).toBeVisible();
    await expect(page.getByTestId('minutes-item').filter({ hasText: decision })).toHaveAttribute('data-task-id', taskId);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = await download.createReadStream().then(async (s) => {
      const parts: Buffer[] = [];
      for await (const chunk of s) parts.push(chunk as Buffer);
      return Buffer.concat(parts);
    });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    expect(text).toContain(decision);
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('31/01/2026');
    expect(text).toContain('Họp Ban Chỉ đạo tháng 12/2025');
  } finally {
    await context.close();
  }
});

test("the dashboard's counts equal the board's on the server's fixed today, by track and by lead agency", async ({ page, server }) => {
  const boardId = payload.board.id;
  const api = await apiAs(server.url, 'thuongtruc');
  const now = boardOf(await (await api(`/api/boards/${boardId}`)).json());
  const buckets = bucketsOnBoard(now);

  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`/boards/${boardId}/dashboard`);
  await expect(page.getByTestId('dashboard-view')).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('dashboard-view')).toContainText('10/12/2025');
  const all = countsOf(now.tasks, buckets);
  await expect(page.getByTestId('tile-total')).toHaveAttribute('data-count', String(now.tasks.length));
  await expect(page.getByTestId('tile-late')).toHaveAttribute('data-count', String(all['todo-late'] + all['doing-late']));
  await expect(page.getByTestId('tile-done')).toHaveAttribute('data-count', String(all['done-on-time'] + all['done-late']));

  const tracks = await chartTable(page, 'chart-tracks');
  for (const track of now.board.tracks) {
    const mine = now.tasks.filter((t) => t.track === track.id);
    if (mine.length === 0) continue;
    expect(tracks[track.id], track.id).toEqual({ ...countsOf(mine, buckets), total: mine.length });
  }
  const agencies = await chartTable(page, 'chart-agencies');
  const names = new Set(now.tasks.flatMap((t) => (t.leads.length ? t.leads : [''])));
  expect(Object.keys(agencies).sort()).toEqual([...names].sort());
  for (const name of names) {
    const mine = now.tasks.filter((t) => (name ? t.leads.includes(name) : t.leads.length === 0));
    expect(agencies[name], name).toEqual({ ...countsOf(mine, buckets), total: mine.length });
  }
  // Agencies are listed by name, not ranked by how late they are.
  const order = Object.keys(agencies).filter(Boolean);
  expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b, 'vi')));

  // "Due in 7 / 30 days" are the board's own due-within filters.
  for (const days of ['7', '30']) {
    const tile = Number(await page.getByTestId(`tile-due${days}`).getAttribute('data-count'));
    const board = await page.context().newPage();
    await openBoard(board, boardId, `?due=${days}`);
    await expect(board.getByTestId('filter-count')).toHaveAttribute('data-shown', String(tile));
    await board.close();
  }
  await page.screenshot({ path: '../docs/screenshots/dashboard.png', fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: '../docs/screenshots/dashboard-1920.png' });
  // On a phone: the same page, one column, nothing wider than the screen.
  const phone = await page.context().newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`/boards/${boardId}/dashboard`);
  await expect(phone.getByTestId('dashboard-view')).toHaveAttribute('data-loaded', 'true');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(phone.getByTestId('tile-late')).toBeInViewport();
  await phone.screenshot({ path: '../docs/screenshots/dashboard-phone.png' });
  await phone.getByTestId('chart-agencies').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: '../docs/screenshots/dashboard-phone-agencies.png' });
  await phone.close();
});

test('clicking a bar of the chart opens the board filtered to exactly those tasks', async ({ page, server }) => {
  const boardId = payload.board.id;
  const api = await apiAs(server.url, 'thuongtruc');
  const now = boardOf(await (await api(`/api/boards/${boardId}`)).json());
  const buckets = bucketsOnBoard(now);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`/boards/${boardId}/dashboard`);
  await expect(page.getByTestId('dashboard-view')).toHaveAttribute('data-loaded', 'true');
  // A bar of the tracks chart (ECharts draws SVG): its colour names its bucket, its row the track; taller than the 14 px legend keys.
  const colours: Record<string, StatusCategory> = { '#7f1d1d': 'todo-late', '#dc2626': 'doing-late', '#64748b': 'todo-on-time', '#1d4ed8': 'doing-on-time', '#15803d': 'done-on-time', '#65a30d': 'done-late', '#a8a29e': 'recurring-undated' };
  const chart = page.getByTestId('chart-tracks');
  const picked = await chart.locator('svg path').evaluateAll((els, known) => {
    const found = els
      .map((el, i) => ({ i, fill: (el.getAttribute('fill') ?? '').toLowerCase(), box: el.getBoundingClientRect() }))
      .filter((b) => b.fill in known && b.box.width > 12 && b.box.height > 16);
    // The first such bar: the top track's first non-empty bucket.
    return found[0] ? { i: found[0].i, fill: found[0].fill, x: found[0].box.x + found[0].box.width / 2, y: found[0].box.y + found[0].box.height / 2 } : null;
  }, colours);
  expect(picked).not.toBeNull();
  const bucket = colours[picked!.fill]!;
  await page.mouse.move(picked!.x, picked!.y);
  await page.mouse.click(picked!.x, picked!.y);
  await expect(page.getByTestId('board')).toBeVisible();
  const url = new URL(page.url());
  expect(url.searchParams.get('status')).toBe(bucket);
  const track = url.searchParams.get('track')!;
  const want = now.tasks.filter((t) => t.track === track && buckets.get(t.id) === bucket);
  expect(want.length).toBeGreaterThan(0);
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-shown', String(want.length));
  const shown = await page.locator('[data-testid="task-card"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.taskId!).sort());
  expect(shown).toEqual(want.map((t) => t.id).sort());
});
