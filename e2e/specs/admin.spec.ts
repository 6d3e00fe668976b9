// The administration pages as an administrator uses them: the agency directory, a new account whose
// one-time password is shown once and works once, roles per board, disabling and resetting (sessions
// end at once), and the audit trail — verdict, a signed checkpoint downloaded and checked again, the
// whole log exported and verified by `pnpm dondoc audit verify` as a second party would.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePayload, type BoardPayload, type BoardSummary } from '@dondoc/shared';
import { test, expect } from '../support/fixtures.ts';
import { signIn, signInWithForm } from '../support/auth.ts';
import { DondocServer, repoRoot } from '../support/server.ts';

test.describe.configure({ mode: 'serial' });
test.use({ login: 'admin' });

const shot = (name: string) => `test-results/${name}.png`;

test('only administrators see the Quản trị link and reach the pages', async ({ page, browser, server }) => {
  await page.goto('/');
  await expect(page.getByTestId('nav-admin')).toHaveText('Quản trị');
  for (const login of ['thuongtruc', 'donvi', 'lanhdao', 'xem']) {
    const context = await browser.newContext({ baseURL: server.url });
    const other = await context.newPage();
    await signIn(other, login);
    await other.goto('/');
    await expect(other.getByTestId('board-list-view')).toBeVisible();
    await expect(other.getByTestId('nav-admin')).toHaveCount(0);
    await other.goto('/admin/users');
    await expect(other).toHaveURL(/\/$/);
    expect((await other.request.get('/api/users')).status()).toBe(403);
    await context.close();
  }
});

test('the agency directory: add the usual provincial agencies and an alias, a duplicate is refused in words', async ({ page }) => {
  // A fresh store has an empty directory, and the page says what to do about it.
  if (((await (await page.request.get('/api/directory')).json()) as unknown[]).length === 0) {
    await page.goto('/admin/directory');
    await expect(page.getByTestId('agency-empty')).toBeVisible();
  } else await page.goto('/admin/directory');
  await page.getByTestId('agency-add-provincial').click();
  const rows = page.getByTestId('agency-row');
  expect(await rows.count()).toBeGreaterThan(10);
  await page.getByTestId('agency-search').fill('khoa hoc');
  await expect(rows).toHaveCount(1);
  await rows.first().getByTestId('agency-alias-input').fill('Sở KH và CN tỉnh Lào Cai');
  await rows.first().getByTestId('agency-alias-input').press('Enter');
  await expect(rows.first().getByTestId('agency-alias')).toContainText(['Sở KH&CN', 'Sở KHCN', 'SKHCN', 'Sở KH và CN tỉnh Lào Cai']);
  await page.getByTestId('agency-search').fill('');
  await expect(page.getByTestId('agency-dirty')).toBeVisible();
  await page.getByTestId('agency-save').click();
  await expect(page.getByTestId('agency-dirty')).toHaveCount(0);
  const saved = (await (await page.request.get('/api/directory')).json()) as Array<{ name: string; aliases: string[] }>;
  expect(saved.find((a) => a.name === 'Sở Khoa học và Công nghệ')?.aliases).toContain('Sở KH và CN tỉnh Lào Cai');

  // A spelling claimed by two agencies is refused, naming the row; nothing is saved.
  await page.getByTestId('agency-add').click();
  const last = rows.last();
  await last.getByTestId('agency-name').fill('Sở Tư pháp mới');
  await last.getByTestId('agency-alias-input').fill('SKHCN');
  await last.getByTestId('agency-alias-input').press('Enter');
  await page.getByTestId('agency-save').click();
  await expect(page.getByTestId('agency-error')).toHaveText(/^Dòng \d+: "SKHCN" đã là tên của "Sở Khoa học và Công nghệ" \(dòng \d+\)$/);
  await expect(last).toHaveClass(/bad/);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.screenshot({ path: shot('admin-directory-1600') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot('admin-directory-390') });
  await page.getByTestId('agency-revert').click();
  expect((await (await page.request.get('/api/directory')).json()).length).toBe(saved.length);
});

