// Creating a board from a template plugin: used by `POST /api/boards` and by the demo board at start-up.
import type { Actor, Board, Plan } from '@dondoc/shared';
import { apiError, operationError } from './http/api-error.ts';
import { boardCreateFromPlan } from './board-factory.ts';
import type { PluginHost } from './plugins/host.ts';
import type { Services } from './deps.ts';

/** The checklist matching the plan's rõ variant: the bundled checklist-5ro plugin first, then any other. */
export function defaultChecklist(plugins: PluginHost, roVariant: Plan['roVariant']): string | undefined {
  const preferred = `checklist-5ro:${roVariant}`;
  if (plugins.checklist(preferred)) return preferred;
  return plugins.all('checklists').find((c) => c.contribution.id === roVariant)?.address;
}

/** Checks a requested checklist address, or picks the default; throws a 400 naming `checklist` if unknown. */
export function chooseChecklist(plugins: PluginHost, requested: string | undefined, roVariant: Plan['roVariant']): string | undefined {
  if (requested === undefined) return defaultChecklist(plugins, roVariant);
  if (!plugins.checklist(requested))
    throw apiError(400, {
      code: 'bad-request',
      field: 'checklist',
      message: `Không có bộ tiêu chí "${requested}" (cần dạng plugin:id của một plugin đã nạp)`,
      messageEn: `No checklist "${requested}" (expected plugin:id of a loaded plugin)`,
    });
  return requested;
}

/** Stores a new board built from `plan`; throws the HTTP error for a failed operation. */
/** Who creates a board and through which route or command, for the audit trail. */
export interface Author {
  actor: Actor;
  via: string;
}

export async function createBoardFromPlan(
  s: Pick<Services, 'repository'>,
  o: { plan: Plan; origin: string; title?: string; checklist?: string; tracks?: Board['tracks']; agencies?: Board['agencies'] },
  author: Author,
): Promise<Board> {
  const op = boardCreateFromPlan({ ...o, ...author, at: new Date().toISOString() });
  const r = await s.repository.apply(op);
  if (!r.ok) throw operationError(r.failure);
  return r.effects.boards[0]!.after!;
}

export async function createBoardFromTemplate(s: Pick<Services, 'repository' | 'plugins'>, req: { template: string; title?: string; checklist?: string }, author: Author): Promise<Board> {
  const found = s.plugins.template(req.template);
  if (!found)
    throw apiError(404, {
      code: 'not-found',
      field: 'template',
      message: `Không tìm thấy mẫu kế hoạch "${req.template}" (cần dạng plugin:mẫu, xem GET /api/templates)`,
      messageEn: `Template "${req.template}" not found (expected plugin:template, see GET /api/templates)`,
    });
  const t = found.contribution;
  const checklist = chooseChecklist(s.plugins, req.checklist, t.plan.roVariant);
  return createBoardFromPlan(s, {
    plan: t.plan,
    origin: req.template,
    ...(req.title ? { title: req.title } : {}),
    ...(checklist ? { checklist } : {}),
    ...(t.tracks ? { tracks: t.tracks } : {}),
    ...(t.agencies ? { agencies: t.agencies } : {}),
  }, author);
}
