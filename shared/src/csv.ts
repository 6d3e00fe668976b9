// RFC 4180 CSV, shared by the CSV exporter (writing) and the plan importer (reading back), so
// both sides agree on quoting, separators and the spreadsheet formula guard.

export type CsvDelimiter = ',' | ';';

/** A parsed record and the 1-based line it starts on (quoted cells may span lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

function field(value: string, delimiter: CsvDelimiter): string {
  const needsQuotes = value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value) || value !== value.trim();
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows to CSV text with CRLF line ends and a leading BOM, so Excel reads Vietnamese as UTF-8.
 * Fields with edge spaces are quoted too, so they survive tools that trim.
 */
export function encodeCsv(rows: ReadonlyArray<ReadonlyArray<string>>, delimiter: CsvDelimiter = ','): string {
  return `\uFEFF${rows.map((row) => row.map((v) => field(v, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** Parses RFC 4180 text into records with their start lines: BOM skipped, quoted fields may hold the delimiter, quotes ("") and CR/LF. */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter = ','): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
      }
      i++;
      continue;
    }
    // A quote opens a quoted field only at the field's start; elsewhere it is a literal character.
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      records.push({ cells: row, line: start });
      row = [];
      cell = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
      line++;
      start = line;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    records.push({ cells: row, line: start });
  }
  return records;
}

/** Parses RFC 4180 text into rows of fields (see `parseCsvRecords`). */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): string[][] {
  return parseCsvRecords(text, delimiter).map((r) => r.cells);
}

/**
 * The separator of a CSV file, from its header line: Excel in a Vietnamese (or any
 * comma-decimal) locale saves with ";", and may announce it with a first line "sep=;".
 */
export function detectCsvDelimiter(text: string): CsvDelimiter {
  const src = text.replace(/^\uFEFF/, '');
  const sep = /^sep=([,;])\r?\n/.exec(src);
  if (sep) return sep[1] as CsvDelimiter;
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of src) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Spreadsheet apps run a cell starting with = + - @ (or tab/CR) as a formula: "- Tập huấn…"
 * shows as #NAME?, and a crafted cell can run commands (CSV injection). OWASP's advice is a
 * leading apostrophe. A cell that already starts with apostrophes before such a character gets
 * one more, so `unguardFormula` can undo exactly what `guardFormula` did.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes `guardFormula`: drops the one apostrophe it adds before a formula character. */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
