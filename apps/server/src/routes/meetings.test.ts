// Leaders' routes in-process against real plugins: a meeting created, a task marked "đã xem xét", a
// conclusion with a new deadline recorded in the meeting, its minutes on screen and as the .docx the
// export plugin writes (read back from its XML), who may do what, refusals that name the field; the
// dashboard's numbers and an indicator reading; the daily counts recorded once a day.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import JSZip from 'jszip';
import { indicatorKey, type ApiError, type Board, type IndicatorReading, type Meeting, type MeetingSnapshot } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import { recordDailyCounts } from '../daily-counts.ts';
import type { BoardDashboardAnswer, OverviewAnswer, ProvinceAnswer } from './dashboard.ts';
import type { TaskAnswer } from './tasks.ts';
import { boardOf, type DecodedBoard } from '../testing/payload.ts';

const TODAY = '2025-12-10';
let plugins: PluginHost;
let store: LowdbStore;
let app: ReturnType<typeof createApp>;
const cleanups: Array<() => Promise<void>> = [];
const cookies: Record<string, string> = {};
let today = TODAY;

beforeAll(async () => {
  plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'plugins'), timeoutMs: 20_000 });
});
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
  await plugins.close();
});
beforeEach(async () => {
  const t = await tempDir();
  const opened = await LowdbStore.open({ dir: t.dir });
  store = opened;
  cleanups.push(async () => {
    await opened.close().catch(() => {});
    await t.cleanup();
  });
  today = TODAY;
  app = createApp({ repository: store, plugins, config: { today: () => today, todayPinned: TODAY, webDist: null } });
  await seedUsers(store);
  for (const login of ['thuongtruc', 'donvi', 'lanhdao', 'xem']) cookies[login] = await sessionCookie(app, login);
});

