// The importer's common currency: every input form (seed text, Markdown, TSV paste, .docx,
// .xlsx, PDF-extracted text) is first read into tables of raw cells, then one parser turns
// tables into a plan draft.

export interface GridRow {
  /** Cell texts as read, not yet cleaned (may hold HTML fragments, LaTeX, line breaks). */
  cells: string[];
  /** 1-based line (text forms) or row number (sheets, docx tables) in the source. */
  line: number;
  /** The whole row was printed bold: a hint that it is a group row or a header. */
  bold?: boolean;
  /**
   * Cells that continue a vertical merge from a row above (Word's vMerge, an Excel merged range),
   * holding the merged cell's text: one lead or deadline printed once for several tasks. The table
   * reader keeps that text for the fields a merge shares and drops it for the rest.
   */
  merged?: boolean[];
}

export interface TableSource {
  /** What the document calls the table or its appendix ("Phụ lục I", a sheet name). */
  title: string;
  /** Text printed just before the table (appendix name, "(Kèm theo …)"): helps pick a track. */
  caption?: string;
  rows: GridRow[];
}

/**
 * Makes a table rectangular: trailing columns empty in every row are dropped (Excel pads a
 * copied range to its width), then short rows are padded so column indexes line up.
 */
export function squareUp(rows: GridRow[]): void {
  let width = 0;
  for (const row of rows) {
    let last = row.cells.length;
    while (last > 0 && row.cells[last - 1]!.trim() === '') last--;
    width = Math.max(width, last);
  }
  for (const row of rows) {
    row.cells.length = Math.min(row.cells.length, width);
    while (row.cells.length < width) row.cells.push('');
  }
}
