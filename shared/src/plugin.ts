// The plugin API: what a plugin declares in package.json, the extension points it may
// fill, and identity helpers so plugin authors get types for free.
import { z } from 'zod';
import type { Agency, Board, Conclusion, Meeting, Plan, Task, Track } from './model.ts';
import type { TableSource } from './import/grid.ts';
import type { BoardFilters } from './filters.ts';
import type { PeriodCadence, ReportPeriod } from './periods.ts';

/**
 * The plugin-API version this host implements; plugins declare a semver range for it in `engines.dondoc`.
 * 1.1: importers may offer `readTables` (a 1.0 host ignores it and calls `import`).
 * 1.2: exporters may declare `options` (view, period, agency), `description` and `documentName`; the
 *      snapshot says which view, period and agency were chosen and may carry an audit checkpoint.
 *      A 1.0 exporter keeps working: it gets the tasks of the chosen view and ignores the rest.
 * 1.3: an exporter may ask for a meeting (`options.meeting`); its snapshot then carries the meeting and
 *      what it concluded (`snapshot.meeting`), for minutes. Older exporters never see a meeting.
 * 1.4: a checklist may declare the task fields its check reads (`reads`); a task then keeps its results
 *      through a write that changes none of them, and `check` is given only those fields. A checklist
 *      without `reads` is given the whole task and asked again after every write, as before.
 * 1.5: a plugin may give English beside its Vietnamese: `displayNameEn` in the manifest, `labelEn` on every
 *      contribution and checklist criterion, `descriptionEn` on templates and exporters. The English UI shows
 *      them and falls back to the Vietnamese where a plugin gives none; an older host ignores them.
 * 1.6: a checklist's `check` may give each failed criterion's reason in English too (`reasonEn`). The
 *      English UI shows it and falls back to `reason` where a plugin gives none; an older host drops it.
 */
export const PLUGIN_API_VERSION = '1.6.0';

export const EXTENSION_POINTS = ['templates', 'checklists', 'exporters', 'importers'] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

/** The `dondoc` key of a plugin's package.json, read before any of its code runs. */
export const PluginManifest = z.object({
  /** Module to import, relative to the package root. */
  entry: z.string().min(1),
  /** Human name shown in the UI, in Vietnamese. */
  displayName: z.string().optional(),
  /** API 1.5: the name in the English UI; without it the English UI shows `displayName`. */
  displayNameEn: z.string().optional(),
  /** Extension points the plugin fills; checked against what the module actually exports. */
  provides: z.array(z.enum(EXTENSION_POINTS)).min(1),
});
export type PluginManifest = z.infer<typeof PluginManifest>;

export interface CheckResult {
  /** Criterion id, e.g. "ro-viec". */
  id: string;
  /** Criterion label in Vietnamese, e.g. "Rõ việc". */
  label: string;
  pass: boolean;
  /** What to fix, in Vietnamese; empty when it passes. */
  reason: string;
  /** API 1.6: what to fix, in English, for the English UI; without it (or empty) the English UI shows `reason`. */
  reasonEn?: string;
}

/**
 * API 1.5: a contribution's label in Vietnamese (`label`, always) and, optionally, in English (`labelEn`):
 * the English UI shows `labelEn` and falls back to `label` when a plugin gives none.
 */
export interface Labelled {
  label: string;
  labelEn?: string;
}

/** A checklist's criterion: its id ("ro-viec") and label ("Rõ việc"; API 1.5: `labelEn` "Clear task"). */
export interface Criterion extends Labelled {
  id: string;
}

export interface TemplateContribution extends Labelled {
  id: string;
  description?: string;
  /** API 1.5: `description` in English. */
  descriptionEn?: string;
  /** Tracks the plan uses beyond the built-in three. */
  tracks?: Track[];
  agencies?: Agency[];
  plan: Plan;
}

export interface ChecklistContribution<Read extends keyof Task = keyof Task> extends Labelled {
  id: string;
  /** Criteria ids with labels, for listing before any task is checked. */
  criteria: Criterion[];
  /**
   * API 1.4: the task fields `check` reads. With it, `check` gets the task's id and these fields only,
   * and a write that changes none of them (a card moved to another column, say) keeps the task's
   * results without asking the plugin again. The agency directory (`board.agencies`) is read as before:
   * a change to it has every task checked again.
   */
  reads?: readonly Read[];
  /** `board.agencies` is the directory in effect for the board: the province's, then the board's own. */
  check(task: Pick<Task, Read | 'id'>, board: Board): CheckResult[];
}

