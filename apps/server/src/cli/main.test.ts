// End-to-end tests of `pnpm dondoc` in-process: exit codes, the summary, --json, --track and --sheet.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCsv, Plan } from '@dondoc/shared';
import { buildDocx, buildXlsx, SEEDS_DIR, seedTable } from '@dondoc/plugin-import-office/fixtures';
import { runCli } from './main.ts';
import { formatSummary } from './summary.ts';

const SEED_000 = fileURLToPath(new URL('000_90562d8295c9ca09.txt', SEEDS_DIR));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dondoc-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pnpm dondoc', () => {
  it('prints help with exit 0, and usage with exit 2 on a bad call', async () => {
    const help = await run('help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('pnpm dondoc import TỆP');
    const bad = await run('import');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Thiếu tệp');
    expect(bad.err).toContain('Cách dùng:');
  });

  it('exits 1 with a clear message on a missing, unsupported or broken file', async () => {
    expect(await run('import', join(dir, 'khong-co.txt'))).toMatchObject({ code: 1, err: expect.stringContaining('Không có tệp') });
    const pdf = join(dir, 'kh.pdf');
    await writeFile(pdf, '%PDF-1.4');
    expect(await run('import', pdf)).toMatchObject({ code: 1, err: expect.stringContaining('là PDF: hãy trích văn bản') });
    // A ".docx" that holds a line of text is read as text, and has no table to give.
    const fake = join(dir, 'kh.docx');
    await writeFile(fake, 'STT\tNội dung');
    expect(await run('import', fake)).toMatchObject({ code: 1, err: expect.stringContaining('Không tìm thấy bảng nhiệm vụ') });
    const binary = join(dir, 'kh.bin');
    await writeFile(binary, Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(await run('import', binary)).toMatchObject({ code: 1, err: expect.stringContaining('không phải văn bản UTF-8') });
  });

  it('summarises a seed plan: metadata, tables with tracks and counts, warnings with lines', async () => {
    const { code, out } = await run('import', SEED_000);
    expect(code).toBe(0);
    expect(out).toMatch(/^Kế hoạch: Kế hoạch hoạt động Quý IV năm 2025/);
    expect(out).toContain('Phụ lục I — KHCN/CĐS (khcn-cds): 23 nhiệm vụ');
    expect(out).toContain('Phụ lục II — CCHC (cchc): 14 nhiệm vụ');
    expect(out).toContain('Phụ lục III — Đề án 06 (de-an-06): 12 nhiệm vụ');
    expect(out).toContain('Nhiệm vụ: 49');
    expect(out).toMatch(/Cảnh báo: \d+\n {2}dòng \d+: /);
  });

  it('applies --track and writes the plan as JSON that the Plan schema accepts', async () => {
    const json = join(dir, 'plan.json');
    const { code, out } = await run('import', SEED_000, '--track', 'Phụ lục II=de-an-06', '--json', json);
    expect(code).toBe(0);
    expect(out).toContain('Phụ lục II — Đề án 06 (de-an-06): 14 nhiệm vụ');
    const plan = Plan.parse(JSON.parse(await readFile(json, 'utf8')));
    expect(plan.tasks.filter((t) => t.track === 'de-an-06')).toHaveLength(26);
  });

  it('reads .docx, .xlsx (with --sheet), .md, .tsv and .csv forms of the same appendix', async () => {
    const seed = seedTable('000_90562d8295c9ca09.txt', 'Phụ lục II');
    const heading = ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH'];
    const docx = join(dir, 'pl2.docx');
    const xlsx = join(dir, 'pl2.xlsx');
    const md = join(dir, 'pl2.md');
    const tsv = join(dir, 'pl2.tsv');
    const csv = join(dir, 'pl2.csv');
    await writeFile(docx, await buildDocx(seed, heading));
    await writeFile(xlsx, await buildXlsx(seed, heading));
    const pipe = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    await writeFile(md, [...heading.map((h) => `**${h}**`), '', pipe(seed.rows[0]!.cells), pipe(seed.rows[0]!.cells.map(() => '---')), ...seed.rows.slice(1).map((r) => pipe(r.cells))].join('\n'));
    const quote = (c: string): string => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    await writeFile(tsv, [...heading, ...seed.rows.map((r) => r.cells.map(quote).join('\t'))].join('\r\n'));
    // As Excel saves it in a Vietnamese locale: ";" separators, rows padded to the table's width.
    const width = seed.rows[0]!.cells.length;
    await writeFile(csv, encodeCsv([...heading.map((h) => [h, ...Array<string>(width - 1).fill('')]), ...seed.rows.map((r) => r.cells)], ';'));
    for (const [file, ...extra] of [[docx], [xlsx, '--sheet', 'Nhiệm vụ'], [md], [tsv], [csv]] as string[][]) {
      const { code, out, err } = await run('import', file!, ...extra);
      expect({ file, code, err }).toEqual({ file, code: 0, err: '' });
      expect(out).toContain('Phụ lục II — CCHC (cchc): 14 nhiệm vụ');
    }
    // Every file again under a name that lies about its format: the content decides.
    const liars: Array<[string, string, string]> = [
      [docx, 'pl2-word.xlsx', 'docx'],
      [xlsx, 'pl2-excel.docx', 'xlsx'],
      [md, 'pl2-markdown.csv', 'markdown'],
      // Tab-separated rows whose cells hold the seed's HTML lists are the seed text form.
      [tsv, 'pl2-tsv.md', 'seed-text'],
      [csv, 'pl2-csv.txt', 'csv'],
      [SEED_000, 'ke-hoach.tsv', 'seed-text'],
    ];
    for (const [from, name, form] of liars) {
      const renamed = join(dir, name);
      await writeFile(renamed, await readFile(from));
      const { code, out, err } = await run('import', renamed);
      expect({ name, code, err }).toEqual({ name, code: 0, err: '' });
      expect(out, name).toContain(`Dạng tệp: ${form}`);
      expect(out, name).toContain('Phụ lục II — CCHC (cchc): 14 nhiệm vụ');
    }
    expect(await run('import', xlsx, '--sheet', 'Không có')).toMatchObject({ code: 1, err: expect.stringContaining('Không có trang tính "Không có"') });
  });
});

describe('formatSummary', () => {
  it('lists the first warnings and counts the rest', () => {
    const warnings = Array.from({ length: 4 }, (_, k) => ({ code: 'other' as const, message: `Cảnh báo ${k}`, line: k + 1 }));
    const plan = Plan.parse({ id: 'p', title: 'KH', tasks: [], warnings });
    const text = formatSummary({ plan, tables: [] }, { maxWarnings: 2 });
    expect(text).toContain('Cảnh báo: 4\n  dòng 1: Cảnh báo 0\n  dòng 2: Cảnh báo 1\n  … và 2 cảnh báo khác');
    expect(text).not.toContain('Cảnh báo 2');
  });
});
