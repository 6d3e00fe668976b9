// Documents out, as a user gets them: filter the board, open "Xuất", pick a format and its options,
// read what the file will hold, download it — and the file holds exactly that view. Then the
// calendar feed a phone subscribes to, and printing the board (every card of the view, no navigation).
import type { DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import ICAL from 'ical.js';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Download, Page } from '@playwright/test';
import { filterTasks, filtersFromQuery, parseCsv, type BoardCard } from '@dondoc/shared';
import { test, expect } from '../support/fixtures.ts';
import { demoBoard, openBoard } from '../support/board.ts';

const TODAY = '2025-12-10';
test.describe.configure({ mode: 'serial' });

let payload: DecodedBoard;
test.beforeAll(async ({ server }) => {
  payload = await demoBoard(server.url);
});

/** The tasks a board URL query shows, computed with the shared filter the app uses. */
const viewOf = (query: string): BoardCard[] =>
  filterTasks(payload.tasks, filtersFromQuery(Object.fromEntries(new URLSearchParams(query))), { today: TODAY, failed: (t) => payload.failures[t.id] ?? [] });

async function download(page: Page, format: string, setOptions?: () => Promise<void>): Promise<{ file: Download; bytes: Buffer; summary: string }> {
  await page.getByTestId('export-button').click();
  await page.getByTestId(format).click();
  if (setOptions) await setOptions();
  const summary = (await page.getByTestId('export-summary').textContent()) ?? '';
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  return { file, bytes: readFileSync((await file.path())!), summary };
}

const words = (s: string): string => s.normalize('NFC').replace(/\s+/g, '');
/** True when the words of `text` come in order in `haystack` (spaces aside): page breaks may fall between them. */
function inOrder(haystack: string, text: string): boolean {
  let at = 0;
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    at = haystack.indexOf(word, at);
    if (at < 0) return false;
    at += word.length;
  }
  return true;
}

test('from a filtered view, every format downloads that view and says so before', async ({ page }) => {
  // Six downloads, two of them PDFs laid out on the server: on a shared 2-core machine this takes a while.
  test.slow();
  const query = 'track=cchc&time=on-time';
  const view = viewOf(query);
  expect(view.length).toBeGreaterThan(2);
  expect(view.length).toBeLessThan(payload.tasks.length);
  const ids = view.map((t) => t.id);
  const others = payload.tasks.filter((t) => !ids.includes(t.id));
  await openBoard(page, payload.board.id, `?${query}`);
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-shown', String(view.length));

  // CSV: every field, one row per task of the view, in the board's order.
  const csv = await download(page, 'export-export-csv-csv');
  expect(csv.summary).toBe(`CSV (Excel): ${view.length} nhiệm vụ của bộ lọc hiện tại`);
  expect(csv.file.suggestedFilename()).toMatch(/ 2025-12-10\.csv$/);
  const rows = parseCsv(csv.bytes.toString('utf8'));
  expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('Mã')])).toEqual(ids);

  // Excel: the tasks sheet holds the view.
  const xlsx = await download(page, 'export-export-xlsx-xlsx');
  expect(xlsx.summary).toContain(`${view.length} nhiệm vụ của bộ lọc hiện tại`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
  const sheet = wb.getWorksheet('Nhiệm vụ')!;
  const idCol = (sheet.getRow(1).values as unknown[]).indexOf('Mã');
  expect(Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(idCol).value)).toEqual(ids);

  // Word Phụ lục: the view's tasks and no other.
  const docx = await download(page, 'export-export-docx-phu-luc');
  expect(docx.file.suggestedFilename()).toMatch(/^Phụ lục - .* 2025-12-10\.docx$/);
  const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  for (const t of view) expect(words(text)).toContain(words(t.content));
  for (const t of others.filter((o) => !view.some((v) => v.content.includes(o.content)))) expect(words(text)).not.toContain(words(t.content));
  expect(text).toContain(`${view.length}/${payload.tasks.length} nhiệm vụ của bảng, theo bộ lọc: lĩnh vực CCHC; trong hạn`);

  // PDF Phụ lục: the same, read back from the PDF's text.
  const pdf = await download(page, 'export-export-pdf-phu-luc');
  const pdfText = words((await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes)), { mergePages: true })).text as string);
  expect(pdfText).toContain(words(`${view.length}/${payload.tasks.length} nhiệm vụ của bảng`));
  for (const t of view) expect(inOrder(pdfText, t.content), t.content).toBe(true);

  // Calendar: one all-day event per dated task of the view.
  const ics = await download(page, 'export-export-ics-ics');
  const events = new ICAL.Component(ICAL.parse(ics.bytes.toString('utf8'))).getAllSubcomponents('vevent');
  expect(events.map((e) => String(e.getFirstPropertyValue('uid')).split('@')[0]).sort()).toEqual(view.filter((t) => t.deadline.due).map((t) => t.id).sort());
});

