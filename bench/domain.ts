// Pure domain logic on the 10,000-task board: the 5 rõ checks, triage grouping (the heart of the
// triage view, budget 300 ms end to end), and the chase list with its digest.
import { pathToFileURL } from 'node:url';
import { RO_CRITERIA, chaseDigest, chaseList, checkFailures, checkTask, planBulkFix, triage, type CheckFailure } from '@dondoc/shared';
import { generateBoard } from './generate.ts';

export interface DomainBenchFigure {
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

function timeRuns(runs: number, fn: () => unknown): number {
  fn(); // warm-up: JIT and lazily built indexes are not what we measure
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function runDomainBench(log: (line: string) => void = console.log): DomainBenchFigure[] {
  const { board, tasks } = generateBoard({ tasks: 10_000 });
  const criteria = RO_CRITERIA['5ro'];
  let failures: Record<string, CheckFailure[]> = {};
  const checksMs = timeRuns(5, () => {
    failures = {};
    for (const t of tasks) {
      const f = checkFailures(checkTask(t, '5ro', board), criteria);
      if (f.length > 0) failures[t.id] = f;
    }
  });
  let failing = 0;
  const triageMs = timeRuns(9, () => {
    failing = triage(tasks, failures, criteria).failingTaskIds.length;
  });
  const selection = tasks.filter((t) => t.leads.length > 1);
  const bulkMs = timeRuns(9, () => planBulkFix(selection, { kind: 'lead', lead: 'Sở Khoa học và Công nghệ' }));
  let chars = 0;
  const chaseMs = timeRuns(5, () => {
    chars = chaseDigest(chaseList(board, tasks, '2025-12-12'), board).length;
  });
  const figures: DomainBenchFigure[] = [
    { name: `domain: 5 rõ checks of ${tasks.length} tasks`, ms: checksMs, targetMs: 300, ok: checksMs < 300 },
    { name: `domain: triage grouping of ${tasks.length} tasks (${failing} failing)`, ms: triageMs, targetMs: 50, ok: triageMs < 50 },
    { name: `domain: bulk "pick one lead" over ${selection.length} selected tasks`, ms: bulkMs, targetMs: 50, ok: bulkMs < 50 },
    { name: `domain: chase list and digest of ${tasks.length} tasks (${(chars / 1024).toFixed(0)} KB of text)`, ms: chaseMs, targetMs: 300, ok: chaseMs < 300 },
  ];
  for (const f of figures) log(`${f.name}: ${f.ms.toFixed(1)} ms (target < ${f.targetMs} ms)${f.ok ? '' : ' — MISSED'}`);
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runDomainBench();