test('marking an agency collective in the directory changes the 5-rõ badge of the tasks it leads alone', async ({ page }) => {
  // Tasks of the demo board on screen with one named lead and no owner: "rõ người" passes, the lead being one unit.
  const [board] = (await (await page.request.get('/api/boards')).json()) as BoardSummary[];
  const payload = decodePayload((await (await page.request.get(`/api/boards/${board!.id}`)).json()) as BoardPayload);
  await page.goto(`/boards/${board!.id}`);
  await expect(page.getByTestId('task-card').first()).toBeVisible();
  const onScreen = new Set(await page.getByTestId('task-card').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.taskId)));
  const single = payload.cards.filter((t) => onScreen.has(t.id) && t.leads.length === 1 && t.owner.trim() === '' && !(payload.failures[t.id] ?? []).some((f) => f.id === 'ro-nguoi'));
  expect(single.length).toBeGreaterThan(0);
  const lead = single[0]!.leads[0]!;
  const led = single.filter((t) => t.leads[0] === lead);
  const badge = (id: string) => page.locator(`[data-task-id="${id}"]`).getByTestId('task-checks');
  const before = await Promise.all(led.map((t) => badge(t.id).innerText()));
  const passed = before.map((text) => Number(/(\d+)\/5/.exec(text)![1]));

  // The administrator marks that agency collective (as "các sở, ngành" are) in the province's directory.
  const setCollective = async (on: boolean) => {
    await page.goto('/admin/directory');
    const rows = page.getByTestId('agency-row');
    await expect(rows.first()).toBeVisible();
    const names = await rows.getByTestId('agency-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    let index = names.indexOf(lead);
    if (index < 0) {
      await page.getByTestId('agency-add').click();
      index = names.length;
      await rows.nth(index).getByTestId('agency-name').fill(lead);
    }
    await rows.nth(index).getByTestId('agency-collective').setChecked(on);
    await page.getByTestId('agency-save').click();
    await expect(page.getByTestId('agency-dirty')).toHaveCount(0);
  };
  await setCollective(true);
  await page.goto(`/boards/${board!.id}`);
  // Every task it leads alone now fails "rõ người" (and "rõ trách nhiệm": a collective lead alone), in its badge and its hint.
  for (const [k, t] of led.entries()) {
    await expect(badge(t.id)).toHaveAttribute('title', new RegExp(`Rõ người: Cơ quan chủ trì '${lead.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' là tập thể`));
    expect(Number(/(\d+)\/5/.exec(await badge(t.id).innerText())![1])).toBeLessThan(passed[k]!);
  }
  const detail = (await (await page.request.get(`/api/boards/${board!.id}/tasks/${led[0]!.id}`)).json()) as { checks: Array<{ id: string; pass: boolean; reason: string }> };
  expect(detail.checks.find((c) => c.id === 'ro-nguoi')).toMatchObject({ pass: false, reason: expect.stringContaining('là tập thể') });
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.screenshot({ path: shot('directory-collective-badge-1600') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: shot('directory-collective-badge-1920') });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(badge(led[0]!.id)).toHaveAttribute('title', /là tập thể/);
  await page.screenshot({ path: shot('directory-collective-badge-390') });

  // Unmarked again, the badges are as they were.
  await setCollective(false);
  await page.goto(`/boards/${board!.id}`);
  for (const [k, t] of led.entries()) await expect(badge(t.id)).toHaveText(before[k]!);
});

