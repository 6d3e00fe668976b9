// Importer speed: all five seed plans through parsePlanText, and a 2,000-row .xlsx through the office importer.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parsePlanText } from '../shared/src/import/parse.ts';
import { importOfficeFile } from '../plugins/import-office/src/index.ts';
import { buildXlsx, SEEDS_DIR, seedTable } from '../plugins/import-office/src/fixtures.ts';

export interface ImportBenchFigure {
  name: string;
  /** Median milliseconds. */
  ms: number;
  targetMs: number;
  ok: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeRuns(runs: number, fn: () => unknown): Promise<number> {
  await fn(); // warm-up: module loading and JIT are not what we measure
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Rows in the generated sheet: a large province plan is a few hundred; 2,000 leaves headroom. */
const XLSX_ROWS = 2000;

/** Measures and prints `name: value (target …)` lines; returns the figures for the caller. */
export async function runImportBench(log: (line: string) => void = console.log): Promise<ImportBenchFigure[]> {
  const seedsDir = fileURLToPath(SEEDS_DIR);
  const seeds = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(`${seedsDir}/${f}`, 'utf8'));
  let seedTasks = 0;
  const seedMs = await timeRuns(9, () => {
    seedTasks = 0;
    for (const text of seeds) seedTasks += parsePlanText(text).plan.tasks.length;
  });

  const table = seedTable('000_90562d8295c9ca09.txt', 'Phụ lục II');
  const bodyRows = table.rows.length - 1;
  const bytes = await buildXlsx(table, ['PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH'], Math.ceil(XLSX_ROWS / bodyRows));
  let xlsxTasks = 0;
  const xlsxMs = await timeRuns(3, async () => {
    xlsxTasks = (await importOfficeFile('bench.xlsx', bytes)).plan.tasks.length;
  });

  const figures: ImportBenchFigure[] = [
    { name: `import: ${seeds.length} seed plans, parsePlanText (${seedTasks} tasks)`, ms: seedMs, targetMs: 300, ok: seedMs < 300 },
    { name: `import: ${xlsxTasks}-row .xlsx, office importer (${(bytes.byteLength / 1024).toFixed(0)} KB)`, ms: xlsxMs, targetMs: 2000, ok: xlsxMs < 2000 },
  ];
  for (const f of figures) log(`${f.name}: ${f.ms.toFixed(1)} ms (target < ${f.targetMs} ms)${f.ok ? '' : ' — MISSED'}`);
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runImportBench();
