// The preview as a workbench, in pure functions the store and its tests share: a user's cell
// edits and agency choices applied to the server's draft (and kept across re-reads), the
// warnings that still hold after them, and the rows grouped under one heading per group.
import type { Agency, ImportWarning, TaskDraft } from '@dondoc/shared/model';
import { parseDeadline } from '@dondoc/shared/deadline';
import { indexAgencies, readTaskAgencies } from '@dondoc/shared/import/agencies';
import { PROVINCIAL_AGENCIES } from '@dondoc/shared/import/directory';
import { readReport } from '@dondoc/shared/import/report';
import { readPercent } from '@dondoc/shared/import/values';

/** The cells a user can edit in place: the plan's, and the board's own fields an export carries (owner, approver, percent). */
export const EDITABLE = ['ordinal', 'content', 'leadsText', 'partnersText', 'deadline', 'output', 'owner', 'approver', 'progress'] as const;
export type EditableField = (typeof EDITABLE)[number];

/** A person's name as long as a task keeps it (TASK_LIMITS.person; the draft's schema refuses more). */
export const PERSON_CHARS = 200;

/**
 * Why a typed value cannot stand, or undefined when it can: a percent must read as one (the
 * importer's `readPercent`: "80", "80%", "0,8", "Hoàn thành"), or be left empty. Names are kept as
 * typed (an owner nobody is called is warned about, as the importer does).
 */
export function editProblem(field: EditableField, value: string): 'percent' | undefined {
  return field === 'progress' && value.trim() !== '' && readPercent(value) === undefined ? 'percent' : undefined;
}

/** A row's identity that survives a re-read with another mapping: its table and source line. */
export const rowKey = (task: TaskDraft, index: number): string => (task.source?.line !== undefined ? `${task.source.ref ?? ''}:${task.source.line}` : `#${index}`);

/** What the user decided for a printed agency the directory did not know. */
export type AgencyChoice = { kind: 'alias'; name: string } | { kind: 'new'; name: string };

/** The choices as directory entries: the server matches with them, and the board keeps them. */
export function directoryAdditions(choices: Readonly<Record<string, AgencyChoice>>): Agency[] {
  const byName = new Map<string, Agency>();
  for (const [printed, choice] of Object.entries(choices)) {
    const entry = byName.get(choice.name) ?? { name: choice.name, aliases: [], collective: false };
    if (printed !== choice.name && !entry.aliases.includes(printed)) entry.aliases.push(printed);
    byName.set(choice.name, entry);
  }
  return [...byName.values()];
}

/** An unknown agency comes back under its printed name: swap it for the chosen one on every row. */
export function applyAgencyChoices(task: TaskDraft, choices: Readonly<Record<string, AgencyChoice>>): TaskDraft {
  const swap = (names: string[]): string[] => {
    let changed = false;
    const out: string[] = [];
    for (const n of names) {
      const to = choices[n]?.name ?? n;
      if (to !== n) changed = true;
      if (!out.includes(to)) out.push(to);
    }
    return changed ? out : names;
  };
  const leads = swap(task.leads);
  const partners = swap(task.partners);
  return leads === task.leads && partners === task.partners ? task : { ...task, leads, partners };
}

/** One cell as the user typed it: texts replace, agency cells are split and matched again, a deadline is read again. */
export function applyEdit(task: TaskDraft, field: EditableField, value: string, extra: readonly Agency[] = []): TaskDraft {
  switch (field) {
    case 'deadline':
      return { ...task, deadline: parseDeadline(value) };
    case 'leadsText':
    case 'partnersText': {
      // Both cells are read again together, as the importer reads them: a role typed in one ("Sở Tư pháp (phối hợp)") moves an agency to the other.
      const leadsText = field === 'leadsText' ? value : cellText(task, 'leadsText');
      const partnersText = field === 'partnersText' ? value : cellText(task, 'partnersText');
      const { leads, partners } = readTaskAgencies(leadsText, partnersText, indexAgencies([...PROVINCIAL_AGENCIES, ...extra]));
      return { ...task, leadsText, leads, partnersText, partners };
    }
    case 'owner':
    case 'approver': {
      const name = value.replace(/\s+/g, ' ').trim().slice(0, PERSON_CHARS).trim();
      const { [field]: _, ...rest } = task;
      return name === '' ? rest : { ...rest, [field]: name };
    }
    case 'progress': {
      if (editProblem(field, value)) return task;
      const progress = value.trim() === '' ? undefined : readPercent(value);
      const { progress: _, report, ...rest } = task;
      // A report row's progress is what its match writes: read the row again with it, as the importer does,
      // so a percent typed where no status is printed also places the task.
      const reread = report ? readReport({ status: report.statusText, note: report.note, difficulties: report.difficulties ?? '', proposals: report.proposals ?? '', ...(progress !== undefined ? { progress } : {}) }) : undefined;
      return { ...rest, ...(progress !== undefined ? { progress } : {}), ...(reread ? { report: reread } : {}) };
    }
    default:
      return { ...task, [field]: value };
  }
}

