// Importing plans: preview a document as a plan draft (nothing stored), then create a board from the
// reviewed plan or append its tasks to an existing board.
import { Hono } from 'hono';
import { z } from 'zod';
import { Plan, RANK_STEP, TASK_FIELDS, TaskDraft, TrackId, taskFromDraft, type Board, type ImportOptions, type Task } from '@dondoc/shared';
import type { TableReport } from '@dondoc/shared/import/index';
import type { Services } from '../deps.ts';
import { jsonBody, notFound, operationError } from '../http/api-error.ts';
import { chooseChecklist, createBoardFromPlan } from '../board-templates.ts';
import { newId } from '../board-factory.ts';
import { formForFilename } from '../import-text.ts';
import { previewFile } from '../import-file.ts';

/** Plans larger than this are refused before parsing (a provincial plan is well under 1 MB of text). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const INDEX_KEY = z.string().regex(/^\d{1,4}$/, 'số thứ tự (0, 1, 2…)');

export const ImportPreviewRequest = z
  .object({
    /** Pasted or extracted text: seed text form, PDF-extracted text, Markdown tables or TSV pasted from Excel/Word. */
    text: z.string().min(1).max(MAX_IMPORT_BYTES).optional(),
    /** Name of the file `text` was read from: ".md" and ".tsv" pick their reader instead of detection. */
    filename: z.string().min(1).max(300).optional(),
    /** A file for an importer plugin (.docx, .xlsx), base64-encoded. */
    file: z
      .object({
        filename: z.string().min(1),
        mediaType: z.string().optional(),
        base64: z.string().min(1).max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
        /** Workbook sheet to read, by name or 1-based position; default the first. */
        sheet: z.union([z.string().min(1).max(300), z.number().int().min(1)]).optional(),
      })
      .optional(),
    title: z.string().max(300).optional(),
    defaultTrack: TrackId.optional(),
    /** The user's column mapping: table index → column index → field (files too, when their importer offers readTables). */
    mapping: z.record(INDEX_KEY, z.record(INDEX_KEY, z.enum([...TASK_FIELDS, 'ignore']))).optional(),
    /** The user's track per table title or section, overriding the guess. */
    trackBySection: z.record(z.string().min(1).max(300), TrackId).optional(),
  })
  .strict()
  .refine((r) => !!r.text !== !!r.file, { message: 'text hoặc file (một trong hai)', path: ['text'] });

export interface ImportPreview {
  plan: Plan;
  /** How the text was read ("seed-text", "pdf-text") or which importer plugin read the file. */
  form: string;
  /** Per-table report to correct against; empty for an importer that only gives a finished plan. */
  tables: TableReport[];
}

export const ImportBoardRequest = z.object({ plan: Plan, title: z.string().min(1).max(300).optional(), checklist: z.string().min(1).optional() }).strict();
export const ImportTasksRequest = z.object({ tasks: z.array(TaskDraft).min(1).max(20_000) }).strict();

export const importPreviewRoutes = (s: Services) =>
  new Hono().post('/preview', jsonBody(ImportPreviewRequest), async (c) => {
    const req = c.req.valid('json');
    // One options path for text and files: the user's corrections apply to both.
    const options: ImportOptions = {
      ...(req.title ? { title: req.title } : {}),
      ...(req.defaultTrack ? { defaultTrack: req.defaultTrack } : {}),
      ...(req.mapping ? { mapping: numericKeys(req.mapping) } : {}),
      ...(req.trackBySection ? { trackBySection: req.trackBySection } : {}),
    };
    if (req.text) {
      const r = await s.work.readPlanText(req.text, options, req.filename ? formForFilename(req.filename) : undefined);
      return c.json<ImportPreview>({ plan: r.plan, form: r.form, tables: r.tables });
    }
    return c.json<ImportPreview>(await previewFile(s, req.file!, options));
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
  new Hono()
    .post('/import', jsonBody(ImportBoardRequest), async (c) => {
      const { plan, title, checklist } = c.req.valid('json');
      const chosen = chooseChecklist(s.plugins, checklist, plan.roVariant);
      const board = await createBoardFromPlan(s, { plan, origin: 'import', ...(title ? { title } : {}), ...(chosen ? { checklist: chosen } : {}) });
      return c.json<Board>(board, 201);
    })
    .post('/:boardId/import', jsonBody(ImportTasksRequest), async (c) => {
      const boardId = c.req.param('boardId');
      if (!s.repository.getBoard(boardId)) throw notFound('bảng', boardId, 'Board', 'boardId');
      const at = new Date().toISOString();
      // The reducer sets the final ranks (end of each cell); the draft order is kept.
      const tasks = c.req.valid('json').tasks.map((d, i) => taskFromDraft(d, { id: newId('t'), boardId, rank: (i + 1) * RANK_STEP, at }));
      const r = await s.repository.apply({ type: 'tasks.import', boardId, tasks, at });
      if (!r.ok) throw operationError(r.failure);
      return c.json<{ board: Board; tasks: Task[] }>({ board: r.change.board, tasks: r.change.tasks }, 201);
    });
