// Importing plans: preview a document as a plan draft (nothing stored), then create a board from the
// reviewed plan or append its tasks to an existing board.
import { Hono } from 'hono';
import { z } from 'zod';
import { Plan, RANK_STEP, TaskDraft, TrackId, taskFromDraft, type Board, type ImportInput, type Task } from '@dondoc/shared';
import { parsePlanText, type TableReport } from '@dondoc/shared/import/index';
import type { Services } from '../deps.ts';
import { apiError, jsonBody, notFound, operationError } from '../http/api-error.ts';
import { chooseChecklist, createBoardFromPlan } from '../board-templates.ts';
import { newId } from '../board-factory.ts';

/** Plans larger than this are refused before parsing (a provincial plan is well under 1 MB of text). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const ImportPreviewRequest = z
  .object({
    /** Pasted or extracted text: seed text form or PDF-extracted text. */
    text: z.string().min(1).max(MAX_IMPORT_BYTES).optional(),
    /** A file for an importer plugin (.docx, .xlsx), base64-encoded. */
    file: z.object({ filename: z.string().min(1), mediaType: z.string().optional(), base64: z.string().min(1).max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4) }).optional(),
    title: z.string().max(300).optional(),
    defaultTrack: TrackId.optional(),
  })
  .strict()
  .refine((r) => !!r.text !== !!r.file, { message: 'text hoặc file (một trong hai)', path: ['text'] });

export interface ImportPreview {
  plan: Plan;
  /** How the text was read ("seed-text", "pdf-text") or which importer plugin read the file. */
  form: string;
  tables: TableReport[];
}

export const ImportBoardRequest = z.object({ plan: Plan, title: z.string().min(1).max(300).optional(), checklist: z.string().min(1).optional() }).strict();
export const ImportTasksRequest = z.object({ tasks: z.array(TaskDraft).min(1).max(20_000) }).strict();

export const importPreviewRoutes = (s: Services) =>
  new Hono().post('/preview', jsonBody(ImportPreviewRequest), async (c) => {
    const req = c.req.valid('json');
    if (req.text) {
      const r = parsePlanText(req.text, { ...(req.title ? { title: req.title } : {}), ...(req.defaultTrack ? { defaultTrack: req.defaultTrack } : {}) });
      return c.json<ImportPreview>({ plan: r.plan, form: r.form, tables: r.tables });
    }
    const file = req.file!;
    const ext = file.filename.split('.').pop()?.toLowerCase() ?? '';
    const importer = s.plugins.all('importers').find((i) => i.contribution.extensions.map((e) => e.toLowerCase().replace(/^\./, '')).includes(ext));
    if (!importer)
      throw apiError(415, {
        code: 'unsupported',
        field: 'file.filename',
        message: `Chưa có plugin nhập tệp ".${ext}" (cài plugin nhập, ví dụ import-office cho .docx/.xlsx)`,
        messageEn: `No importer plugin reads ".${ext}" files`,
      });
    const input: ImportInput = { filename: file.filename, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')), ...(file.mediaType ? { mediaType: file.mediaType } : {}) };
    const r = await s.plugins.call(importer.plugin, 'importers', () => importer.contribution.import(input));
    if (!r.ok) throw apiError(400, { code: 'bad-request', field: 'file', message: r.error.messageVi, messageEn: r.error.messageEn });
    const plan = Plan.safeParse(r.value);
    if (!plan.success)
      throw apiError(500, { code: 'internal', message: `Plugin "${importer.plugin.id}" trả về kế hoạch sai cấu trúc`, messageEn: `Plugin "${importer.plugin.id}" returned a malformed plan` });
    return c.json<ImportPreview>({ plan: plan.data, form: importer.address, tables: [] });
  });

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
