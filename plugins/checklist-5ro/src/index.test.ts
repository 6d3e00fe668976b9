import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PluginManifest, blankBoard, blankTask, parseDeadline, type Board, type Task } from '@dondoc/shared';
import plugin from './index.ts';

const board: Board = blankBoard({ id: 'b', title: 'Bảng', tracks: [], createdAt: '' });
const task: Task = blankTask({
  id: 't1', boardId: 'b', version: 0, track: 'khcn-cds', rank: 1, ordinal: '1',
  content: 'Triển khai thực hiện các mô hình của Đề án 06', leads: ['Công an tỉnh'], leadsText: 'Công an tỉnh',
  deadline: parseDeadline('Theo hướng dẫn của Bộ Công an'), output: 'Báo cáo kết quả', createdAt: '',
});

describe('checklist-5ro plugin', () => {
  it('declares a valid manifest for the checklists it exports', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(PluginManifest.parse(pkg.dondoc).provides).toEqual(['checklists']);
    expect(pkg.engines.dondoc).toBe('^1.0.0');
    expect(plugin.checklists.map((c) => c.id)).toEqual(['5ro', '4ro', '6ro']);
  });
  it('lists criteria and checks a task through the plugin API', () => {
    const [five, four, six] = plugin.checklists;
    expect(five!.criteria).toHaveLength(5);
    expect(four!.criteria).toHaveLength(4);
    expect(six!.criteria).toHaveLength(6);
    const results = five!.check(task, board);
    expect(results.filter((r) => !r.pass).map((r) => r.id)).toEqual(['ro-thoi-gian']);
    expect(results.find((r) => r.id === 'ro-thoi-gian')!.reason).toContain("'Theo hướng dẫn của Bộ Công an' là có điều kiện");
    expect(six!.check(task, board).filter((r) => !r.pass).map((r) => r.id)).toEqual(['ro-thoi-gian', 'ro-tham-quyen']);
  });
  it('uses the board directory for collective agencies', () => {
    const withDir = { ...board, agencies: [{ name: 'Công an tỉnh', aliases: [], collective: true }] };
    expect(plugin.checklists[0]!.check(task, withDir).find((r) => r.id === 'ro-nguoi')!.pass).toBe(false);
  });
  it('judges by the rules of DOMAIN.md as now written, in each variant', () => {
    const [five, four, six] = plugin.checklists;
    const bare = { ...task, deadline: parseDeadline('Thường xuyên'), output: 'Triển khai thực hiện' };
    for (const c of [five!, four!]) expect(c.check(bare, board).filter((r) => !r.pass).map((r) => r.id)).toEqual(['ro-thoi-gian', 'ro-ket-qua']);
    expect(six!.check(bare, board).filter((r) => !r.pass).map((r) => r.id)).toEqual(['ro-thoi-gian', 'ro-tham-quyen', 'ro-san-pham']);
    const threeLeads = { ...task, leads: ['Sở Nội vụ', 'Sở KH&CN', 'UBND các xã, phường'], owner: 'Nguyễn Văn An', deadline: parseDeadline('Quý IV/2025'), approver: 'Chủ tịch UBND tỉnh' };
    expect(five!.check(threeLeads, board).every((r) => r.pass)).toBe(true);
    expect(six!.check(threeLeads, board).find((r) => r.id === 'ro-nguoi')!.reason).toMatch(/^Có 3 cơ quan chủ trì/);
  });
});
