// Bình Lư's template: UBND xã Bình Lư's plan for Chương trình hành động 63-CTr/TU on NQ 57,
// generated from the published document into plans/ctr63-nq57.json (see scripts/generate.ts)
// and shipped as data.
import { definePlugin, defineTemplate, Plan } from '@dondoc/shared';
import { BINH_LU_AGENCIES } from './agencies.ts';
import data from '../plans/ctr63-nq57.json' with { type: 'json' };

export const template = defineTemplate({
  id: 'ctr63-nq57',
  label: 'Kế hoạch thực hiện CTr 63-CTr/TU về Nghị quyết 57 (UBND xã Bình Lư, Lào Cai)',
  labelEn: 'Plan for Action Programme 63-CTr/TU on Resolution 57 (Bình Lư commune, Lào Cai)',
  description: '12 mục tiêu đến năm 2030; 37 nhiệm vụ KHCN/CĐS trong 7 mục của Phụ lục',
  descriptionEn: '12 targets to 2030; 37 S&T / digital transformation tasks in the 7 sections of the appendix',
  agencies: BINH_LU_AGENCIES,
  plan: Plan.parse(data),
});

export default definePlugin({ templates: [template] });
