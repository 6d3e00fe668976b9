// CSV exporter plugin: the board's tasks as a spreadsheet Excel opens with Vietnamese intact.
// Cells starting with = + - @ (or tab/CR) get a leading apostrophe (`guardFormula`, OWASP's
// CSV-injection advice): Excel would otherwise run them as formulas, and plan text often starts
// with "- " (a bullet), which shows as #NAME?. dondoc's CSV reader drops that apostrophe again,
// so an exported board imports back as the same tasks, in the same columns with the same progress
// and owner (`applyCsvBoardState`). The route hands it the tasks of the view chosen (the board's
// filter by default).
import { defineExporter, definePlugin, guardFormula } from '@dondoc/shared';
import { encodeCsv } from './csv.ts';
import { CSV_HEADER, taskRows } from './rows.ts';

export { encodeCsv, guardFormula, parseCsv, unguardFormula } from './csv.ts';
export { CSV_HEADER, taskRows } from './rows.ts';

export default definePlugin({
  exporters: [
    defineExporter({
      id: 'csv',
      label: 'CSV (Excel)',
      labelEn: 'CSV (Excel)',
      description: 'Mỗi nhiệm vụ một dòng, đủ mọi trường kể cả tiến độ, người phụ trách, báo cáo định kỳ; nhập lại được vào bảng',
      descriptionEn: 'One row per task with every field, progress, person in charge and period reports included; can be imported back into a board',
      mediaType: 'text/csv; charset=utf-8',
      extension: 'csv',
      options: { views: ['filter', 'board'], agency: true },
      export: (snapshot) => new TextEncoder().encode(encodeCsv([[...CSV_HEADER], ...taskRows(snapshot).map((row) => row.map(guardFormula))])),
    }),
  ],
});
