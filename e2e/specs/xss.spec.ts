// Hostile text stays text. Script payloads (<img onerror>, <script>, <svg onload>, a javascript: link,
// Vue-style {{…}}) are written into every text field a user or a plan can fill — task fields, the
// board title, comments, evidence labels, user names and agencies, the agency directory, a pasted
// plan — and every page that shows them is opened: no dialog fires, no element is injected, and the
// text reads literally. javascript: and data: links are refused as evidence by the API.
import type { Page } from '@playwright/test';
import type { Task } from '@dondoc/shared';
import type { DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { test, expect } from '../support/fixtures.ts';
import { card, demoBoard, openBoard } from '../support/board.ts';

const P = {
  img: `<img src=x onerror="window.__xss=(window.__xss||0)+1;alert('img')">`,
  script: `<script>window.__xss=(window.__xss||0)+1;alert('script')</script>`,
  svg: `<svg onload="window.__xss=(window.__xss||0)+1;alert('svg')"></svg>`,
  link: `<a href="javascript:alert('a')">bấm vào đây</a>`,
  mustache: `{{ 7*7 }} {{ constructor.constructor('alert(1)')() }}`,
  attr: `"><img src=x onerror=alert('attr')>`,
};
const ALL = Object.values(P).join(' ');

let dialogs: string[] = [];
let payload: DecodedBoard;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ server }) => {
  payload = await demoBoard(server.url);
});
test.beforeEach(async ({ page }) => {
  dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

/** Nothing ran and nothing was injected into the app's DOM. */
async function inert(page: Page): Promise<void> {
  await page.waitForTimeout(300); // an onerror fires after the image fails to load
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // The whole body, not only #app: dialogs and the task panel are rendered into <body> beside it.
  const injected = page.locator('body img[src="x"], body script, body svg[onload], body [onerror], body [onload], body a[href^="javascript:" i]');
  expect(await injected.count()).toBe(0);
}

test('the check itself catches a payload that does run (so a pass means something)', async ({ page }) => {
  await page.goto('/');
  // An element injected into the app is seen…
  await page.evaluate((html) => document.querySelector('#app')!.insertAdjacentHTML('beforeend', html), P.img);
  await expect(page.locator('#app img[src="x"]')).toHaveCount(1);
  expect(await page.locator('#app [onerror]').count()).toBe(1);
  // …and a dialog would be caught. (The injected handler itself is blocked by the server's
  // Content-Security-Policy, which allows no inline handlers: a second wall behind escaping.)
  await page.evaluate(() => window.alert('img'));
  expect(dialogs).toEqual(['img']);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

const send = (page: Page, server: { url: string }, path: string, method: string, data: unknown) => page.request.fetch(path, { method, data, headers: { Origin: server.url } });

test.describe('as the coordinator', () => {
  test('task fields, the board title, comments and evidence labels render as text on the board', async ({ page, server }) => {
    const board = payload.board.id;
    const [a, b] = payload.tasks.filter((t) => t.column === 'todo' && t.track === 'khcn-cds') as [Task, Task];
    const fields = {
      content: `Nội dung ${P.img} ${P.script}`,
      ordinal: '{{ 7*7 }}',
      leads: [`Sở ${P.svg}`],
      partners: [P.attr],
      output: `Sản phẩm ${P.link}`,
      owner: P.script,
      approver: P.img,
      difficulties: ALL,
      proposals: ALL,
      progressNote: ALL,
      sourceDoc: P.mustache,
      group: [P.img, P.mustache],
      deadline: `Quý IV/2025 ${P.script}`,
    };
    const res = await send(page, server, `/api/boards/${board}/tasks/${a.id}`, 'PATCH', { version: a.version, ...fields });
    expect(res.status(), await res.text()).toBe(200);
    expect((await send(page, server, `/api/boards/${board}/tasks/${b.id}`, 'PATCH', { version: b.version, content: `${P.mustache} ${P.attr}` })).status()).toBe(200);
    expect((await send(page, server, `/api/boards/${board}`, 'PATCH', { title: `Bảng ${P.img}` })).status()).toBe(200);
    expect((await send(page, server, `/api/boards/${board}/tasks/${a.id}/comments`, 'POST', { text: ALL })).status()).toBe(201);
    expect((await send(page, server, `/api/boards/${board}/tasks/${a.id}/evidence`, 'POST', { kind: 'note', label: ALL })).status()).toBe(201);
    expect((await send(page, server, `/api/boards/${board}/tasks/${a.id}/evidence`, 'POST', { kind: 'link', label: P.link, url: 'https://example.vn/?q=<script>alert(1)</script>' })).status()).toBe(201);

    // Links that would run or hide something are refused, naming the field.
    for (const url of ["javascript:alert('x')", ' JavaScript:alert(1)', 'jav&#x09;ascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x']) {
      const r = await send(page, server, `/api/boards/${board}/tasks/${a.id}/evidence`, 'POST', { kind: 'link', label: 'Liên kết', url });
      expect(r.status(), url).toBe(400);
      expect((await r.json()).error, url).toMatchObject({ field: 'url', message: expect.stringContaining('phải là liên kết http:// hoặc https://') });
    }
    // Stored exactly as typed: nothing stripped, nothing escaped into entities.
    const stored = ((await (await page.request.get(`/api/boards/${board}/tasks/${a.id}`)).json()) as { task: Task }).task;
    expect(stored.content).toBe(fields.content);
    expect(stored.comments.at(-1)?.text).toBe(ALL);
    expect(stored.evidence.some((e) => e.label === ALL)).toBe(true);

    await page.goto('/');
    await expect(page.getByTestId('board-list-item').first()).toContainText(`Bảng ${P.img}`);
    await inert(page);

    await openBoard(page, board);
    const cardA = card(page, a.id);
    await expect(cardA.getByTestId('task-content')).toContainText(`Nội dung ${P.img} ${P.script}`);
    await expect(cardA).toContainText('{{ 7*7 }}');
    await expect(cardA).toContainText(`Sở ${P.svg}`);
    await expect(card(page, b.id).getByTestId('task-content')).toContainText(`${P.mustache} ${P.attr}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Bảng ${P.img}`);
    // The lead filter lists the hostile agency as an option's text.
    await expect(page.getByTestId('filter-lead').locator('option', { hasText: `Sở ${P.svg}` })).toHaveCount(1);
    await page.getByTestId('filter-search').fill('{{ 7*7');
    await inert(page);
    await page.screenshot({ path: 'test-results/xss-board.png' });
    // English labels go through the same path.
    await page.getByTestId('lang-en').click();
    await inert(page);
    await page.getByTestId('lang-vi').click();

    // The task panel: every field, the comments, the evidence labels and links, the history.
    await page.goto(`/boards/${board}?task=${a.id}`);
    const panel = page.getByTestId('task-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('{{ 7*7 }}');
    await inert(page);
    await panel.getByTestId('tab-evidence').click();
    // The link evidence labelled with a link's markup, and the note holding every payload.
    await expect(panel.getByTestId('evidence-row').filter({ hasText: P.link })).toHaveCount(2);
    await expect(panel.getByTestId('evidence-row').filter({ hasText: ALL })).toHaveCount(1);
    for (const href of await panel.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? '')))
      expect(href, 'every link in the panel is a web link or the app\'s own').toMatch(/^(https?:\/\/|\/)/);
    await inert(page);
    await panel.getByTestId('tab-talk').click();
    await expect(panel).toContainText(P.script);
    await expect(panel).toContainText(P.img);
    await inert(page);
    await panel.getByTestId('tab-history').click();
    await inert(page);
    await page.screenshot({ path: 'test-results/xss-panel.png' });
  });

  test('a pasted plan full of payloads previews and imports inert', async ({ page, server }) => {
    const tsv = [
      ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Sản phẩm'].join('\t'),
      ['1', `Triển khai ${P.img}`, `Sở ${P.script}`, P.attr, `Quý I/2026 ${P.svg}`, P.link].join('\t'),
      ['2', `Xây dựng ${P.mustache}`, 'Sở Nội vụ', '', '31/12/2026', `Kết quả ${P.img}`].join('\t'),
    ].join('\n');
    // The importer cleans cells as it cleans a plan's HTML fragments (tags go, their text stays):
    // what it keeps is what the page must show, character for character.
    const read = (await (await send(page, server, '/api/import/preview', 'POST', { text: tsv })).json()) as { plan: { tasks: Task[] } };
    const [first, second] = read.plan.tasks as [Task, Task];
    expect(first.content).not.toContain('<img');
    expect(second.content).toContain('{{ 7*7 }}');
    await page.goto('/import');
    await page.getByTestId('import-text').fill(tsv);
    await page.getByTestId('import-preview-submit').click();
    await expect(page.getByTestId('import-preview')).toBeVisible();
    await expect(page.getByTestId('import-task-row').first()).toContainText(first.content);
    await expect(page.getByTestId('import-task-row').nth(1)).toContainText(second.content);
    await inert(page);
    await page.getByTestId('import-board-title').fill(`Kế hoạch ${P.script}`);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('board')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Kế hoạch ${P.script}`);
    await expect(page.getByTestId('task-content').filter({ hasText: first.content })).toHaveCount(1);
    await expect(page.getByTestId('task-content').filter({ hasText: '{{ 7*7 }}' })).toHaveCount(1);
    await expect(page.getByTestId('task-content').filter({ hasText: '49' })).toHaveCount(0);
    await inert(page);
  });
});

test.describe('as the administrator', () => {
  test.use({ login: 'admin' });
  test('user names, agencies and the directory render as text on the admin pages', async ({ page, server }) => {
    const res = await send(page, server, '/api/users', 'POST', { login: 'xss-test', name: `Tên ${P.img}`, agency: `Cơ quan ${P.script}`, roles: { [payload.board.id]: 'viewer' } });
    expect(res.status()).toBe(201);
    expect((await send(page, server, '/api/directory', 'PUT', { agencies: [{ name: `Sở ${P.svg}`, aliases: [P.mustache, P.attr], collective: false }] })).status()).toBe(200);

    await page.goto('/admin/users');
    const row = page.locator('[data-testid="user-row"][data-login="xss-test"]');
    await expect(row.getByTestId('user-row-name')).toHaveText(`Tên ${P.img}`);
    await expect(row.getByTestId('user-row-agency')).toHaveText(`Cơ quan ${P.script}`);
    await expect(row.getByTestId('user-row-roles')).toContainText(`Bảng ${P.img}`);
    await inert(page);
    await row.getByTestId('user-edit').click();
    await expect(page.getByTestId('user-dialog')).toContainText(`Tên ${P.img}`);
    await expect(page.getByTestId('user-agency')).toHaveValue(`Cơ quan ${P.script}`);
    await inert(page);
    await page.getByTestId('user-cancel').click();

    await page.goto('/admin/directory');
    await expect(page.getByTestId('agency-name').first()).toHaveValue(`Sở ${P.svg}`);
    await expect(page.getByTestId('agency-alias')).toContainText([P.mustache, P.attr]);
    await inert(page);

    await page.goto('/admin/audit');
    await expect(page.getByTestId('audit-verdict')).toHaveAttribute('data-ok', 'true');
    await inert(page);
    // The export carries the payloads as JSON strings, never as markup.
    const exported = await (await page.request.get('/api/audit/export')).text();
    expect(exported).toContain(JSON.stringify(`Tên ${P.img}`).slice(1, -1));
  });
});
