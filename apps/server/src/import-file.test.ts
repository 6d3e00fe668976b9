// POST /api/import/preview with files and pastes: the content decides the reader whatever the
// name says; a .docx through the real import-office plugin takes the user's mapping and track;
// hostile uploads (zip bombs, a million-row paste) get a Vietnamese 413 and the server keeps
// serving; unknown agencies resolved in the preview; a progress report matched onto its plan's
// board, written in one operation only when confirmed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Deflate, strToU8, zipSync } from 'fflate';
import { encodeCsv, type ApiError, type Board, type Plan, type ReportMatchResult, type Task } from '@dondoc/shared';
import type { TableReport } from '@dondoc/shared/import/tables';
import { buildDocx, buildXlsx, readSeed, seedTable } from '@dondoc/plugin-import-office/fixtures';
import { MAX_ENTRY_INFLATED } from '@dondoc/plugin-import-office/zip-guard';
import { createApp } from './app.ts';
import { JOURNAL_DIR, LowdbStore } from './store/lowdb-store.ts';
import { PluginHost } from './plugins/host.ts';
import { REPO_ROOT } from './paths.ts';
import { tempDir } from './testing/fixtures.ts';
import { seedUsers, sessionCookie } from './testing/users.ts';

const SEED = '000_90562d8295c9ca09.txt';
const ODD_LEAD = 'Đơn vị làm đầu mối';
const HEADING = ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH'];

interface Preview {
  plan: Plan;
  form: string;
  tables: TableReport[];
  sheets?: string[];
}

let store: LowdbStore;
let dataDir = '';
let cleanup: () => Promise<void>;
let docxBase64 = '';
let office: PluginHost;

const appWith = (plugins: PluginHost) => createApp({ repository: store, plugins, config: { today: () => '2025-11-20', todayPinned: '2025-11-20', webDist: join(REPO_ROOT, 'nonexistent') } });
/** Requests as the coordinator: the demo users are created once per store, a session per app. */
let seeded = false;
const cookies = new WeakMap<object, string>();
const request = async (app: ReturnType<typeof createApp>, path: string, body: unknown) => {
  if (!seeded) {
    await seedUsers(store);
    seeded = true;
  }
  let cookie = cookies.get(app);
  if (!cookie) cookies.set(app, (cookie = await sessionCookie(app, 'thuongtruc')));
  return app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Cookie: cookie } });
};
const post = (app: ReturnType<typeof createApp>, body: unknown) => request(app, '/api/import/preview', body);
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;

