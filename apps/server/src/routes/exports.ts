// Documents out: the export menu's data (`GET /api/boards/:boardId/exports`), a file made by an
// exporter plugin for the view, period and agency chosen (`GET …/export/:plugin/:exporter`, whose
// query carries the board's filter), and the board's calendar feed, which a phone calendar reads
// with the board's feed token because it cannot sign in (`GET …/calendar.ics?token=`).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  EXPORT_VIEWS,
  isPeriodCadence,
  emptyFilters,
  filterTasks,
  filtersFromQuery,
  parsePeriod,
  periodInSentence,
  periodOf,
  type Board,
  type BoardSnapshot,
  type ExportView,
  type ExporterOptions,
  type MeetingSnapshot,
  type PeriodCadence,
  type Task,
} from '@dondoc/shared';
import { Slicer } from '../workers/snapshot-wire.ts';
import type { Services } from '../deps.ts';
import type { PluginRecord } from '../plugins/host.ts';
import type { ExporterDescription } from '../plugins/contributions.ts';
import { apiError, notFound, operationError, parseOr400 } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, requireCan, viaOf } from '../auth/access.ts';
import { minutesOf } from '../meeting-minutes.ts';
import { acceptsGzip } from './boards.ts';

/** Tasks checked and filtered between two looks at the clock while a snapshot is built. */
const SNAPSHOT_SLICE_TASKS = 250;

/** Longest board name kept whole in a file name; longer titles are cut at a word. */
const SHORT_NAME_MAX = 60;
/** Words a cut title must not end on: "… Nghị quyết số", "… của", "… và". */
const DANGLING = /\s+(số|ngày|của|và|về|các|cho|tại|theo|trên|đến|với|năm|tháng|quý|giai đoạn)$/iu;
/** A plan's document kind at the start of its title, kept before the number when the title is too long. */
const DOCUMENT_KIND = /^(kế hoạch|chương trình hành động|chương trình|đề án|quyết định|nghị quyết|báo cáo|công văn|thông báo)\b/iu;

