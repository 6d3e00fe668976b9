// Printing the task lists (Rà soát 5 rõ, Đôn đốc, Nhiệm vụ của đơn vị tôi) as a user does with the
// browser's print: every row of the view is on paper — none left out by the virtual list — each row
// whole on one page, and no navigation, filters or buttons. The board's own print test is in export.spec.ts.
import type { DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Page } from '@playwright/test';
import { chaseList } from '@dondoc/shared/chase';
import { test, expect } from '../support/fixtures.ts';
import { demoBoard } from '../support/board.ts';

const TODAY = '2025-12-10';
const UNIT_AGENCY = 'Sở Khoa học và Công nghệ';
test.describe.configure({ mode: 'serial' });

let payload: DecodedBoard;
test.beforeAll(async ({ server }) => {
  payload = await demoBoard(server.url);
});

const words = (s: string): string => s.normalize('NFC').replace(/\s+/g, '');
/** True when the words of `text` come in order in `haystack` (spaces aside). */
function inOrder(haystack: string, text: string): boolean {
  let at = 0;
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    at = haystack.indexOf(word, at);
    if (at < 0) return false;
    at += word.length;
  }
  return true;
}

/** Prints the page to PDF (A4 landscape, as the stylesheet asks) and gives each page's text, spaces removed. */
async function printPages(page: Page, name: string): Promise<string[]> {
  mkdirSync('test-results', { recursive: true });
  const pdf = await page.pdf({ path: `test-results/${name}.pdf`, preferCSSPageSize: true, printBackground: true });
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  try {
    // A picture of the first page for people to look at.
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', `test-results/${name}.pdf`, `test-results/${name}`], { timeout: 60_000 });
  } catch {
    // pdftoppm is a convenience here; the text checks are the test
  }
  return (text as string[]).map(words);
}

/** Every row's texts (in order) on one page: the row is on paper, and no page break cut it. */
function expectRowsWhole(pages: string[], rows: Array<{ id: string; texts: string[] }>): void {
  for (const row of rows) {
    const whole = pages.some((p) => row.texts.every((t) => inOrder(p, t)));
    expect(whole, `${row.id}: ${row.texts.join(' | ')}`).toBe(true);
  }
}

/** What only the screen has: the navigation (its import link, the sign-out button), and controls named by their labels. */
function expectNoChrome(pages: string[], labels: string[]): void {
  const all = pages.join('');
  for (const label of ['Nhập thêm nhiệm vụ', 'Đăng xuất', ...labels]) expect(all, label).not.toContain(words(label));
}

test('printing the triage list puts every failing row on paper, whole, without the navigation or the fixes', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const rows = payload.tasks.flatMap((t) => (payload.failures[t.id] ?? []).map((f) => ({ task: t, failure: f })));
  const failing = payload.tasks.filter((t) => (payload.failures[t.id] ?? []).length > 0);
  expect(rows.length).toBeGreaterThan(20);
  await page.goto(`/boards/${payload.board.id}/triage`);
  await expect(page.getByTestId('triage-summary')).toHaveAttribute('data-failing', String(failing.length));
  // On screen the list is virtual: fewer rows than the view holds.
  expect(await page.getByTestId('triage-row').count()).toBeLessThan(rows.length);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('triage-print-row')).toHaveCount(rows.length);
  for (const testId of ['nav-import', 'triage-list', 'triage-groups']) await expect(page.getByTestId(testId)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Chọn cả nhóm' }).first()).toBeHidden();
  await expect(page.getByTestId('print-scope')).toContainText(`10/12/2025: ${failing.length} nhiệm vụ`);
  const pages = await printPages(page, 'triage-print');
  expect(pages.length).toBeGreaterThan(1);
  expectRowsWhole(
    pages,
    rows.map(({ task, failure }) => ({ id: `${task.id}/${failure.id}`, texts: [task.content, failure.reason] })),
  );
  expectNoChrome(pages, ['Chọn cả nhóm', 'Chọn một cơ quan chủ trì']);
  // Back on screen, the list is virtual again.
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('triage-print')).toHaveCount(0);
  await expect.poll(() => page.getByTestId('triage-row').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('triage-row').count()).toBeLessThan(rows.length);
});

test('printing the chase list puts every late and due-soon row on paper, without the controls or the letter', async ({ page }) => {
  // Sixty days ahead, the longest the view offers: the most rows to print.
  const list = chaseList(payload.board, payload.tasks, TODAY, { days: 60 });
  const items = list.agencies.flatMap((a) => [...a.late, ...a.dueSoon]);
  expect(items.length).toBeGreaterThan(5);
  await page.goto(`/boards/${payload.board.id}/chase`);
  await page.getByTestId('chase-days').fill('60');
  await expect(page.getByTestId('chase-row')).toHaveCount(items.length);
  await page.emulateMedia({ media: 'print' });
  for (const testId of ['nav-import', 'chase-agency', 'chase-days', 'chase-digest', 'chase-copy']) await expect(page.getByTestId(testId)).toBeHidden();
  // The tasks, each once, as the letter counts them (rows repeat a task under each of its leads).
  await expect(page.getByTestId('print-scope')).toContainText(`10/12/2025: ${list.totals.late + list.totals.dueSoon} nhiệm vụ`);
  const pages = await printPages(page, 'chase-print');
  expectRowsWhole(
    pages,
    items.map((i) => ({ id: i.taskId, texts: [i.address, i.content] })),
  );
  for (const a of list.agencies) expect(pages.join('')).toContain(words(a.agency || 'Chưa giao cơ quan chủ trì'));
  expectNoChrome(pages, ['Văn bản đôn đốc', 'Chép văn bản', 'Số ngày tới']);
});

test.describe('a unit officer', () => {
  test.use({ login: 'donvi' });
  test("printing my unit's tasks puts every card on paper, without the navigation", async ({ page }) => {
    const expected = payload.tasks.filter((t) => t.leads.includes(UNIT_AGENCY));
    expect(expected.length).toBeGreaterThan(3);
    await page.goto(`/boards/${payload.board.id}/mine`);
    await expect(page.getByTestId('mine-list').getByTestId('task-card')).toHaveCount(expected.length);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('nav-import')).toBeHidden();
    await expect(page.getByTestId('print-scope')).toContainText(`10/12/2025: ${expected.length} nhiệm vụ`);
    const pages = await printPages(page, 'mine-print');
    expectRowsWhole(
      pages,
      expected.map((t) => ({ id: t.id, texts: [t.content] })),
    );
    expectNoChrome(pages, []);
  });
});
