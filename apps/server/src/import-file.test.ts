// POST /api/import/preview with a .docx through the real import-office plugin: the file's tables
// come back with their report and take the user's mapping and track like pasted text; an importer
// without readTables still gives its plan; a readTables that throws or returns junk is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import type { ApiError, Plan } from '@dondoc/shared';
import type { TableReport } from '@dondoc/shared/import/tables';
import { buildDocx, readSeed, seedTable } from '@dondoc/plugin-import-office/fixtures';
import { createApp } from './app.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { PluginHost, REPO_ROOT } from './plugins/host.ts';
import { tempDir } from './testing/fixtures.ts';

const SEED = '000_90562d8295c9ca09.txt';
const ODD_LEAD = 'Đơn vị làm đầu mối';
const HEADING = ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH'];

interface Preview {
  plan: Plan;
  form: string;
  tables: TableReport[];
}

let store: LowdbStore;
let cleanup: () => Promise<void>;
let docxBase64 = '';

const appWith = (plugins: PluginHost) => createApp({ repository: store, plugins, config: { today: () => '2025-11-20', webDist: join(REPO_ROOT, 'nonexistent') } });
const post = (app: ReturnType<typeof createApp>, body: unknown) =>
  app.request('/api/import/preview', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

/** Plugin folders around hand-written importer modules (plugins run in their own threads, so they are files). */
async function importerPlugins(modules: Record<string, string>): Promise<PluginHost> {
  const tmp = await tempDir();
  cleanups.push(tmp.cleanup);
  for (const [id, code] of Object.entries(modules)) {
    await mkdir(join(tmp.dir, id));
    const pkg = { name: `@dondoc/plugin-${id}`, version: '0.0.1', type: 'module', engines: { dondoc: '^1.1.0' }, dondoc: { entry: 'index.js', provides: ['importers'] } };
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
  store = await LowdbStore.open({ dir: tmp.dir });
  // Lào Cai Q4/2025 Phụ lục II retyped in Word with the lead column under a header no plan synonym matches.
  const seed = seedTable(SEED, 'Phụ lục II');
  const header = seed.rows[0]!.cells.map((c) => (c.includes('Cơ quan chủ trì') ? ODD_LEAD : c));
  const odd = { ...seed, rows: [{ ...seed.rows[0]!, cells: header }, ...seed.rows.slice(1)] };
  const lines = readSeed(SEED).split('\n');
  const body = lines.slice(0, lines.findIndex((l) => l.includes('\t'))).map((l) => l.replace(/[#*]/g, '').trim()).filter(Boolean);
  docxBase64 = Buffer.from(await buildDocx(odd, HEADING, body)).toString('base64');
});
afterAll(async () => {
  await store.close();
  await cleanup();
  for (const c of cleanups) await c();
});

describe('POST /api/import/preview with a file', () => {
  it('reads a .docx into table reports, warns about the unrecognised lead column, and re-reads it with the mapping fix and a track', async () => {
    const app = appWith(await officePlugin());
    const file = { filename: 'Lào Cai Q4.docx', base64: docxBase64 };

    let res = await post(app, { file });
    expect(res.status).toBe(200);
    let preview = (await res.json()) as Preview;
    expect(preview.form).toBe('import-office:docx');
    expect(preview.tables).toHaveLength(1);
    expect(preview.tables[0]).toMatchObject({ title: 'Phụ lục II', kind: 'tasks', track: 'cchc', count: 14 });
    expect(preview.tables[0]!.headers[3]).toBe(ODD_LEAD);
    expect(preview.tables[0]!.mapping[3]).toBe('ignore');
    expect(preview.plan.tasks).toHaveLength(14);
    expect(preview.plan.tasks.every((t) => t.leads.length === 0)).toBe(true);
    expect(preview.plan.warnings.filter((w) => w.field === 'leads')).toHaveLength(14);
    // The body paragraphs still give the plan its metadata, as the plugin's own import does.
    expect(preview.plan.title).toMatch(/^Kế hoạch hoạt động Quý IV năm 2025/);

    res = await post(app, { file, mapping: { '0': { '3': 'leads' } }, trackBySection: { 'Phụ lục II': 'de-an-06' } });
    expect(res.status).toBe(200);
    preview = (await res.json()) as Preview;
    expect(preview.tables[0]!.mapping[3]).toBe('leads');
    expect(preview.tables[0]!.track).toBe('de-an-06');
    expect(preview.plan.warnings).toEqual([]);
    expect(preview.plan.tasks[0]).toMatchObject({ track: 'de-an-06', leads: ['Sở Nội vụ'] });
    expect(preview.plan.tasks.every((t) => t.leads.length > 0 && t.track === 'de-an-06')).toBe(true);
    expect(store.listBoards()).toEqual([]);
  });

  it("names the sheet the user asked for, and refuses a file the plugin cannot read with the plugin's message", async () => {
    const app = appWith(await officePlugin());
    const { buildXlsx } = await import('@dondoc/plugin-import-office/fixtures');
    const base64 = Buffer.from(await buildXlsx(seedTable(SEED, 'Phụ lục II'), HEADING)).toString('base64');
    let res = await post(app, { file: { filename: 'kh.xlsx', base64, sheet: 'Nhiệm vụ' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Preview).tables[0]).toMatchObject({ title: 'Phụ lục II', count: 14 });
    res = await post(app, { file: { filename: 'kh.xlsx', base64, sheet: 'Phụ lục III' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error).toMatchObject({ field: 'file', message: expect.stringContaining('Không có trang tính "Phụ lục III"; tệp có: "Nhiệm vụ".') });
    res = await post(app, { file: { filename: 'hong.docx', base64: Buffer.from('không phải Word').toString('base64') } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.message).toContain('Plugin "import-office" lỗi tại importers: Tệp không phải .docx hợp lệ');
  });

  it('keeps an importer without readTables working (plan only, no tables) and names a readTables that returns junk', async () => {
    const plan: Plan = { id: 'p', title: 'Kế hoạch cũ', issuer: '', number: '', province: '', sections: [], tasks: [], indicators: [], rhythm: [], roVariant: '5ro', warnings: [] };
    const app = appWith(
      await importerPlugins({
        old: `const plan = ${JSON.stringify(plan)};\nexport default { importers: [{ id: 'odt', label: 'ODT', extensions: ['odt'], import: () => plan }] };`,
        junk: `const plan = ${JSON.stringify(plan)};\nexport default { importers: [{ id: 'ods', label: 'ODS', extensions: ['ods'], import: () => plan, readTables: () => ({ tables: [{ title: 'x', rows: [{ cells: [1, 2] }] }] }) }] };`,
      }),
    );
    let res = await post(app, { file: { filename: 'kh.odt', base64: 'AAAA' }, mapping: { '0': { '1': 'leads' } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ form: 'old:odt', tables: [], plan: { title: 'Kế hoạch cũ' } });
    res = await post(app, { file: { filename: 'kh.ods', base64: 'AAAA' } });
    expect(res.status).toBe(500);
    expect(((await res.json()) as ApiError).error.message).toBe('Plugin "junk" trả về bảng sai cấu trúc');
  });
});