const safe = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/[\\/]+/g, '-')
    .replace(/[:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The board's short name for file names: its title when short; else the plan's kind and number
 * ("Kế hoạch 44-KH-UBND") when the plan has a number; else the title cut at a word boundary, never
 * inside a word and never on a dangling "số", "của" or "và".
 */
export function boardShortName(board: Pick<Board, 'title' | 'plan'>): string {
  const title = safe(board.title);
  if (title.length <= SHORT_NAME_MAX) return title || 'bang';
  const number = safe(board.plan?.number ?? '');
  const kind = DOCUMENT_KIND.exec(title)?.[1];
  // Only a real number ("44/KH-UBND"), not the blank a draft leaves ("   /KH-BCĐ").
  if (/^\d/.test(number) && kind) return `${kind} ${number}`;
  let cut = title.slice(0, SHORT_NAME_MAX + 1);
  // Back to the last space unless the cut already falls between two words.
  cut = /\s/.test(cut[SHORT_NAME_MAX] ?? ' ') ? cut.slice(0, SHORT_NAME_MAX) : cut.slice(0, cut.lastIndexOf(' '));
  for (let prev = ''; prev !== cut; ) {
    prev = cut;
    cut = cut.replace(/[\s,;.\-–(]+$/u, '').replace(DANGLING, '');
  }
  return cut || title.slice(0, SHORT_NAME_MAX);
}

/** A file name: the document's name (and period) when the exporter has one, the board's short name, then the date. */
export function exportFilename(board: Pick<Board, 'title' | 'plan'>, today: string, extension: string, document?: { name?: string; period?: string }): string {
  const prefix = [document?.name, document?.period].filter(Boolean).map((p) => safe(p!)).join(' ');
  return `${prefix ? `${prefix} - ` : ''}${boardShortName(board)} ${today}.${extension.replace(/^\./, '')}`;
}

/** RFC 6266/5987: an ASCII fallback for old clients plus the UTF-8 name. */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (d) => (d === 'đ' ? 'd' : 'D')).replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** An exporter's options with the defaults filled in, as the menu offers them. */
export interface ResolvedExporterOptions {
  views: ExportView[];
  periods: PeriodCadence[];
  agency: boolean;
  /** API 1.3: the export is one meeting's (its minutes), offered from the meeting rather than the board's menu. */
  meeting: boolean;
}

export function resolveOptions(options: ExporterOptions | undefined): ResolvedExporterOptions {
  const views = (options?.views ?? EXPORT_VIEWS).filter((v): v is ExportView => (EXPORT_VIEWS as readonly string[]).includes(v));
  const periods = (options?.periods ?? []).filter(isPeriodCadence);
  return { views: views.length > 0 ? [...new Set(views)] : [...EXPORT_VIEWS], periods: [...new Set(periods)], agency: options?.agency === true, meeting: options?.meeting === true };
}

/** One entry of the export menu. */
export interface ExportMenuEntry {
  plugin: string;
  id: string;
  label: string;
  /** API 1.5: the label in English, when the plugin gives one. */
  labelEn?: string;
  extension: string;
  mediaType: string;
  description: string;
  /** API 1.5: the description in English, when the plugin gives one. */
  descriptionEn?: string;
  options: ResolvedExporterOptions;
}

/** The export menu of a board: every exporter with its options, and the calendar feed's path when it is on. */
export interface ExportMenu {
  exporters: ExportMenuEntry[];
  /** The period cadence the board's reporting rhythm names (a report menu starts there), if any. */
  rhythm: PeriodCadence | null;
  /** `/api/boards/:boardId/calendar.ics?token=…` when the feed is on, else null. */
  calendarPath: string | null;
  /** Whether an exporter that writes calendars is loaded (the feed needs one). */
  calendarAvailable: boolean;
}

/** The choices of an export link beside the filter: which tasks, which period, which agency. */
export const ExportChoicesQuery = z.object({
  view: z.enum(EXPORT_VIEWS).optional(),
  period: z.string().max(20).optional(),
  agency: z.string().min(1).max(300).optional(),
  /** API 1.3: the meeting whose minutes a meeting exporter writes. */
  meeting: z.string().min(1).max(100).optional(),
});

const CALENDAR_MEDIA = /^text\/calendar\b/i;

const calendarPath = (boardId: string, token: string): string => `/api/boards/${encodeURIComponent(boardId)}/calendar.ics?token=${encodeURIComponent(token)}`;

/** Compares a presented feed token with the stored one in constant time. */
function tokenMatches(presented: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origin the browser used, so links in a file point back to this server. */
const appUrlOf = (c: Context): string => new URL(c.req.url).origin;

/** The board by id alone: only for the calendar feed, which its token (not a session) opens. */
async function boardOr404(s: Services, boardId: string): Promise<Board> {
  const board = await s.repository.getBoard(boardId);
  if (!board) throw notFound('bảng', boardId, 'Board', 'boardId');
  return board;
}

/** The cadence a board's reporting rhythm names, if it is one a report can be made for. */
function rhythmCadence(board: Board): PeriodCadence | null {
  for (const r of board.rhythm) if (isPeriodCadence(r.cadence)) return r.cadence;
  return null;
}

/** Builds the snapshot an exporter gets: the chosen view's tasks (the board's filter applied server-side), period and agency. */
async function snapshotFor(
  s: Services,
  board: Board,
  query: Record<string, string>,
  options: ResolvedExporterOptions,
  appUrl: string,
): Promise<BoardSnapshot> {
  const choices = parseOr400(ExportChoicesQuery, query);
  const view: ExportView = choices.view ?? options.views[0]!;
  if (!options.views.includes(view))
    throw apiError(400, { code: 'bad-request', field: 'view', message: `Trình xuất này không xuất được "${view}"`, messageEn: `This exporter does not offer the view "${view}"` });
  const today = s.config.today();
  let period = choices.period ? parsePeriod(choices.period) : undefined;
  if (choices.period && !period)
    throw apiError(400, {
      code: 'bad-request',
      field: 'period',
      message: `Trường "period": kỳ báo cáo "${choices.period}" phải có dạng 2025-12 (tháng), 2025-W50 (tuần), 2025-Q4 (quý), 2025-H2 (6 tháng) hoặc 2025 (năm)`,
      messageEn: `Field "period": "${choices.period}" must look like 2025-12, 2025-W50, 2025-Q4, 2025-H2 or 2025`,
    });
  if (period && !options.periods.includes(period.cadence))
    throw apiError(400, { code: 'bad-request', field: 'period', message: `Trình xuất này không làm báo cáo theo kỳ "${period.key}"`, messageEn: `This exporter does not report by the period "${period.key}"` });
  // A report needs a period: the current one of the board's rhythm (or the first offered) when none was chosen.
  if (!period && options.periods.length > 0) {
    const rhythm = rhythmCadence(board);
    period = periodOf(today, rhythm && options.periods.includes(rhythm) ? rhythm : options.periods[0]!);
  }
  // A meeting exporter writes one meeting: its minutes, and the tasks it reviewed or concluded on.
  let meeting: MeetingSnapshot | undefined;
  if (options.meeting) {
    if (!choices.meeting)
      throw apiError(400, { code: 'bad-request', field: 'meeting', message: 'Trường "meeting": hãy chọn cuộc họp cần xuất thông báo kết luận', messageEn: 'Field "meeting": choose the meeting whose minutes to export' });
    const m = await s.repository.getRecord(board.id, 'meeting', choices.meeting);
    if (!m) throw notFound('cuộc họp', choices.meeting, 'Meeting', 'meeting');
    meeting = await minutesOf(s, board, m);
  }
  const all = [...((await s.repository.getTasks(board.id)) ?? [])];
  const filters = view === 'filter' ? filtersFromQuery(query) : emptyFilters();
  const inMinutes = meeting ? new Set([...meeting.conclusions.map((x) => x.task.id), ...meeting.reviewedOnly.map((t) => t.id)]) : undefined;
  const agency = options.agency ? choices.agency : undefined;
  // A few hundred tasks at a time with a turn for other requests between: at 10,000 tasks, checking and
  // filtering in one go holds the request thread past the 50 ms an export may stall others. Only the
  // kept tasks' checks are gathered: the request thread's garbage is the other requests' wait too.
  const tasks: Task[] = [];
  const checks: BoardSnapshot['checks'] = {};
  const slicer = new Slicer();
  for (let i = 0; i < all.length; i += SNAPSHOT_SLICE_TASKS) {
    const slice = all.slice(i, i + SNAPSHOT_SLICE_TASKS);
    const sliceChecks = await s.payloads.checksFor(board, slice);
    for (const t of filterTasks(slice, filters, { today, failed: (t) => (sliceChecks[t.id] ?? []).filter((c) => !c.pass) })) {
      if ((inMinutes && !inMinutes.has(t.id)) || (agency && !t.leads.includes(agency))) continue;
      tasks.push(t);
      const results = sliceChecks[t.id];
      if (results) checks[t.id] = results;
    }
    if (slicer.due) await slicer.turn();
  }
  return {
    board,
    tasks,
    checks,
    today,
    view: { scope: view, filters, boardTotal: all.length, ...(agency ? { agency } : {}) },
    ...(period ? { period } : {}),
    appUrl,
    // The audit trail's signed checkpoint, printed in reports so a second party can keep it.
    checkpoint: await s.repository.audit.checkpoint(),
    ...(meeting ? { meeting } : {}),
  };
}

/** Runs an exporter through the plugin guard and answers its bytes as a file. */
async function runExporter(
  c: Context,
  s: Services,
  found: { plugin: PluginRecord; contribution: ExporterDescription },
  snapshot: BoardSnapshot,
  disposition: 'attachment' | 'inline',
): Promise<Response> {
  const r = await s.plugins.export(found.plugin.id, found.contribution.id, snapshot, { gzip: acceptsGzip(c.req.header('Accept-Encoding')) });
  if (!r.ok) {
    (s.config.logError ?? console.error)(`[dondoc] ${r.error.messageEn}`, r.error.cause);
    throw apiError(500, { code: 'internal', field: 'exporter', message: r.error.messageVi, messageEn: r.error.messageEn });
  }
  const { bytes, gzipped } = r.value;
  const e = found.contribution;
  const filename = exportFilename(snapshot.board, snapshot.today, e.extension, { ...(e.documentName ? { name: e.documentName } : {}), ...(snapshot.period ? { period: periodInSentence(snapshot.period) } : {}) });
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': e.mediaType,
    'Content-Disposition': contentDisposition(filename, disposition),
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}),
  });
}

