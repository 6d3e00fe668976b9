// The plan import as a user does it: paste Lào Cai Q4/2025 Phụ lục II copied from Excel with an
// oddly named lead column, see the warnings, fix the column in the preview, import into a new
// board and find the cards there; upload the same appendix as an .xlsx and fix it the same way;
// then append more tasks from the board, and refuse bad files.
import { boardOf, type DecodedBoard } from '../../apps/server/src/testing/payload.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from '../support/fixtures.ts';
import { cell } from '../support/board.ts';
import { apiAs } from '../support/auth.ts';
// The plugin's own test builder: a real workbook written with exceljs (merged group cells, bold header, date cells).
import { buildXlsx, seedTable } from '../../plugins/import-office/src/fixtures.ts';

test.describe.configure({ mode: 'serial' });

const SEED = readFileSync(new URL('../../../shared/seeds/000_90562d8295c9ca09.txt', import.meta.url), 'utf8');
const ODD_LEAD = 'Đơn vị làm đầu mối';

/** One seed cell as Excel would hold it: no HTML, list items on their own lines, quoted when multi-line. */
function excelCell(seedCell: string): string {
  const text = seedCell
    .replace(/<\/?b>/g, '')
    .replace(/<ul[^>]*>\s*/g, '')
    .replace(/\s*<\/ul>/g, '')
    .replace(/<li>/g, '')
    .replace(/<\/li>\s*/g, '\n')
    .replace(/\$\\geq\s*/g, '≥ ')
    .replace(/\\%/g, '%')
    .replace(/\$/g, '')
    .trim();
  return /[\n\t"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Phụ lục II of the seed as a TSV paste from Excel: its two heading lines, then the table with
 * the lead column renamed so the importer cannot recognise it.
 */
function appendixTwoAsTsv(): string {
  const lines = SEED.split('\n');
  const start = lines.findIndex((l) => /^\*\*PHỤ LỤC II\*\*/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^\*\*PHỤ LỤC III\*\*/.test(l));
  const out: string[] = [];
  for (const line of lines.slice(start, end)) {
    if (line.trim() === '' || /^-+\t/.test(line)) continue; // page breaks and the seed's rule line are not in a spreadsheet
    if (!line.includes('\t')) out.push(line.replace(/\*/g, '').trim());
    else out.push(line.split('\t').map(excelCell).join('\t').replace('Cơ quan chủ trì', ODD_LEAD));
  }
  return out.join('\n');
}

async function boardOnServer(baseURL: string, boardId: string): Promise<DecodedBoard> {
  return boardOf(await (await (await apiAs(baseURL, 'thuongtruc'))(`/api/boards/${boardId}`)).json());
}

const laneTotal = async (page: import('@playwright/test').Page, track: string): Promise<number> =>
  (await page.getByTestId(`lane-${track}`).locator('[data-testid^="lane-count-"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count)))).reduce((a, b) => a + b, 0);

let importedBoardId = '';

test('a pasted appendix with a wrong lead column is corrected in the preview and imported into a new board', async ({ page, baseURL }) => {
  const tsv = appendixTwoAsTsv();
  expect(tsv).toContain(ODD_LEAD);

  await page.goto('/');
  await page.getByTestId('board-list-import').click();
  await expect(page).toHaveURL(/\/import$/);
  await page.getByTestId('import-text').fill(tsv);
  await page.getByTestId('import-preview-submit').click();

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-form')).toHaveText('Bảng dán từ Excel/Word');
  const table = page.getByTestId('import-table-0');
  await expect(table).toContainText('Bảng "Phụ lục II"');
  await expect(table.getByTestId('import-track')).toHaveValue('cchc');
  await expect(table).toContainText('14 nhiệm vụ');
  // The odd column is ignored, so no column feeds the lead agency: said per table and per row.
  await expect(table.getByTestId('import-column-3')).toContainText(ODD_LEAD);
  await expect(table.getByTestId('import-mapping-3')).toHaveValue('ignore');
  await expect(table.getByTestId('import-mapping-notes')).toContainText('Chưa có cột nào là "Cơ quan chủ trì"');
  await expect(table.getByTestId('import-mapping-notes')).toContainText(`Cột "${ODD_LEAD}" đang bị bỏ qua.`);
  await expect(page.getByTestId('import-task-row')).toHaveCount(14);
  // 14 rows without a lead, and the column nobody reads, named by its header: two kinds, counted.
  await expect(page.getByTestId('import-warning')).toHaveCount(15);
  await expect(page.locator('[data-testid="import-warning-group"][data-code="empty-cell"] [data-testid="import-warning-count"]')).toHaveText('14');
  await expect(page.locator('[data-testid="import-warning-group"][data-code="unknown-column"]')).toContainText(ODD_LEAD);
  await expect(page.getByTestId('import-warnings')).toContainText('Dòng 4: Nhiệm vụ 1 chưa có cơ quan chủ trì.');
  // One heading per group, not the group repeated in every row.
  await expect(page.getByTestId('import-group-row')).toHaveCount(12);
  const firstRow = page.locator('[data-testid="import-task-row"][data-line="4"]');
  await expect(page.getByTestId('import-group-row').first()).toHaveText('Phụ lục II › Hoàn thiện thể chế, chính sách CCHC');
  await expect(firstRow).toContainText('Rà soát, cập nhật, ban hành và công khai kịp thời');
  await expect(firstRow).toContainText('31/12/2025');
  await expect(page.locator('[data-testid="import-row-warnings"][data-line="4"]')).toContainText('Nhiệm vụ 1 chưa có cơ quan chủ trì.');
  await page.screenshot({ path: 'test-results/import-preview-wrong-mapping.png', fullPage: true });

  // Fix the mapping: the odd column is the lead agency.
  await table.getByTestId('import-mapping-3').selectOption('leads');
  await expect(page.getByTestId('import-warnings')).toContainText('Không có cảnh báo.');
  await expect(page.getByTestId('import-warning')).toHaveCount(0);
  await expect(page.getByTestId('import-row-warnings')).toHaveCount(0);
  await expect(table.getByTestId('import-mapping-notes')).toHaveCount(0);
  await expect(firstRow).toContainText('Sở Nội vụ');
  await page.screenshot({ path: 'test-results/import-preview-fixed.png', fullPage: true });

  // Into a new board: the title defaults to the appendix's name and can be changed.
  await expect(page.getByTestId('import-board-title')).toHaveValue(/DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH/);
  await page.getByTestId('import-board-title').fill('Lào Cai Quý IV/2025 — CCHC (nhập)');
  await page.getByTestId('import-submit').click();

  await expect(page).toHaveURL(/\/boards\/[^/]+$/);
  await expect(page.getByTestId('board')).toBeVisible();
  importedBoardId = new URL(page.url()).pathname.split('/').pop()!;
  expect(await laneTotal(page, 'cchc')).toBe(14);
  const firstCard = cell(page, 'cchc', 'todo').getByTestId('task-card').first();
  await expect(firstCard.getByTestId('task-content')).toContainText('Rà soát, cập nhật, ban hành và công khai kịp thời các văn bản quy phạm pháp luật.');
  // The cell's list reads as the plan printed it, one item a line (innerText follows the rendered line breaks).
  expect((await firstCard.getByTestId('task-content').evaluate((el) => (el as HTMLElement).innerText)).split('\n').slice(0, 2)).toEqual([
    '- Rà soát, cập nhật, ban hành và công khai kịp thời các văn bản quy phạm pháp luật.',
    expect.stringMatching(/^- Đảm bảo tính đồng bộ/),
  ]);
  await expect(firstCard).toContainText('Sở Nội vụ');
  await page.screenshot({ path: 'test-results/import-board.png' });

  const stored = await boardOnServer(baseURL!, importedBoardId);
  expect(stored.board.title).toBe('Lào Cai Quý IV/2025 — CCHC (nhập)');
  expect(stored.tasks).toHaveLength(14);
  expect(stored.tasks.every((t) => t.track === 'cchc' && t.leads.length > 0)).toBe(true);
  // A row that is one item of a list keeps the item's words, not its "- ".
  expect(stored.tasks.filter((t) => t.content.startsWith('- ')).every((t) => t.content.split('\n').filter((line) => line.startsWith('- ')).length > 1)).toBe(true);
  expect(stored.tasks.map((t) => t.content)).toContain('Triển khai phong trào “Bình dân học vụ số”.');
});

test('an .xlsx appendix with a wrong lead column is uploaded, its mapping and track fixed in the preview, and imported', async ({ page, baseURL }) => {
  // Phụ lục II retyped in Excel, the lead column under a header no plan synonym matches.
  const seed = seedTable('000_90562d8295c9ca09.txt', 'Phụ lục II');
  const header = seed.rows[0]!.cells.map((c) => (c.includes('Cơ quan chủ trì') ? ODD_LEAD : c));
  const workbook = await buildXlsx({ ...seed, rows: [{ ...seed.rows[0]!, cells: header }, ...seed.rows.slice(1)] }, ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH']);
  const path = test.info().outputPath('Lào Cai Q4-2025 Phụ lục II.xlsx');
  writeFileSync(path, workbook);

  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles(path);
  const table = page.getByTestId('import-table-0');
  // What the file is, never the plugin's internal name.
  await expect(page.getByTestId('import-form')).toHaveText('Tệp Excel (.xlsx)');
  await expect(table).toContainText('Bảng "Phụ lục II"');
  await expect(table).toContainText('14 nhiệm vụ');
  await expect(table.getByTestId('import-column-3')).toContainText(ODD_LEAD);
  await expect(table.getByTestId('import-mapping-3')).toHaveValue('ignore');
  await expect(table.getByTestId('import-mapping-notes')).toContainText('Chưa có cột nào là "Cơ quan chủ trì"');
  await expect(page.getByTestId('import-task-row')).toHaveCount(14);
  await expect(page.getByTestId('import-warning')).toHaveCount(15);
  await page.screenshot({ path: 'test-results/import-xlsx-wrong-mapping.png', fullPage: true });

  // The same corrections as for a paste: the odd column is the lead agency, and the table goes on Đề án 06.
  await table.getByTestId('import-mapping-3').selectOption('leads');
  await expect(page.getByTestId('import-warnings')).toContainText('Không có cảnh báo.');
  await expect(table.getByTestId('import-mapping-notes')).toHaveCount(0);
  await expect(page.getByTestId('import-task-row').first()).toContainText('Sở Nội vụ');
  await table.getByTestId('import-track').selectOption('de-an-06');
  await expect(table.getByTestId('import-track')).toHaveValue('de-an-06');
  // The mapping fix survives the track change: both go with every re-read.
  await expect(table.getByTestId('import-mapping-3')).toHaveValue('leads');
  await expect(page.getByTestId('import-warning')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/import-xlsx-fixed.png', fullPage: true });

  // Named after what the document prints (the appendix's name), not after the file.
  await expect(page.getByTestId('import-board-title')).toHaveValue('PHỤ LỤC II DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH');
  await page.getByTestId('import-board-title').fill('Lào Cai Q4-2025 Phụ lục II');
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/boards\/[^/]+$/);
  await expect(page.getByTestId('board')).toBeVisible();
  expect(await laneTotal(page, 'de-an-06')).toBe(14);
  const stored = await boardOnServer(baseURL!, new URL(page.url()).pathname.split('/').pop()!);
  expect(stored.board.title).toBe('Lào Cai Q4-2025 Phụ lục II');
  expect(stored.tasks).toHaveLength(14);
  expect(stored.tasks.every((t) => t.track === 'de-an-06' && t.leads.length > 0)).toBe(true);
  expect(stored.tasks.find((t) => t.ordinal === '1')?.leads).toEqual(['Sở Nội vụ']);
});

test('"Nhập thêm nhiệm vụ" on a board appends a pasted Markdown table to that board', async ({ page, baseURL }) => {
  expect(importedBoardId).not.toBe('');
  await page.goto(`/boards/${importedBoardId}`);
  await page.getByTestId('nav-import').click();
  await expect(page).toHaveURL(new RegExp(`/import\\?board=${importedBoardId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nhập thêm nhiệm vụ vào bảng "Lào Cai Quý IV/2025 — CCHC (nhập)"');
  const markdown = [
    '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |',
    '|---|---|---|---|',
    '| 1 | Tổng hợp kết quả CCHC Quý IV/2025, báo cáo Ban Chỉ đạo | Sở Nội vụ | Trước ngày 25/12/2025 |',
  ].join('\n');
  await page.getByTestId('import-text').fill(markdown);
  await page.getByTestId('import-preview-submit').click();
  await expect(page.getByTestId('import-form')).toHaveText('Bảng Markdown');
  await expect(page.getByTestId('import-task-row')).toHaveCount(1);
  await expect(page.getByTestId('import-task-row')).toContainText('Hạn 25/12/2025');
  // Nothing names a track in a bare table: put it on CCHC, where the board's other tasks are.
  await page.getByTestId('import-table-0').getByTestId('import-track').selectOption('cchc');
  await expect(page.getByTestId('import-table-0').getByTestId('import-track')).toHaveValue('cchc');
  await expect(page.getByTestId('import-board-select')).toHaveValue(importedBoardId);
  await page.getByTestId('import-submit').click();

  await expect(page).toHaveURL(new RegExp(`/boards/${importedBoardId}$`));
  await expect.poll(() => laneTotal(page, 'cchc')).toBe(15);
  const stored = await boardOnServer(baseURL!, importedBoardId);
  expect(stored.tasks.map((t) => t.content)).toContain('Tổng hợp kết quả CCHC Quý IV/2025, báo cáo Ban Chỉ đạo');
});

test('files of another format or over the size limit are refused before anything is sent; a server refusal changes nothing', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL!, 'thuongtruc');
  const before = (await (await api('/api/boards')).json()) as unknown[];
  await page.goto('/import');
  await expect(page.getByText('Nhận .txt, .md, .tsv, .csv, .docx, .xlsx; tối đa 10 MB.', { exact: false })).toBeVisible();
  const input = page.getByTestId('import-file');
  // Told from the content: a PDF is a PDF whatever it is called.
  await input.setInputFiles({ name: 'ke-hoach.docx', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') });
  await expect(page.getByTestId('import-refusal')).toHaveText('Tệp "ke-hoach.docx" là PDF: hãy mở tệp, chép bảng phụ lục (hoặc toàn văn) rồi dán vào ô bên dưới.');
  await input.setInputFiles({ name: 'phu-luc.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(12 * 1024 * 1024) });
  await expect(page.getByTestId('import-refusal')).toHaveText('Tệp "phu-luc.xlsx" quá lớn (12 MB): giới hạn là 10 MB.');
  await input.setInputFiles({ name: 'ke-hoach.txt', mimeType: 'text/plain', buffer: Buffer.from([0xff, 0xfe, 0x41, 0x00]) });
  await expect(page.getByTestId('import-refusal')).toContainText('không phải văn bản UTF-8');
  // A file with no table in it: the server says so, no board appears.
  await input.setInputFiles({ name: 'hong.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('không phải tệp Excel') });
  await expect(page.getByTestId('import-error')).toContainText('Không đọc được kế hoạch: Không tìm thấy bảng nhiệm vụ');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(Array.isArray(before)).toBe(true);
  expect((await (await api('/api/boards')).json()) as unknown[]).toHaveLength(before.length);
});