/** Plugin folders around hand-written importer modules (plugins run in their own threads, so they are files). */
async function importerPlugins(modules: Record<string, string>): Promise<PluginHost> {
  const tmp = await tempDir();
  cleanups.push(tmp.cleanup);
  for (const [id, code] of Object.entries(modules)) {
    await mkdir(join(tmp.dir, id));
    const pkg = { name: `@dondoc/plugin-${id}`, version: '0.0.1', type: 'module', engines: { dondoc: '^1.1.0' }, dondoc: { entry: 'index.js', displayName: id, provides: ['importers'] } };
    await writeFile(join(tmp.dir, id, 'package.json'), JSON.stringify(pkg));
    await writeFile(join(tmp.dir, id, 'index.js'), code);
  }
  const host = await PluginHost.load({ pluginsDir: tmp.dir });
  cleanups.push(() => host.close());
  return host;
}
const cleanups: Array<() => Promise<void>> = [];
async function officePlugin(): Promise<PluginHost> {
  const host = await PluginHost.load({ extra: [join(REPO_ROOT, 'plugins/import-office')] });
  cleanups.push(() => host.close());
  return host;
}

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  dataDir = tmp.dir;
  store = await LowdbStore.open({ dir: tmp.dir });
  office = await officePlugin();
  // Lào Cai Q4/2025 Phụ lục II retyped in Word with the lead column under a header no plan synonym matches.
  const seed = seedTable(SEED, 'Phụ lục II');
  const header = seed.rows[0]!.cells.map((c) => (c.includes('Cơ quan chủ trì') ? ODD_LEAD : c));
  const odd = { ...seed, rows: [{ ...seed.rows[0]!, cells: header }, ...seed.rows.slice(1)] };
  const lines = readSeed(SEED).split('\n');
  const body = lines.slice(0, lines.findIndex((l) => l.includes('\t'))).map((l) => l.replace(/[#*]/g, '').trim()).filter(Boolean);
  docxBase64 = b64(await buildDocx(odd, HEADING, body));
});
afterAll(async () => {
  await store.close();
  await cleanup();
  for (const c of cleanups) await c();
});

describe('POST /api/import/preview with a file', () => {
  it('reads a .docx into table reports, names the column it cannot place, and re-reads it with the mapping fix and a track', async () => {
    const app = appWith(office);
    const file = { filename: 'Lào Cai Q4.docx', base64: docxBase64 };

    let res = await post(app, { file });
    expect(res.status).toBe(200);
    let preview = (await res.json()) as Preview;
    // No internal names: the form is the file's kind, not the plugin's address.
    expect(preview.form).toBe('docx');
    expect(preview.tables).toHaveLength(1);
    expect(preview.tables[0]).toMatchObject({ title: 'Phụ lục II', kind: 'tasks', track: 'cchc', count: 14 });
    expect(preview.tables[0]!.headers[3]).toBe(ODD_LEAD);
    expect(preview.tables[0]!.mapping[3]).toBe('ignore');
    expect(preview.plan.tasks).toHaveLength(14);
    expect(preview.plan.tasks.every((t) => t.leads.length === 0)).toBe(true);
    expect(preview.plan.warnings.filter((w) => w.field === 'leads')).toHaveLength(14);
    expect(preview.plan.warnings.filter((w) => w.code === 'unknown-column').map((w) => w.subject)).toEqual([ODD_LEAD]);
    // The body paragraphs still give the plan its metadata, as the plugin's own import does.
    expect(preview.plan.title).toMatch(/^Kế hoạch hoạt động Quý IV năm 2025/);

    res = await post(app, { file, mapping: { '0': { '3': 'leads' } }, trackBySection: { 'Phụ lục II': 'de-an-06' } });
    expect(res.status).toBe(200);
    preview = (await res.json()) as Preview;
    expect(preview.tables[0]!.mapping[3]).toBe('leads');
    expect(preview.tables[0]!.track).toBe('de-an-06');
    expect(preview.plan.warnings).toEqual([]);
    expect(preview.plan.tasks[0]).toMatchObject({ track: 'de-an-06', leads: ['Sở Nội vụ'] });
    expect(await store.listBoards()).toEqual([]);
  });

  it('reads the sheet the user asked for and lists the sheets for a picker; refuses a missing sheet in the plugin\'s words, without its id', async () => {
    const app = appWith(office);
    const base64 = b64(await buildXlsx(seedTable(SEED, 'Phụ lục II'), HEADING));
    let res = await post(app, { file: { filename: 'kh.xlsx', base64, sheet: 'Nhiệm vụ' } });
    expect(res.status).toBe(200);
    const preview = (await res.json()) as Preview;
    expect(preview).toMatchObject({ form: 'xlsx', sheets: ['Nhiệm vụ'], sheet: 'Nhiệm vụ' });
    expect(preview.tables[0]).toMatchObject({ title: 'Phụ lục II', count: 14 });
    res = await post(app, { file: { filename: 'kh.xlsx', base64, sheet: 'Phụ lục III' } });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ field: 'file', message: 'Không có trang tính "Phụ lục III"; tệp có: "Nhiệm vụ".' });
    expect(error.message).not.toContain('import-office');
  });

  it('reads every file as what it holds, whatever its name says', async () => {
    const app = appWith(office);
    const seed = seedTable(SEED, 'Phụ lục II');
    const docx = await buildDocx(seed, HEADING);
    const xlsx = await buildXlsx(seed, HEADING);
    const md = [...HEADING.map((h) => `**${h}**`), '', `| ${seed.rows[0]!.cells.join(' | ')} |`, `|${seed.rows[0]!.cells.map(() => '---').join('|')}|`, ...seed.rows.slice(1).map((r) => `| ${r.cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
    const csv = encodeCsv([...HEADING.map((h) => [h, ...seed.rows[0]!.cells.slice(1).map(() => '')]), ...seed.rows.map((r) => r.cells)], ';');
    const cases: Array<[string, Uint8Array | string, string, number]> = [
      ['ke-hoach.xlsx', docx, 'docx', 14],
      ['ke-hoach.docx', xlsx, 'xlsx', 14],
      ['bang.docx', md, 'markdown', 14],
      ['bang.xlsx', csv, 'csv', 14],
      ['ke-hoach.csv', readSeed(SEED), 'seed-text', 49],
      ['ke-hoach.md', readSeed('001_7445e7d735843406.txt'), 'pdf-text', 37],
      // An Excel paste saved as a file: tab-separated, a cell quoted across lines.
      ['bang.csv', ['PHỤ LỤC II', 'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời hạn', '1\t"- Rà soát TTHC\n- Công khai kết quả"\tSở Nội vụ\tQuý IV/2025', '2\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\t31/12/2025'].join('\n'), 'tsv', 2],
    ];
    for (const [filename, content, form, tasks] of cases) {
      const res = await post(app, { file: { filename, base64: b64(content) } });
      expect(res.status, filename).toBe(200);
      const preview = (await res.json()) as Preview;
      expect([filename, preview.form, preview.plan.tasks.length]).toEqual([filename, form, tasks]);
    }
    // The same holds for text sent as text: a "filename" is a title at most.
    const res = await post(app, { text: md, filename: 'bang.tsv' });
    expect(((await res.json()) as Preview).form).toBe('markdown');
    // A PDF is refused with what to do instead.
    const pdf = await post(app, { file: { filename: 'ke-hoach.docx', base64: b64('%PDF-1.7\n…') } });
    expect(pdf.status).toBe(415);
    expect((await errorOf(pdf)).message).toMatch(/^Tệp PDF chưa đọc trực tiếp được/);
  });

  it('keeps an importer without readTables working (plan only, no tables) and names a readTables that returns junk', async () => {
    const plan: Plan = { id: 'p', title: 'Kế hoạch cũ', issuer: '', number: '', province: '', sections: [], tasks: [], indicators: [], rhythm: [], roVariant: '5ro', warnings: [] };
    const app = appWith(
      await importerPlugins({
        old: `const plan = ${JSON.stringify(plan)};\nexport default { importers: [{ id: 'odt', label: 'ODT', extensions: ['odt'], import: () => plan }] };`,
        junk: `const plan = ${JSON.stringify(plan)};\nexport default { importers: [{ id: 'ods', label: 'ODS', extensions: ['ods'], import: () => plan, readTables: () => ({ tables: [{ title: 'x', rows: [{ cells: [1, 2] }] }] }) }] };`,
      }),
    );
    // A zip that is no Word or Excel file goes to the importer of its extension.
    const opendoc = b64(zipSync({ 'content.xml': strToU8('<office:document/>') }));
    let res = await post(app, { file: { filename: 'kh.odt', base64: opendoc }, mapping: { '0': { '1': 'leads' } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ form: 'odt', tables: [], plan: { title: 'Kế hoạch cũ' } });
    res = await post(app, { file: { filename: 'kh.ods', base64: opendoc } });
    expect(res.status).toBe(500);
    expect((await errorOf(res)).message).toBe('Plugin "junk" trả về bảng sai cấu trúc');
  });
});

describe('hostile uploads', () => {
  it('refuses a zip bomb with a Vietnamese 413 before any plugin unzips it, and keeps serving', async () => {
    const app = appWith(office);
    // word/document.xml inflating past the limit, its central directory claiming 1 KB.
    const chunk = strToU8('<w:p><w:r><w:t>Nội dung</w:t></w:r></w:p>'.repeat(25_000));
    const parts: Uint8Array[] = [];
    const deflate = new Deflate({ level: 1 }, (d) => parts.push(d));
    const repeat = Math.ceil((MAX_ENTRY_INFLATED + 4 * 1024 * 1024) / chunk.length);
    for (let i = 0; i < repeat; i++) deflate.push(chunk, i === repeat - 1);
    const data = Buffer.concat(parts);
    const bomb = zipSync({ 'word/document.xml': strToU8('<w:document/>') }, { level: 0 });
    // Swap the tiny entry's data for the bomb's, keeping the headers' small declared size.
    const zip = patchEntry(bomb, data);
    expect(zip.length).toBeLessThan(2 * 1024 * 1024);
    const res = await post(app, { file: { filename: 'ke-hoach.docx', base64: b64(zip) } });
    expect(res.status).toBe(413);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'too-large', field: 'file' });
    expect(error.message).toMatch(/^Tệp giải nén ra quá lớn/);
    expect((await app.request('/api/health')).status).toBe(200);
    expect(await store.listBoards()).toEqual([]);
  });

  it('refuses a pasted million-row CSV at once with a 413 naming the limit', async () => {
    const app = appWith(office);
    const text = `STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\n${'1,Việc,Sở Y tế,2025\n'.repeat(1_000_000)}`.slice(0, 10 * 1024 * 1024);
    const res = await post(app, { text });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).message).toMatch(/vượt giới hạn 200\.000 dòng/);
    // …and a CSV within the line limit but over the row limit.
    const rows = `STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\n${'1,Việc,Sở Y tế,2025\n'.repeat(25_000)}`;
    const tooMany = await post(app, { text: rows });
    expect(tooMany.status).toBe(413);
    expect((await errorOf(tooMany)).message).toMatch(/hơn 20\.000 dòng bảng/);
  });

  it('refuses an empty file with a 400 naming the file, not an evidence file', async () => {
    const res = await post(appWith(office), { file: { filename: 'ke-hoach.docx', base64: '' } });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ field: 'file.base64' });
    expect(error.message).toMatch(/^Trường "Tệp" \(file\.base64\)/);
  });
});

/** A stored (method 0) one-entry zip with its data replaced by deflated `data` (method 8), sizes left as declared. */
function patchEntry(zip: Uint8Array, data: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameLength = view.getUint16(26, true);
  const extra = view.getUint16(28, true);
  const start = 30 + nameLength + extra;
  const oldSize = view.getUint32(18, true);
  const out = new Uint8Array(zip.length - oldSize + data.length);
  out.set(zip.subarray(0, start), 0);
  out.set(data, start);
  out.set(zip.subarray(start + oldSize), start + data.length);
  const v = new DataView(out.buffer);
  v.setUint16(8, 8, true);
  v.setUint32(18, data.length, true);
  // Central directory: method, compressed size, offset of itself in the end record.
  const cd = start + data.length;
  v.setUint16(cd + 10, 8, true);
  v.setUint32(cd + 20, data.length, true);
  const eocd = out.length - 22;
  v.setUint32(eocd + 16, cd, true);
  return out;
}

describe('unknown agencies resolved in the preview', () => {
  it('a printed name mapped to a directory entry, or added as an agency, is known on every row; the board keeps the additions', async () => {
    const app = appWith(office);
    const text = [
      '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |',
      '|---|---|---|---|',
      '| 1 | Số hóa hồ sơ | Sở TTTT | Quý IV/2025 |',
      '| 2 | Cấp chữ ký số | Sở TTTT | Quý IV/2025 |',
      '| 3 | Thu hút đầu tư | Ban Quản lý khu kinh tế | Năm 2026 |',
    ].join('\n');
    let preview = (await (await post(app, { text })).json()) as Preview;
    expect(preview.plan.warnings.filter((w) => w.code === 'unknown-agency').map((w) => w.subject)).toEqual(['Sở TTTT', 'Ban Quản lý khu kinh tế']);
    const agencies = [
      { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở TTTT'], collective: false },
      { name: 'Ban Quản lý khu kinh tế', aliases: [], collective: false },
    ];
    preview = (await (await post(app, { text, agencies })).json()) as Preview;
    expect(preview.plan.warnings).toEqual([]);
    expect(preview.plan.tasks.map((t) => t.leads)).toEqual([['Sở Khoa học và Công nghệ'], ['Sở Khoa học và Công nghệ'], ['Ban Quản lý khu kinh tế']]);

    // A new board is created with the additions in its directory…
    const res = await request(app, '/api/boards/import', { plan: preview.plan, title: 'KH thử', agencies });
    expect(res.status).toBe(201);
    const board = (await res.json()) as Board;
    expect((await store.getBoard(board.id))!.agencies).toEqual(agencies);
    // …and a preview for that board knows them without sending them again, and offers them to map to.
    const again = (await (await post(app, { text, boardId: board.id })).json()) as Preview & { directory: string[] };
    expect(again.plan.warnings).toEqual([]);
    expect(again.directory).toEqual(expect.arrayContaining(['Ban Quản lý khu kinh tế', 'Sở Tư pháp']));
    expect(again.directory).not.toContain('Các sở, ban, ngành');
    // Appending to it carries new additions in the same write as the tasks.
    const more = await request(app, `/api/boards/${board.id}/import`, { tasks: [preview.plan.tasks[0]!], agencies: [{ name: 'Ban Quản lý khu kinh tế', aliases: ['BQL KKT'], collective: false }] });
    expect(more.status).toBe(201);
    expect((await store.getBoard(board.id))!.agencies[1]).toEqual({ name: 'Ban Quản lý khu kinh tế', aliases: ['BQL KKT'], collective: false });
    expect(await store.getTasks(board.id)).toHaveLength(4);
  });
});

describe('a progress report onto the board that holds its plan', () => {
  it('matches in the preview without writing, then writes statuses and notes in one operation', async () => {
    const app = appWith(office);
    const plan = (await (await post(app, { text: readSeed(SEED) })).json()) as Preview;
    const created = (await (await request(app, '/api/boards/import', { plan: plan.plan, title: 'Lào Cai Q4/2025' })).json()) as Board;
    const tasks = (await store.getTasks(created.id))!;
    const appendix = tasks.filter((t) => t.group[0] === 'Phụ lục III');
    // The unit's report on Phụ lục III: its own headers and column order, two statuses, one row the board does not have.
    const report = [
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
      'BÁO CÁO',
      'Kết quả thực hiện nhiệm vụ Đề án 06 tháng 11/2025',
      '',
      'PHỤ LỤC III',
      '',
      '| TT | Nhiệm vụ | Thời gian thực hiện | Cơ quan thực hiện | Tiến độ | Kết quả thực hiện |',
      '|---|---|---|---|---|---|',
      ...appendix.slice(0, 3).map((t, i) => `| ${t.ordinal} | ${t.content.replace(/\n/g, ' ').replace(/\|/g, '/')} | ${t.deadline.raw} | ${t.leadsText} | ${i === 0 ? 'Hoàn thành' : 'Đang thực hiện, chậm tiến độ'} | Kết quả ${i + 1} |`),
      '| 40 | Tổ chức giải chạy việt dã toàn tỉnh | Quý IV/2025 | Sở VHTTDL | Hoàn thành | Đã tổ chức |',
    ].join('\n');
    const read = (await (await post(app, { text: report, boardId: created.id })).json()) as Preview;
    expect(read.plan.kind).toBe('report');
    const revision = (await store.getBoard(created.id))!.revision;
    // Journal segments hold one line per operation.
    const journal = async () => {
      let n = 0;
      for (const f of await readdir(join(dataDir, JOURNAL_DIR))) n += (await readFile(join(dataDir, JOURNAL_DIR, f), 'utf8')).split('\n').filter(Boolean).length;
      return n;
    };
    const linesBefore = await journal();

    const match = (await (await request(app, `/api/boards/${created.id}/report/match`, { tasks: read.plan.tasks })).json()) as ReportMatchResult;
    expect(match.matched.map((m) => m.taskId)).toEqual(appendix.slice(0, 3).map((t) => t.id));
    expect(match.unmatched).toEqual([{ row: 3, reason: expect.stringContaining('Không có nhiệm vụ') }]);
    // Cancelling after the match leaves the board as it was: matching writes nothing.
    expect((await store.getBoard(created.id))!.revision).toBe(revision);
    expect(await journal()).toBe(linesBefore);

    const res = await request(app, `/api/boards/${created.id}/report`, { updates: match.matched.map((m) => m.update), source: read.plan.title });
    expect(res.status).toBe(200);
    const written = ((await res.json()) as { tasks: Task[] }).tasks;
    expect(written.map((t) => t.column)).toEqual(['done', 'doing', 'doing']);
    expect(await store.getTask(created.id, appendix[0]!.id)).toMatchObject({ column: 'done', completedAt: '2025-11-20', progress: 100 });
    expect((await store.getTask(created.id, appendix[1]!.id))!.progressNotes).toEqual([
      expect.objectContaining({ text: 'Kết quả 2', status: 'Đang thực hiện, chậm tiến độ', late: true, source: 'Báo cáo kết quả thực hiện nhiệm vụ Đề án 06 tháng 11/2025' }),
    ]);
    expect(await journal()).toBe(linesBefore + 1);
    // The same updates again are stale: refused whole, nothing changes.
    const stale = await request(app, `/api/boards/${created.id}/report`, { updates: match.matched.map((m) => m.update), source: 'x' });
    expect(stale.status).toBe(409);
    expect(await journal()).toBe(linesBefore + 1);
  });
});