export const exportRoutes = (s: Services) => {
  const calendarExporter = () => s.plugins.all('exporters').find((e) => CALENDAR_MEDIA.test(e.contribution.mediaType));
  return new Hono<AuthEnv>()
    .get('/:boardId/exports', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'read', 'Board');
      const board = a.board;
      const exporters = s.plugins.all('exporters').map(({ plugin, contribution: e }) => ({
        plugin: plugin.id,
        id: e.id,
        label: e.label,
        ...(e.labelEn ? { labelEn: e.labelEn } : {}),
        extension: e.extension,
        mediaType: e.mediaType,
        description: e.description ?? '',
        ...(e.descriptionEn ? { descriptionEn: e.descriptionEn } : {}),
        options: resolveOptions(e.options),
      }));
      const token = board.settings.calendarToken;
      return c.json<ExportMenu>({ exporters, rhythm: rhythmCadence(board), calendarPath: token ? calendarPath(board.id, token) : null, calendarAvailable: !!calendarExporter() });
    })
    .post('/:boardId/calendar-token', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'update', 'Board');
      const board = a.board;
      // 24 random bytes: 192 bits, unguessable, and short enough for a phone's subscription field.
      const token = randomBytes(24).toString('base64url');
      const r = await s.repository.apply({ type: 'board.update', boardId: board.id, patch: { settings: { calendarToken: token } }, actor: actorOf(a.user), via: viaOf(c), at: new Date().toISOString() });
      if (!r.ok) throw operationError(r.failure);
      return c.json({ calendarPath: calendarPath(board.id, token) }, 201);
    })
    .delete('/:boardId/calendar-token', async (c) => {
      const a = await boardAccess(c, s.repository, c.req.param('boardId'));
      requireCan(a, 'update', 'Board');
      // Revoking: every subscription made with the old token stops.
      const r = await s.repository.apply({ type: 'board.update', boardId: a.board.id, patch: { settings: { calendarToken: undefined } }, actor: actorOf(a.user), via: viaOf(c), at: new Date().toISOString() });
      if (!r.ok) throw operationError(r.failure);
      return c.json({ calendarPath: null });
    })
    .get('/:boardId/calendar.ics', async (c) => {
      const board = await boardOr404(s, c.req.param('boardId'));
      const token = c.req.query('token') ?? '';
      if (!tokenMatches(token, board.settings.calendarToken))
        throw apiError(403, {
          code: 'forbidden',
          field: 'token',
          message: 'Mã nguồn lịch không đúng hoặc đã bị thu hồi; hãy lấy đường dẫn mới trong menu Xuất của bảng',
          messageEn: 'The calendar feed token is wrong or was revoked; get a new link from the board’s Export menu',
        });
      const found = calendarExporter();
      if (!found) throw apiError(404, { code: 'not-found', field: 'exporter', message: 'Chưa nạp plugin xuất lịch (.ics)', messageEn: 'No calendar (.ics) exporter is loaded' });
      // The feed is the whole board (or one agency's tasks): a calendar has no filter bar.
      const agency = c.req.query('agency');
      const snapshot = await snapshotFor(s, board, { view: 'board', ...(agency ? { agency } : {}) }, { views: ['board'], periods: [], agency: true, meeting: false }, appUrlOf(c));
      return runExporter(c, s, found, snapshot, 'inline');
    })
    .get('/:boardId/export/:plugin/:exporter', async (c) => {
      const { boardId, plugin, exporter } = c.req.param();
      const a = await boardAccess(c, s.repository, boardId);
      const board = a.board;
      const found = s.plugins.exporter(plugin, exporter);
      if (!found)
        throw apiError(404, {
          code: 'not-found',
          field: 'exporter',
          message: `Không có trình xuất "${plugin}:${exporter}" (plugin chưa nạp hoặc không có trình xuất này)`,
          messageEn: `No exporter "${plugin}:${exporter}" (plugin not loaded or has no such exporter)`,
        });
      // A meeting's minutes are for everyone who may read the meeting (leaders included); other documents need the export right.
      if (found.contribution.options?.meeting) requireCan(a, 'read', 'Meeting');
      else requireCan(a, 'export', 'Board');
      const snapshot = await snapshotFor(s, board, c.req.query(), resolveOptions(found.contribution.options), appUrlOf(c));
      return runExporter(c, s, found, snapshot, 'attachment');
    });
};
