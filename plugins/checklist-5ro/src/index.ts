// The "5 rõ" checklist plugin: 5 rõ (Thông báo 56/TB-VPCP), 4 rõ (Thanh Hóa) and 6 rõ (Kết luận 226-KL/TW).
// From the modules themselves, not the package's index: the checklist's thread then loads the rules
// alone, without the schemas (zod) the rest of the package carries.
import { JUDGED_FIELDS, RO_CRITERIA, checkTask } from '@dondoc/shared/checklist/rules';
import { defineChecklist, definePlugin } from '@dondoc/shared/plugin-define';
import type { RoVariant } from '@dondoc/shared';

// Each label in Vietnamese and, for the English UI (plugin API 1.5), in English; `checkTask` gives each
// failed criterion's reason in both too (`reasonEn`, plugin API 1.6). A host older than either drops
// the English, so the range stays the one `reads` needs.
const checklist = (variant: RoVariant, label: string, labelEn: string) =>
  defineChecklist({
    id: variant,
    label,
    labelEn,
    criteria: RO_CRITERIA[variant].map(({ id, label, labelEn }) => ({ id, label, labelEn })),
    reads: JUDGED_FIELDS,
    check: (task, board) => checkTask(task, variant, board),
  });

export default definePlugin({
  checklists: [
    checklist('5ro', '5 rõ: rõ việc, rõ người, rõ trách nhiệm, rõ thời gian, rõ kết quả', '5 clear points: clear task, owner, responsibility, deadline and result'),
    checklist('4ro', '4 rõ (Thanh Hóa): rõ người, rõ việc, rõ thời gian, rõ kết quả', '4 clear points (Thanh Hóa): clear owner, task, deadline and result'),
    checklist(
      '6ro',
      '6 rõ (Kết luận 226-KL/TW): thêm rõ thẩm quyền, rõ sản phẩm, một đầu mối chủ trì',
      '6 clear points (Conclusion 226-KL/TW): adds clear authority and product, one lead per task',
    ),
  ],
});
