// The plan import in progress: the source (pasted text or a file), the server's preview, the
// user's corrections (column mapping, track per table, sheet, cell edits, agency choices) and the
// final step — tasks into a new or existing board, or a progress report onto its plan's board.
import { defineStore } from 'pinia';
import { computed, readonly, ref, shallowRef } from 'vue';
import type { Board, ImportWarning, TaskDraft, TrackId } from '@dondoc/shared/model';
import type { ColumnMapping, TaskField } from '@dondoc/shared/import/fields';
import type { ReportMatchResult } from '@dondoc/shared/import/report-match';
import * as api from '../api/client.ts';
import { t } from '../i18n/index.ts';
import { afterNextPaint } from '../lib/perf.ts';
import { fold } from '@dondoc/shared/fold';
import { unknownOwnersWarning } from '@dondoc/shared/import/people';
import { applyAgencyChoices, applyEdit, directoryAdditions, editProblem, openWarnings, rowKey, type AgencyChoice, type EditableField } from '../components/import/workbench.ts';

/** The server refuses larger inputs (`MAX_IMPORT_BYTES` in routes/import.ts); checked here before reading a file. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Formats the file picker suggests; what a file holds decides how it is read, not its name. */
export const TEXT_EXTENSIONS = ['txt', 'md', 'tsv', 'csv'] as const;
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

/** "12.3 MB"; the limit itself prints as "10 MB". */
const megabytes = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

function base64Of(bytes: Uint8Array): string {
  // Chunks: String.fromCharCode(...all) overflows the call stack on a multi-megabyte file.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads a chosen file into an import source by what it holds: a zip (Word, Excel) goes as bytes
 * to the server's importer, anything else as UTF-8 text to its readers. A PDF, text that is not
 * UTF-8 and files over the limit are refused here, each by name.
 */
export async function readImportFile(file: File): Promise<ImportSource> {
  if (file.size > MAX_IMPORT_BYTES) throw new ImportInputError(t('import.errors.tooLarge', { name: file.name, size: megabytes(file.size), limit: megabytes(MAX_IMPORT_BYTES) }));
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isZip(bytes)) return { kind: 'file', filename: file.name, size: file.size, base64: base64Of(bytes), ...(file.type ? { mediaType: file.type } : {}) };
  if (new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-') throw new ImportInputError(t('import.errors.pdf', { name: file.name }));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportInputError(t('import.errors.notUtf8', { name: file.name }));
  }
  if (text.trim() === '') throw new ImportInputError(t('import.errors.empty', { name: file.name }));
  return { kind: 'file', filename: file.name, size: file.size, text };
}

/** The server's message (ApiRequestError words it in the page's language). */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** "KH 44 Thái Nguyên.docx" → "KH 44 Thái Nguyên": the last fallback for a board's name. */
const baseName = (filename: string): string => (filename.split(/[\\/]/).pop() ?? filename).replace(/\.[^.]+$/, '');

/** Measures from `start` to the frame that shows the result, as `name` (for the bench and DevTools). */
function measureRepaint(name: string, start = performance.now()): void {
  afterNextPaint(() => performance.measure(name, { start, end: performance.now() }));
}

