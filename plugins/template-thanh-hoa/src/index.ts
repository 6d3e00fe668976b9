// Thanh Hóa's template: Kế hoạch triển khai Đề án 06 năm 2025 (tỉnh Thanh Hóa), generated from the published document into plans/de-an-06-2025.json
// (see scripts/generate.ts) and shipped as data.
import { definePlugin, defineTemplate, Plan } from '@dondoc/shared';
import { THANH_HOA_AGENCIES } from './agencies.ts';
import data from '../plans/de-an-06-2025.json' with { type: 'json' };

export const template = defineTemplate({
  id: 'de-an-06-2025',
  label: 'Kế hoạch triển khai Đề án 06 năm 2025 (tỉnh Thanh Hóa)',
  labelEn: '2025 plan for Project 06 (Thanh Hóa province)',
  agencies: THANH_HOA_AGENCIES,
  plan: Plan.parse(data),
});

export default definePlugin({ templates: [template] });
