// docs/PERMISSIONS.md is what RULES generate: change a rule and regenerate (`pnpm docs:permissions`).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import { permissionsMarkdown } from './permissions-table.ts';

describe('docs/PERMISSIONS.md', () => {
  it('is the table generated from RULES (run `pnpm docs:permissions` after changing a rule)', async () => {
    expect(await readFile(join(REPO_ROOT, 'docs/PERMISSIONS.md'), 'utf8')).toBe(permissionsMarkdown());
  });

  it('says what each role may do in the words of the rules', () => {
    const md = permissionsMarkdown();
    const row = (label: string) => md.split('\n').find((l) => l.startsWith(`| ${label} `))!;
    // admin, coordinator, unit, leader, viewer, API
    expect(row('chuyển cột').split(' | ').slice(1, 6)).toEqual(['✓', '✓', '✓ việc đơn vị mình chủ trì; chỉ vào "Chưa thực hiện", "Đang thực hiện", "Chờ xác nhận", không chuyển việc đã "Hoàn thành"', '—', '—']);
    expect(row('ghi kết luận').split(' | ').slice(1, 6)).toEqual(['✓', '✓', '—', '✓', '—']);
    expect(row('bình luận').split(' | ')[3]).toBe('✓ việc đơn vị mình chủ trì hoặc phối hợp');
    expect(md).toContain('`POST /boards/:boardId/tasks/:taskId/move`');
  });
});