/** Which tasks an export takes: those the board's current filter shows, or every task of the board. */
export const EXPORT_VIEWS = ['filter', 'board'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

/**
 * What an exporter lets the user choose (API 1.2), declared as data: the web menu offers these
 * choices and the export route resolves them into the snapshot, so the exporter stays a plain
 * function of the snapshot.
 */
export interface ExporterOptions {
  /** Views offered, the first being the default. Default `['filter', 'board']`. */
  views?: readonly ExportView[];
  /** Reporting-period cadences offered (a progress report is for one period); absent: no period. */
  periods?: readonly PeriodCadence[];
  /** Whether the user may narrow the export to the tasks one agency leads. */
  agency?: boolean;
  /**
   * API 1.3: the export is of one meeting (its minutes): offered from the meeting, not the board's
   * menu, and the snapshot carries `meeting`; its tasks are those the meeting reviewed or concluded on.
   */
  meeting?: boolean;
}

/** API 1.3: a meeting as an exporter sees it, with each conclusion it recorded beside its task. */
export interface MeetingSnapshot {
  meeting: Meeting;
  /** Conclusions recorded in this meeting, in the agenda's order, each with its task. */
  conclusions: Array<{ task: Task; conclusion: Conclusion }>;
  /** Tasks marked "đã xem xét" without a conclusion. */
  reviewedOnly: Task[];
}

/** A signed checkpoint of the audit trail (entry count and head hash), printed in reports so a second party can keep it. */
export interface AuditCheckpoint {
  entries: number;
  /** Hash of the newest entry, hex. */
  head: string;
  /** Ed25519 signature over the checkpoint, base64. */
  signature: string;
  /** The server's public key, base64. */
  publicKey: string;
  /** ISO instant the checkpoint was taken. */
  at: string;
}

/** A board as exporters see it: the board, the chosen tasks in display order, the checks, and "today". */
export interface BoardSnapshot {
  board: Board;
  /** The tasks of the chosen view (and agency), in display order. */
  tasks: Task[];
  checks: Record<string, CheckResult[]>;
  /** Today in Asia/Ho_Chi_Minh, YYYY-MM-DD; exporters classify against it. */
  today: string;
  /** API 1.2: how `tasks` were chosen: the filters applied (all empty for the whole board), the board's task count, the agency. */
  view?: { scope: ExportView; filters: BoardFilters; boardTotal: number; agency?: string };
  /** API 1.2: the reporting period chosen, for exporters that offer periods. */
  period?: ReportPeriod;
  /** API 1.2: where the web app is served (origin, no trailing slash), for links back to a task: `${appUrl}/boards/:boardId?task=:taskId`. */
  appUrl?: string;
  /** API 1.2: the audit trail's latest signed checkpoint, when the server keeps one. */
  checkpoint?: AuditCheckpoint;
  /** API 1.3: the meeting, for exporters that declared `options.meeting`. */
  meeting?: MeetingSnapshot;
}

export interface ExporterContribution extends Labelled {
  id: string;
  mediaType: string;
  extension: string;
  /** API 1.2: one sentence for the export menu saying what the file is. */
  description?: string;
  /** API 1.5: `description` in English. */
  descriptionEn?: string;
  /** API 1.2: the document's name at the front of the file name ("Phụ lục", "Báo cáo tiến độ"). */
  documentName?: string;
  /** API 1.2: the choices the menu offers; see `ExporterOptions`. */
  options?: ExporterOptions;
  export(snapshot: BoardSnapshot): Uint8Array | string | Promise<Uint8Array | string>;
}

export interface ImportInput {
  filename: string;
  mediaType?: string;
  bytes: Uint8Array;
  /** Which sheet of a workbook to read: its name or 1-based position (the user's choice); other formats ignore it. */
  sheet?: string | number;
}

/** What an importer read from a file before any parsing: the host turns it into a plan. */
export interface ImportTables {
  /** The file's tables as raw cells (`import/grid.ts`), in document order. */
  tables: TableSource[];
  /** The document's text outside its tables, one paragraph a line: title, issuer, reporting rhythm, body work items. */
  bodyLines?: string[];
  /** A workbook's sheet names, so the preview can offer the others, and the one that was read. */
  sheets?: string[];
  sheet?: string;
}

export interface ImporterContribution extends Labelled {
  id: string;
  /** File extensions without dot that this importer reads, e.g. ["docx"]. */
  extensions: string[];
  /** The whole plan draft, parsed by the plugin. Always required: hosts before API 1.1 only call this. */
  import(input: ImportInput): Plan | Promise<Plan>;
  /**
   * Optional (API 1.1): only the file's tables (and body text). When present, the host's preview
   * calls this instead of `import` and parses the tables itself with `planFromTables`, so the user
   * can correct the column mapping and the track per table as for pasted text. Throw an Error
   * with a message for the user when the file cannot be read.
   */
  readTables?(input: ImportInput): ImportTables | Promise<ImportTables>;
}

export interface DondocPlugin {
  templates?: TemplateContribution[];
  checklists?: ChecklistContribution[];
  exporters?: ExporterContribution[];
  importers?: ImporterContribution[];
}

export { definePlugin, defineTemplate, defineChecklist, defineExporter, defineImporter } from './plugin-define.ts';

/** How a plugin appears in `GET /api/plugins`. */
export interface PluginInfo {
  name: string;
  version: string;
  displayName: string;
  /** API 1.5: the name in English, when the plugin gives one. */
  displayNameEn?: string;
  state: 'loaded' | 'failed' | 'incompatible';
  /** Why it failed, naming the plugin, the extension point and the cause. */
  reason?: string;
  provides: ExtensionPoint[];
  templates: Array<Labelled & { id: string; description?: string; descriptionEn?: string; taskCount: number }>;
  checklists: Array<Labelled & { id: string; criteria: Criterion[] }>;
  exporters: Array<Labelled & { id: string; mediaType: string; extension: string }>;
  importers: Array<Labelled & { id: string; extensions: string[] }>;
}
