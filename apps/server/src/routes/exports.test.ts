// The export routes in-process with the real exporter plugins: the board's filter applied on the
// server exactly as the web app applies it, the view/period/agency choices and their 400s, file
// names cut at words, and the calendar feed behind its token.
import { boardOf, type DecodedBoard } from '../testing/payload.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PERIOD_CADENCES, filterTasks, filtersFromQuery, parseCsv, periodInSentence, periodOf, type ApiError, type PeriodCadence, type Board } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import { boardShortName, exportFilename, type ExportMenu } from './exports.ts';

let plugins: PluginHost;
let store: LowdbStore;
let app: ReturnType<typeof createApp>;
const cleanups: Array<() => Promise<void>> = [];
const TODAY = '2025-12-10';

beforeAll(async () => {
  plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'plugins'), timeoutMs: 20_000 });
}, 60_000);
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});
beforeEach(async () => {
  const { dir, cleanup } = await tempDir();
  const opened = await LowdbStore.open({ dir });
  store = opened;
  cleanups.push(async () => {
    await opened.close().catch(() => {});
    await cleanup();
  });
  app = createApp({ repository: store, plugins, config: { today: () => TODAY, todayPinned: TODAY, webDist: null } });
  await seedUsers(store);
  cookie = await sessionCookie(app, 'thuongtruc');
});

/** The coordinator's requests; the calendar feed alone is fetched without a session (a phone has none). */
let cookie = '';
const call = (path: string, init: RequestInit = {}) => app.request(path, { ...init, headers: { Cookie: cookie, Origin: 'http://localhost', ...(init.headers as Record<string, string> | undefined) } });

const err = async (res: Response) => ((await res.json()) as ApiError).error;

async function laoCai(): Promise<DecodedBoard> {
  const res = await call('/api/boards', { method: 'POST', body: JSON.stringify({ template: 'template-lao-cai:q4-2025' }), headers: { 'Content-Type': 'application/json' } });
  expect(res.status).toBe(201);
  const board = (await res.json()) as Board;
  return boardOf(await (await call(`/api/boards/${board.id}`)).json());
}

/** The ids of the tasks a CSV export holds, in order. */
async function csvIds(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  const rows = parseCsv(await res.text());
  const id = rows[0]!.indexOf('Mã');
  return rows.slice(1).map((r) => r[id]!);
}