type Who = 'thuongtruc' | 'donvi' | 'lanhdao' | 'xem';
const send = (who: Who, method: string, path: string, body?: unknown) =>
  app.request(path, { method, headers: { Cookie: cookies[who]!, Origin: 'http://localhost', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await res).json() as Promise<T>;
const err = async (res: Response) => ((await res.json()) as ApiError).error;

async function laoCai(template = 'template-lao-cai:q4-2025'): Promise<{ board: Board; payload: DecodedBoard }> {
  const board = await json<Board>(send('thuongtruc', 'POST', '/api/boards', { template }));
  return { board, payload: boardOf(await json<unknown>(send('thuongtruc', 'GET', `/api/boards/${board.id}`))) };
}

describe('meetings', () => {
  it('a leader holds a meeting: marks a task reviewed, records a conclusion with a new deadline, and the minutes (screen and .docx) hold it', async () => {
    const { board, payload } = await laoCai();
    const created = await send('lanhdao', 'POST', `/api/boards/${board.id}/meetings`, { title: 'Ban Chỉ đạo tháng 12/2025', date: TODAY, chair: 'đồng chí Lê Quang Huy', attendees: ['Sở Khoa học và Công nghệ'], filter: { track: 'khcn-cds' } });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as Meeting;
    expect(meeting).toMatchObject({ version: 1, reviewed: [], agenda: 'track', createdBy: { name: 'Lê Quang Huy' } });
    const [a, b] = payload.tasks.filter((t) => t.track === 'khcn-cds');
    const marked = await json<Meeting>(send('lanhdao', 'POST', `/api/boards/${board.id}/meetings/${meeting.id}/review`, { taskId: b!.id }));
    expect(marked.reviewed.map((r) => r.taskId)).toEqual([b!.id]);
    const concluded = await send('lanhdao', 'POST', `/api/boards/${board.id}/tasks/${a!.id}/conclusions`, { text: 'Hoàn thành trước Tết', newDue: '2026-01-31', followUp: 'Văn phòng UBND tỉnh', meetingId: meeting.id });
    expect(concluded.status).toBe(201);
    expect(((await concluded.json()) as TaskAnswer).task.extensions.at(-1)).toMatchObject({ due: '2026-01-31' });

    const minutes = await json<MeetingSnapshot>(send('xem', 'GET', `/api/boards/${board.id}/meetings/${meeting.id}/minutes`));
    expect(minutes.conclusions.map((c) => [c.task.id, c.conclusion.text])).toEqual([[a!.id, 'Hoàn thành trước Tết']]);
    expect(minutes.reviewedOnly.map((t) => t.id)).toEqual([b!.id]);

    // A viewer downloads the minutes: no export right on the board, but it reads the meeting.
    expect((await send('xem', 'GET', `/api/boards/${board.id}/export/export-docx/thong-bao-ket-luan?meeting=${meeting.id}`)).status).toBe(200);
    const docx = await send('lanhdao', 'GET', `/api/boards/${board.id}/export/export-docx/thong-bao-ket-luan?meeting=${meeting.id}`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20lu%E1%BA%ADn');
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Kết luận: Hoàn thành trước Tết. Gia hạn thời hạn hoàn thành đến ngày 31/01/2026');
    expect(text).toContain('Giao Văn phòng UBND tỉnh theo dõi, đôn đốc.');
    expect(text).toContain(b!.content);

    const missing = await send('lanhdao', 'GET', `/api/boards/${board.id}/export/export-docx/thong-bao-ket-luan`);
    expect(missing.status).toBe(400);
    expect((await err(missing)).field).toBe('meeting');
    // Closing the meeting: no more marks.
    await send('lanhdao', 'PATCH', `/api/boards/${board.id}/meetings/${meeting.id}`, { version: marked.version, closed: true });
    const late = await send('lanhdao', 'POST', `/api/boards/${board.id}/meetings/${meeting.id}/review`, { taskId: a!.id });
    expect(late.status).toBe(400);
    expect((await err(late)).field).toBe('meetingId');
  });

  it('units and viewers cannot hold meetings; bad input is a 400 naming the field in Vietnamese; a stale edit is refused', async () => {
    const { board } = await laoCai();
    expect((await send('donvi', 'POST', `/api/boards/${board.id}/meetings`, { title: 'x', date: TODAY })).status).toBe(403);
    expect((await send('xem', 'POST', `/api/boards/${board.id}/meetings`, { title: 'x', date: TODAY })).status).toBe(403);
    const bad = await send('thuongtruc', 'POST', `/api/boards/${board.id}/meetings`, { title: 'Họp', date: '10/12/2025' });
    expect(bad.status).toBe(400);
    expect(await err(bad)).toMatchObject({ field: 'date', message: expect.stringContaining('Ngày họp') });
    const m = await json<Meeting>(send('thuongtruc', 'POST', `/api/boards/${board.id}/meetings`, { title: 'Họp', date: TODAY, agenda: 'agency' }));
    expect((await send('thuongtruc', 'PATCH', `/api/boards/${board.id}/meetings/${m.id}`, { version: 1, chair: 'A' })).status).toBe(200);
    const stale = await send('thuongtruc', 'PATCH', `/api/boards/${board.id}/meetings/${m.id}`, { version: 1, chair: 'B' });
    // The same 409 as a stale task edit: someone else changed it.
    expect(stale.status).toBe(409);
    expect(await err(stale)).toMatchObject({ code: 'conflict', field: 'version' });
    expect((await send('thuongtruc', 'POST', `/api/boards/${board.id}/meetings/${m.id}/review`, { taskId: 'nope' })).status).toBe(404);
    expect((await json<Meeting[]>(send('xem', 'GET', `/api/boards/${board.id}/meetings`))).map((x) => x.id)).toEqual([m.id]);
  });
});

describe('dashboards', () => {
  it('counts a board as its tasks stand today, by track and agency; indicators take readings from their owner only', async () => {
    const { board, payload } = await laoCai('template-lao-cai:2026');
    const answer = await json<BoardDashboardAnswer>(send('lanhdao', 'GET', `/api/boards/${board.id}/dashboard`));
    expect(answer.dashboard.total).toBe(payload.tasks.length);
    expect(answer.dashboard.byTrack.reduce((n, t) => n + t.total, 0)).toBe(payload.tasks.length);
    expect(answer.canRecord).toBe(false);
    // The figures are kept per store change: a move is counted at the next read.
    const open = payload.tasks.find((t) => t.column === 'todo' && t.deadline.due)!;
    const doing = (d: BoardDashboardAnswer) => d.dashboard.counts['doing-on-time'] + d.dashboard.counts['doing-late'];
    expect((await send('thuongtruc', 'POST', `/api/boards/${board.id}/tasks/${open.id}/move`, { version: open.version, track: open.track, column: 'doing', afterId: null })).status).toBe(200);
    expect(doing(await json<BoardDashboardAnswer>(send('lanhdao', 'GET', `/api/boards/${board.id}/dashboard`)))).toBe(doing(answer) + 1);
    const indicator = payload.board.indicators[0]!;
    const key = indicatorKey(indicator);
    expect((await send('lanhdao', 'POST', `/api/boards/${board.id}/indicators/readings`, { indicator: key, value: 71, asOf: TODAY })).status).toBe(403);
    const bad = await send('thuongtruc', 'POST', `/api/boards/${board.id}/indicators/readings`, { indicator: key, value: 'nhiều', asOf: TODAY });
    expect(bad.status).toBe(400);
    expect((await err(bad)).field).toBe('value');
    const unknown = await send('thuongtruc', 'POST', `/api/boards/${board.id}/indicators/readings`, { indicator: '99|Không có', value: 1, asOf: TODAY });
    expect((await err(unknown)).field).toBe('indicator');
    const r = await send('thuongtruc', 'POST', `/api/boards/${board.id}/indicators/readings`, { indicator: key, value: 71.5, note: 'Theo báo cáo của Viettel', asOf: TODAY });
    expect(r.status).toBe(201);
    expect((await r.json()) as IndicatorReading).toMatchObject({ value: 71.5, by: { name: 'Nguyễn Thị Thu Hà' } });
    const after = await json<BoardDashboardAnswer>(send('thuongtruc', 'GET', `/api/boards/${board.id}/dashboard`));
    expect(after.canRecord).toBe(true);
    expect(after.dashboard.indicators[0]).toMatchObject({ target: '≥ 70', targetValue: 70, current: { value: 71.5 }, met: true });
  });

  it('rolls up every board the user can see, with the plan\'s work items beside their board; records each board\'s day once', async () => {
    const one = await laoCai('template-lao-cai:q4-2025');
    const two = await laoCai('template-lao-cai:2026');
    const overview = await json<OverviewAnswer>(send('xem', 'GET', '/api/dashboard'));
    expect(overview.boards.map((b) => b.id).sort()).toEqual([one.board.id, two.board.id].sort());
    expect(overview.dashboard.total).toBe(one.payload.tasks.length + two.payload.tasks.length);
    const province = await json<ProvinceAnswer>(send('xem', 'GET', '/api/province'));
    expect(province.boards.find((b) => b.id === one.board.id)).toMatchObject({ total: one.payload.tasks.length, province: expect.any(String) });
    expect(province.workItems.filter((w) => w.boardId === two.board.id)).toHaveLength(two.payload.board.workItems.length);
    expect(province.workItems.filter((w) => w.boardId === one.board.id)[0]).toMatchObject({ boardTitle: one.board.title });

    expect(await recordDailyCounts({ repository: store, config: { today: () => today } })).toBe(2);
    expect(await recordDailyCounts({ repository: store, config: { today: () => today } })).toBe(0);
    today = '2025-12-11';
    expect(await recordDailyCounts({ repository: store, config: { today: () => today } })).toBe(2);
    const trend = (await json<BoardDashboardAnswer>(send('xem', 'GET', `/api/boards/${one.board.id}/dashboard`))).dashboard.trend;
    expect(trend.map((p) => [p.date, p.live ?? false])).toEqual([
      ['2025-12-10', false],
      ['2025-12-11', true],
    ]);
  });
});
