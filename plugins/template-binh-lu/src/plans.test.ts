// The shipped plan is what the importer makes of the seed today (so it cannot go stale),
// and holds the counts the document prints.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildPlan, PLAN_FILE, SEEDS_DIR } from '../scripts/build.ts';
import plugin from './index.ts';

const plan = plugin.templates[0]!.plan;

it('reads the seed beside the repository', () => {
  expect(existsSync(join(SEEDS_DIR, 'README.md'))).toBe(true);
    expect(SEEDS_DIR.replace(/\\/g, '/')).toMatch(/\/shared\/seeds\/$/);
});

it('plans/ctr63-nq57.json is what the importer makes of the seed', () => {
  expect(JSON.parse(JSON.stringify(buildPlan()))).toEqual(JSON.parse(readFileSync(PLAN_FILE, 'utf8')));
});

it('CTr 63: 37 tasks in 7 Roman sections on KHCN/CĐS, 12 targets, 5 rõ, no printed report deadline', () => {
  expect(plan.tasks).toHaveLength(37);
  expect(new Set(plan.tasks.map((t) => t.group?.[1])).size).toBe(7);
  expect(new Set(plan.tasks.map((t) => t.track))).toEqual(new Set(['khcn-cds']));
  expect(plan.indicators).toHaveLength(12);
  expect(plan.roVariant).toBe('5ro');
  expect(plan.rhythm).toEqual([]);
  expect(plan).toMatchObject({ issuer: 'UBND xã Bình Lư', province: 'Lào Cai' });
});

it('every agency the plan prints is in the commune directory; the warnings left are the gap and the missing deadline', () => {
  const names = new Set(plan.tasks.flatMap((t) => [...t.leads, ...t.partners]));
  expect([...names].sort()).toEqual(
    [
      'Các cơ quan, đơn vị',
      'Các phòng chuyên môn thuộc UBND xã',
      'Phòng Kinh tế',
      'Phòng Văn hóa - Xã hội',
      'Trung tâm Phục vụ hành chính công xã',
      'Trung tâm Văn hóa, Thể thao và Truyền thông xã Bình Lư',
      'Văn phòng HĐND và UBND xã',
    ].sort(),
  );
  expect(plan.warnings.map((w) => [w.code, w.line])).toEqual([
    ['other', 528],
    ['deadline-unresolved', 1162],
  ]);
});
