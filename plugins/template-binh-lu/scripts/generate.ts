// Regenerates plans/ctr63-nq57.json from the seed document: `node --import tsx scripts/generate.ts`.
import { writeFileSync } from 'node:fs';
import { buildPlan, PLAN_FILE } from './build.ts';

const plan = buildPlan();
writeFileSync(PLAN_FILE, JSON.stringify(plan, null, 2) + '\n');
console.log(`${plan.tasks.length} tasks, ${plan.indicators.length} indicators, ${plan.warnings.length} warnings`);
