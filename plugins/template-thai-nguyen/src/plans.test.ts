// The shipped plan is what the importer makes of the seed today, with KH 44's counts.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { buildPlan, PLAN_FILE } from '../scripts/build.ts';
import plugin from './index.ts';

it('plans/nq57-2025.json is what the importer makes of the seed', () => {
  expect(JSON.parse(JSON.stringify(buildPlan()))).toEqual(JSON.parse(readFileSync(PLAN_FILE, 'utf8')));
});

it('KH 44: 83 tasks in 5 source sections, Nhóm groups, source documents, weekly reports', () => {
  const plan = plugin.templates[0]!.plan;
  expect(plan.number).toBe('44/KH-UBND');
  expect(plan.tasks).toHaveLength(83);
  expect(new Set(plan.tasks.map((t) => t.group?.[1])).size).toBe(5);
  expect(plan.tasks.every((t) => t.sourceDoc !== '' && /^Nhóm/.test(t.group?.at(-1) ?? ''))).toBe(true);
  expect(plan.rhythm.some((r) => r.cadence === 'weekly')).toBe(true);
  expect(plan.roVariant).toBe('5ro');
});

it('the directory knows the agencies KH 44 prints; no agency warning is left', () => {
  const plan = plugin.templates[0]!.plan;
  // 5 unknown-agency warnings before the directory; none is left.
  expect(plan.warnings).toEqual([]);
  const names = new Set(plan.tasks.flatMap((t) => [...t.leads, ...t.partners]));
  for (const n of ['Bộ Chỉ huy Quân sự tỉnh', 'Thống kê tỉnh', 'Ban Quản lý các khu công nghiệp Thái Nguyên', 'Chủ tịch Ủy ban nhân dân các xã, phường']) expect(names).toContain(n);
  expect(names).not.toContain('Trung tâm PV HCC tỉnh');
  expect(names).not.toContain('các cơ quan đảng tỉnh');
});

it('weekly reports: units by 9:00 Friday, Sở KH&CN by 17:00 Friday', () => {
  const rhythm = plugin.templates[0]!.plan.rhythm;
  expect(rhythm.map((r) => r.cadence)).toEqual(['weekly', 'weekly']);
  expect(rhythm[0]!.text).toMatch(/9h00' sáng ngày thứ Sáu hằng tuần/);
  expect(rhythm[1]!.text).toMatch(/^Định kỳ trước 17h00' ngày thứ Sáu hằng tuần/);
});
