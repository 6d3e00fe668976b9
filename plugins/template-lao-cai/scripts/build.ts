// Builds Lào Cai's template plans from the seed documents with the importer; used by the
// generate script (writes plans/*.json) and by the test that keeps the JSON in step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlanText, type Plan } from '@dondoc/shared';
import { LAO_CAI_AGENCIES } from '../src/agencies.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
export const PLANS_DIR = fileURLToPath(new URL('../plans/', import.meta.url));

export const SOURCES = {
  'q4-2025': '000_90562d8295c9ca09.txt',
  '2026': '003_7446053ca8f2eaca.txt',
} as const;
export type PlanId = keyof typeof SOURCES;

export function buildPlan(id: PlanId): Plan {
  const text = readFileSync(SEEDS_DIR + SOURCES[id], 'utf8');
  const { plan } = parsePlanText(text, { id: `lao-cai-${id}`, agencies: LAO_CAI_AGENCIES });
  return plan;
}
