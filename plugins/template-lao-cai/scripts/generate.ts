// Regenerates plans/*.json from the seed documents: `node --import tsx scripts/generate.ts`.
import { writeFileSync } from 'node:fs';
import { buildPlan, PLANS_DIR, SOURCES, type PlanId } from './build.ts';

for (const id of Object.keys(SOURCES) as PlanId[]) {
  const plan = buildPlan(id);
  writeFileSync(`${PLANS_DIR}${id}.json`, JSON.stringify(plan, null, 2) + '\n');
  console.log(`${id}: ${plan.tasks.length} tasks, ${plan.workItems?.length ?? 0} work items, ${plan.indicators.length} indicators, ${plan.warnings.length} warnings`);
}