test('a new account: one-time password shown once, works once, then a password of their own; roles per board', async ({ page, browser, server }) => {
  const board = ((await (await page.request.get('/api/boards')).json()) as BoardSummary[])[0]!;
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/admin/users');
  await expect(page.locator('[data-testid="user-row"][data-login="xem"]')).toBeVisible();
  await page.getByTestId('user-add').click();
  const dialog = page.getByTestId('user-dialog');
  await dialog.getByTestId('user-name').fill('Đỗ Minh Châu');
  await dialog.getByTestId('user-login').fill('dmchau');
  await dialog.getByTestId('user-agency').fill('Sở KHCN');
  // An alias is recognised: no warning, and the canonical name is what is stored.
  await expect(dialog.getByTestId('agency-unknown')).toHaveCount(0);
  await dialog.getByTestId('role-add').click();
  await dialog.getByTestId('role-row').first().getByTestId('role-board').selectOption(board.id);
  await dialog.getByTestId('role-row').first().getByTestId('role-role').selectOption('unit');
  await dialog.getByTestId('role-add').click();
  await dialog.getByTestId('role-row').nth(1).getByTestId('role-board').selectOption('*');
  await dialog.getByTestId('role-row').nth(1).getByTestId('role-role').selectOption('viewer');
  await page.screenshot({ path: shot('admin-user-dialog-1600') });
  await dialog.getByTestId('user-save').click();

  const otp = page.getByTestId('otp-dialog');
  await expect(otp).toBeVisible();
  await expect(otp).toContainText('chỉ hiển thị MỘT LẦN');
  const password = await otp.getByTestId('otp-value').inputValue();
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await page.screenshot({ path: shot('admin-otp-1600') });
  await otp.getByTestId('otp-done').click();
  await expect(otp).toHaveCount(0);
  // Gone from the page once closed: nowhere to read it again.
  expect(await page.content()).not.toContain(password);

  const row = page.locator('[data-testid="user-row"][data-login="dmchau"]');
  await expect(row.getByTestId('user-row-agency')).toHaveText('Sở Khoa học và Công nghệ');
  await expect(row.getByTestId('user-row-roles')).toContainText(`${board.title}: Đơn vị`);
  await expect(row.getByTestId('user-row-roles')).toContainText('Mọi bảng: Xem');
  await expect(row.getByTestId('user-row-state')).toContainText('Chờ đổi mật khẩu');
  await page.screenshot({ path: shot('admin-users-1600') });

  // The new person signs in with it and must choose their own password first.
  const context = await browser.newContext({ baseURL: server.url });
  const them = await context.newPage();
  await signInWithForm(them, 'dmchau', password);
  await expect(them.getByTestId('password-view')).toBeVisible();
  await them.getByTestId('password-current').fill(password);
  await them.getByTestId('password-next').fill('chau-mat-khau-2025');
  await them.getByTestId('password-again').fill('chau-mat-khau-2025');
  await them.getByTestId('password-submit').click();
  await expect(them.getByTestId('board-list-view')).toBeVisible();
  await expect(them.getByTestId('who-name')).toHaveText('Đỗ Minh Châu');
  expect((await them.request.post('/api/auth/login', { data: { login: 'dmchau', password } })).status()).toBe(401);

  // Disabling ends their session at once.
  await row.getByTestId('user-disable').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Người này bị đăng xuất ngay');
  await page.getByTestId('confirm-ok').click();
  await expect(row).toHaveAttribute('data-disabled', 'true');
  await expect(row.getByTestId('user-row-state')).toHaveText('Đã khóa');
  expect((await them.request.get('/api/auth/me')).status()).toBe(401);
  await them.reload();
  await expect(them.getByTestId('login-view')).toBeVisible();
  await signInWithForm(them, 'dmchau', 'chau-mat-khau-2025');
  await expect(them.getByTestId('login-error')).toHaveText('Tài khoản đã bị khóa; hãy liên hệ quản trị viên');

  // Enabled again, then a reset: a new one-time password, the old one refused.
  await row.getByTestId('user-enable').click();
  await expect(row).toHaveAttribute('data-disabled', 'false');
  await row.getByTestId('user-reset').click();
  await page.getByTestId('confirm-ok').click();
  const reset = await page.getByTestId('otp-value').inputValue();
  expect(reset).not.toBe(password);
  await page.getByTestId('otp-done').click();
  expect((await them.request.post('/api/auth/login', { data: { login: 'dmchau', password: 'chau-mat-khau-2025' } })).status()).toBe(401);
  expect((await them.request.post('/api/auth/login', { data: { login: 'dmchau', password: reset } })).status()).toBe(200);
  await context.close();

  // Editing: the administrator's own flag cannot be removed here.
  await page.locator('[data-testid="user-row"][data-login="admin"]').getByTestId('user-edit').click();
  await expect(page.getByTestId('user-dialog').getByTestId('user-admin')).toBeDisabled();
  await page.getByTestId('user-cancel').click();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot('admin-users-390'), fullPage: true });
});

