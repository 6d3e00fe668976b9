// Test support: writes the Thái Nguyên board (template-thai-nguyen, every task in a worked state) as
// each document format, then renders each to PNG pages — .docx and .xlsx through LibreOffice
// (`soffice --headless --convert-to pdf`), every PDF through `pdftoppm -png` — so a person can look
// at diacritics, columns and the NĐ 30 header block.
//   node --import tsx scripts/render-exports.ts [outDir]   (default: test-results/exports)
// With --keep it also copies the first page of each into docs/exports/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { periodOf, type BoardSnapshot, type ExporterContribution } from '@dondoc/shared';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { template as thaiNguyen } from '../plugins/template-thai-nguyen/src/index.ts';
import docx from '../plugins/export-docx/src/index.ts';
import xlsx from '../plugins/export-xlsx/src/index.ts';
import pdf from '../plugins/export-pdf/src/index.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'test-results/exports'));

const today = '2025-12-10';
const base = snapshotFromPlan(thaiNguyen.plan, { today, agencies: thaiNguyen.agencies ?? [], settings: SAMPLE_SETTINGS, boardId: 'thai-nguyen' });
const withPeriod: BoardSnapshot = { ...base, period: periodOf(today, 'weekly'), checkpoint: { entries: 1284, head: '9f2c4e1ab07d55e3c1f0a8b6d2e94c7750b1e3aa4f6d8c2019e7b5a3c4d2e1f0', signature: 'q1Jc8v3m0YwU0lq3z2h7vQ0xq9t1c2E4r5T6y7U8i9O0p1A2s3D4f5G6h7J8k9L0zXcVbNm1Q2w3E4r5T6y7U8i9O0p==', publicKey: 'MCowBQYDK2VwAyEA8x1c2v3b4n5m6Q7w8E9r0T1y2U3i4O5p6A7s8D9f0G1=', at: '2025-12-10T08:30:00.000Z' } };

interface Job {
  name: string;
  exporter: ExporterContribution;
  snapshot: BoardSnapshot;
}
const find = (plugin: { exporters: ExporterContribution[] }, id: string): ExporterContribution => plugin.exporters.find((e) => e.id === id)!;
const jobs: Job[] = [
  { name: 'phu-luc-docx', exporter: find(docx, 'phu-luc'), snapshot: base },
  { name: 'bao-cao-docx', exporter: find(docx, 'bao-cao'), snapshot: withPeriod },
  { name: 'tasks-xlsx', exporter: find(xlsx, 'xlsx'), snapshot: base },
  { name: 'phu-luc-pdf', exporter: find(pdf, 'phu-luc'), snapshot: base },
  { name: 'bao-cao-pdf', exporter: find(pdf, 'bao-cao'), snapshot: withPeriod },
];

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const firstPages: string[] = [];
for (const job of jobs) {
  const out = await job.exporter.export(job.snapshot);
  const file = join(outDir, `${job.name}.${job.exporter.extension}`);
  writeFileSync(file, typeof out === 'string' ? out : out);
  let pdfFile = file;
  if (job.exporter.extension !== 'pdf') {
    // A private profile folder so a running LibreOffice (or another helper's) does not swallow the call.
    execFileSync('soffice', [`-env:UserInstallation=file://${join(outDir, '.lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], { stdio: 'ignore', timeout: 180_000 });
    pdfFile = file.replace(/\.[^.]+$/, '.pdf');
  }
  const prefix = join(outDir, `${job.name}-page`);
  execFileSync('pdftoppm', ['-png', '-r', '80', pdfFile, prefix], { timeout: 120_000 });
  const pages = readdirSync(outDir).filter((f) => f.startsWith(`${job.name}-page`) && f.endsWith('.png')).sort();
  console.log(`${job.name}: ${basename(file)} → ${pages.length} page(s)`);
  if (pages[0]) firstPages.push(join(outDir, pages[0]));
}
if (keep) {
  const docs = join(root, 'docs/exports');
  mkdirSync(docs, { recursive: true });
  for (const page of firstPages) copyFileSync(page, join(docs, basename(page).replace(/-page-?0*1\.png$/, '.png')));
  console.log(`first pages copied to ${docs}`);
}
