// Nghị định 30 layout in pdfmake terms: A4 with the decree's margins, page numbers centred at the
// top from page 2, the header block, data tables with a repeated (possibly two-row) header and
// spanning group rows, and the signature block kept on one page.
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ND30_PAGE, headerRowsOf, type DocTable, type Nd30Header, type Nd30Signature } from '@dondoc/shared';

/** Points from millimetres (pdfmake measures in PostScript points). */
export const mm = (v: number): number => (v * 72) / 25.4;

export const textWidth = (landscape: boolean): number =>
  mm((landscape ? ND30_PAGE.heightMm : ND30_PAGE.widthMm) - ND30_PAGE.marginLeftMm - ND30_PAGE.marginRightMm);

export function page(landscape: boolean, title: string, content: Content[]): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [mm(ND30_PAGE.marginLeftMm), mm(ND30_PAGE.marginTopMm), mm(ND30_PAGE.marginRightMm), mm(ND30_PAGE.marginBottomMm)],
    header: (currentPage: number) => (currentPage === 1 ? null : { text: String(currentPage), alignment: 'center', fontSize: 13, margin: [0, mm(10), 0, 0] }),
    info: { title, creator: 'dondoc', producer: 'dondoc' },
    defaultStyle: { font: 'Tinos', fontSize: 13, lineHeight: 1.1 },
    content,
  };
}

/** A centred rule `length` points long in a box `width` points wide. */
// Drawn 4 pt below the block's top: Tinos' descenders reach below the line box pdfmake measures.
const rule = (width: number, length: number, margin: [number, number, number, number] = [0, 0, 0, 8]): Content => ({
  canvas: [{ type: 'line', x1: (width - length) / 2, y1: 4, x2: (width + length) / 2, y2: 4, lineWidth: 0.6 }],
  margin,
});

export function headerBlock(h: Nd30Header, width: number): Content {
  const leftW = width * 0.38;
  const rightW = width - leftW;
  return {
    columns: [
      {
        width: leftW,
        stack: [
          ...(h.issuerParent ? [{ text: h.issuerParent, fontSize: 12, alignment: 'center' as const }] : []),
          { text: h.issuer, fontSize: 12, bold: true, alignment: 'center' },
          rule(leftW, Math.min(leftW * 0.45, mm(30))),
          { text: h.numberLine, fontSize: 13, alignment: 'center', preserveLeadingSpaces: true },
        ],
      },
      {
        width: rightW,
        stack: [
          { text: h.nationalTitle, fontSize: 12, bold: true, alignment: 'center' },
          { text: h.motto, fontSize: 14, bold: true, alignment: 'center' },
          rule(rightW, mm(66)),
          { text: h.placeDate, fontSize: 14, italics: true, alignment: 'center' },
        ],
      },
    ],
    columnGap: 0,
  };
}

export const titleBlock = (kind: string, subject: string, width: number): Content[] => [
  { text: kind, fontSize: 14, bold: true, alignment: 'center', margin: [0, 14, 0, 0] },
  { text: subject, fontSize: 14, bold: true, alignment: 'center' },
  rule(width, mm(40), [0, 0, 0, 14]),
];

export function signatureBlock(s: Nd30Signature, width: number): Content {
  const leftW = width * 0.45;
  return {
    unbreakable: true,
    margin: [0, 12, 0, 0],
    columns: [
      { width: leftW, stack: [{ text: 'Nơi nhận:', fontSize: 12, bold: true, italics: true }, ...s.recipients.map((r) => ({ text: r, fontSize: 11 }))] },
      {
        width: width - leftW,
        stack: [
          ...(s.authority ? [{ text: s.authority, fontSize: 14, bold: true, alignment: 'center' as const }] : []),
          { text: s.title, fontSize: 14, bold: true, alignment: 'center' },
          { text: ' ', fontSize: 14, margin: [0, 0, 0, 48] },
          { text: s.name, fontSize: 14, bold: true, alignment: 'center' },
        ],
      },
    ],
  };
}

/** Thin black borders all round and a little padding, as plan tables print. */
const GRID = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** A data table `width` points wide: header rows repeated on every page, group rows spanning and bold. */
export function dataTable(table: DocTable, width: number, fontSize: number): ContentTable {
  const n = table.columns.length;
  const headers = headerRowsOf(table);
  // pdfmake wants a full grid: a spanned-over position holds an empty placeholder.
  const grid: TableCell[][] = headers.map(() => []);
  const occupied = headers.map(() => new Array<boolean>(n).fill(false));
  headers.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (occupied[r]![col]) col++;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) occupied[r + dr]![col + dc] = true;
      grid[r]![col] = { text: cell.text, bold: true, alignment: 'center', ...(colSpan > 1 ? { colSpan } : {}), ...(rowSpan > 1 ? { rowSpan } : {}) };
      col += colSpan;
    }
  });
  for (const row of grid) for (let c = 0; c < n; c++) row[c] ??= {};
  const body: TableCell[][] = [...grid];
  for (const row of table.rows) {
    if (row.kind === 'group') {
      body.push([{ text: row.text, bold: true, italics: (row.level ?? 0) >= 2, colSpan: n }, ...Array.from({ length: n - 1 }, () => ({}))]);
    } else {
      body.push(row.cells.map((text, c) => ({ text, bold: row.bold ?? false, alignment: table.columns[c]?.align ?? 'left' })));
    }
  }
  return {
    // A row is kept on one page (a task read across a page break is easy to misread).
    table: { headerRows: headers.length, dontBreakRows: true, widths: table.columns.map((c) => (width * c.width) / 100 - 6.5), body },
    layout: GRID,
    fontSize,
  };
}
