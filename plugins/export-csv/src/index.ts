// CSV exporter plugin: the board's tasks as a spreadsheet Excel opens with Vietnamese intact.
import { defineExporter, definePlugin } from '@dondoc/shared';
import { encodeCsv } from './csv.ts';
import { CSV_HEADER, taskRows } from './rows.ts';

export { encodeCsv, parseCsv } from './csv.ts';
export { CSV_HEADER, taskRows } from './rows.ts';

export default definePlugin({
  exporters: [
    defineExporter({
      id: 'csv',
      label: 'CSV (Excel)',
      mediaType: 'text/csv; charset=utf-8',
      extension: 'csv',
      export: (snapshot) => new TextEncoder().encode(encodeCsv([[...CSV_HEADER], ...taskRows(snapshot)])),
    }),
  ],
});
