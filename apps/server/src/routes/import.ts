// Importing plans and reports: preview a document as a draft (nothing stored); create a board
// from the reviewed plan or append its tasks to a board (with the directory entries the user
// added in the preview, in the same write); match a progress report onto the board that holds
// its plan and, once the user confirms, write its updates in one operation.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  compareVietnamese,
  Agency,
  matchReport,
  Plan,
  PROVINCIAL_AGENCIES,
  RANK_STEP,
  ReportUpdate,
  TASK_FIELDS,
  TaskDraft,
  TrackId,
  taskFromDraft,
  writtenTasks,
  type Board,
  type ImportOptions,
  type ReportMatchResult,
  type Task,
} from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { jsonBody, operationError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, globalAccess, requireCan, signedIn, viaOf } from '../auth/access.ts';
import { chooseChecklist, createBoardFromPlan } from '../board-templates.ts';
import { newId } from '../board-factory.ts';
import { previewFile, previewText, type ImportPreview } from '../import-file.ts';

export type { ImportPreview } from '../import-file.ts';

/** Plans larger than this are refused before parsing (a provincial plan is well under 1 MB of text). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const INDEX_KEY = z.string().regex(/^\d{1,4}$/, 'số thứ tự (0, 1, 2…)');
/** Directory entries a user adds from the preview: a new agency, or a printed name as an alias of a known one. */
const DirectoryAdditions = z.array(Agency.extend({ name: z.string().trim().min(1).max(300), aliases: z.array(z.string().min(1).max(300)).max(50).default([]) })).max(500);

export const ImportPreviewRequest = z
  .object({
    /** Pasted or extracted text in any form (seed text, PDF-extracted text, Markdown, TSV, CSV): told from the content. */
    text: z.string().min(1).max(MAX_IMPORT_BYTES).optional(),
    /** Name of the file `text` was read from; only a fallback title, never the form. */
    filename: z.string().min(1).max(300).optional(),
    /** A file, base64-encoded: Word and Excel go to their importer plugin, text files to the text readers. */
    file: z
      .object({
        filename: z.string().min(1).max(300),
        mediaType: z.string().max(200).optional(),
        base64: z.string().min(1).max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
        /** Workbook sheet to read, by name or 1-based position; default the first. */
        sheet: z.union([z.string().min(1).max(300), z.number().int().min(1).max(1000)]).optional(),
      })
      .optional(),
    title: z.string().max(300).optional(),
    defaultTrack: TrackId.optional(),
    /** The user's column mapping: table index → column index → field (files too, when their importer offers readTables). */
    mapping: z.record(INDEX_KEY, z.record(INDEX_KEY, z.enum([...TASK_FIELDS, 'ignore']))).optional(),
    /** The user's track per table title or section, overriding the guess. */
    trackBySection: z.record(z.string().min(1).max(300), TrackId).optional(),
    /** The board the tasks are for: its agency directory is matched too. */
    boardId: z.string().min(1).max(100).optional(),
    /** Directory entries added in the preview. */
    agencies: DirectoryAdditions.optional(),
  })
  .strict()
  .refine((r) => !!r.text !== !!r.file, { message: 'text hoặc file (một trong hai)', path: ['text'] });

export const ImportBoardRequest = z
  .object({ plan: Plan, title: z.string().min(1).max(300).optional(), checklist: z.string().min(1).optional(), agencies: DirectoryAdditions.optional() })
  .strict();
export const ImportTasksRequest = z.object({ tasks: z.array(TaskDraft).min(1).max(20_000), agencies: DirectoryAdditions.optional() }).strict();
export const ReportMatchRequest = z.object({ tasks: z.array(TaskDraft).min(1).max(20_000) }).strict();
export const ApplyReportRequest = z.object({ updates: z.array(ReportUpdate).min(1).max(20_000), source: z.string().max(300).default('') }).strict();

/** The agencies a preview matches against beyond every province's: the server's directory and the board's own. */
async function localAgencies(s: Services, board: Board | undefined): Promise<Agency[]> {
  return [...(await s.repository.getDirectory()), ...(board?.agencies ?? [])];
}

/**
 * The people an imported "Người phụ trách" may name without a warning: the names of the accounts that
 * can sign in and, for an existing board, the owners already on it. Undefined — no warning at all —
 * where the warning cannot matter: when nobody could be matched (no account but administrators', and
 * no owner on the board: a new server whose people are not set up yet, where every owner would be
 * "unknown"), and when the user asking may not import (they cannot write an owner anyway, and the
 * names are not theirs to read).
 */
async function people(s: Services, board: Board | undefined, mayImport: boolean): Promise<string[] | undefined> {
  if (!mayImport) return undefined;
  const users = (await s.repository.listUsers()).filter((u) => !u.disabled);
  const owners = board ? ((await s.repository.getTasks(board.id)) ?? []).map((t) => t.owner) : [];
  if (!users.some((u) => !u.admin) && !owners.some((o) => o.trim() !== '')) return undefined;
  return [...new Set([...users.map((u) => u.name), ...owners].filter((n) => n.trim() !== ''))].sort(compareVietnamese);
}