describe('file names', () => {
  it('keep a short title whole and name the document and period', () => {
    expect(exportFilename({ title: 'Lào Cai Q4/2025' }, TODAY, 'csv')).toBe('Lào Cai Q4-2025 2025-12-10.csv');
    expect(exportFilename({ title: 'Lào Cai Q4/2025' }, TODAY, '.docx', { name: 'Báo cáo tiến độ', period: 'tháng 12/2025' })).toBe('Báo cáo tiến độ tháng 12-2025 - Lào Cai Q4-2025 2025-12-10.docx');
  });
  it('name a long plan by its kind and number', () => {
    expect(boardShortName({ title: 'Kế hoạch triển khai các nhiệm vụ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị', plan: { title: '', issuer: '', number: '44/KH-UBND', province: '' } })).toBe('Kế hoạch 44-KH-UBND');
  });
  it('cut any long title at a word, never inside one and never on a dangling "số"/"của"', () => {
    const words = ['Kế', 'hoạch', 'chuyển', 'đổi', 'số', 'của', 'Ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'Lào', 'Cai', 'năm', '2026', 'và', 'các', 'năm', 'tiếp', 'theo,', 'giai', 'đoạn'];
    for (let seed = 1; seed <= 300; seed++) {
      let x = seed;
      const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
      const title = Array.from({ length: 12 + (seed % 15) }, () => words[next() % words.length]).join(' ');
      const short = boardShortName({ title });
      expect(short.length).toBeLessThanOrEqual(60);
      expect(title.startsWith(short), `${title} → ${short}`).toBe(true);
      // The next character of the title is a word boundary (or the end).
      expect(title.length === short.length || /[\s,]/.test(title[short.length]!), `${title} → ${short}`).toBe(true);
      // A title short enough is kept whole; a cut one never ends on a word that needs the next.
      if (short !== title) expect(short).not.toMatch(/\s(số|của|và|các|năm)$/u);
    }
  });
});

describe('GET /api/boards/:boardId/export/:plugin/:exporter', () => {
  it('exports what the board filter shows, computed as the web app computes it', async () => {
    const payload = await laoCai();
    const id = payload.board.id;
    const failed = (t: { id: string }) => payload.failures[t.id] ?? [];
    for (const query of ['track=cchc', 'time=late', 'lead=C%C3%B4ng%20an%20t%E1%BB%89nh', 'q=so%20khcn', 'fail=ro-nguoi&track=khcn-cds', 'track=de-an-06&time=on-time']) {
      const expected = filterTasks(payload.tasks, filtersFromQuery(Object.fromEntries(new URLSearchParams(query))), { today: TODAY, failed }).map((t) => t.id);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(payload.tasks.length);
      expect(await csvIds(await call(`/api/boards/${id}/export/export-csv/csv?${query}`)), query).toEqual(expected);
    }
    // view=board ignores the filter; no query exports the whole board.
    expect(await csvIds(await call(`/api/boards/${id}/export/export-csv/csv?track=cchc&view=board`))).toHaveLength(49);
    expect(await csvIds(await call(`/api/boards/${id}/export/export-csv/csv`))).toHaveLength(49);
  });

  it('gzips a document written as text for a client that takes gzip, and only text', async () => {
    const payload = await laoCai();
    const url = `/api/boards/${payload.board.id}/export/export-csv/csv?view=board`;
    const plain = await call(url);
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const written = Buffer.from(await plain.arrayBuffer());
    expect(written.toString('utf8')).toContain('Nội dung');
    const zipped = await call(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(zipped.headers.get('Vary')).toContain('Accept-Encoding');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(Number(zipped.headers.get('Content-Length'))).toBe(bytes.byteLength);
    expect(bytes.byteLength).toBeLessThan(written.byteLength / 2);
    expect(gunzipSync(bytes).equals(written)).toBe(true);
    // gzip refused by its weight, and a binary format: as written.
    expect((await call(url, { headers: { 'Accept-Encoding': 'gzip;q=0' } })).headers.get('Content-Encoding')).toBeNull();
    const xlsx = await call(`/api/boards/${payload.board.id}/export/export-xlsx/xlsx?view=board`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('Content-Encoding')).toBeNull();
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('narrows to one lead agency when the exporter offers it', async () => {
    const payload = await laoCai();
    const agency = 'Công an tỉnh';
    const ids = await csvIds(await call(`/api/boards/${payload.board.id}/export/export-csv/csv?view=board&agency=${encodeURIComponent(agency)}`));
    expect(ids).toEqual(payload.tasks.filter((t) => t.leads.includes(agency)).map((t) => t.id));
  });

  it('answers 400 naming the field for a bad view, a bad period, or a period the exporter does not offer', async () => {
    const { board } = await laoCai();
    let res = await call(`/api/boards/${board.id}/export/export-csv/csv?view=all`);
    expect(res.status).toBe(400);
    expect(await err(res)).toMatchObject({ field: 'view' });
    res = await call(`/api/boards/${board.id}/export/export-docx/bao-cao?period=2025-13`);
    expect(res.status).toBe(400);
    expect(await err(res)).toMatchObject({ field: 'period', message: expect.stringContaining('kỳ báo cáo') });
    res = await call(`/api/boards/${board.id}/export/export-csv/csv?period=2025-12`);
    expect(res.status).toBe(400);
    expect(await err(res)).toMatchObject({ field: 'period' });
  });

  it('gives a report the period chosen, or the current one of the board’s rhythm, and names it in the file', async () => {
    const { board } = await laoCai();
    let res = await call(`/api/boards/${board.id}/export/export-docx/bao-cao?period=2025-Q4`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(res.headers.get('Content-Disposition')!.split("UTF-8''")[1]!)).toBe(`Báo cáo tiến độ quý IV-2025 - ${boardShortName(board)} 2025-12-10.docx`);
    res = await call(`/api/boards/${board.id}/export/export-pdf/bao-cao`);
    expect(res.status).toBe(200);
    const cadence = board.rhythm.map((r) => r.cadence).find((c): c is PeriodCadence => (PERIOD_CADENCES as readonly string[]).includes(c)) ?? 'weekly';
    const label = periodInSentence(periodOf(TODAY, cadence)).replace(/\//g, '-');
    expect(decodeURIComponent(res.headers.get('Content-Disposition')!.split("UTF-8''")[1]!)).toContain(label);
  });
});

describe('export menu and calendar feed', () => {
  it('lists every exporter with its options; the feed is off until turned on', async () => {
    const { board } = await laoCai();
    const menu = (await (await call(`/api/boards/${board.id}/exports`)).json()) as ExportMenu;
    const byId = Object.fromEntries(menu.exporters.map((e) => [`${e.plugin}:${e.id}`, e]));
    expect(Object.keys(byId)).toEqual(expect.arrayContaining(['export-csv:csv', 'export-docx:phu-luc', 'export-docx:bao-cao', 'export-xlsx:xlsx', 'export-pdf:phu-luc', 'export-pdf:bao-cao', 'export-ics:ics']));
    expect(byId['export-docx:bao-cao']!.options).toEqual({ views: ['board', 'filter'], periods: ['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'], agency: true, meeting: false });
    // The minutes are a meeting's: marked so, the web app offers them from the meeting, not this menu.
    expect(byId['export-docx:thong-bao-ket-luan']?.options.meeting).toBe(true);
    expect(byId['export-csv:csv']!.options).toMatchObject({ views: ['filter', 'board'], periods: [] });
    expect(menu.calendarPath).toBeNull();
    expect(menu.calendarAvailable).toBe(true);
    expect((await call('/api/boards/nope/exports')).status).toBe(404);
  });

  it('serves the feed to its token only; a new token revokes the old; off means off', async () => {
    const payload = await laoCai();
    const id = payload.board.id;
    expect((await app.request(`/api/boards/${id}/calendar.ics?token=`)).status).toBe(403);
    const on = await call(`/api/boards/${id}/calendar-token`, { method: 'POST' });
    expect(on.status).toBe(201);
    const { calendarPath } = (await on.json()) as { calendarPath: string };
    expect(calendarPath).toMatch(new RegExp(`^/api/boards/${id}/calendar\\.ics\\?token=[A-Za-z0-9_-]{32}$`));
    const menu = (await (await call(`/api/boards/${id}/exports`)).json()) as ExportMenu;
    expect(menu.calendarPath).toBe(calendarPath);

    const feed = await call(calendarPath);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    const text = await feed.text();
    const dated = payload.tasks.filter((t) => t.deadline.due || (t.deadline.cadence && t.deadline.cadence !== 'ongoing'));
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(dated.length);
    expect(text).toContain(`URL;VALUE=URI:http://localhost/boards/${id}?task=`);

    const agency = 'Công an tỉnh';
    const one = await (await call(`${calendarPath}&agency=${encodeURIComponent(agency)}`)).text();
    expect(one.match(/BEGIN:VEVENT/g)).toHaveLength(dated.filter((t) => t.leads.includes(agency)).length);

    const wrong = await app.request(`/api/boards/${id}/calendar.ics?token=${'x'.repeat(32)}`);
    expect(wrong.status).toBe(403);
    expect(await err(wrong)).toMatchObject({ field: 'token', message: expect.stringContaining('Mã nguồn lịch') });

    const rotated = (await (await call(`/api/boards/${id}/calendar-token`, { method: 'POST' })).json()) as { calendarPath: string };
    expect(rotated.calendarPath).not.toBe(calendarPath);
    expect((await call(calendarPath)).status).toBe(403);
    expect((await call(rotated.calendarPath)).status).toBe(200);

    expect((await call(`/api/boards/${id}/calendar-token`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(rotated.calendarPath)).status).toBe(403);
  });
});
