// How much of a document the importer reads: enough for any province's plan with room to spare,
// and a clear refusal (never a stalled server) for anything larger.

/** Lines of pasted or uploaded text: a 200-page PDF extraction is about 15,000. */
export const MAX_TEXT_LINES = 200_000;
/** Table rows over the whole document: a large province plan has a few hundred tasks. */
export const MAX_TABLE_ROWS = 20_000;
/** Characters in one cell; longer cells are cut (with a warning), not refused. */
export const MAX_CELL_CHARS = 20_000;
/** Tables in one document. */
export const MAX_TABLES = 500;

/** A document over one of the limits: the route answers 413 with `message` (Vietnamese) and `messageEn`. */
export class ImportLimitError extends Error {
  override name = 'ImportLimitError';
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

const vi = (n: number): string => n.toLocaleString('vi-VN');

export function tooManyLines(lines: number): ImportLimitError {
  return new ImportLimitError(
    `Nội dung có ${vi(lines)} dòng, vượt giới hạn ${vi(MAX_TEXT_LINES)} dòng: hãy chỉ nhập phần phụ lục cần thiết`,
    `The text has ${lines} lines; the limit is ${MAX_TEXT_LINES}`,
  );
}

export function tooManyRows(): ImportLimitError {
  return new ImportLimitError(
    `Tài liệu có hơn ${vi(MAX_TABLE_ROWS)} dòng bảng, vượt giới hạn: hãy tách thành nhiều tệp nhỏ hơn`,
    `The document has more than ${MAX_TABLE_ROWS} table rows, over the limit`,
  );
}

/** Counts line breaks without building an array of lines (a 10 MB paste would allocate one string per line). */
export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Throws `ImportLimitError` when `text` has more lines than any plan does. */
export function checkTextSize(text: string): void {
  const lines = countLines(text);
  if (lines > MAX_TEXT_LINES) throw tooManyLines(lines);
}

/** A row counter shared by the readers of one document: throws once the document passes `MAX_TABLE_ROWS`. */
export class RowBudget {
  #left = MAX_TABLE_ROWS;
  take(n = 1): void {
    this.#left -= n;
    if (this.#left < 0) throw tooManyRows();
  }
}
