// Word exporter plugin: the board (or its filtered view) as a Phụ lục, a Báo cáo tiến độ for a
// period, and a meeting's Thông báo kết luận (API 1.3), all in the Nghị định 30/2020/NĐ-CP format (A4, Times New Roman, header block, page
// numbers at the top from page 2), written with the maintained `docx` package.
import { AlignmentType, Document, Packer, type Paragraph, type Table } from 'docx';
import { buildAppendix, buildMinutes, buildProgressReport, defineExporter, definePlugin, minutesItemText, reportBody, REPORT_CADENCES, type BoardSnapshot } from '@dondoc/shared';
import { documentStyles, headerBlock, para, sectionProperties, signatureBlock, textWidthMm, titleBlock } from './nd30.ts';
import { dataTable } from './tables.ts';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const pack = async (doc: Document): Promise<Uint8Array> => new Uint8Array(await Packer.toArrayBuffer(doc));

/** The Phụ lục: landscape A4, title lines centred, then the task table. */
export async function appendixDocx(snapshot: BoardSnapshot): Promise<Uint8Array> {
  const a = buildAppendix(snapshot);
  const width = textWidthMm(true);
  const c = AlignmentType.CENTER;
  const children: Array<Paragraph | Table> = [
    para(a.heading, { size: 14, bold: true, align: c }),
    para(a.name, { size: 14, bold: true, align: c }),
    ...(a.attachedTo ? [para(a.attachedTo, { size: 14, italics: true, align: c })] : []),
    para(a.scope, { size: 12, italics: true, align: c, after: 6 }),
    dataTable(
      a.columns,
      a.rows.map((r) => (r.kind === 'group' ? { kind: 'group' as const, text: r.text, level: r.level } : { kind: 'cells' as const, cells: r.cells })),
      width,
      12,
    ),
  ];
  const doc = new Document({ creator: 'dondoc', title: `${a.heading} – ${snapshot.board.title}`, styles: documentStyles, sections: [{ ...sectionProperties(true), children }] });
  return pack(doc);
}

/** The Báo cáo: portrait A4, header block, title, body sections, signature and Nơi nhận. */
export async function reportDocx(snapshot: BoardSnapshot): Promise<Uint8Array> {
  const r = buildProgressReport(snapshot);
  const width = textWidthMm(false);
  const children: Array<Paragraph | Table> = [headerBlock(r.header, width), ...titleBlock(r.title, r.subject, width)];
  for (const block of reportBody(r)) {
    if (block.kind === 'heading') children.push(para(block.text, { size: 14, bold: true, before: 6, after: 3, keepNext: true }));
    else if (block.kind === 'paragraph' && block.literal) children.push(para(block.text, { size: 11, after: 3 }));
    else if (block.kind === 'paragraph') children.push(para(block.text, { size: 14, italics: block.italics ?? false, align: AlignmentType.JUSTIFIED, indentMm: 10, after: 6 }));
    else children.push(dataTable(block.table.columns, block.table.rows, width, 11, block.table.header), para('', { size: 6 }));
  }
  children.push(para('', { size: 8, after: 6 }), signatureBlock(r.signature, width));
  const doc = new Document({ creator: 'dondoc', title: `Báo cáo – ${r.subject}`, styles: documentStyles, sections: [{ ...sectionProperties(false), children }] });
  return pack(doc);
}

/** The Thông báo kết luận of a meeting: portrait A4, header block, title, who met, each conclusion, signature. */
export async function minutesDocx(snapshot: BoardSnapshot): Promise<Uint8Array> {
  const m = buildMinutes(snapshot);
  const width = textWidthMm(false);
  const body = (text: string, o: { bold?: boolean; italics?: boolean } = {}) => para(text, { size: 14, align: AlignmentType.JUSTIFIED, indentMm: 10, after: 6, ...o });
  const children: Array<Paragraph | Table> = [headerBlock(m.header, width), ...titleBlock(m.kind, m.subject, width), body(m.opening)];
  if (m.attendees) children.push(body(m.attendees, { italics: true }));
  for (const item of m.items) {
    const words = minutesItemText(item);
    children.push(para(words.task, { size: 14, bold: true, align: AlignmentType.JUSTIFIED, indentMm: 10, after: 3, keepNext: true }), body(words.decision));
  }
  if (m.reviewedOnly.length > 0) {
    children.push(body(`${m.items.length + 1}. Các nhiệm vụ đã xem xét, tiếp tục thực hiện theo kế hoạch:`, { bold: true }));
    for (const t of m.reviewedOnly) children.push(body(`- Nhiệm vụ ${t.address}: ${t.content}${t.leads ? ` (${t.leads} chủ trì)` : ''}.`));
  }
  children.push(body(m.closing), para('', { size: 8, after: 6 }), signatureBlock(m.signature, width));
  const doc = new Document({ creator: 'dondoc', title: `Thông báo – ${m.subject}`, styles: documentStyles, sections: [{ ...sectionProperties(false), children }] });
  return pack(doc);
}

export default definePlugin({
  exporters: [
    defineExporter({
      id: 'phu-luc',
      label: 'Phụ lục (Word)',
      labelEn: 'Appendix (Word)',
      documentName: 'Phụ lục',
      description: 'Danh mục nhiệm vụ theo mẫu phụ lục của kế hoạch, khổ A4 ngang, kèm tình trạng thực hiện',
      descriptionEn: 'The task list in the plan appendix layout, landscape A4, with each task’s status',
      mediaType: DOCX_MEDIA_TYPE,
      extension: 'docx',
      options: { views: ['filter', 'board'], agency: true },
      export: appendixDocx,
    }),
    defineExporter({
      id: 'bao-cao',
      label: 'Báo cáo tiến độ (Word)',
      labelEn: 'Progress report (Word)',
      documentName: 'Báo cáo tiến độ',
      description: 'Báo cáo theo kỳ: số liệu theo lĩnh vực và cơ quan chủ trì, nhiệm vụ quá hạn, nhiệm vụ thường xuyên, gia hạn',
      descriptionEn: 'A report for one period: counts by track and lead agency, overdue tasks, recurring tasks, extensions',
      mediaType: DOCX_MEDIA_TYPE,
      extension: 'docx',
      options: { views: ['board', 'filter'], periods: REPORT_CADENCES, agency: true },
      export: reportDocx,
    }),
    defineExporter({
      id: 'thong-bao-ket-luan',
      label: 'Thông báo kết luận cuộc họp (Word)',
      labelEn: 'Meeting conclusions (Word)',
      documentName: 'Thông báo kết luận',
      description: 'Kết luận của cuộc họp theo từng nhiệm vụ: quyết định, gia hạn, người theo dõi; thể thức Nghị định 30',
      descriptionEn: 'The meeting’s conclusions task by task: decisions, extensions, who follows up; Decree 30 layout',
      mediaType: DOCX_MEDIA_TYPE,
      extension: 'docx',
      options: { views: ['board'], meeting: true },
      export: minutesDocx,
    }),
  ],
});
