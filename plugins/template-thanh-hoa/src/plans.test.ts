// The shipped plan is what the importer makes of the seed today, with the counts the body declares.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { buildPlan, PLAN_FILE } from '../scripts/build.ts';
import plugin from './index.ts';

it('plans/de-an-06-2025.json is what the importer makes of the seed', () => {
  expect(JSON.parse(JSON.stringify(buildPlan()))).toEqual(JSON.parse(readFileSync(PLAN_FILE, 'utf8')));
});

it('Đề án 06 2025: 64 tasks in 10 groups on track de-an-06, 4 rõ, monthly reports', () => {
  const plan = plugin.templates[0]!.plan;
  expect(plan.tasks).toHaveLength(64);
  expect(new Set(plan.tasks.map((t) => t.group?.[1])).size).toBe(10);
  expect(new Set(plan.tasks.map((t) => t.track))).toEqual(new Set(['de-an-06']));
  expect(plan.warnings.filter((w) => w.code === 'count-mismatch')).toEqual([]);
  expect(plan.roVariant).toBe('4ro');
  expect(plan.rhythm.some((r) => r.cadence === 'monthly')).toBe(true);
});

it('the directory knows the agencies the plan prints; only cells the importer could not split still warn', () => {
  const plan = plugin.templates[0]!.plan;
  const t1 = plan.tasks.find((t) => (t.partnersText ?? '').includes('UBND cấp huyện'))!;
  expect(t1.partners).toContain('Ủy ban nhân dân cấp huyện');
  expect(plan.tasks.some((t) => t.partners.includes('Bảo hiểm xã hội khu vực VI'))).toBe(true);
  // 13 unknown-agency warnings before the directory. Sentences in agency cells give the agency they
  // name and a warning each; nothing in them is taken for an unknown agency.
  expect(plan.warnings.filter((w) => w.code === 'unknown-agency')).toEqual([]);
  expect(plan.warnings.filter((w) => w.code === 'agency-sentence').map((w) => w.message.match(/"([^"]+)"/)?.[1])).toEqual([
    'các sở, ngành khác đã hoàn thành số hoá dữ liệu',
    'Sở Khoa học và Công nghệ chủ trì, chỉ đạo các doanh nghiệp viễn thông trên địa …',
    'UBND các huyện đã hoàn thành số hóa dữ liệu đất đai',
    'các sở, ban, ngành cấp tỉnh được giao chủ trì',
  ]);
  const telecom = plan.tasks.find((t) => (t.leadsText ?? '').startsWith('Sở Khoa học và Công nghệ chủ trì, chỉ đạo'))!;
  expect(telecom.leads).toEqual(['Sở Khoa học và Công nghệ']);
});

it('splits two agencies printed without a separator when both are in the directory', () => {
  const t58 = plugin.templates[0]!.plan.tasks.find((t) => t.ordinal === '58')!;
  expect(t58.partnersText).toMatch(/UBND cấp huyện UBND cấp xã/);
  // The collective is spelled one way whatever the case it was printed in.
  expect(t58.partners).toEqual(['Các sở, ngành, đơn vị cấp tỉnh', 'Ủy ban nhân dân cấp huyện', 'Ủy ban nhân dân các xã, phường']);
});

it('reports monthly before the 15th, half-yearly before 15/6 and yearly before 15/12', () => {
  expect(plugin.templates[0]!.plan.rhythm).toEqual([
    { cadence: 'monthly', text: 'định kỳ hàng tháng (trước ngày 15 hàng tháng)' },
    { cadence: 'half-yearly', text: '6 tháng (trước ngày 15/6)' },
    { cadence: 'yearly', text: '01 năm (trước ngày 15/12)' },
  ]);
});
