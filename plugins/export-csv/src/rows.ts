// One CSV row per task: every field of `TASK_EXPORT_FIELDS` (the same columns the Excel export
// has), as text: dates dd/mm/yyyy, numbers as digits.
import { TASK_EXPORT_FIELDS, formatDateVi, taskFieldRows, type BoardSnapshot } from '@dondoc/shared';

export const CSV_HEADER: readonly string[] = TASK_EXPORT_FIELDS.map((f) => f.header);

export function taskRows(snapshot: BoardSnapshot): string[][] {
  return taskFieldRows(snapshot).map((row) =>
    row.map((value, i) => (value === undefined ? '' : TASK_EXPORT_FIELDS[i]!.kind === 'date' ? formatDateVi(String(value)) : String(value))),
  );
}
