// A unit's progress report read onto the board that holds its plan: the rows are matched in the
// preview, cancelling writes nothing, confirming moves the matched tasks to the columns the
// report names and keeps its notes and the completion date it prints for a done row (shown in the
// preview first); the row the board does not have is listed, not guessed.

import { test, expect } from '../support/fixtures.ts';
import { boardOnServer, demoBoard, taskOnServer } from '../support/board.ts';

test('a progress report updates the tasks of its plan on the board, only when confirmed', async ({ page, baseURL }) => {
  const demo = await demoBoard(baseURL!);
  const appendix = demo.tasks.filter((t) => t.group[0] === 'Phụ lục III').sort((a, b) => Number(a.ordinal) - Number(b.ordinal));
  const [first, second, third] = appendix.filter((t) => t.ordinal !== '');
  const row = (t: (typeof appendix)[number], status: string, note: string, completed = '') =>
    `| ${t.ordinal} | ${t.content.replace(/\n/g, ' ').replace(/\|/g, '/')} | ${t.deadline.raw} | ${t.leads.join(', ')} | ${status} | ${note} | ${completed} |`;
  const report = [
    'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
    'BÁO CÁO',
    'Kết quả thực hiện nhiệm vụ Đề án 06 tháng 11 năm 2025',
    '',
    'PHỤ LỤC III',
    '',
    '| TT | Nhiệm vụ | Thời gian thực hiện | Cơ quan thực hiện | Tiến độ | Kết quả thực hiện | Ngày hoàn thành |',
    '|---|---|---|---|---|---|---|',
    row(first!, 'Hoàn thành', 'Đã hoàn thành, báo cáo Bộ Công an ngày 20/11/2025', '15/11/2025'),
    // A date on a row not reported done is not written, so the preview shows none for it.
    row(second!, 'Đang thực hiện, chậm tiến độ', 'Đạt 70% chỉ tiêu', '18/11/2025'),
    row(third!, 'Đang thực hiện', 'Đang triển khai tại 60 xã'),
    '| 40 | Tổ chức giải chạy việt dã toàn tỉnh | Quý IV/2025 | Sở VHTTDL | Hoàn thành | Đã tổ chức | |',
  ].join('\n');

  await page.goto(`/import?board=${demo.board.id}`);
  await page.getByTestId('import-text').fill(report);
  await page.getByTestId('import-preview-submit').click();
  await expect(page.getByTestId('import-form')).toHaveText('Bảng Markdown · báo cáo tiến độ');
  await expect(page.getByTestId('import-board-select')).toHaveValue(demo.board.id);
  await expect(page.getByTestId('import-report-update')).toBeChecked();
  await page.getByTestId('import-submit').click();

  const panel = page.getByTestId('import-report');
  await expect(panel).toContainText('khớp 3 nhiệm vụ, chưa khớp 1 dòng');
  await expect(panel.getByTestId('import-report-matched')).toHaveCount(3);
  // Each row names the board's task it will update, so a wrong match can be seen before anything is written.
  await expect(panel.getByTestId('import-report-target').first()).toContainText(first!.content.replace(/\s+/g, ' ').trim().slice(0, 30));
  await expect(panel.getByTestId('import-report-unmatched-row')).toContainText('Tổ chức giải chạy việt dã toàn tỉnh');
  // The completion date the done row prints, as the board will record it; the other rows show none.
  const matchedRows = panel.getByTestId('import-report-matched');
  await expect(matchedRows.nth(0).getByTestId('import-report-completed-at')).toHaveText('Ghi ngày hoàn thành 15/11/2025');
  await expect(panel.getByTestId('import-report-completed-at')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/import-report-match.png', fullPage: true });

  // Cancel: nothing is written.
  const revision = demo.board.revision;
  await panel.getByTestId('import-report-cancel').click();
  await expect(panel).toHaveCount(0);
  const afterCancel = await boardOnServer(baseURL, demo.board.id);
  expect(afterCancel.board.revision).toBe(revision);

  // Match again and confirm: one write, the board shows the tasks where the report puts them.
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-report-apply').click();
  await expect(page).toHaveURL(new RegExp(`/boards/${demo.board.id}$`));
  await expect(page.locator(`[data-testid="cell-de-an-06-done"] [data-task-id="${first!.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="cell-de-an-06-doing"] [data-task-id="${second!.id}"]`)).toBeVisible();
  const stored = await boardOnServer(baseURL, demo.board.id);
  expect(stored.board.revision).toBe(revision + 1);
  const byId = new Map(stored.tasks.map((t) => [t.id, t]));
  expect(byId.get(first!.id)).toMatchObject({ column: 'done', progress: 100, completedAt: '2025-11-15' });
  expect(byId.get(second!.id)?.completedAt).toBeUndefined();
  expect((await taskOnServer(baseURL!, demo.board.id, second!.id)).progressNotes).toEqual([expect.objectContaining({ text: 'Đạt 70% chỉ tiêu', status: 'Đang thực hiện, chậm tiến độ', late: true })]);
  expect(byId.get(third!.id)).toMatchObject({ column: 'doing' });
  expect(stored.tasks).toHaveLength(demo.tasks.length);
});
