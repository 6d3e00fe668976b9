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