export const importPreviewRoutes = (s: Services) =>
  new Hono<AuthEnv>().post('/preview', jsonBody(ImportPreviewRequest), async (c) => {
    signedIn(c);
    const req = c.req.valid('json');
    // A preview for an existing board matches its directory; the user must be able to see that board.
    const onBoard = req.boardId ? await boardAccess(c, s.repository, req.boardId) : undefined;
    const board = onBoard?.board;
    const local = await localAgencies(s, board);
    const known = await people(s, board, onBoard ? onBoard.ability.can('import', 'Board') : globalAccess(c).ability.can('create', 'Board'));
    // One options path for text and files: the user's corrections apply to both.
    const options: ImportOptions = {
      ...(req.title ? { title: req.title } : {}),
      ...(req.defaultTrack ? { defaultTrack: req.defaultTrack } : {}),
      ...(req.mapping ? { mapping: numericKeys(req.mapping) } : {}),
      ...(req.trackBySection ? { trackBySection: req.trackBySection } : {}),
      agencies: [...PROVINCIAL_AGENCIES, ...local, ...(req.agencies ?? [])],
      ...(known ? { people: known } : {}),
    };
    const preview = req.text ? await previewText(s, req.text, options) : await previewFile(s, req.file!, options);
    const directoryNames = [...new Set((options.agencies ?? []).filter((a) => !a.collective).map((a) => a.name))].sort(compareVietnamese);
    // What the preview matched against, so its edits are read again the same way in the browser.
    return c.json<ImportPreview>({ ...preview, directory: directoryNames, agencies: local, ...(known ? { people: known } : {}) });
  });

/** JSON object keys are strings; the importer's mapping is keyed by table and column index. */
function numericKeys<T>(byTable: Record<string, Record<string, T>>): Record<number, Record<number, T>> {
  const out: Record<number, Record<number, T>> = {};
  for (const [table, columns] of Object.entries(byTable)) {
    const row: Record<number, T> = {};
    for (const [column, field] of Object.entries(columns)) row[Number(column)] = field;
    out[Number(table)] = row;
  }
  return out;
}

export const boardImportRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .post('/import', jsonBody(ImportBoardRequest), async (c) => {
      const a = globalAccess(c);
      requireCan(a, 'create', 'Board');
      const { plan, title, checklist, agencies } = c.req.valid('json');
      const chosen = chooseChecklist(s.plugins, checklist, plan.roVariant);
      const board = await createBoardFromPlan(s, {
        plan,
        origin: 'import',
        ...(title ? { title } : {}),
        ...(chosen ? { checklist: chosen } : {}),
        ...(agencies?.length ? { agencies } : {}),
      }, { actor: actorOf(a.user), via: viaOf(c) });
      return c.json<Board>(board, 201);
    })
    .post('/:boardId/import', jsonBody(ImportTasksRequest), async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'import', 'Board');
      const boardId = a.board.id;
      const { tasks: drafts, agencies } = c.req.valid('json');
      const at = new Date().toISOString();
      // The reducer sets the final ranks (end of each cell); the draft order is kept.
      const tasks = drafts.map((d, i) => taskFromDraft(d, { id: newId('t'), boardId, rank: (i + 1) * RANK_STEP, at }));
      const r = await s.repository.apply({ type: 'tasks.import', boardId, tasks, ...(agencies?.length ? { agencies } : {}), at, actor: actorOf(a.user), via: viaOf(c) });
      if (!r.ok) throw operationError(r.failure);
      return c.json<{ board: Board; tasks: Task[] }>({ board: r.effects.boards[0]!.after!, tasks: writtenTasks(r.effects) }, 201);
    })
    // Nothing is written here: the user sees what matched before confirming.
    .post('/:boardId/report/match', jsonBody(ReportMatchRequest), async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'import', 'Board');
      const tasks = (await s.repository.getTasks(a.board.id)) ?? [];
      return c.json<ReportMatchResult>(matchReport([...tasks], c.req.valid('json').tasks));
    })
    .post('/:boardId/report', jsonBody(ApplyReportRequest), async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'import', 'Board');
      const { updates, source } = c.req.valid('json');
      const today = s.config.todayPinned;
      const r = await s.repository.apply({ type: 'tasks.applyReport', boardId: a.board.id, updates, source, at: new Date().toISOString(), ...(today ? { today } : {}), actor: actorOf(a.user), via: viaOf(c) });
      if (!r.ok) throw operationError(r.failure);
      return c.json<{ board: Board; tasks: Task[] }>({ board: r.effects.boards[0]!.after!, tasks: writtenTasks(r.effects) });
    });
