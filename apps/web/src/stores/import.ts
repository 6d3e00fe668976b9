// The plan import in progress: the source (pasted text or a file), the server's preview, the
// user's corrections (column mapping, track per table) and the final import into a board.
import { defineStore } from 'pinia';
import { computed, readonly, ref, shallowRef } from 'vue';
import type { Board, ImportWarning, TrackId } from '@dondoc/shared/model';
import type { ColumnMapping, TaskField } from '@dondoc/shared/import/fields';
import * as api from '../api/client.ts';
import { i18n, t } from '../i18n/index.ts';

/** The server refuses larger inputs (`MAX_IMPORT_BYTES` in routes/import.ts); checked here before reading a file. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Read as UTF-8 text in the browser; the server picks the reader (.md/.tsv/.csv by name, .txt by content). */
export const TEXT_EXTENSIONS = ['txt', 'md', 'tsv', 'csv'] as const;
/** Sent as bytes to the server's importer plugin, which hands back the tables so they can be corrected too. */
export const OFFICE_EXTENSIONS = ['docx', 'xlsx'] as const;

export type ImportSource =
  | { kind: 'text'; text: string }
  | { kind: 'file'; filename: string; size: number; text: string }
  | { kind: 'file'; filename: string; size: number; base64: string; mediaType?: string };

/** Mapping override per table index, then column index, as the preview route takes it. */
export type MappingOverride = Record<number, Record<number, TaskField | 'ignore'>>;

/** A refusal the user can act on, raised before anything is sent. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

const extensionOf = (filename: string): string => /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
/** "12.3 MB"; the limit itself prints as "10 MB". */
const megabytes = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

function base64Of(bytes: Uint8Array): string {
  // Chunks: String.fromCharCode(...all) overflows the call stack on a multi-megabyte file.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Reads a chosen file into an import source, refusing what the server would refuse anyway. */
export async function readImportFile(file: File): Promise<ImportSource> {
  const ext = extensionOf(file.name);
  const known = [...TEXT_EXTENSIONS, ...OFFICE_EXTENSIONS] as readonly string[];
  if (!known.includes(ext)) throw new ImportInputError(t('import.errors.format', { name: file.name, formats: known.map((e) => `.${e}`).join(', ') }));
  if (file.size > MAX_IMPORT_BYTES) throw new ImportInputError(t('import.errors.tooLarge', { name: file.name, size: megabytes(file.size), limit: megabytes(MAX_IMPORT_BYTES) }));
  const bytes = new Uint8Array(await file.arrayBuffer());
  if ((TEXT_EXTENSIONS as readonly string[]).includes(ext)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new ImportInputError(t('import.errors.notUtf8', { name: file.name }));
    }
    if (text.trim() === '') throw new ImportInputError(t('import.errors.empty', { name: file.name }));
    return { kind: 'file', filename: file.name, size: file.size, text };
  }
  return { kind: 'file', filename: file.name, size: file.size, base64: base64Of(bytes), ...(file.type ? { mediaType: file.type } : {}) };
}

/** The server's message, in English when the UI is (its errors carry both). */
function messageOf(e: unknown): string {
  if (e instanceof api.ApiRequestError && i18n.global.locale.value === 'en' && e.body?.error.messageEn) return e.body.error.messageEn;
  return e instanceof Error ? e.message : String(e);
}

export const useImportStore = defineStore('import', () => {
  const source = shallowRef<ImportSource | null>(null);
  const preview = shallowRef<api.ImportPreview | null>(null);
  const mapping = ref<MappingOverride>({});
  const trackBySection = ref<Record<string, TrackId>>({});
  const loading = ref(false);
  const importing = ref(false);
  const error = ref<string | null>(null);
  /** Only the newest preview request may land: a slow answer must not undo a later correction. */
  let latest = 0;

  const plan = computed(() => preview.value?.plan ?? null);
  /** Warnings by the source line they concern, to show each beside its row. */
  const warningsByLine = computed(() => {
    const byLine = new Map<number, ImportWarning[]>();
    for (const w of plan.value?.warnings ?? []) {
      if (w.line === undefined) continue;
      byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
    }
    return byLine;
  });

  function reset(): void {
    latest++;
    source.value = null;
    preview.value = null;
    mapping.value = {};
    trackBySection.value = {};
    loading.value = false;
    error.value = null;
  }

  async function runPreview(): Promise<void> {
    const s = source.value;
    if (!s) return;
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    const options = {
      ...(Object.keys(mapping.value).length ? { mapping: mapping.value } : {}),
      ...(Object.keys(trackBySection.value).length ? { trackBySection: trackBySection.value } : {}),
    };
    try {
      const body =
        s.kind === 'text'
          ? { text: s.text, ...options }
          : 'text' in s
            ? { text: s.text, filename: s.filename, ...options }
            : { file: { filename: s.filename, base64: s.base64, ...(s.mediaType ? { mediaType: s.mediaType } : {}) }, ...options };
      const answer = await api.previewImport(body);
      if (ticket === latest) preview.value = answer;
    } catch (e) {
      if (ticket === latest) {
        preview.value = null;
        error.value = messageOf(e);
      }
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  /** A new source starts over: the corrections of the last one do not apply to it. */
  async function load(next: ImportSource): Promise<void> {
    reset();
    source.value = next;
    await runPreview();
  }

  /**
   * Feeds column `column` of table `table` into `field` and reads the source again. A field
   * comes from one column only, so a column that fed it before is set to "bỏ qua".
   */
  async function setColumn(table: number, column: number, field: TaskField | 'ignore'): Promise<void> {
    const report = preview.value?.tables[table];
    const current: ColumnMapping = [...(report?.mapping ?? [])];
    const width = Math.max(current.length, report?.headers.length ?? 0, column + 1);
    const next: Record<number, TaskField | 'ignore'> = {};
    for (let c = 0; c < width; c++) next[c] = current[c] ?? 'ignore';
    if (field !== 'ignore') for (let c = 0; c < width; c++) if (next[c] === field) next[c] = 'ignore';
    next[column] = field;
    mapping.value = { ...mapping.value, [table]: next };
    await runPreview();
  }

  /** Puts a table (by its title, e.g. "Phụ lục II") on `track` and reads the source again. */
  async function setTrack(tableTitle: string, track: TrackId): Promise<void> {
    trackBySection.value = { ...trackBySection.value, [tableTitle]: track };
    await runPreview();
  }

  /**
   * Stores the previewed tasks: on a new board titled `target.title`, or appended to the board
   * `target.boardId`. Nothing is stored when it fails; the server's message is kept in `error`.
   */
  async function importInto(target: { title: string } | { boardId: string }): Promise<Board | null> {
    const p = plan.value;
    if (!p || p.tasks.length === 0 || importing.value) return null;
    importing.value = true;
    error.value = null;
    try {
      return 'boardId' in target ? (await api.importTasks(target.boardId, p.tasks)).board : await api.importBoard(p, target.title.trim() || undefined);
    } catch (e) {
      error.value = messageOf(e);
      return null;
    } finally {
      importing.value = false;
    }
  }

  return {
    // Read-only to the views; shallow, as the preview is replaced whole and never edited in place.
    source: computed(() => source.value),
    preview: computed(() => preview.value),
    mapping: readonly(mapping),
    trackBySection: readonly(trackBySection),
    loading: readonly(loading),
    importing: readonly(importing),
    error: readonly(error),
    plan,
    warningsByLine,
    load,
    reset,
    setColumn,
    setTrack,
    importInto,
  };
});
