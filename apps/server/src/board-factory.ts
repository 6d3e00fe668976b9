// Turns a plan (from a template plugin or the importer) into the `board.create` operation that stores it.
import { randomBytes } from 'node:crypto';
import { BUILTIN_TRACKS, RANK_STEP, blankBoard, taskFromDraft, type Actor, type Agency, type Board, type OperationOf, type Plan, type Task, type Track } from '@dondoc/shared';

export const newId = (prefix: string): string => `${prefix}${randomBytes(6).toString('hex')}`;

export interface BoardFromPlanOptions {
  plan: Plan;
  title?: string;
  /** `plugin:templateId`, or "import" for an imported plan. */
  origin: string;
  /** `plugin:checklistId` for the cards' badges. */
  checklist?: string;
  tracks?: Track[];
  agencies?: Agency[];
  at: string;
  boardId?: string;
  actor: Actor;
  via: string;
}

/** Built-in tracks, then the plan's own, then any track a task uses that nobody declared (labelled by its id). */
function boardTracks(plan: Plan, extra: Track[]): Track[] {
  const tracks: Track[] = BUILTIN_TRACKS.map((t) => ({ ...t }));
  const add = (t: Track) => {
    if (!tracks.some((x) => x.id === t.id)) tracks.push(t);
  };
  extra.forEach(add);
  for (const s of plan.sections) if (s.track) add({ id: s.track, label: s.track });
  for (const d of plan.tasks) add({ id: d.track, label: d.track });
  return tracks;
}

export function boardCreateFromPlan(o: BoardFromPlanOptions): OperationOf<'board.create'> {
  const boardId = o.boardId ?? newId('b');
  const board: Board = blankBoard({
    id: boardId,
    title: o.title ?? o.plan.title,
    origin: o.origin,
    tracks: boardTracks(o.plan, o.tracks ?? []),
    roVariant: o.plan.roVariant,
    ...(o.checklist ? { checklist: o.checklist } : {}),
    agencies: o.agencies ?? [],
    indicators: o.plan.indicators,
    rhythm: o.plan.rhythm,
    plan: { title: o.plan.title, issuer: o.plan.issuer, number: o.plan.number, province: o.plan.province, ...(o.plan.date ? { date: o.plan.date } : {}) },
    workItems: o.plan.workItems ?? [],
    createdAt: o.at,
  });
  // Tasks keep the plan's order within each track's first column.
  const perTrack = new Map<string, number>();
  const tasks: Task[] = o.plan.tasks.map((draft) => {
    const n = (perTrack.get(draft.track) ?? 0) + 1;
    perTrack.set(draft.track, n);
    return taskFromDraft(draft, { id: newId('t'), boardId, rank: n * RANK_STEP, at: o.at });
  });
  return { type: 'board.create', board, tasks, at: o.at, actor: o.actor, via: o.via };
}
