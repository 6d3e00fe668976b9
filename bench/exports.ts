// Export speed: a Phụ lục .docx of 100 tasks, an .xlsx of 10,000 tasks (time, and the peak memory of
// a process that does only that), a PDF Phụ lục of 500 tasks — each exporter called as the route
// calls it, on a snapshot of Thái Nguyên's plan with every task in a worked state.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '../shared/src/testing/snapshots.ts';
import { template as thaiNguyen } from '../plugins/template-thai-nguyen/src/index.ts';
import { appendixDocx } from '../plugins/export-docx/src/index.ts';
import { exportXlsx } from '../plugins/export-xlsx/src/index.ts';
import { appendixPdf } from '../plugins/export-pdf/src/index.ts';

export interface ExportBenchFigure {
  name: string;
  value: number;
  /** CPU time of the same runs (median): on a shared machine, wall time also counts other processes' turns. */
  cpuMs?: number;
  unit: 'ms' | 'MB';
  target: number;
  ok: boolean;
}

const TODAY = '2025-12-10';
const snapshot = (count: number) => snapshotFromPlan(thaiNguyen.plan, { today: TODAY, agencies: thaiNguyen.agencies ?? [], settings: SAMPLE_SETTINGS, count });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeRuns(runs: number, fn: () => Promise<Uint8Array>): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  let bytes = 0;
  await fn(); // warm-up: module loading, font parsing and JIT are not what we measure
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    const c0 = process.cpuUsage();
    const out = await fn();
    const c = process.cpuUsage(c0);
    times.push(performance.now() - start);
    cpu.push((c.user + c.system) / 1000);
    bytes = out.byteLength;
  }
  return { ms: median(times), cpuMs: median(cpu), bytes };
}

/** Child mode: build the 10,000-task snapshot, export it once, print the process's peak RSS in MB. */
async function xlsxMemoryChild(): Promise<void> {
  const s = snapshot(10_000);
  await exportXlsx(s);
  process.stdout.write(String(process.resourceUsage().maxRSS / 1024));
}

export async function runExportBench(log: (line: string) => void = console.log): Promise<ExportBenchFigure[]> {
  const docx = await timeRuns(5, () => appendixDocx(snapshot(100)));
  const big = snapshot(10_000);
  const xlsx = await timeRuns(3, () => exportXlsx(big));
  // Peak memory in a fresh process that only builds the snapshot and writes the workbook: the
  // bench process itself holds the other benches' leftovers.
  const peakMb = Number(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--xlsx-memory'], { encoding: 'utf8', timeout: 120_000 }));
  const pdfSnapshot = snapshot(500);
  const pdf = await timeRuns(3, () => appendixPdf(pdfSnapshot));
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const figures: ExportBenchFigure[] = [
    { name: `export: Phụ lục .docx, 100 tasks (${kb(docx.bytes)})`, value: docx.ms, cpuMs: docx.cpuMs, unit: 'ms', target: 1000, ok: docx.ms < 1000 },
    { name: `export: .xlsx, 10,000 tasks (${kb(xlsx.bytes)})`, value: xlsx.ms, cpuMs: xlsx.cpuMs, unit: 'ms', target: 5000, ok: xlsx.ms < 5000 },
    { name: 'export: .xlsx, 10,000 tasks, peak memory of a process doing only that', value: peakMb, unit: 'MB', target: 300, ok: peakMb < 300 },
    { name: `export: Phụ lục PDF, 500 tasks (${kb(pdf.bytes)})`, value: pdf.ms, cpuMs: pdf.cpuMs, unit: 'ms', target: 5000, ok: pdf.ms < 5000 },
  ];
  for (const f of figures) {
    const cpu = f.cpuMs !== undefined ? `, cpu ${f.cpuMs.toFixed(0)} ms` : '';
    log(`${f.name}: ${f.value.toFixed(f.unit === 'ms' ? 1 : 0)} ${f.unit}${cpu} (target < ${f.target} ${f.unit})${f.ok ? '' : ' — MISSED'}`);
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--xlsx-memory')) await xlsxMemoryChild();
  else await runExportBench();
}
