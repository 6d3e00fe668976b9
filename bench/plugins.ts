// What running plugins in worker threads costs: the median time of a trivial checklist batch and a
// trivial export through the plugin host (guard, pool, thread and back) minus the same plugin
// function called directly on this thread.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Board, BoardSnapshot, DondocPlugin, Task } from '@dondoc/shared';
import { PluginHost } from '../apps/server/src/plugins/host.ts';

export interface PluginBenchFigure {
  name: string;
  /** Median added milliseconds per call. */
  overheadMs: number;
  workerMs: number;
  inProcessMs: number;
  targetMs: number;
  ok: boolean;
}

const FIXTURE = resolve(import.meta.dirname, '../e2e/fixtures/plugins/fixture-tiny');
const RUNS = 400;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeRuns(fn: () => unknown): Promise<number> {
  for (let k = 0; k < 50; k++) await fn(); // warm-up: thread start, module load, JIT
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const task = (id: string): Task =>
  ({
    id,
    boardId: 'b',
    track: 'khcn-cds',
    column: 'todo',
    rank: 1,
    version: 1,
    content: 'Ban hành kế hoạch chuyển đổi số năm 2026',
    leads: ['Sở Khoa học và Công nghệ'],
    partners: [],
    deadline: { raw: 'Tháng 12/2025', kind: 'month', due: '2025-12-31', flags: [] },
    output: 'Kế hoạch',
  }) as unknown as Task;

export async function runPluginBench(log: (line: string) => void = console.log): Promise<PluginBenchFigure[]> {
  const host = await PluginHost.load({ extra: [FIXTURE] });
  const mod = ((await import(pathToFileURL(join(FIXTURE, 'index.js')).href)) as { default: DondocPlugin }).default;
  const board = { id: 'b', title: 'Bảng thử' } as Board;
  const one = [task('t1')];
  const snapshot: BoardSnapshot = { board, tasks: one, checks: {}, today: '2025-11-20' };
  const check = mod.checklists![0]!;
  const exporter = mod.exporters![0]!;
  try {
    const cases = [
      { name: 'plugin call in a worker: checklist batch of 1 task', worker: () => host.checkTasks('fixture-tiny:mini', board, one), direct: () => check.check(one[0]!, board) },
      { name: 'plugin call in a worker: export of a 1-task board', worker: () => host.export('fixture-tiny', 'lines', snapshot), direct: () => exporter.export(snapshot) },
    ];
    const figures: PluginBenchFigure[] = [];
    for (const c of cases) {
      const workerMs = await timeRuns(c.worker);
      const inProcessMs = await timeRuns(c.direct);
      const overheadMs = workerMs - inProcessMs;
      figures.push({ name: c.name, overheadMs, workerMs, inProcessMs, targetMs: 2, ok: overheadMs < 2 });
    }
    for (const f of figures)
      log(`${f.name}: +${f.overheadMs.toFixed(2)} ms median over in-process (${f.workerMs.toFixed(2)} vs ${f.inProcessMs.toFixed(3)} ms) (target < ${f.targetMs} ms)${f.ok ? ' ✓' : ' ✗'}`);
    return figures;
  } finally {
    await host.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runPluginBench();
