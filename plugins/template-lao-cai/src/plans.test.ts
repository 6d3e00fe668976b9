// The shipped plans are what the importer makes of the seeds today (so they cannot go
// stale), and hold the counts the documents print.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, PLANS_DIR, SEEDS_DIR } from '../scripts/build.ts';
import plugin from './index.ts';

const committed = (id: string): unknown => JSON.parse(readFileSync(`${PLANS_DIR}${id}.json`, 'utf8'));

describe('template-lao-cai', () => {
  it('reads the seeds beside the repository', () => {
    expect(existsSync(join(SEEDS_DIR, 'README.md'))).toBe(true);
    expect(SEEDS_DIR.replace(/\\/g, '/')).toMatch(/\/shared\/seeds\/$/);
  });

  it.each(['q4-2025', '2026'] as const)('plans/%s.json is what the importer makes of the seed', (id) => {
    expect(JSON.parse(JSON.stringify(buildPlan(id)))).toEqual(committed(id));
  });

  it('Q4/2025: 23 + 14 + 12 tasks on the three tracks, 4 work items', () => {
    const plan = plugin.templates.find((t) => t.id === 'q4-2025')!.plan;
    const count = (title: string) => plan.tasks.filter((t) => t.group?.[0] === title).length;
    expect([count('Phụ lục I'), count('Phụ lục II'), count('Phụ lục III')]).toEqual([23, 14, 12]);
    expect(new Set(plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục I').map((t) => t.group?.[1])).size).toBe(10);
    expect(new Set(plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục II').map((t) => t.group?.[1])).size).toBe(12);
    expect(new Set(plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục III').map((t) => t.group?.[1])).size).toBe(9);
    expect(new Set(plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục I').map((t) => t.track))).toEqual(new Set(['khcn-cds']));
    expect(new Set(plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục II').map((t) => t.track))).toEqual(new Set(['cchc']));
    expect(new Set(plan.tasks.filter((t) => t.group?.[0] === 'Phụ lục III').map((t) => t.track))).toEqual(new Set(['de-an-06']));
    expect(plan.workItems?.map((w) => w.ordinal)).toEqual(['a)', 'b)', 'c)', 'd)']);
  });

  it('Q4/2025: agencies are normalised and the printed text kept', () => {
    const plan = plugin.templates.find((t) => t.id === 'q4-2025')!.plan;
    const first = plan.tasks[0]!;
    expect(first.group).toEqual(['Phụ lục I', 'Hoàn thiện thể chế, chính sách']);
    expect(first.leads).toEqual(['Sở Khoa học và Công nghệ']);
    expect(first.leadsText).toBe('Sở KH&CN');
    expect(first.partners).toEqual(['Sở Tư pháp', 'Các sở, ngành, địa phương']);
    const latex = plan.tasks.find((t) => t.content.includes('hồ sơ y tế điện tử'))!;
    expect(latex.content).toContain('≥ 80% dân số');
    expect(plan.tasks.every((t) => !/<\/?[a-z]|\$/.test(t.content))).toBe(true);
  });

  it('2026: 13 indicators, 61 + 21 + 18 tasks, 36 work items', () => {
    const plan = plugin.templates.find((t) => t.id === '2026')!.plan;
    expect(plan.indicators).toHaveLength(13);
    const count = (title: string) => plan.tasks.filter((t) => t.group?.[0] === title).length;
    expect([count('Phụ lục II'), count('Phụ lục III'), count('Phụ lục IV')]).toEqual([61, 21, 18]);
    expect(plan.workItems).toHaveLength(36);
  });
});
