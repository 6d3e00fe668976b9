// Boards beyond the demo: a new board from each installed template, and the UI in English.
import { test, expect } from '../support/fixtures.ts';
import { apiAs } from '../support/auth.ts';

test('"Tạo bảng từ mẫu" makes a board from the Thái Nguyên template with its 83 tasks', async ({ page, server }) => {
  await page.goto('/');
  // Specs share a server: count the boards the list shows before, not from an empty store.
  await expect(page.getByTestId('board-list-item').first()).toBeVisible();
  const before = await page.getByTestId('board-list-item').count();
  const api = await apiAs(server.url, 'thuongtruc');
  const templates = (await (await api(`/api/templates`)).json()) as Array<{ id: string; taskCount: number }>;
  expect(templates.map((t) => t.id)).toEqual(
    expect.arrayContaining(['template-lao-cai:q4-2025', 'template-lao-cai:2026', 'template-thai-nguyen:nq57-2025', 'template-thanh-hoa:de-an-06-2025', 'template-binh-lu:ctr63-nq57']),
  );
  await page.getByTestId('create-board-template').selectOption('template-thai-nguyen:nq57-2025');
  await page.getByTestId('create-board-title').fill('KH 44 — theo dõi tuần');
  await page.getByTestId('create-board-submit').click();
  await expect(page).toHaveURL(/\/boards\//);
  await expect(page.getByTestId('board-title')).toHaveText('KH 44 — theo dõi tuần');
  await expect(page.getByTestId('filter-count')).toHaveAttribute('data-total', '83');
  await page.goto('/');
  await expect(page.getByTestId('board-list-item')).toHaveCount(before + 1);
  await expect(page.getByTestId('board-list-item').filter({ hasText: 'KH 44 — theo dõi tuần' })).toHaveCount(1);
});

test('the language switch shows the board in English and remembers it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('board-list-item').first().getByRole('link').first().click();
  await expect(page.getByText('Chưa thực hiện').first()).toBeVisible();
  await page.getByTestId('lang-en').click();
  await expect(page.getByText('Not started').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByText('Not started').first()).toBeVisible();
  await page.getByTestId('lang-vi').click();
  await expect(page.getByText('Chưa thực hiện').first()).toBeVisible();
});
