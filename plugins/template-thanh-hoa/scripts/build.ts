// Builds the Thanh Hóa template plan from its seed document with the importer; used by the
// generate script (writes plans/de-an-06-2025.json) and by the test that keeps the JSON in step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlanText, type Plan } from '@dondoc/shared';
import { THANH_HOA_AGENCIES } from '../src/agencies.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
export const PLAN_FILE = fileURLToPath(new URL('../plans/de-an-06-2025.json', import.meta.url));
export const SOURCE = '004_0f880a7b6638bed9.txt';

export function buildPlan(): Plan {
  return parsePlanText(readFileSync(SEEDS_DIR + SOURCE, 'utf8'), { id: 'thanh-hoa-de-an-06-2025', agencies: THANH_HOA_AGENCIES }).plan;
}
