// Thái Nguyên's template: Kế hoạch 44/KH-UBND — nhiệm vụ NQ 57 đến cuối năm 2025 (tỉnh Thái Nguyên), generated from the published document into plans/nq57-2025.json
// (see scripts/generate.ts) and shipped as data.
import { definePlugin, defineTemplate, Plan } from '@dondoc/shared';
import { THAI_NGUYEN_AGENCIES } from './agencies.ts';
import data from '../plans/nq57-2025.json' with { type: 'json' };

export const template = defineTemplate({
  id: 'nq57-2025',
  label: 'Kế hoạch 44/KH-UBND — nhiệm vụ NQ 57 đến cuối năm 2025 (tỉnh Thái Nguyên)',
  labelEn: 'Plan 44/KH-UBND — Resolution 57 tasks to the end of 2025 (Thái Nguyên province)',
  agencies: THAI_NGUYEN_AGENCIES,
  plan: Plan.parse(data),
});

export default definePlugin({ templates: [template] });
