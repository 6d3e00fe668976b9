// Triage of a board (issue 11): the tasks that fail a checklist criterion, grouped by criterion
// ("Chưa rõ thời gian: 12"), which fixes each failure calls for, and the patches of the bulk fixes
// (owner, deadline, cadence, track, one lead among several).
import type { Agency, Cadence, Task, TrackId } from './model.ts';
import type { TaskPatch } from './operations.ts';
import { parseDeadline } from './deadline.ts';
import { agencyKey, failedLabel, isCollectiveAgency } from './checklist/rules.ts';

/** A failed criterion as the payload carries it (`CheckFailure`) or as a check result (`pass: false`). */
interface Failed {
  id: string;
  label?: string;
}

export interface TriageGroup {
  /** Criterion id ("ro-thoi-gian"). */
  id: string;
  /** "Chưa rõ thời gian" */
  label: string;
  count: number;
  /** Failing tasks, in the order they were given (display order). */
  taskIds: string[];
}

export interface Triage {
  /** One group per criterion of the checklist, in its order (empty ones included, count 0), then any unknown id a plugin reported. */
  groups: TriageGroup[];
  /** Tasks failing at least one criterion, in the order given. */
  failingTaskIds: string[];
  /** Tasks looked at. */
  total: number;
}

/** "Chưa rõ thời gian: 12" */
export const triageHeading = (group: Pick<TriageGroup, 'label' | 'count'>): string => `${group.label}: ${group.count}`;

/**
 * Groups the failing tasks by criterion. `failures` is the board payload's map (task id → failed
 * criteria; absent = passes everything) or a lookup. One pass over the tasks, one id pushed per
 * failure: a 10,000-task board costs a few hundred thousand array pushes, no per-task objects.
 */
