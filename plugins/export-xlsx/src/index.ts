// Excel exporter plugin: a sheet of tasks with every field (typed cells: dates as dates, progress as a
// number; frozen header, filters on, widths set, wrapped text), a sheet of status counts per track and
// per lead agency, and a sheet of the plan's indicators when it has any. Written with
// `write-excel-file` (one dependency, fflate) instead of exceljs: it only writes, which is all an
// export needs, and wrote 10,000 tasks in half exceljs' CPU time and under half its peak memory.
import type Stream from 'node:stream';
import type { Blob } from 'node:buffer';
import writeExcelFile, { type Feature, type SheetData } from 'write-excel-file/node';
import { getCellAddress, getSelfClosingTagMarkup, insertElementMarkupAccordingToOrderOfSiblings, getOrderOfSiblings } from 'write-excel-file/utility';
import { STATUS_LABELS, TASK_EXPORT_FIELDS, buildProgressReport, defineExporter, definePlugin, describeScope, splitIsoDate, taskFieldRows, type BoardSnapshot, type StatusCountRow } from '@dondoc/shared';
import { REPORT_CATEGORIES } from '@dondoc/shared';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FONT = 'Times New Roman';
const HEADER = { fontWeight: 'bold', wrap: true, align: 'center', alignVertical: 'center', backgroundColor: '#D9E2F3', borderStyle: 'thin', borderColor: '#808080' } as const;
// Body cells carry no borders (Excel's grid shows) and empty cells no style at all: at 10,000 rows
// the per-cell style lookup is what a file's writing time is made of.
const BODY = { wrap: true, alignVertical: 'top' } as const;

type Cell = SheetData[number][number];

/** A calendar day as Excel stores it: midnight UTC, so no time zone shifts the day. */
const excelDate = (iso: string): Date => {
  const [y, m, d] = splitIsoDate(iso);
  return new Date(Date.UTC(y, m - 1, d));
};

/**
 * Turns Excel's filter buttons on over each sheet's table (write-excel-file has no option for it):
 * an `<autoFilter>` in the sheet, placed where the schema orders it, plus the hidden
 * `_xlnm._FilterDatabase` name Excel itself writes beside one.
 */
/** What write-excel-file's Node build reads and writes files as. */
type NodeFileContent = Stream | Buffer | Blob;

function autoFilter(ranges: ReadonlyMap<number, { sheet: string; ref: string }>): Feature<NodeFileContent> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, _options, { sheetIndex }) => {
            const range = ranges.get(sheetIndex);
            if (!range) return xml;
            return insertElementMarkupAccordingToOrderOfSiblings(xml, getSelfClosingTagMarkup('autoFilter', { ref: range.ref }), getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [], 'worksheet');
          },
        },
        'xl/workbook.xml': {
          transform: (xml) => {
            const names = [...ranges]
              .map(([index, r]) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">'${r.sheet.replace(/'/g, "''")}'!${absolute(r.ref)}</definedName>`)
              .join('');
            if (!names) return xml;
            return xml.includes('<definedNames>') ? xml.replace('<definedNames>', `<definedNames>${names}`) : xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
          },
        },
      },
    },
  };
}
const absolute = (ref: string): string => ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

/** Points per wrapped line at 11 pt, and Excel's limit for one row. */
const LINE_PT = 14.5;
const MAX_ROW_PT = 409;

/**
 * A row's height for its wrapped text. Neither Excel nor LibreOffice grows a row to fit wrapped
 * text written by a program on opening the file, so the height is estimated from each cell's length
 * against its column's width (in characters of the default font).
 */
