// Data tables in the NĐ 30 style: a bold, centred header row repeated on every page, thin borders
// all round, group rows bold and spanning the table, and per-column alignment (STT centred).
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { DocHeaderCell, DocTableColumn, DocTableRow } from '@dondoc/shared';
import { mm, pt } from './nd30.ts';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const MARGINS = { top: 30, bottom: 30, left: 70, right: 70 };

function cellParagraphs(text: string, size: number, bold: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType], italics = false): Paragraph[] {
  // Each line of a cell is its own paragraph, as Word users type them ("- Hỗ trợ …").
  return text.split('\n').map((line) => new Paragraph({ alignment: align, spacing: { before: 0, after: 0, line: 252 }, children: [new TextRun({ text: line, bold, italics, size: pt(size) })] }));
}

/** A table `widthMm` wide; `size` is the body font size in points. */
export function dataTable(columns: readonly DocTableColumn[], rows: readonly DocTableRow[], widthMm: number, size = 12, headerRows?: readonly DocHeaderCell[][]): Table {
  const widths = columns.map((c) => mm((widthMm * c.width) / 100));
  // Header cells sit on the columns left free by spans from above, so each cell's width is the sum of the columns it covers.
  const taken: number[] = columns.map(() => 0);
  const header = (headerRows ?? [columns.map((c): DocHeaderCell => ({ text: c.header }))]).map((cells) => {
    let col = 0;
    const children = cells.map((cell) => {
      while (taken[col]! > 0) col++;
      const span = cell.colSpan ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      for (let k = col; k < col + span; k++) taken[k] = cell.rowSpan ?? 1;
      col += span;
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
        verticalAlign: VerticalAlign.CENTER,
        margins: MARGINS,
        children: cellParagraphs(cell.text, size, true, AlignmentType.CENTER),
      });
    });
    for (let k = 0; k < taken.length; k++) taken[k] = Math.max(0, taken[k]! - 1);
    return new TableRow({ tableHeader: true, cantSplit: true, children });
  });
  const body = rows.map((row) =>
    row.kind === 'group'
      ? new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: columns.length,
              width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
              margins: MARGINS,
              // Outer groups bold, inner ones bold italic: the way plans set "I. …" above "1. …".
              children: cellParagraphs(row.text, size, true, AlignmentType.LEFT, (row.level ?? 0) >= 2),
            }),
          ],
        })
      : new TableRow({
          children: row.cells.map(
            (text, i) =>
              new TableCell({
                width: { size: widths[i]!, type: WidthType.DXA },
                margins: MARGINS,
                children: cellParagraphs(text, size, row.bold ?? false, ALIGN[columns[i]?.align ?? 'left']),
              }),
          ),
        }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: BORDERS,
    rows: [...header, ...body],
  });
}
