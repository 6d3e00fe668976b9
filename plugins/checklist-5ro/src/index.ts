// The "5 rõ" checklist plugin: 5 rõ (Thông báo 56/TB-VPCP), 4 rõ (Thanh Hóa) and 6 rõ (Kết luận 226-KL/TW).
// From the modules themselves, not the package's index: the checklist's thread then loads the rules
// alone, without the schemas (zod) the rest of the package carries.
import { JUDGED_FIELDS, RO_CRITERIA, checkTask } from '@dondoc/shared/checklist/rules';
import { defineChecklist, definePlugin } from '@dondoc/shared/plugin-define';
import type { RoVariant } from '@dondoc/shared';

const checklist = (variant: RoVariant, label: string) =>
  defineChecklist({
    id: variant,
    label,
    criteria: RO_CRITERIA[variant].map(({ id, label }) => ({ id, label })),
    reads: JUDGED_FIELDS,
    check: (task, board) => checkTask(task, variant, board),
  });

export default definePlugin({
  checklists: [
    checklist('5ro', '5 rõ: rõ việc, rõ người, rõ trách nhiệm, rõ thời gian, rõ kết quả'),
    checklist('4ro', '4 rõ (Thanh Hóa): rõ người, rõ việc, rõ thời gian, rõ kết quả'),
    checklist('6ro', '6 rõ (Kết luận 226-KL/TW): thêm rõ thẩm quyền, rõ sản phẩm, một đầu mối chủ trì'),
  ],
});