function rowHeight(row: ReadonlyArray<string | number | undefined>): number {
  let lines = 1;
  row.forEach((value, i) => {
    if (typeof value !== 'string' || value === '') return;
    const perLine = Math.max(4, TASK_EXPORT_FIELDS[i]!.width * 1.15);
    const n = value.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(MAX_ROW_PT, Math.ceil(lines * LINE_PT + 3));
}

function tasksSheet(snapshot: BoardSnapshot): SheetData {
  const header: Cell[] = TASK_EXPORT_FIELDS.map((f) => ({ value: f.header, ...HEADER, height: 30 }));
  const rows = taskFieldRows(snapshot).map((row) =>
    row.map((value, i): Cell => {
      const height = i === 0 ? { height: rowHeight(row) } : {};
      const field = TASK_EXPORT_FIELDS[i]!;
      if (value === undefined || value === '') return i === 0 ? { value: undefined, ...height } : null;
      if (field.kind === 'date') return { value: excelDate(String(value)), type: Date, format: 'dd/mm/yyyy', ...BODY, align: 'center', ...height };
      if (field.kind === 'number') return { value: Number(value), type: Number, format: '0', ...BODY, align: 'center', ...height };
      return { value: String(value), type: String, ...BODY, ...(field.center ? { align: 'center' as const } : {}), ...height };
    }),
  );
  return [header, ...rows];
}

function countRows(title: string, first: string, rows: StatusCountRow[], total: StatusCountRow): SheetData {
  const head: Cell[] = [first, 'Tổng số', ...REPORT_CATEGORIES.map((c) => STATUS_LABELS[c].vi)].map((h) => ({ value: h, ...HEADER }));
  const line = (r: StatusCountRow, bold: boolean): Cell[] => [
    { value: r.label, ...BODY, ...(bold ? { fontWeight: 'bold' as const } : {}) },
    { value: r.total, type: Number, ...BODY, align: 'center', ...(bold ? { fontWeight: 'bold' as const } : {}) },
    ...REPORT_CATEGORIES.map((c): Cell => ({ value: r.counts[c], type: Number, ...BODY, align: 'center', ...(bold ? { fontWeight: 'bold' as const } : {}) })),
  ];
  return [[{ value: title, fontWeight: 'bold', fontSize: 13 }], head, ...rows.map((r) => line(r, false)), line(total, true)];
}

function countsSheet(snapshot: BoardSnapshot): SheetData {
  const r = buildProgressReport(snapshot);
  return [
    [{ value: `Thống kê tình trạng thực hiện — ${describeScope(snapshot)}; số liệu tính đến ${snapshot.today.split('-').reverse().join('/')}`, fontStyle: 'italic' }],
    [],
    ...countRows('Theo lĩnh vực', 'Lĩnh vực', r.byTrack, r.total),
    [],
    ...countRows('Theo cơ quan chủ trì (nhiệm vụ nhiều cơ quan chủ trì được tính cho từng cơ quan)', 'Cơ quan chủ trì', r.byAgency, r.total),
  ];
}

function indicatorsSheet(snapshot: BoardSnapshot): SheetData {
  const head: Cell[] = ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu / kết quả cần đạt', 'Cơ quan theo dõi', 'Nhóm'].map((h) => ({ value: h, ...HEADER }));
  return [
    head,
    ...snapshot.board.indicators.map((i): Cell[] => [
      { value: i.ordinal, ...BODY, align: 'center' },
      { value: i.name, ...BODY },
      { value: i.unit || undefined, ...BODY },
      { value: i.target || undefined, ...BODY },
      { value: i.monitors.join('; ') || undefined, ...BODY },
      { value: i.group.join(' › ') || undefined, ...BODY },
    ]),
  ];
}

export async function exportXlsx(snapshot: BoardSnapshot): Promise<Uint8Array> {
  const tasks = tasksSheet(snapshot);
  const sheets = [
    { data: tasks, sheet: 'Nhiệm vụ', columns: TASK_EXPORT_FIELDS.map((f) => ({ width: f.width })), stickyRowsCount: 1, orientation: 'landscape' as const },
    { data: countsSheet(snapshot), sheet: 'Thống kê', columns: [{ width: 40 }, { width: 9 }, ...REPORT_CATEGORIES.map(() => ({ width: 14 }))], orientation: 'landscape' as const },
    ...(snapshot.board.indicators.length > 0
      ? [{ data: indicatorsSheet(snapshot), sheet: 'Chỉ tiêu', columns: [{ width: 6 }, { width: 60 }, { width: 12 }, { width: 30 }, { width: 30 }, { width: 30 }], stickyRowsCount: 1 }]
      : []),
  ];
  const filters = new Map([[0, { sheet: 'Nhiệm vụ', ref: `A1:${getCellAddress(Math.max(0, tasks.length - 1), TASK_EXPORT_FIELDS.length - 1)}` }]]);
  if (snapshot.board.indicators.length > 0) filters.set(2, { sheet: 'Chỉ tiêu', ref: `A1:${getCellAddress(snapshot.board.indicators.length, 5)}` });
  const buffer = await writeExcelFile(sheets, { fontFamily: FONT, fontSize: 11, features: [autoFilter(filters)] }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export default definePlugin({
  exporters: [
    defineExporter({
      id: 'xlsx',
      label: 'Excel (.xlsx)',
      labelEn: 'Excel (.xlsx)',
      description: 'Danh sách nhiệm vụ đủ mọi trường (lọc, sắp xếp được), thống kê theo lĩnh vực và cơ quan, chỉ tiêu của kế hoạch',
      descriptionEn: 'Every task with every field (filterable, sortable), counts by track and agency, the plan’s indicators',
      mediaType: XLSX_MEDIA_TYPE,
      extension: 'xlsx',
      options: { views: ['filter', 'board'], agency: true },
      export: exportXlsx,
    }),
  ],
});
