// What the server keeps of a plugin on its own thread: each contribution as data (ids, labels,
// criteria, template plans, importer extensions), never a function. The plugin's thread describes
// its module in this form; this module checks the description before anything relies on it.
import { Plan, Task, type ChecklistContribution, type ExporterContribution, type ExporterOptions, type ExtensionPoint, type ImporterContribution, type TemplateContribution } from '@dondoc/shared';
import { FUNCTION_MARK } from '../workers/plugin-protocol.ts';

export type TemplateDescription = TemplateContribution;
export type ChecklistDescription = Omit<ChecklistContribution, 'check'>;
export type ExporterDescription = Omit<ExporterContribution, 'export'>;
export type ImporterDescription = Omit<ImporterContribution, 'import' | 'readTables'> & {
  /** The importer offers `readTables` (plugin API 1.1). */
  readTables: boolean;
};

export interface Described {
  templates: TemplateDescription;
  checklists: ChecklistDescription;
  exporters: ExporterDescription;
  importers: ImporterDescription;
}

export type PluginDescription = { [K in ExtensionPoint]?: Array<Described[K]> };

const CONTRIBUTION_ID = /^[a-z0-9][a-z0-9._-]*$/i;
const isFunction = (v: unknown) => v === FUNCTION_MARK;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const TASK_FIELDS: ReadonlySet<string> = new Set(Object.keys(Task.shape));
const isTaskField = (v: string): v is keyof Task => TASK_FIELDS.has(v);

type Problem = { vi: string; en: string };

/**
 * Checks one extension point of a plugin's description; returns the contributions as the server
 * keeps them, or what is wrong in Vietnamese and English.
 */
