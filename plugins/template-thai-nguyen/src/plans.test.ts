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