export function triage(
  tasks: Iterable<Pick<Task, 'id'>>,
  failures: Readonly<Record<string, readonly Failed[] | undefined>> | ((taskId: string) => readonly Failed[] | undefined),
  criteria: ReadonlyArray<{ id: string; label: string }>,
): Triage {
  const lookup = typeof failures === 'function' ? failures : (id: string) => failures[id];
  const groups: TriageGroup[] = criteria.map((c) => ({ id: c.id, label: failedLabel(c.label), count: 0, taskIds: [] }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const failingTaskIds: string[] = [];
  let total = 0;
  for (const task of tasks) {
    total++;
    const failed = lookup(task.id);
    if (!failed || failed.length === 0) continue;
    let counted = false;
    for (const f of failed) {
      let group = byId.get(f.id);
      if (!group) {
        // A plugin reported a criterion its checklist does not list: shown, not dropped.
        group = { id: f.id, label: failedLabel(f.label ?? f.id), count: 0, taskIds: [] };
        byId.set(f.id, group);
        groups.push(group);
      }
      if (group.taskIds[group.taskIds.length - 1] === task.id) continue; // the same criterion twice for one task
      group.taskIds.push(task.id);
      group.count++;
      counted = true;
    }
    if (counted) failingTaskIds.push(task.id);
  }
  return { groups, failingTaskIds, total };
}

/** Fixes the triage view offers in place for a failed criterion. */
export type FixKind = 'pick-lead' | 'set-lead' | 'set-owner' | 'remove-partner' | 'set-deadline' | 'set-cadence' | 'set-output' | 'set-content' | 'set-approver';

/**
 * What would fix `criterion` on this task, most direct first: several leads → pick one (or, outside
 * 6 rõ, name an owner); a bare "Thường xuyên" → its cadence; a conditional deadline → a date.
 */
export function fixesFor(
  task: Pick<Task, 'leads' | 'partners' | 'deadline'>,
  criterion: string,
  options: { variant?: '4ro' | '5ro' | '6ro'; directory?: Parameters<typeof isCollectiveAgency>[1] } = {},
): FixKind[] {
  const leads = task.leads.filter((l) => l.trim() !== '');
  switch (criterion) {
    case 'ro-nguoi':
      if (leads.length > 1) return options.variant === '6ro' ? ['pick-lead'] : ['pick-lead', 'set-owner'];
      return ['set-owner', 'set-lead'];
    case 'ro-trach-nhiem': {
      const named = leads.filter((l) => !isCollectiveAgency(l, options.directory));
      if (named.length === 0) return ['set-lead'];
      return ['remove-partner'];
    }
    case 'ro-thoi-gian':
      return task.deadline.kind === 'recurring' ? ['set-cadence', 'set-deadline'] : ['set-deadline'];
    case 'ro-ket-qua':
    case 'ro-san-pham':
      return ['set-output'];
    case 'ro-viec':
      return ['set-content'];
    case 'ro-tham-quyen':
      return ['set-approver'];
    default:
      return [];
  }
}

/**
 * A task patch as bulk fixes produce it. `track` is not a `TaskPatch` field today (a track change is
 * a move); it is carried here so one selection action can set it, and the route decides how to apply it.
 */
export type FixPatch = TaskPatch & { track?: TrackId };

/** Sets the person in charge ("Người phụ trách"). */
export function ownerPatch(owner: string): FixPatch {
  return { owner: owner.trim() };
}

/** A deadline typed as people print it, read by the shared parser ("Quý I/2026", "Hằng tháng"). */
export function deadlinePatch(text: string): FixPatch {
  return { deadline: parseDeadline(text) };
}

const CADENCE_WORDS: Record<Exclude<Cadence, 'ongoing'>, string> = {
  daily: 'hằng ngày',
  weekly: 'hằng tuần',
  monthly: 'hằng tháng',
  quarterly: 'hằng quý',
  'half-yearly': '6 tháng một lần',
  yearly: 'hằng năm',
};

/**
 * States the cadence of a recurring deadline: "Thường xuyên" becomes "Thường xuyên (hằng tháng)",
 * keeping the printed words and adding the cadence, so the text still says what the plan said.
 */
export function cadencePatch(task: Pick<Task, 'deadline'>, cadence: Exclude<Cadence, 'ongoing'>): FixPatch {
  const printed = task.deadline.raw.replace(/\s*\((?:hằng|hàng|6 tháng)[^)]*\)\s*$/u, '').trim() || 'Thường xuyên';
  const parsed = parseDeadline(`${printed} (${CADENCE_WORDS[cadence]})`);
  if (parsed.cadence === cadence) return { deadline: parsed };
  // The parser knows no phrase for every cadence ("6 tháng một lần"): the choice made here wins.
  const { reason: _unread, ...rest } = parsed;
  const deadline = parsed.due ? { ...parsed, cadence } : { ...rest, kind: 'recurring' as const, cadence };
  return { deadline };
}

/** Moves a task to another track (lĩnh vực). */
export function trackPatch(track: TrackId): FixPatch {
  return { track };
}

/**
 * "One task, one lead": `lead` becomes the only lead and the other leads become partners (after the
 * partners already named, without duplicates); `lead` leaves the partners if it was there. The
 * printed cells are rewritten to match, since they no longer describe the task. Names compare however
 * they are spelt ("Sở KH&CN" is "Sở Khoa học và Công nghệ" when the board's directory says so).
 */
export function pickLeadPatch(task: Pick<Task, 'leads' | 'partners'>, lead: string, directory: readonly Agency[] = []): FixPatch {
  const keyOf = (name: string) => agencyKey(name, directory);
  const wanted = keyOf(lead);
  const chosen = task.leads.find((l) => keyOf(l) === wanted) ?? lead.trim();
  const seen = new Set([wanted]);
  const partners: string[] = [];
  for (const p of [...task.partners, ...task.leads]) {
    const key = keyOf(p);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    partners.push(p);
  }
  return { leads: [chosen], leadsText: chosen, partners, partnersText: partners.join(', ') };
}

/** A fix applied to every task of a selection. */
export type BulkFix =
  | { kind: 'owner'; owner: string }
  | { kind: 'deadline'; text: string }
  | { kind: 'cadence'; cadence: Exclude<Cadence, 'ongoing'> }
  | { kind: 'track'; track: TrackId }
  | { kind: 'lead'; lead: string };

/**
 * Why a bulk fix leaves a task alone: already that owner, deadline, cadence or track; a cadence for a task
 * that is not recurring; "keep lead X" on a task that does not list X, or that has one lead already.
 * A code, put into words by the UI in its language (`triage.bulk.skip.*`).
 */
export const BULK_SKIP_REASONS = ['same-owner', 'same-deadline', 'not-recurring', 'same-cadence', 'same-track', 'lead-not-listed', 'single-lead'] as const;
export type BulkSkipReason = (typeof BULK_SKIP_REASONS)[number];

export interface BulkPlan {
  /** One patch per task it changes, with the version it was computed from (the write sends it back). */
  patches: Array<{ taskId: string; version: number; patch: FixPatch }>;
  /** Tasks left alone, and why; `lead` names the agency a "lead-not-listed" task does not list. */
  skipped: Array<{ taskId: string; reason: BulkSkipReason; lead?: string }>;
}

type Selected = Pick<Task, 'id' | 'version' | 'leads' | 'partners' | 'deadline' | 'owner' | 'track'>;

/**
 * The patches of one bulk fix over a selection. Tasks it would not change are skipped with a reason
 * (already that owner; "pick lead X" on a task that does not list X; a cadence on a task that is
 * not recurring), so the coordinator sees what happened to every selected task.
 */
export function planBulkFix(tasks: Iterable<Selected>, fix: BulkFix, directory: readonly Agency[] = []): BulkPlan {
  const plan: BulkPlan = { patches: [], skipped: [] };
  const deadline = fix.kind === 'deadline' ? deadlinePatch(fix.text) : undefined;
  const leadKey = fix.kind === 'lead' ? agencyKey(fix.lead, directory) : '';
  for (const t of tasks) {
    const skip = (reason: BulkSkipReason, lead?: string) => plan.skipped.push(lead === undefined ? { taskId: t.id, reason } : { taskId: t.id, reason, lead });
    const take = (patch: FixPatch) => plan.patches.push({ taskId: t.id, version: t.version, patch });
    switch (fix.kind) {
      case 'owner': {
        const patch = ownerPatch(fix.owner);
        if (patch.owner === t.owner) skip('same-owner');
        else take(patch);
        break;
      }
      case 'deadline':
        if (t.deadline.raw === deadline!.deadline!.raw) skip('same-deadline');
        else take(deadline!);
        break;
      case 'cadence':
        if (t.deadline.kind !== 'recurring' && t.deadline.cadence === undefined) skip('not-recurring');
        else if (t.deadline.cadence === fix.cadence) skip('same-cadence');
        else take(cadencePatch(t, fix.cadence));
        break;
      case 'track':
        if (t.track === fix.track) skip('same-track');
        else take(trackPatch(fix.track));
        break;
      case 'lead':
        if (!t.leads.some((l) => agencyKey(l, directory) === leadKey)) skip('lead-not-listed', fix.lead);
        else if (t.leads.length === 1) skip('single-lead');
        else take(pickLeadPatch(t, fix.lead, directory));
        break;
    }
  }
  return plan;
}
