// Reads a plan file from disk into a plan draft (the CLI's IO edge). What the bytes hold decides
// how it is read, never the file's name: Word and Excel by the office importer, text of any form
// (seed text, PDF extraction, Markdown, TSV, CSV) by the shared readers, as the server does.
import { readFile } from 'node:fs/promises';
import { ImportLimitError, NoTableError, readPlanText, type ImportOptions, type ImportResult, type TableSource } from '@dondoc/shared';
import { baseName, DEFAULT_MAX_BYTES, importOfficeFile, OfficeFileError, officeKindOf, zipEntries } from '@dondoc/plugin-import-office';

/** An input the CLI cannot read: exit code 1, message shown as is. */
export class InputError extends Error {
  override name = 'InputError';
}

export type PlanForm = 'seed-text' | 'pdf-text' | 'markdown' | 'tsv' | 'csv' | 'docx' | 'xlsx';

export interface ReadPlanOptions extends ImportOptions {
  sheet?: string;
  /** Refuse larger files (default 10 MB, as the office importer). */
  maxBytes?: number;
}

export interface ReadPlanResult extends ImportResult {
  form: PlanForm;
  tableSources?: TableSource[];
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Reads `path` as whatever it holds. Throws `InputError` with a Vietnamese message for anything it cannot read. */
export async function readPlanFile(path: string, options: ReadPlanOptions = {}): Promise<ReadPlanResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `Không có tệp "${path}".` : `Không mở được "${path}" (${code ?? (e as Error).message}).`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new InputError(`Tệp "${path}" quá lớn (${bytes.byteLength} byte): giới hạn là ${maxBytes} byte.`);
  }
  // The file name is only the title when the document prints none.
  const importOptions: ImportOptions = { title: baseName(path), ...options };
  try {
    if (isZip(bytes)) {
      const result = await importOfficeFile(path, bytes, { ...importOptions, maxBytes });
      const form: PlanForm = officeKindOf(zipEntries(bytes) ?? []) === 'xlsx' ? 'xlsx' : 'docx';
      return { ...result, form };
    }
    if (new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-') {
      throw new InputError(`Tệp "${path}" là PDF: hãy trích văn bản (ví dụ pdftotext) rồi nhập tệp văn bản đó.`);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new InputError(`Tệp "${path}" không phải văn bản UTF-8, Word (.docx) hay Excel (.xlsx).`);
    }
    const r = readPlanText(text, importOptions);
    return { plan: r.plan, tables: r.tables, form: r.form, tableSources: r.tableSources };
  } catch (e) {
    if (e instanceof OfficeFileError || e instanceof NoTableError || e instanceof ImportLimitError) throw new InputError(`${path}: ${e.message}`);
    throw e;
  }
}
