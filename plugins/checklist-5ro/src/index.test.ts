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
    expect(pkg.engines.dondoc).toBe('^1.4.0'); // declares `reads`
    expect(plugin.checklists.map((c) => c.id)).toEqual(['5ro', '4ro', '6ro']);
  });
  it('gives the English UI a label for the plugin, each checklist and each criterion (plugin API 1.5)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(PluginManifest.parse(pkg.dondoc).displayNameEn).toBe('5 clear points check');
    expect(plugin.checklists.map((c) => c.labelEn)).toEqual([expect.stringMatching(/^5 clear points/), expect.stringMatching(/^4 clear points/), expect.stringMatching(/^6 clear points/)]);
    expect(plugin.checklists[0]!.criteria.map((c) => c.labelEn)).toEqual(['Clear task', 'Clear owner', 'Clear responsibility', 'Clear deadline', 'Clear result']);
    for (const c of plugin.checklists) expect(c.criteria.every((x) => x.labelEn && x.labelEn !== x.label)).toBe(true);
  });
  it('gives each failed criterion its reason in English too (plugin API 1.6), and none on a pass', () => {
    for (const c of plugin.checklists) {
      const results = c.check({ ...task, leads: ['Các sở, ban, ngành'], output: 'Triển khai thực hiện' }, board);
      expect(results.filter((r) => r.pass).map((r) => r.reasonEn)).toEqual(results.filter((r) => r.pass).map(() => ''));
      expect(results.filter((r) => !r.pass).length).toBeGreaterThanOrEqual(2);
      expect(results.filter((r) => !r.pass).every((r) => r.reasonEn && r.reasonEn !== r.reason)).toBe(true);
    }
    expect(plugin.checklists[0]!.check(task, board).find((r) => r.id === 'ro-thoi-gian')!.reasonEn).toBe(
      "The deadline 'Theo hướng dẫn của Bộ Công an' is conditional and has no date yet — enter the date when guidance comes",
    );
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
  it('reads no task field it does not declare, so a write to any other field may keep its results', () => {
    // Every field read goes through the proxy; reading one not in `reads` (a rule that started using
    // the column, say) fails here instead of leaving stale badges after moves.
    const read = new Set<string>();
    const watched = (t: Task) => new Proxy(t, { get: (target, key, receiver) => (typeof key === 'string' && read.add(key), Reflect.get(target, key, receiver)) });
    const leadsVariants = [[], ['Công an tỉnh'], ['Sở Nội vụ', 'Sở KH&CN'], ['Các sở, ban, ngành']];
    const deadlines = ['Thường xuyên', 'Quý IV/2025', 'Trước ngày 30/4/2026', 'Theo hướng dẫn của Bộ Công an', ''];
    const withDir = { ...board, agencies: [{ name: 'Công an tỉnh', aliases: ['CA tỉnh'], collective: false }] };
    for (const c of plugin.checklists)
      for (const [i, leads] of leadsVariants.entries())
        for (const [j, raw] of deadlines.entries()) {
          const t = { ...task, leads, owner: i % 2 ? 'Nguyễn Văn An' : '', partners: j % 2 ? ['Sở Tài chính'] : [], deadline: parseDeadline(raw), output: j % 3 ? 'Báo cáo' : '', approver: i === 3 ? 'Chủ tịch UBND tỉnh' : '', extensions: j === 4 ? [{ id: 'x1', due: '2026-03-31', reason: 'Chờ hướng dẫn', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: '2025-11-20T00:00:00.000Z' }] : [] };
          c.check(watched(t), withDir);
        }
    const declared = new Set<string>(plugin.checklists[0]!.reads);
    expect([...read].filter((key) => !declared.has(key))).toEqual([]);
    // And every declared field is one the rules do read: nothing is declared for show.
    expect([...declared].filter((key) => !read.has(key))).toEqual([]);
    for (const c of plugin.checklists) expect(c.reads).toEqual(plugin.checklists[0]!.reads);
  });
});
