// PDF exporter plugin: the Phụ lục and the Báo cáo tiến độ laid out as the Word exporter lays them
// out (the words come from the same document models in @dondoc/shared), for people who only print.
// pdfmake lays out the tables (repeated headers, spans) over pdfkit, which embeds the Tinos subset.
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { REPORT_CADENCES, buildAppendix, buildProgressReport, defineExporter, definePlugin, reportBody, type BoardSnapshot } from '@dondoc/shared';
import { tinos } from './fonts.ts';
import { dataTable, headerBlock, page, signatureBlock, textWidth, titleBlock } from './layout.ts';

// A document never loads anything: no URL, no file (the fonts are handed over as bytes).
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

async function render(doc: TDocumentDefinitions): Promise<Uint8Array> {
  pdfmake.setFonts(tinos(pdfmake));
  const buffer = await pdfmake.createPdf(doc).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function appendixDefinition(snapshot: BoardSnapshot): TDocumentDefinitions {
  const a = buildAppendix(snapshot);
  const width = textWidth(true);
  const content: Content[] = [
    { text: a.heading, fontSize: 14, bold: true, alignment: 'center' },
    { text: a.name, fontSize: 14, bold: true, alignment: 'center' },
    ...(a.attachedTo ? [{ text: a.attachedTo, fontSize: 14, italics: true, alignment: 'center' as const }] : []),
    { text: a.scope, fontSize: 12, italics: true, alignment: 'center', margin: [0, 0, 0, 6] },
    dataTable(
      { columns: [...a.columns], rows: a.rows.map((r) => (r.kind === 'group' ? { kind: 'group' as const, text: r.text, level: r.level } : { kind: 'cells' as const, cells: r.cells })) },
      width,
      12,
    ),
  ];
  return page(true, `${a.heading} – ${snapshot.board.title}`, content);
}

export function reportDefinition(snapshot: BoardSnapshot): TDocumentDefinitions {
  const r = buildProgressReport(snapshot);
  const width = textWidth(false);
  const content: Content[] = [headerBlock(r.header, width), ...titleBlock(r.title, r.subject, width)];
  for (const block of reportBody(r)) {
    if (block.kind === 'heading') content.push({ text: block.text, fontSize: 14, bold: true, margin: [0, 6, 0, 3] });
    else if (block.kind === 'paragraph' && block.literal) content.push({ text: block.text, fontSize: 11, margin: [0, 0, 0, 3] });
    else if (block.kind === 'paragraph') content.push({ text: block.text, fontSize: 14, italics: block.italics ?? false, alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 6] });
    else content.push({ ...dataTable(block.table, width, 11), margin: [0, 0, 0, 8] });
  }
  content.push(signatureBlock(r.signature, width));
  return page(false, `Báo cáo – ${r.subject}`, content);
}

export const appendixPdf = (snapshot: BoardSnapshot): Promise<Uint8Array> => render(appendixDefinition(snapshot));
export const reportPdf = (snapshot: BoardSnapshot): Promise<Uint8Array> => render(reportDefinition(snapshot));

export default definePlugin({
  exporters: [
    defineExporter({
      id: 'phu-luc',
      label: 'Phụ lục (PDF)',
      labelEn: 'Appendix (PDF)',
      documentName: 'Phụ lục',
      description: 'Danh mục nhiệm vụ theo mẫu phụ lục, khổ A4 ngang, để in',
      descriptionEn: 'The task list in the appendix layout, landscape A4, for printing',
      mediaType: 'application/pdf',
      extension: 'pdf',
      options: { views: ['filter', 'board'], agency: true },
      export: appendixPdf,
    }),
    defineExporter({
      id: 'bao-cao',
      label: 'Báo cáo tiến độ (PDF)',
      labelEn: 'Progress report (PDF)',
      documentName: 'Báo cáo tiến độ',
      description: 'Báo cáo theo kỳ, khổ A4 đứng, để in',
      descriptionEn: 'A report for one period, portrait A4, for printing',
      mediaType: 'application/pdf',
      extension: 'pdf',
      options: { views: ['board', 'filter'], periods: REPORT_CADENCES, agency: true },
      export: reportPdf,
    }),
  ],
});