/** The printed text of an editable cell, as the editor starts from it. */
export function cellText(task: TaskDraft, field: EditableField): string {
  if (field === 'deadline') return task.deadline.raw;
  if (field === 'leadsText') return task.leadsText ?? task.leads.join(', ');
  if (field === 'partnersText') return task.partnersText ?? task.partners.join(', ');
  if (field === 'progress') return task.progress === undefined ? '' : String(task.progress);
  return task[field] ?? '';
}

/**
 * The warnings that still hold: an unknown agency the user resolved, a lead typed into an empty
 * cell, a deadline that now reads as a date, a percent typed over one that did not read — each
 * warning goes once its cause is gone. (Owners are warned about as a whole: `unknownOwnersWarning`.)
 */
export function openWarnings(warnings: readonly ImportWarning[], tasks: readonly TaskDraft[], choices: Readonly<Record<string, AgencyChoice>>): ImportWarning[] {
  const byLine = new Map<number, TaskDraft>();
  for (const t of tasks) if (t.source?.line !== undefined) byLine.set(t.source.line, t);
  return warnings.filter((w) => {
    if (w.code === 'unknown-agency') return !(w.subject && choices[w.subject]);
    const task = w.line !== undefined ? byLine.get(w.line) : undefined;
    if (!task) return true;
    if (w.code === 'empty-cell' && w.field === 'leads') return task.leads.length === 0;
    if (w.code === 'empty-cell' && w.field === 'content') return task.content.trim() === '';
    if (w.code === 'deadline-unresolved') return task.deadline.kind === 'none';
    if (w.field === 'progress' && w.code === 'other') return task.progress === undefined;
    if (w.code === 'agency-role') return !!w.subject && task.partners.includes(w.subject) && !task.leads.includes(w.subject);
    return true;
  });
}

/** Warnings by kind, most frequent kind first, for the summary. */
export function warningsByKind(warnings: readonly ImportWarning[]): Array<{ code: ImportWarning['code']; items: ImportWarning[] }> {
  const groups = new Map<ImportWarning['code'], ImportWarning[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  return [...groups].map(([code, items]) => ({ code, items })).sort((a, b) => b.items.length - a.items.length);
}

/** The group heading a row sits under: its section path, outermost first. */
export const groupLabel = (task: TaskDraft): string => (task.group ?? []).join(' › ');

/**
 * The rows of `after` that are not those of `before`, when nothing else changed: the same number
 * of rows, and each changed row under the same heading with the same key (so with the same
 * warnings beside it). A cell edit gives one; null means the table's shape may have changed.
 */
export function changedRows(before: readonly TaskDraft[], after: readonly TaskDraft[]): number[] | null {
  if (before.length !== after.length) return null;
  const out: number[] = [];
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a === b) continue;
    if (rowKey(a, i) !== rowKey(b, i) || groupLabel(a) !== groupLabel(b)) return null;
    out.push(i);
  }
  return out;
}

export type TableEntry =
  | { kind: 'group'; key: string; label: string; warnings?: undefined }
  | { kind: 'task'; key: string; index: number; task: TaskDraft; warnings: ImportWarning[] }
  | { kind: 'orphan'; key: string; line: number; warnings: ImportWarning[] };

/**
 * The preview's rows in order: a heading each time the group changes (not repeated per row),
 * each task with the warnings about its line, and warnings about lines that gave no task where
 * those lines were.
 */
export function tableEntries(tasks: readonly TaskDraft[], warnings: readonly ImportWarning[]): TableEntry[] {
  const byLine = new Map<number, ImportWarning[]>();
  for (const w of warnings) if (w.line !== undefined && w.code !== 'unknown-agency' && w.code !== 'unknown-column') byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const taskLines = new Set<number>();
  const out: TableEntry[] = [];
  let group: string | undefined;
  tasks.forEach((task, index) => {
    const label = groupLabel(task);
    if (label !== group) {
      group = label;
      if (label !== '') out.push({ kind: 'group', key: `g${index}`, label });
    }
    const line = task.source?.line;
    if (line !== undefined) taskLines.add(line);
    out.push({ kind: 'task', key: rowKey(task, index), index, task, warnings: line !== undefined ? (byLine.get(line) ?? []) : [] });
  });
  for (const [line, list] of byLine) {
    if (taskLines.has(line)) continue;
    const at = out.findIndex((e) => e.kind === 'task' && e.task.source?.line !== undefined && e.task.source.line > line);
    const orphan: TableEntry = { kind: 'orphan', key: `w${line}`, line, warnings: list };
    if (at < 0) out.push(orphan);
    else out.splice(at, 0, orphan);
  }
  return out;
}
