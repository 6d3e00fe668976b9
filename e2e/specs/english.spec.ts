// The English UI names what plugins contribute in English (plugin API 1.5): the 5-rõ criteria on the
// board, its filter, the task panel and triage; the export formats; the plugins' names. A plugin that
// gives no English (the broken fixture here) keeps its own name. It says why a task fails a criterion in
// English too (plugin API 1.6): the card's "4/5 rõ" tooltip, the panel, triage. Switching back gives the
// Vietnamese. A checklist plugin that fails on a task is named in English too.
import { join } from 'node:path';
import type { Board } from '@dondoc/shared';
import { boardOf } from '../../apps/server/src/testing/payload.ts';
import { test, expect } from '../support/fixtures.ts';
import { openBoard } from '../support/board.ts';
import { signInAt } from '../support/auth.ts';
import { DondocServer, fixturePlugins } from '../support/server.ts';
import { coordinatorApi, firstBoard, openTask, write } from '../support/tasks.ts';

test.use({ viewport: { width: 1920, height: 1080 } });

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('in English, the checklist criteria, export formats and plugin names are English, and Vietnamese again after switching back', async ({ page, server }) => {
  const payload = await firstBoard(await coordinatorApi(server.url));
  const boardId = payload.board.id;
  await page.goto('/');
  await page.getByTestId('lang-en').click();

  // The board: the "failed criterion" filter and a card's 5-rõ badge.
  await openBoard(page, boardId);
  const criteria = page.getByTestId('filter-fail').locator('option');
  await expect(criteria).toHaveText(['All', 'Clear task', 'Clear owner', 'Clear responsibility', 'Clear deadline', 'Clear result']);
  const badge = page.getByTestId('task-checks').first();
  await expect(badge).toHaveAttribute('title', /^Not clear:\n• Clear /);
  await page.getByTestId('filter-fail').selectOption('ro-ket-qua');
  await expect(page.getByTestId('filter-fail')).toHaveValue('ro-ket-qua');
  // The tooltip of a card failing "rõ kết quả" says why in English, as the checklist gives it.
  const card = page.locator('[data-task-id]').first();
  const cardFailure = payload.failures[(await card.getAttribute('data-task-id'))!]!.find((f) => f.id === 'ro-ket-qua')!;
  expect(cardFailure.reasonEn).toMatch(/^(No output|'.+' (is an activity|names no product))/);
  await expect(card.getByTestId('task-checks')).toHaveAttribute('title', new RegExp(`^Not clear:\n(• .+\n)*• Clear result: ${escaped(cardFailure.reasonEn!)}(\n|$)`));
  await expect(card.getByTestId('task-checks')).not.toHaveAttribute('title', new RegExp(escaped(cardFailure.reason)));
  await page.screenshot({ path: '../docs/screenshots/english-board-1920.png' });
  await page.getByTestId('filter-reset').click();

  // The export menu: format names and the chosen format's description.
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-export-docx-bao-cao')).toHaveText(/^Progress report \(Word\)/);
  await expect(page.getByTestId('export-export-pdf-phu-luc')).toHaveText(/^Appendix \(PDF\)/);
  await page.getByTestId('export-export-docx-bao-cao').click();
  await expect(page.getByTestId('export-panel').locator('.description')).toHaveText(/^A report for one period/);
  await expect(page.getByTestId('export-summary')).toHaveText(/^Progress report \(Word\): /);
  await page.screenshot({ path: '../docs/screenshots/english-export-menu.png' });
  await page.keyboard.press('Escape');

  // The task panel: the checklist's name and each criterion.
  const failing = payload.tasks.find((t) => t.output.trim() === '') ?? payload.tasks[0]!;
  await openTask(page, boardId, failing.id);
  const panel = page.getByRole('dialog');
  await expect(panel.getByTestId('panel-check-list').locator('h3')).toHaveText('Checked against 5 clear points: clear task, owner, responsibility, deadline and result');
  await expect(panel.locator('[data-testid="panel-check"][data-criterion="ro-viec"] b')).toHaveText('Clear task');
  // ...and why it fails one, in English.
  const resultCheck = panel.locator('[data-testid="panel-check"][data-criterion="ro-ket-qua"]');
  await expect(resultCheck).toHaveAttribute('data-pass', 'false');
  await expect(resultCheck).toHaveText(/^✗\s*Clear result — Not met: No output — name a specific product \(a decision, plan, report, database, "03 classes held"…\)$/);
  await panel.getByTestId('panel-check-list').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '../docs/screenshots/english-panel-1920.png' });
  await page.keyboard.press('Escape');

  // Triage: the groups are named for the failed criterion.
  await page.goto(`/boards/${boardId}/triage`);
  await expect(page.locator('[data-testid="triage-group-count"][data-criterion="ro-ket-qua"]')).toHaveText(/^Unclear result: \d+$/);
  await expect(page.locator('[data-testid="triage-group-count"][data-criterion="ro-nguoi"]')).toHaveText(/^Unclear owner: \d+$/);
  await expect(page.getByTestId('triage-group').first()).toHaveText(/^Unclear /);
  // Each failing task says why in English, as the checklist gives it.
  const row = page.getByTestId('triage-row').first();
  const criterion = await row.getAttribute('data-criterion');
  const rowFailure = payload.failures[(await row.getAttribute('data-task-id'))!]!.find((f) => f.id === criterion)!;
  expect(rowFailure.reasonEn).toBeTruthy();
  await expect(row.getByTestId('triage-reason')).toHaveText(rowFailure.reasonEn!);
  await page.screenshot({ path: '../docs/screenshots/english-triage-1920.png' });

  // Plugins: each built-in plugin's English name; the fixture that gives none keeps its own.
  await page.goto('/plugins');
  const name = (plugin: string) => page.locator(`[data-testid="plugin-row"][data-plugin="${plugin}"]`).getByTestId('plugin-name');
  await expect(name('checklist-5ro')).toHaveText('5 clear points check');
  await expect(name('export-docx')).toHaveText('Word export (appendix, progress report, meeting conclusions)');
  await expect(name('template-lao-cai')).toHaveText('Plan template: Lào Cai province');
  await expect(name('broken-throws')).not.toHaveText('');

  // Back in Vietnamese, the same places read as before.
  await page.getByTestId('lang-vi').click();
  await expect(name('checklist-5ro')).toHaveText('Kiểm tra 5 rõ');
  await openBoard(page, boardId);
  await expect(criteria).toHaveText(['Tất cả', 'Rõ việc', 'Rõ người', 'Rõ trách nhiệm', 'Rõ thời gian', 'Rõ kết quả']);
  await openTask(page, boardId, failing.id);
  await expect(resultCheck).toHaveText(/^✗\s*Rõ kết quả — .+: Chưa ghi kết quả đầu ra — ghi sản phẩm cụ thể/);
});