test('a report takes the period and agency chosen; "toàn bộ bảng" ignores the filter', async ({ page }) => {
  await openBoard(page, payload.board.id, '?track=cchc');
  const agency = 'Công an tỉnh';
  const ofAgency = payload.tasks.filter((t) => t.leads.includes(agency));
  expect(ofAgency.length).toBeGreaterThan(0);
  const report = await download(page, 'export-export-docx-bao-cao', async () => {
    await page.getByTestId('export-view-board').check();
    await page.getByTestId('export-cadence').selectOption('quarterly');
    await page.getByTestId('export-period').selectOption('2025-Q4');
    await page.getByTestId('export-agency').selectOption(agency);
  });
  expect(report.summary).toBe(`Báo cáo tiến độ (Word): ${ofAgency.length} nhiệm vụ của toàn bảng, quý IV/2025, do ${agency} chủ trì`);
  expect(report.file.suggestedFilename()).toMatch(/^Báo cáo tiến độ quý IV-2025 - .* 2025-12-10\.docx$/);
  const xml = await (await JSZip.loadAsync(report.bytes)).file('word/document.xml')!.async('string');
  expect(xml).toContain('quý IV/2025');
  expect(xml).toContain(`Tổng số ${ofAgency.length} nhiệm vụ`);
  expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
});

test('the calendar feed: turned on from the menu, a phone reads it without a session', async ({ page, server }) => {
  await openBoard(page, payload.board.id);
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-calendar-on').click();
  const url = await page.getByTestId('export-calendar-url').inputValue();
  expect(url).toMatch(new RegExp(`^${server.url}/api/boards/${payload.board.id}/calendar\\.ics\\?token=[A-Za-z0-9_-]{32}$`));
  await page.screenshot({ path: 'test-results/export-menu.png' });
  // A calendar app: no cookies, just the URL.
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect((await res.text()).match(/BEGIN:VEVENT/g)!.length).toBeGreaterThan(30);
  expect((await fetch(url.replace(/token=.*/, 'token=guess'))).status).toBe(403);
  // Changing the link revokes the old one.
  await page.getByTestId('export-calendar-renew').click();
  await expect(page.getByTestId('export-calendar-url')).not.toHaveValue(url);
  expect((await fetch(url)).status).toBe(403);
});

test('printing the board puts every card of the view on paper, without the navigation', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const query = 'track=khcn-cds';
  const view = viewOf(query);
  await openBoard(page, payload.board.id, `?${query}`);
  // On screen the cells are windowed: fewer cards than the view holds.
  const onScreen = await page.getByTestId('task-card').count();
  expect(onScreen).toBeLessThan(view.length);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('task-card')).toHaveCount(view.length);
  await expect(page.getByTestId('nav-import')).toBeHidden();
  await expect(page.getByTestId('filter-bar')).toBeHidden();
  await expect(page.getByTestId('print-scope')).toContainText(`${view.length}/${payload.tasks.length} nhiệm vụ`);
  mkdirSync('test-results', { recursive: true });
  const pdf = await page.pdf({ path: 'test-results/board-print.pdf', format: 'A4', landscape: true, printBackground: true });
  const text = words((await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text as string);
  for (const t of view) expect(inOrder(text, t.content.split(/\s+/).slice(0, 8).join(' ')), t.content).toBe(true);
  expect(text).not.toContain(words('Nhập kế hoạch'));
  // A picture of the first page for people to look at.
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', 'test-results/board-print.pdf', 'test-results/board-print'], { timeout: 60_000 });
  } catch {
    // pdftoppm is a convenience here; the text checks above are the test
  }
  // Back on screen, the cells window again.
  await page.emulateMedia({ media: 'screen' });
  await expect.poll(() => page.getByTestId('task-card').count()).toBeLessThan(view.length);
});
