// Test and bench inputs: real .docx/.xlsx files built from a seed appendix, the way a province
// would retype it in Word or Excel (merged group cells, bold header, lists as paragraphs).
import { readFileSync } from 'node:fs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { readSeedText } from '@dondoc/shared/import/readers/seed-text';
import type { TableSource } from '@dondoc/shared/import/grid';

/** The seeds folder beside the repository (read-only reference material). */
export const SEEDS_DIR = new URL('../../../../shared/seeds/', import.meta.url);

export function readSeed(file: string): string {
  return readFileSync(new URL(file, SEEDS_DIR), 'utf8');
}

/** One appendix table of a seed, as the seed-text reader reads it. */
export function seedTable(file: string, title: string): TableSource {
  const table = readSeedText(readSeed(file)).find((t) => t.title === title);
  if (!table) throw new Error(`${file} has no table "${title}"`);
  return table;
}

/** Seed cells hold HTML: list items become paragraphs, `<b>` bold runs, other tags vanish. */
function cellParts(raw: string): Array<Array<{ text: string; bold: boolean }>> {
  const items = /<li/i.test(raw) ? [...raw.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/gi)].map((m) => m[1]!) : [raw];
  return items.map((item) =>
    item
      .split(/(<b>[\s\S]*?<\/b>)/i)
      .filter((part) => part !== '')
      .map((part) => ({ bold: /^<b>/i.test(part), text: part.replace(/<[^>]+>/g, '').trim() }))
      .filter((run) => run.text !== ''),
  );
}

/**
 * Rows that continue the task group above (empty STT and group, own agencies): in Word and
 * Excel those two cells are merged down from the group's first row. Returns per row how many
 * rows its STT/group cells span (0 for a row covered by a merge).
 */
function groupSpans(table: TableSource): number[] {
  const spans = table.rows.map(() => 1);
  let owner = -1;
  table.rows.forEach((row, r) => {
    const continues = r > 0 && row.cells[0]!.trim() === '' && row.cells[1]!.trim() === '';
    if (continues && owner >= 0) {
      spans[owner]!++;
      spans[r] = 0;
    } else owner = r;
  });
  return spans;
}

/** A Word document: body paragraphs, the appendix heading paragraphs, the table with group cells merged. */
export async function buildDocx(table: TableSource, heading: string[], body = ['Nội dung kế hoạch trước phụ lục, không phải tên bảng.']): Promise<Uint8Array> {
  const spans = groupSpans(table);
  const rows = table.rows.map((row, r) => {
    const cells: TableCell[] = [];
    row.cells.forEach((raw, c) => {
      if (c < 2 && spans[r] === 0) return; // covered by the merge from above
      const paragraphs = cellParts(raw).map((runs) => new Paragraph({ children: runs.map((run) => new TextRun(run)) }));
      cells.push(new TableCell({ children: paragraphs.length ? paragraphs : [new Paragraph('')], ...(c < 2 && spans[r]! > 1 ? { rowSpan: spans[r]! } : {}) }));
    });
    return new TableRow({ children: cells, tableHeader: r === 0 });
  });
  const doc = new Document({
    sections: [
      {
        children: [
          ...body.map((text) => new Paragraph(text)),
          ...heading.map((h) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: h, bold: true })] })),
          new Table({ rows }),
          new Paragraph('Ghi chú sau bảng.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * An Excel workbook: heading rows merged across the table, bold header, merged group cells,
 * list cells as rich text with line breaks, dd/mm/yyyy deadlines as real date cells.
 * `repeat` stacks the body rows that many times (for the bench's large sheet).
 */
export async function buildXlsx(table: TableSource, heading: string[], repeat = 1): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Nhiệm vụ');
  const width = table.rows[0]!.cells.length;
  for (const h of heading) {
    const row = sheet.addRow([h]);
    row.font = { bold: true };
    sheet.mergeCells(row.number, 1, row.number, width);
  }
  const [header, ...body] = table.rows;
  const spans = groupSpans({ ...table, rows: body });
  const headerRow = sheet.addRow(header!.cells.map((c) => c.replace(/<[^>]+>/g, '')));
  headerRow.font = { bold: true };
  // Merges go in after every row is added: merging first would make addRow skip the merged rows.
  const merges: Array<[number, number]> = [];
  for (let k = 0; k < repeat; k++) {
    body.forEach((row, r) => {
      const values = row.cells.map((raw, c): ExcelJS.CellValue => {
        const parts = cellParts(raw);
        const date = DATE.exec(raw.trim());
        if (c === width - 1 && date) return new Date(Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1])));
        if (parts.length > 1) return { richText: parts.map((runs, i) => ({ text: (i > 0 ? '\n' : '') + runs.map((run) => run.text).join('') })) };
        return parts[0]?.map((run) => run.text).join('') ?? '';
      });
      const added = sheet.addRow(values);
      added.getCell(width).numFmt = 'dd/mm/yyyy';
      if (spans[r]! > 1) merges.push([added.number, added.number + spans[r]! - 1]);
    });
  }
  for (const [top, bottom] of merges) {
    sheet.mergeCells(top, 1, bottom, 1);
    sheet.mergeCells(top, 2, bottom, 2);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
