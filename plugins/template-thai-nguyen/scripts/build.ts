// Builds the Thái Nguyên template plan from its seed document with the importer; used by the
// generate script (writes plans/nq57-2025.json) and by the test that keeps the JSON in step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlanText, type Plan } from '@dondoc/shared';
import { THAI_NGUYEN_AGENCIES } from '../src/agencies.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
export const PLAN_FILE = fileURLToPath(new URL('../plans/nq57-2025.json', import.meta.url));
export const SOURCE = '002_4aad64e552c58ff4.txt';

export function buildPlan(): Plan {
  return parsePlanText(readFileSync(SEEDS_DIR + SOURCE, 'utf8'), { id: 'thai-nguyen-kh44-2025', agencies: THAI_NGUYEN_AGENCIES }).plan;
}
