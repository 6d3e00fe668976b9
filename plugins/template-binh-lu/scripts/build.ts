// Builds the Bình Lư template plan from its seed document (PDF-extracted text) with the
// importer; used by the generate script (writes plans/ctr63-nq57.json) and by the test
// that keeps the JSON in step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlanText, type Plan } from '@dondoc/shared';
import { BINH_LU_AGENCIES } from '../src/agencies.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
export const PLAN_FILE = fileURLToPath(new URL('../plans/ctr63-nq57.json', import.meta.url));
export const SOURCE = '001_7445e7d735843406.txt';

export function buildPlan(): Plan {
  const text = readFileSync(SEEDS_DIR + SOURCE, 'utf8');
  // NQ 57 plan: KHCN/CĐS unless a section names another track.
  const { plan } = parsePlanText(text, { id: 'binh-lu-ctr63-nq57', agencies: BINH_LU_AGENCIES, defaultTrack: 'khcn-cds' });
  // The commune sits in Lào Cai; the body names only the commune.
  return { ...plan, province: 'Lào Cai' };
}