test('in English, a task its checklist plugin failed on says "Checklist plugin error", in the panel and in triage', async ({ page }) => {
  // Its own server: the fixture's checklist throws on every task, which no other spec should see.
  const server = new DondocServer({ env: { DONDOC_PLUGINS: join(fixturePlugins, 'broken-check') } });
  await server.start();
  try {
    const api = await coordinatorApi(server.url);
    const board = (await write(api, 'POST', '/api/boards', { template: 'broken-check:one', checklist: 'broken-check:throws' })) as Board;
    const { tasks } = boardOf(await (await api(`/api/boards/${board.id}`)).json());
    await signInAt(page, server.url, 'thuongtruc');
    await page.goto(`${server.url}/`);
    await page.getByTestId('lang-en').click();
    await page.goto(`${server.url}/boards/${board.id}?task=${tasks[0]!.id}`);
    const check = page.getByRole('dialog').locator('[data-testid="panel-check"][data-criterion="plugin-error"]');
    await expect(check).toHaveAttribute('data-pass', 'false');
    await expect(check.locator('b')).toHaveText('Checklist plugin error');
    await expect(check).toContainText('Plugin "broken-check" failed at checklists');
    await page.goto(`${server.url}/boards/${board.id}/triage`);
    await expect(page.locator('[data-testid="triage-group-count"][data-criterion="plugin-error"]')).toHaveText('Checklist plugin error: 1');
    await page.getByTestId('lang-vi').click();
    await expect(page.locator('[data-testid="triage-group-count"][data-criterion="plugin-error"]')).toHaveText('Lỗi plugin kiểm tra: 1');
  } finally {
    await server.stop();
    server.cleanup();
  }
});
