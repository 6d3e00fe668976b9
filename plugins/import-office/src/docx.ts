// Reads the tables of a Word .docx (and the paragraphs around them) into the importer's TableSource[].
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import type { GridRow, TableSource } from '@dondoc/shared/import/grid';
import { appendixTitle } from '@dondoc/shared/import/readers/seed-text';
import { tableHeading } from '@dondoc/shared/import/readers/heading';
import { MAX_CELL_CHARS, MAX_TABLE_ROWS } from '@dondoc/shared/import/limits';
import { checkOfficeBytes, OfficeFileError, OfficeLimitError, type ReadOptions } from './guard.ts';

/** fast-xml-parser's ordered form: one key naming the element (or `#text`), attributes under `:@`. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Keep text exactly: "01" must stay a string, and spaces in `xml:space="preserve"` runs matter.
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return '';
}
const childrenOf = (node: XmlNode): XmlNode[] => (node[tagOf(node)] as XmlNode[] | undefined) ?? [];
const attr = (node: XmlNode, name: string): string | undefined => (node[':@'] as Record<string, string> | undefined)?.[name];
const child = (node: XmlNode, tag: string): XmlNode | undefined => childrenOf(node).find((c) => tagOf(c) === tag);

/** A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on unless its value says off. */
function toggleOn(node: XmlNode | undefined): boolean {
  if (!node) return false;
  const val = attr(node, 'w:val');
  return val === undefined || !['0', 'false', 'off', 'none'].includes(val);
}

/** Text of a run or paragraph part, with bold tracked per visible character run. */
interface TextAcc {
  text: string;
  /** Non-blank text was seen in a run that is not bold. */
  plain: boolean;
  /** Non-blank text was seen at all. */
  any: boolean;
}

/** Elements whose text is not part of what the reader sees: deleted revisions, field codes, properties. */
const SKIP = new Set(['w:rPr', 'w:pPr', 'w:tblPr', 'w:tcPr', 'w:trPr', 'w:delText', 'w:instrText', 'w:del', 'w:moveFrom', 'mc:Fallback']);

function collectText(nodes: XmlNode[], acc: TextAcc, bold: boolean): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (SKIP.has(tag)) continue;
    switch (tag) {
      case '#text':
        break;
      case 'w:r': {
        const runBold = toggleOn(child(child(node, 'w:rPr') ?? {}, 'w:b'));
        collectText(childrenOf(node), acc, runBold);
        break;
      }
      case 'w:t': {
        const text = childrenOf(node)
          .map((t) => String(t['#text'] ?? ''))
          .join('');
        acc.text += text;
        if (text.trim() !== '') {
          acc.any = true;
          if (!bold) acc.plain = true;
        }
        break;
      }
      case 'w:tab':
        acc.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        acc.text += '\n';
        break;
      case 'w:noBreakHyphen':
        acc.text += '-';
        break;
      case 'w:p':
        if (acc.text !== '' && !acc.text.endsWith('\n')) acc.text += '\n';
        collectText(childrenOf(node), acc, bold);
        break;
      default:
        // Hyperlinks, inserted revisions, content controls, smart tags, nested tables: their text counts.
        collectText(childrenOf(node), acc, bold);
    }
  }
}

/** Plain text of a paragraph or of a cell's paragraphs, paragraphs joined by "\n". */
function textOf(nodes: XmlNode[]): TextAcc {
  const acc: TextAcc = { text: '', plain: false, any: false };
  collectText(nodes, acc, false);
  return acc;
}