export const useImportStore = defineStore('import', () => {
  const source = shallowRef<ImportSource | null>(null);
  const preview = shallowRef<api.ImportPreview | null>(null);
  const mapping = ref<MappingOverride>({});
  const trackBySection = ref<Record<string, TrackId>>({});
  const sheet = ref<string | undefined>(undefined);
  /** The board the tasks are for, so the server matches its agency directory too. */
  const boardId = ref<string | undefined>(undefined);
  /** What the user typed into cells, by row key then field, re-applied after every re-read. */
  const edits = ref<Record<string, Partial<Record<EditableField, string>>>>({});
  /** Unknown agencies the user mapped or added, by printed name. */
  const agencyChoices = ref<Record<string, AgencyChoice>>({});
  const includeWorkItems = ref(false);
  /** The rows as shown: the server's draft with the user's choices and edits applied. */
  const tasks = shallowRef<TaskDraft[]>([]);
  const workItems = shallowRef<TaskDraft[]>([]);
  const report = shallowRef<ReportMatchResult | null>(null);
  const loading = ref(false);
  const importing = ref(false);
  const error = ref<string | null>(null);
  /** Only the newest preview request may land: a slow answer must not undo a later correction. */
  let latest = 0;

  const plan = computed(() => preview.value?.plan ?? null);
  const additions = computed(() => directoryAdditions(agencyChoices.value));
  /** What a typed agency is matched against besides every province's: the directory the server matched with, and the user's additions. */
  const extraAgencies = computed(() => [...(preview.value?.agencies ?? []), ...additions.value]);
  /** Tasks the import writes: the tables' tasks, and the body's work items when the user chose them. */
  const toImport = computed(() => (includeWorkItems.value ? [...tasks.value, ...workItems.value] : tasks.value));
  /**
   * Whether the document carries the board's own fields (owner, approver, percent: a board's export, a
   * report): then the preview shows them, each editable. Judged on what was read, not on the edits, so
   * clearing the last owner does not take the column away; a plan, which never prints them, keeps its rows short.
   */
  const hasBoardFields = computed(() => {
    const p = preview.value;
    if (!p) return false;
    const read = (f: string): boolean => f === 'owner' || f === 'approver' || f === 'progress';
    return p.tables.some((t) => t.mapping.some(read)) || p.plan.tasks.some((t) => t.owner !== undefined || t.approver !== undefined || t.progress !== undefined);
  });
  /** The people an owner may name without a warning, when the server warned about owners at all. */
  const people = computed(() => preview.value?.people);
  /** Whether a name is someone the board knows, as the server checks it; null when owners are not checked. */
  const knowsPerson = computed(() => {
    const list = people.value;
    if (!list) return null;
    const known = new Set(list.map((n) => fold(n)));
    return (name: string): boolean => known.has(fold(name));
  });
  /**
   * The one warning about owners, for the owners as they now are (an owner typed in the preview is
   * checked as the importer checks a cell); the same object while it says the same.
   */
  let lastOwners: ImportWarning | undefined;
  const ownersWarning = computed(() => {
    const next = unknownOwnersWarning(toImport.value.map((t) => t.owner), people.value);
    if (next && lastOwners && next.message === lastOwners.message) return lastOwners;
    return (lastOwners = next);
  });
  /** The warnings that still hold; the same array while they are the same, so an edit elsewhere repaints no warning list. */
  let lastWarnings: ImportWarning[] = [];
  const warnings = computed(() => {
    let next = openWarnings(plan.value?.warnings ?? [], tasks.value, agencyChoices.value);
    if (people.value) {
      const owners = ownersWarning.value;
      next = [...(owners ? [owners] : []), ...next.filter((w) => w.code !== 'unknown-person')];
    }
    if (next.length === lastWarnings.length && next.every((w, i) => w === lastWarnings[i])) return lastWarnings;
    return (lastWarnings = next);
  });
  /** The board's name: the plan's title as printed, else its first table's caption, else the file's name. */
  const suggestedTitle = computed(() => {
    const p = plan.value;
    if (!p) return '';
    const caption = preview.value?.tables.find((x) => x.kind === 'tasks')?.caption;
    const file = source.value?.kind === 'file' ? baseName(source.value.filename) : '';
    return p.title || caption || file;
  });

  function derive(list: readonly TaskDraft[]): TaskDraft[] {
    return list.map((task, i) => {
      let out = applyAgencyChoices(task, agencyChoices.value);
      const edited = edits.value[rowKey(task, i)];
      if (edited) for (const [field, value] of Object.entries(edited)) out = applyEdit(out, field as EditableField, value, extraAgencies.value);
      return out;
    });
  }

  function rebuild(): void {
    tasks.value = derive(plan.value?.tasks ?? []);
    workItems.value = derive(plan.value?.workItems ?? []);
  }

  function reset(): void {
    latest++;
    source.value = null;
    preview.value = null;
    mapping.value = {};
    trackBySection.value = {};
    sheet.value = undefined;
    edits.value = {};
    agencyChoices.value = {};
    includeWorkItems.value = false;
    tasks.value = [];
    workItems.value = [];
    report.value = null;
    loading.value = false;
    error.value = null;
  }

  async function runPreview(): Promise<void> {
    const s = source.value;
    if (!s) return;
    const ticket = ++latest;
    const started = performance.now();
    loading.value = true;
    error.value = null;
    const options = {
      ...(Object.keys(mapping.value).length ? { mapping: mapping.value } : {}),
      ...(Object.keys(trackBySection.value).length ? { trackBySection: trackBySection.value } : {}),
      ...(boardId.value ? { boardId: boardId.value } : {}),
      ...(additions.value.length ? { agencies: additions.value } : {}),
    };
    try {
      const body =
        s.kind === 'text'
          ? { text: s.text, ...options }
          : 'text' in s
            ? { text: s.text, filename: s.filename, ...options }
            : { file: { filename: s.filename, base64: s.base64, ...(s.mediaType ? { mediaType: s.mediaType } : {}), ...(sheet.value ? { sheet: sheet.value } : {}) }, ...options };
      const answer = await api.previewImport(body);
      if (ticket === latest) {
        preview.value = answer;
        report.value = null;
        rebuild();
        measureRepaint('dondoc:import-preview', started);
      }
    } catch (e) {
      if (ticket === latest) {
        preview.value = null;
        tasks.value = [];
        workItems.value = [];
        error.value = messageOf(e);
      }
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  /** A new source starts over: the corrections of the last one do not apply to it. */
  async function load(next: ImportSource, forBoard?: string): Promise<void> {
    reset();
    source.value = next;
    boardId.value = forBoard || undefined;
    await runPreview();
  }

  /**
   * Feeds column `column` of table `table` into `field` and reads the source again. A field
   * comes from one column only, so a column that fed it before is set to "bỏ qua".
   */
  async function setColumn(table: number, column: number, field: TaskField | 'ignore'): Promise<void> {
    const tableReport = preview.value?.tables[table];
    const current: ColumnMapping = [...(tableReport?.mapping ?? [])];
    // A table with no header the server recognised has no mapping yet: its width still counts.
    const width = Math.max(current.length, tableReport?.headers.length ?? 0, tableReport?.width ?? 0, column + 1);
    const next: Record<number, TaskField | 'ignore'> = {};
    for (let c = 0; c < width; c++) next[c] = current[c] ?? 'ignore';
    if (field !== 'ignore') for (let c = 0; c < width; c++) if (next[c] === field) next[c] = 'ignore';
    next[column] = field;
    mapping.value = { ...mapping.value, [table]: next };
    await runPreview();
  }

  /** Reads table `table` by a whole mapping at once (the one the preview suggested from the columns' contents). */
  async function applyMapping(table: number, fields: ColumnMapping): Promise<void> {
    mapping.value = { ...mapping.value, [table]: Object.fromEntries(fields.map((f, c) => [c, f])) };
    await runPreview();
  }

  /**
   * The board the tasks are for, chosen after the preview: the source is read again against that
   * board's agency directory (or, with none, without it), so its warnings and matches are the
   * board's. The user's corrections are kept.
   */
  async function setBoard(id: string | undefined): Promise<void> {
    const next = id || undefined;
    if (next === boardId.value) return;
    boardId.value = next;
    if (source.value) await runPreview();
  }

  /** Puts a table (by its title, e.g. "Phụ lục II") on `track` and reads the source again. */
  async function setTrack(tableTitle: string, track: TrackId): Promise<void> {
    trackBySection.value = { ...trackBySection.value, [tableTitle]: track };
    await runPreview();
  }

  /** Reads another sheet of the workbook; the mapping of the last one does not carry over. */
  async function setSheet(name: string): Promise<void> {
    sheet.value = name;
    mapping.value = {};
    edits.value = {};
    await runPreview();
  }

  /** Types `value` into one cell of row `index` (of the tables' tasks, or of the work items after them); a value that cannot stand (`editProblem`) is not taken. */
  function editCell(index: number, field: EditableField, value: string): void {
    if (editProblem(field, value)) return;
    const inTables = index < tasks.value.length;
    const list = inTables ? tasks.value : workItems.value;
    const at = inTables ? index : index - tasks.value.length;
    const task = list[at];
    if (!task) return;
    const key = rowKey((inTables ? plan.value?.tasks : plan.value?.workItems)?.[at] ?? task, at);
    edits.value = { ...edits.value, [key]: { ...edits.value[key], [field]: value } };
    const next = [...list];
    next[at] = applyEdit(task, field, value, extraAgencies.value);
    if (inTables) tasks.value = next;
    else workItems.value = next;
    measureRepaint('dondoc:import-edit');
  }

  /** Maps a printed agency to a directory entry, or adds it to the directory: every row that has it follows. */
  function chooseAgency(printed: string, choice: AgencyChoice): void {
    agencyChoices.value = { ...agencyChoices.value, [printed]: choice };
    rebuild();
    measureRepaint('dondoc:import-edit');
  }

  function undoAgency(printed: string): void {
    const next = { ...agencyChoices.value };
    delete next[printed];
    agencyChoices.value = next;
    rebuild();
  }

  function setIncludeWorkItems(value: boolean): void {
    includeWorkItems.value = value;
  }

  /**
   * Stores the previewed tasks: on a new board titled `target.title`, or appended to the board
   * `target.boardId`, with the directory entries the user added. Nothing is stored when it fails.
   */
  async function importInto(target: { title: string } | { boardId: string }): Promise<Board | null> {
    const p = plan.value;
    const list = toImport.value;
    if (!p || list.length === 0 || importing.value) return null;
    importing.value = true;
    error.value = null;
    const agencies = additions.value;
    try {
      if ('boardId' in target) return (await api.importTasks(target.boardId, list, agencies)).board;
      return await api.importBoard({ ...p, tasks: list, workItems: [] }, target.title.trim() || undefined, agencies);
    } catch (e) {
      error.value = messageOf(e);
      return null;
    } finally {
      importing.value = false;
    }
  }

  /** Matches the report's rows onto `target`'s tasks; nothing is written. */
  async function matchReport(target: string): Promise<ReportMatchResult | null> {
    if (tasks.value.length === 0 || importing.value) return null;
    importing.value = true;
    error.value = null;
    try {
      report.value = await api.matchReport(target, tasks.value);
      return report.value;
    } catch (e) {
      error.value = messageOf(e);
      return null;
    } finally {
      importing.value = false;
    }
  }

  /** Writes the matched updates in one operation. */
  async function applyReport(target: string): Promise<Board | null> {
    const matched = report.value?.matched ?? [];
    if (matched.length === 0 || importing.value) return null;
    importing.value = true;
    error.value = null;
    try {
      return (await api.applyReport(target, matched.map((m) => m.update), suggestedTitle.value)).board;
    } catch (e) {
      error.value = messageOf(e);
      return null;
    } finally {
      importing.value = false;
    }
  }

  function cancelReport(): void {
    report.value = null;
  }

  return {
    // Read-only to the views; shallow, as the preview is replaced whole.
    source: computed(() => source.value),
    preview: computed(() => preview.value),
    mapping: readonly(mapping),
    trackBySection: readonly(trackBySection),
    sheet: readonly(sheet),
    boardId: readonly(boardId),
    agencyChoices: readonly(agencyChoices),
    includeWorkItems: readonly(includeWorkItems),
    tasks: computed(() => tasks.value),
    workItems: computed(() => workItems.value),
    report: computed(() => report.value),
    loading: readonly(loading),
    importing: readonly(importing),
    error: readonly(error),
    plan,
    warnings,
    additions,
    knowsPerson,
    hasBoardFields,
    suggestedTitle,
    toImport,
    load,
    reset,
    setColumn,
    applyMapping,
    setBoard,
    setTrack,
    setSheet,
    editCell,
    chooseAgency,
    undoAgency,
    setIncludeWorkItems,
    importInto,
    matchReport,
    applyReport,
    cancelReport,
  };
});