export function checkContributions<K extends ExtensionPoint>(point: K, value: unknown): { ok: true; value: Array<Described[K]> } | { ok: false; problem: Problem } {
  const fail = (vi: string, en: string) => ({ ok: false as const, problem: { vi, en } });
  if (!Array.isArray(value)) return fail(`khai báo ${point} nhưng không xuất mảng ${point}`, `declares ${point} but exports no ${point} array`);
  const out: unknown[] = [];
  for (const [i, c] of value.entries()) {
    const bad = (what: string, whatEn: string) => fail(`${point}[${i}]: ${what}`, `${point}[${i}]: ${whatEn}`);
    if (!c || typeof c !== 'object') return bad('không phải đối tượng', 'is not an object');
    const o = c as Record<string, unknown>;
    if (typeof o.id !== 'string' || !CONTRIBUTION_ID.test(o.id)) return bad('thiếu id hợp lệ', 'has no valid id');
    if (typeof o.label !== 'string') return bad(`"${o.id}" thiếu label`, `"${o.id}" has no label`);
    // API 1.5: the English beside the Vietnamese is optional, but when given it is text.
    for (const field of ['labelEn', 'descriptionEn'] as const)
      if (o[field] !== undefined && typeof o[field] !== 'string') return bad(`"${o.id}": ${field} phải là chuỗi`, `"${o.id}": ${field} must be a string`);
    const { id, label } = o;
    const labelEn = typeof o.labelEn === 'string' && o.labelEn.trim() !== '' ? { labelEn: o.labelEn } : {};
    const descriptionEn = typeof o.descriptionEn === 'string' && o.descriptionEn.trim() !== '' ? { descriptionEn: o.descriptionEn } : {};
    switch (point) {
      case 'templates': {
        const parsed = Plan.safeParse(o.plan);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return bad(`kế hoạch của "${id}" sai tại "${issue?.path.join('.')}": ${issue?.message}`, `plan of "${id}" is invalid at "${issue?.path.join('.')}": ${issue?.message}`);
        }
        out.push({
          id,
          label,
          ...labelEn,
          ...(typeof o.description === 'string' ? { description: o.description } : {}),
          ...descriptionEn,
          ...(Array.isArray(o.tracks) ? { tracks: o.tracks } : {}),
          ...(Array.isArray(o.agencies) ? { agencies: o.agencies } : {}),
          plan: parsed.data,
        } satisfies TemplateDescription);
        break;
      }
      case 'checklists': {
        const criteria = o.criteria;
        if (!isFunction(o.check) || !Array.isArray(criteria)) return bad(`"${id}" thiếu hàm check hoặc criteria`, `"${id}" lacks check() or criteria`);
        if (!criteria.every((x) => x && typeof x === 'object' && typeof x.id === 'string' && typeof x.label === 'string'))
          return bad(`"${id}": mỗi tiêu chí cần id và label`, `"${id}": every criterion needs an id and a label`);
        if (!criteria.every((x: { labelEn?: unknown }) => x.labelEn === undefined || typeof x.labelEn === 'string'))
          return bad(`"${id}": labelEn của tiêu chí phải là chuỗi`, `"${id}": a criterion's labelEn must be a string`);
        // API 1.4: the fields check() reads. A name that is no task field is a mistake the plugin's author
        // should hear about now, not a field silently never sent.
        const reads = o.reads;
        if (reads !== undefined && !isStringArray(reads)) return bad(`"${id}": reads phải là danh sách tên trường`, `"${id}": reads must be a list of field names`);
        const unknown = reads?.filter((f) => !isTaskField(f)) ?? [];
        if (unknown.length) return bad(`"${id}": reads có trường không có ở nhiệm vụ: ${unknown.join(', ')}`, `"${id}": reads names fields a task does not have: ${unknown.join(', ')}`);
        out.push({
          id,
          label,
          ...labelEn,
          criteria: criteria.map((x: { id: string; label: string; labelEn?: string }) => ({ id: x.id, label: x.label, ...(x.labelEn?.trim() ? { labelEn: x.labelEn } : {}) })),
          ...(reads ? { reads: reads.filter(isTaskField) } : {}),
        } satisfies ChecklistDescription);
        break;
      }
      case 'exporters':
        if (!isFunction(o.export) || typeof o.mediaType !== 'string' || typeof o.extension !== 'string')
          return bad(`"${id}" thiếu hàm export, mediaType hoặc extension`, `"${id}" lacks export(), mediaType or extension`);
        out.push({
          id,
          label,
          ...labelEn,
          mediaType: o.mediaType,
          extension: o.extension,
          // API 1.2, as data: the menu's sentence, the file's document name, and the choices offered.
          ...(typeof o.description === 'string' ? { description: o.description } : {}),
          ...descriptionEn,
          ...(typeof o.documentName === 'string' ? { documentName: o.documentName } : {}),
          ...(o.options && typeof o.options === 'object' ? { options: exporterOptions(o.options as Record<string, unknown>) } : {}),
        } satisfies ExporterDescription);
        break;
      case 'importers':
        if (!isFunction(o.import) || !isStringArray(o.extensions)) return bad(`"${id}" thiếu hàm import hoặc extensions`, `"${id}" lacks import() or extensions`);
        if (o.readTables !== undefined && !isFunction(o.readTables)) return bad(`"${id}" có readTables nhưng không phải hàm`, `"${id}" has a readTables that is not a function`);
        out.push({ id, label, ...labelEn, extensions: o.extensions, readTables: isFunction(o.readTables) } satisfies ImporterDescription);
        break;
    }
  }
  return { ok: true, value: out as Array<Described[K]> };
}

/** An exporter's options as plain data, keeping only the shapes the API defines. */
function exporterOptions(o: Record<string, unknown>): ExporterOptions {
  return {
    ...(isStringArray(o.views) ? { views: o.views as ExporterOptions['views'] } : {}),
    ...(isStringArray(o.periods) ? { periods: o.periods as ExporterOptions['periods'] } : {}),
    ...(typeof o.agency === 'boolean' ? { agency: o.agency } : {}),
    ...(typeof o.meeting === 'boolean' ? { meeting: o.meeting } : {}),
  };
}