const intAttr = (node: XmlNode | undefined, fallback: number): number => {
  const n = node ? Number.parseInt(attr(node, 'w:val') ?? '', 10) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * Rows of one `w:tbl`. A cell spanning columns (`w:gridSpan`) keeps its text in its first grid
 * column and leaves the others empty; a cell continuing a vertical merge (`w:vMerge` without
 * "restart") is empty. That is how the same table reads as printed text, where a merged
 * "Nhóm nhiệm vụ" shows once and the rows below have empty STT and group: the parser's
 * sub-row rule then applies to every input form alike.
 */
function readTable(tbl: XmlNode, budget: { rows: number }): GridRow[] {
  const rows: GridRow[] = [];
  let rowNumber = 0;
  /** The text of the vertical merge open in each grid column. */
  const mergeTop: string[] = [];
  for (const tr of childrenOf(tbl)) {
    if (tagOf(tr) !== 'w:tr') continue;
    rowNumber++;
    if (++budget.rows > MAX_TABLE_ROWS) {
      throw new OfficeLimitError(`Tài liệu có hơn ${MAX_TABLE_ROWS.toLocaleString('vi-VN')} dòng bảng, vượt giới hạn`, `The document has more than ${MAX_TABLE_ROWS} table rows`);
    }
    const trPr = child(tr, 'w:trPr');
    const cells: string[] = [];
    for (let k = intAttr(child(trPr ?? {}, 'w:gridBefore'), 0); k > 0; k--) cells.push('');
    let plain = false;
    let any = false;
    const merged: boolean[] = [];
    for (const tc of cellsOf(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = intAttr(child(tcPr ?? {}, 'w:gridSpan'), 1);
      const vMerge = child(tcPr ?? {}, 'w:vMerge');
      const continued = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      const at = cells.length;
      if (continued) {
        // The merged cell's text, as the row above holds it: the table reader decides what it shares.
        cells.push(mergeTop[at] ?? '');
        merged[at] = true;
      } else {
        const acc = textOf(childrenOf(tc));
        plain ||= acc.plain;
        any ||= acc.any;
        const text = acc.text.length > MAX_CELL_CHARS ? acc.text.slice(0, MAX_CELL_CHARS) : acc.text;
        const cleaned = text.replace(/\t/g, ' ').replace(/^\n+|\n+$/g, '');
        cells.push(cleaned);
        if (vMerge !== undefined) mergeTop[at] = cleaned;
        else delete mergeTop[at];
      }
      for (let k = 1; k < span; k++) cells.push('');
    }
    const header = trPr !== undefined && toggleOn(child(trPr, 'w:tblHeader'));
    const row: GridRow = { cells, line: rowNumber, ...(merged.length > 0 ? { merged: Array.from(cells, (_, k) => merged[k] === true) } : {}) };
    if ((any && !plain) || header) row.bold = true;
    rows.push(row);
  }
  // Rows may differ in length (gridAfter, ragged tables): pad so column indexes line up.
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  for (const row of rows) while (row.cells.length < width) row.cells.push('');
  return rows;
}

/** The `w:tc` of a row, looking through content controls (`w:sdt`) that may wrap cells. */
function cellsOf(tr: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of childrenOf(tr)) {
    const tag = tagOf(node);
    if (tag === 'w:tc') out.push(node);
    else if (tag === 'w:sdt') out.push(...cellsOf(child(node, 'w:sdtContent') ?? {}));
    else if (tag === 'w:customXml') out.push(...cellsOf(node));
  }
  return out;
}

/** What a .docx holds for the importer: its tables and its body text outside tables. */
export interface DocxContent {
  tables: TableSource[];
  /** Body paragraphs outside tables, one per line: the plan's title, number, date and body text. */
  text: string;
}

/** A paragraph longer than this is body text, not a table's name. */
const MAX_HEADING_CHARS = 300;

/**
 * A table's title and caption from the paragraphs between it and the previous table: from
 * the last "Phụ lục …" paragraph on, else the nearest paragraph if it is short.
 */
function headingFor(paragraphs: string[], index: number): Pick<TableSource, 'title' | 'caption'> {
  const named = paragraphs.findLastIndex((p) => appendixTitle(p) !== undefined);
  const lines = named >= 0 ? paragraphs.slice(named) : paragraphs.slice(-1).filter((p) => p.length <= MAX_HEADING_CHARS);
  return tableHeading(lines, `Bảng ${index}`);
}

/** Unzips a .docx and reads every body table, in document order, plus the body text. */
export async function readDocx(bytes: Uint8Array, options: ReadOptions = {}): Promise<DocxContent> {
  checkOfficeBytes(bytes, 'docx', options);
  let xml: string | undefined;
  try {
    const zip = await JSZip.loadAsync(bytes);
    xml = await zip.file('word/document.xml')?.async('string');
  } catch {
    throw new OfficeFileError('Tệp không phải .docx hợp lệ: không giải nén được.');
  }
  if (xml === undefined) throw new OfficeFileError('Tệp không phải .docx hợp lệ: thiếu word/document.xml.');
  let doc: XmlNode[];
  try {
    doc = parser.parse(xml) as XmlNode[];
  } catch {
    throw new OfficeFileError('Tệp không phải .docx hợp lệ: word/document.xml hỏng.');
  }
  const document = doc.find((n) => tagOf(n) === 'w:document');
  const body = child(document ?? {}, 'w:body');
  if (!body) throw new OfficeFileError('Tệp không phải .docx hợp lệ: không có phần thân văn bản.');

  const tables: TableSource[] = [];
  const bodyText: string[] = [];
  let recent: string[] = [];
  const budget = { rows: 0 };
  const visit = (nodes: XmlNode[]): void => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === 'w:p') {
        const text = textOf([node]).text.replace(/\t/g, ' ').trim();
        if (text !== '') {
          recent.push(text);
          bodyText.push(text);
        }
      } else if (tag === 'w:tbl') {
        const rows = readTable(node, budget);
        if (rows.some((r) => r.cells.some((c) => c.trim() !== ''))) {
          tables.push({ ...headingFor(recent, tables.length + 1), rows });
        }
        recent = [];
      } else if (tag === 'w:sdt') {
        visit(childrenOf(child(node, 'w:sdtContent') ?? {}));
      } else if (tag === 'w:customXml') {
        visit(childrenOf(node));
      }
    }
  };
  visit(childrenOf(body));
  return { tables, text: bodyText.join('\n') };
}

/** Every table of a .docx as `TableSource[]`, titled by the "Phụ lục" paragraphs above it. */
export async function readDocxTables(bytes: Uint8Array, options: ReadOptions = {}): Promise<TableSource[]> {
  return (await readDocx(bytes, options)).tables;
}
