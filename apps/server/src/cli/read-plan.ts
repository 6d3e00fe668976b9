// Reads a plan file of any supported form from disk into a plan draft (the CLI's IO edge).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  planFromTables,
  parsePlanText,
  readCsv,
  readMarkdownTables,
  readTsv,
  type ImportOptions,
  type ImportResult,
  type TableSource,
} from '@dondoc/shared';
import { applyBodyText, baseName, DEFAULT_MAX_BYTES, importOfficeFile, OfficeFileError } from '@dondoc/plugin-import-office';

/** An input the CLI cannot read: exit code 1, message shown as is. */
export class InputError extends Error {
  override name = 'InputError';
}

export type PlanForm = 'text' | 'markdown' | 'tsv' | 'csv' | 'docx' | 'xlsx';

export const FORMS_BY_EXTENSION: Record<string, PlanForm> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.tsv': 'tsv',
  '.csv': 'csv',
  '.docx': 'docx',
  '.xlsx': 'xlsx',
};

export interface ReadPlanOptions extends ImportOptions {
  sheet?: string;
  /** Refuse larger files (default 10 MB, as the office importer). */
  maxBytes?: number;
}

export interface ReadPlanResult extends ImportResult {
  form: PlanForm;
  /** For .txt: which text form `parsePlanText` detected (seed text or PDF-extracted). */
  textForm?: string;
  tableSources?: TableSource[];
}

/** Text forms decode as UTF-8; a byte-order mark is dropped. */
function decode(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(`Tệp "${path}" không phải văn bản UTF-8.`);
  }
}

/** Reads `path` by its extension: .txt by `parsePlanText`, .md/.tsv/.csv by their readers, .docx/.xlsx by the office importer. */
export async function readPlanFile(path: string, options: ReadPlanOptions = {}): Promise<ReadPlanResult> {
  const form = FORMS_BY_EXTENSION[extname(path).toLowerCase()];
  if (!form) {
    throw new InputError(`Không đọc được "${path}": chỉ nhận tệp ${Object.keys(FORMS_BY_EXTENSION).join(', ')}.`);
  }
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
  const importOptions: ImportOptions = { title: baseName(path), ...options };
  if (form === 'docx' || form === 'xlsx') {
    try {
      return { ...(await importOfficeFile(path, bytes, { ...importOptions, maxBytes }, form)), form };
    } catch (e) {
      if (e instanceof OfficeFileError) throw new InputError(`${path}: ${e.message}`);
      throw e;
    }
  }
  const text = decode(bytes, path);
  if (form === 'text') {
    const { form: textForm, ...result } = parsePlanText(text, importOptions);
    return { ...result, form, textForm };
  }
  const tableSources = form === 'markdown' ? readMarkdownTables(text) : form === 'csv' ? readCsv(text) : readTsv(text);
  if (tableSources.length === 0) throw new InputError(`Tệp "${path}" không có bảng nào để nhập.`);
  const result = planFromTables(tableSources, importOptions);
  if (form === 'markdown') applyBodyText(result.plan, text.split(/\r?\n/), importOptions);
  return { ...result, form, tableSources };
}
