// Lào Cai's templates: the Steering Committee's Q4/2025 and 2026 plans, generated from the
// published documents into plans/*.json (see scripts/generate.ts) and shipped as data.
import { definePlugin, defineTemplate, Plan } from '@dondoc/shared';
import q4Data from '../plans/q4-2025.json' with { type: 'json' };
import y2026Data from '../plans/2026.json' with { type: 'json' };
import { LAO_CAI_AGENCIES } from './agencies.ts';

export const q4_2025 = defineTemplate({
  id: 'q4-2025',
  label: 'Kế hoạch hoạt động Quý IV/2025 — Ban Chỉ đạo tỉnh Lào Cai',
  labelEn: 'Q4/2025 work plan — Lào Cai provincial Steering Committee',
  description: 'KHCN, ĐMST, CĐS (Phụ lục I), CCHC (Phụ lục II), Đề án 06 (Phụ lục III): 49 nhiệm vụ',
  descriptionEn: 'S&T, innovation, digital transformation (Appendix I), administrative reform (Appendix II), Project 06 (Appendix III): 49 tasks',
  agencies: LAO_CAI_AGENCIES,
  plan: Plan.parse(q4Data),
});

export const y2026 = defineTemplate({
  id: '2026',
  label: 'Kế hoạch hoạt động năm 2026 — Ban Chỉ đạo tỉnh Lào Cai',
  labelEn: '2026 work plan — Lào Cai provincial Steering Committee',
  description: '13 chỉ tiêu; nhiệm vụ tại Phụ lục II, III, IV và các nhiệm vụ trong phần III của Kế hoạch',
  descriptionEn: '13 indicators; the tasks of Appendices II, III and IV and of part III of the plan',
  agencies: LAO_CAI_AGENCIES,
  plan: Plan.parse(y2026Data),
});

export default definePlugin({ templates: [q4_2025, y2026] });
