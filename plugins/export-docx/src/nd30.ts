// Building blocks of a Nghị định 30 document in `docx`: page geometry, page numbers at the top
// (not on page 1), the header block (issuer | Quốc hiệu, Tiêu ngữ), the signature block and Nơi
// nhận, and plain paragraphs in Times New Roman.
import {
  AlignmentType,
  BorderStyle,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionPropertiesOptions,
} from 'docx';
import { ND30_FONT, ND30_PAGE, type Nd30Header, type Nd30Signature } from '@dondoc/shared';

/** Half-points, as Word counts font sizes. */
export const pt = (points: number): number => points * 2;
/** Twips (1/1440 inch), rounded: A4 is 11906 × 16838 as Word writes it (docx's own helper truncates to 11905). */
export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

/** Text width between the margins, in millimetres. */
export const textWidthMm = (landscape: boolean): number =>
  (landscape ? ND30_PAGE.heightMm : ND30_PAGE.widthMm) - ND30_PAGE.marginLeftMm - ND30_PAGE.marginRightMm;

/** Document-wide defaults: Times New Roman 13 pt body (NĐ 30: 13–14 pt). */
export const documentStyles = {
  default: { document: { run: { font: ND30_FONT, size: pt(13) }, paragraph: { spacing: { line: 276 } } } },
};

/** A4 with NĐ 30's margins, page numbers centred at the top from page 2 on. */
export function sectionProperties(landscape: boolean): { properties: ISectionPropertiesOptions; headers: { default: Header; first: Header } } {
  return {
    properties: {
      titlePage: true,
      page: {
        // docx swaps width and height itself for a landscape section.
        size: { width: mm(ND30_PAGE.widthMm), height: mm(ND30_PAGE.heightMm), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: mm(ND30_PAGE.marginTopMm), bottom: mm(ND30_PAGE.marginBottomMm), left: mm(ND30_PAGE.marginLeftMm), right: mm(ND30_PAGE.marginRightMm), header: mm(10), footer: mm(10) },
      },
    },
    headers: {
      default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })] }),
      first: new Header({ children: [new Paragraph({})] }),
    },
  };
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** Space after, in points. */
  after?: number;
  before?: number;
  /** First-line indent, in millimetres (body paragraphs: 10). */
  indentMm?: number;
  keepNext?: boolean;
}

/** One paragraph; line breaks in `text` become breaks in the run. */
export function para(text: string, o: TextOptions = {}): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: o.align ?? AlignmentType.LEFT,
    spacing: { before: (o.before ?? 0) * 20, after: (o.after ?? 0) * 20 },
    ...(o.indentMm ? { indent: { firstLine: mm(o.indentMm) } } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
    children: lines.map((line, i) => new TextRun({ text: line, bold: o.bold ?? false, italics: o.italics ?? false, size: pt(o.size ?? 13), ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/** A short rule under a centred title line: a bottom border on an empty paragraph indented to `widthMm`. */
function rule(cellWidthMm: number, widthMm: number, after = 0): Paragraph {
  const side = Math.max(0, (cellWidthMm - widthMm) / 2);
  return new Paragraph({
    indent: { left: mm(side), right: mm(side) },
    spacing: { before: 0, after: after * 20, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/** A borderless two-column layout table (header block, signature block). */
function layoutTable(widthsMm: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: mm(widthsMm[0] + widthsMm[1]), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        // The signature block never starts on one page and ends on the next.
        cantSplit: true,
        children: [
          new TableCell({ width: { size: mm(widthsMm[0]), type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: mm(widthsMm[1]), type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

/**
 * The header block of NĐ 30 (Phụ lục I, mẫu 1.x): on the left the parent agency (regular) and the
 * issuer (bold) in capitals with a short rule, then "Số: …"; on the right the Quốc hiệu (bold
 * capitals) and the Tiêu ngữ (bold) with a rule as long as it, then the place and date in italics.
 */
export function headerBlock(h: Nd30Header, textWidth: number): Table {
  const leftW = Math.round(textWidth * 0.38);
  const rightW = textWidth - leftW;
  const c = AlignmentType.CENTER;
  const left = [
    ...(h.issuerParent ? [para(h.issuerParent, { size: 12, align: c })] : []),
    para(h.issuer, { size: 12, bold: true, align: c }),
    rule(leftW, Math.min(leftW * 0.45, 30), 6),
    para(h.numberLine, { size: 13, align: c }),
  ];
  const right = [
    para(h.nationalTitle, { size: 12, bold: true, align: c }),
    para(h.motto, { size: 14, bold: true, align: c }),
    // Tiêu ngữ at 14 pt bold is about 66 mm wide in Times New Roman.
    rule(rightW, 66, 6),
    para(h.placeDate, { size: 14, italics: true, align: c }),
  ];
  return layoutTable([leftW, rightW], left, right);
}

/** Title lines of a document: its kind and subject, bold and centred, with a short rule under them. */
export function titleBlock(kind: string, subject: string, textWidth: number): Paragraph[] {
  return [
    para(kind, { size: 14, bold: true, align: AlignmentType.CENTER, before: 18 }),
    para(subject, { size: 14, bold: true, align: AlignmentType.CENTER }),
    rule(textWidth, 40, 12),
  ];
}

/** Nơi nhận on the left (bold italic 12 pt, recipients 11 pt), the signer on the right (bold). */
export function signatureBlock(s: Nd30Signature, textWidth: number): Table {
  const leftW = Math.round(textWidth * 0.45);
  const c = AlignmentType.CENTER;
  const left = [para('Nơi nhận:', { size: 12, bold: true, italics: true }), ...s.recipients.map((r) => para(r, { size: 11 }))];
  const right = [
    ...(s.authority ? [para(s.authority, { size: 14, bold: true, align: c })] : []),
    para(s.title, { size: 14, bold: true, align: c }),
    // Room for the signature and seal.
    para('\n\n\n', { size: 14, align: c }),
    para(s.name, { size: 14, bold: true, align: c }),
  ];
  return layoutTable([leftW, textWidth - leftW], left, right);
}
