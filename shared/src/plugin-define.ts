// The identity helpers a plugin module is written with: each returns its argument, typed. Kept apart
// from plugin.ts's schemas so that a plugin needing no schema loads no zod: the 5-rõ checklist's thread
// then starts in ~110 ms instead of ~240 and holds ~5 MB less (it ends when unused and starts again).
import type { ChecklistContribution, DondocPlugin, ExporterContribution, ImporterContribution, TemplateContribution } from './plugin.ts';
import type { Task } from './model.ts';

export const definePlugin = <T extends DondocPlugin>(plugin: T): T => plugin;
export const defineTemplate = (t: TemplateContribution): TemplateContribution => t;
/** A checklist; with `reads`, `check` is typed to see only the fields it declares. */
export const defineChecklist = <Read extends keyof Task = keyof Task>(c: ChecklistContribution<Read>): ChecklistContribution<Read> => c;
export const defineExporter = (e: ExporterContribution): ExporterContribution => e;
export const defineImporter = (i: ImporterContribution): ImporterContribution => i;