test('the audit page: verdict, a signed checkpoint downloaded and checked again, the whole log verified by the CLI', async ({ page, server }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/admin/audit');
  const verdict = page.getByTestId('audit-verdict');
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  const entries = Number(await verdict.getAttribute('data-entries'));
  expect(entries).toBeGreaterThan(5);
  await expect(verdict).toContainText(`Nguyên vẹn: ${entries} mục, chuỗi băm không đứt.`);

  await page.getByTestId('audit-take').click();
  await expect(page.getByTestId('checkpoint-entries')).toHaveText(String(entries));
  const [cpDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-download').click()]);
  expect(cpDownload.suggestedFilename()).toMatch(new RegExp(`^dondoc-diem-kiem-tra-.*-${entries}-muc\\.json$`));
  const cpPath = join(test.info().outputDir, 'checkpoint.json');
  await cpDownload.saveAs(cpPath);
  const checkpoint = JSON.parse(readFileSync(cpPath, 'utf8')) as { entries: number; head: string };
  expect(checkpoint.entries).toBe(entries);
  await page.screenshot({ path: shot('admin-audit-1600'), fullPage: true });

  // Later work, then the kept checkpoint still matches.
  const directory = await (await page.request.get('/api/directory')).json();
  expect((await page.request.put('/api/directory', { data: { agencies: directory }, headers: { Origin: server.url } })).status()).toBe(200);
  await page.getByTestId('audit-checkpoint-file').setInputFiles(cpPath);
  await expect(page.getByTestId('audit-against')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-signed')).toHaveText('✓ Chữ ký hợp lệ: điểm kiểm tra do chính máy chủ này ký.');
  // A checkpoint someone edited is caught by its signature.
  const forged = join(test.info().outputDir, 'forged.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(forged, JSON.stringify({ ...checkpoint, entries: checkpoint.entries - 1 }));
  await page.getByTestId('audit-checkpoint-file').setInputFiles(forged);
  await expect(page.getByTestId('audit-against')).toHaveAttribute('data-signed', 'false');
  await expect(page.getByTestId('audit-signed')).toContainText('Chữ ký KHÔNG hợp lệ');
  writeFileSync(forged, '{"xin": "chào"}');
  await page.getByTestId('audit-checkpoint-file').setInputFiles(forged);
  await expect(page.getByTestId('audit-file-error')).toHaveText('Tệp không phải điểm kiểm tra: thiếu hoặc sai trường "entries".');

  // Streamed, not built whole in memory: chunked, with the checkpoint of exactly these entries in a header.
  const streamed = await page.request.get('/api/audit/export');
  expect(streamed.headers()['transfer-encoding']).toBe('chunked');
  expect(streamed.headers()['content-length']).toBeUndefined();
  expect(JSON.parse(streamed.headers()['x-dondoc-checkpoint']!).entries).toBe((await streamed.text()).trimEnd().split('\n').length);
  const [logDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  const logPath = join(test.info().outputDir, 'audit.jsonl');
  await logDownload.saveAs(logPath);
  expect(readFileSync(logPath, 'utf8').trimEnd().split('\n').length).toBeGreaterThanOrEqual(entries);
  // A second party, with only the two files, runs the CLI.
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps/server/src/cli.ts'), 'audit', 'verify', '--log', logPath, '--checkpoint', cpPath], { cwd: repoRoot, encoding: 'utf8' });
  expect(out).toContain(`còn đủ ${entries} mục của điểm kiểm tra`);
  copyFileSync(logPath, join(test.info().outputDir, 'kept.jsonl'));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot('admin-audit-390'), fullPage: true });
});

test('a tampered log does not stop the server: it serves, and the audit page says where and why the chain breaks', async ({ browser }) => {
  const tampered = new DondocServer();
  await tampered.start();
  try {
    await tampered.stop();
    const file = join(tampered.dataDir, 'audit.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    // Someone rewrites who made entry 3, leaving its hash as it was.
    lines[2] = lines[2]!.replace(/"name":"[^"]*"/, '"name":"Người khác"');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, lines.join('\n'));
    await tampered.start();
    const context = await browser.newContext({ baseURL: tampered.url, viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'admin');
    await page.goto('/');
    await expect(page.getByTestId('board-list-item')).toHaveCount(1);
    await page.goto('/admin/audit');
    const verdict = page.getByTestId('audit-verdict');
    await expect(verdict).toHaveAttribute('data-ok', 'false');
    await expect(verdict).toHaveAttribute('data-broken-at', '3');
    await expect(verdict).toContainText('KHÔNG nguyên vẹn: hỏng tại mục 3.');
    await expect(page.getByTestId('audit-reason')).toHaveText('Mục 3 đã bị sửa (mã băm không khớp)');
    await expect(verdict).toContainText('2 mục đầu tiên hợp lệ.');
    await page.screenshot({ path: shot('admin-audit-broken-1600') });
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('audit-reason')).toHaveText('Entry 3 was edited (hash mismatch)');
    await context.close();
  } finally {
    await tampered.stop();
    tampered.cleanup();
  }
});
