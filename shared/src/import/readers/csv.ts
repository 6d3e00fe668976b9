// Reads CSV files (dondoc's own export, Excel's "Save as CSV" with "," or ";") into tables. The
// board state an export carries (column, percent, people, completion date) is in columns the mapping
// reads, as for every other form (fields.ts), so nothing here is CSV's own.
import { detectCsvDelimiter, parseCsvRecords, unguardFormula } from '../../csv.ts';
import { cleanInline } from '../clean.ts';
import { fieldForHeader } from '../fields.ts';
import type { TableSource } from '../grid.ts';
import { tablesFromRows } from './heading.ts';

/**
 * Reads CSV text into tables. The separator is detected from the header line (Excel's
 * "sep=;" line is honoured and skipped). Cells lose the apostrophe dondoc's exporter puts
 * before a leading = + - @ (the formula guard), so "- Tập huấn…" reads back as printed.
 * As with a TSV paste: an empty line ends a table, a row of empty cells (Excel's padding)
 * is dropped, one-cell rows before a table title it, and trailing empty columns are cut.
 */
export function readCsv(text: string): TableSource[] {
  const delimiter = detectCsvDelimiter(text);
  const records = parseCsvRecords(text, delimiter);
  if (/^\uFEFF?sep=[,;]\r?\n/.test(text)) records.shift();
  return tablesFromRows(
    records.map((record) => {
      const cells = record.cells.map(unguardFormula);
      return { cells, line: record.line, blank: cells.length === 1 && cells[0] === '' };
    }),
  );
}


/**
 * Is this text a CSV table of tasks? One of its first lines (a heading may come first) is a
 * header: no tab (a TSV paste or the seed form would have tabs there), at least three short
 * comma- or semicolon-separated cells naming different task fields, the content among them,
 * and a next line as wide, so a prose sentence that happens to hold commas is not taken for one.
 */
export function looksLikeCsv(text: string): boolean {
  const delimiter = detectCsvDelimiter(text);
  const records = parseCsvRecords(text.slice(0, 20_000), delimiter).slice(0, 7);
  return records.slice(0, 6).some((r, i) => {
    if (r.cells.some((c) => c.includes('\t')) || records[i + 1]?.cells.length !== r.cells.length) return false;
    const fields = new Set(r.cells.filter((c) => c.length <= 80).map((c) => fieldForHeader(cleanInline(c))));
    fields.delete(undefined);
    return fields.size >= 3 && fields.has('content');
  });
}
