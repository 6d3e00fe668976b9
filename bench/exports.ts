// Export speed: a Phụ lục .docx of 100 tasks, an .xlsx of 10,000 tasks (time, and the peak memory of
// a process that does only that), a PDF Phụ lục of 500 tasks — each exporter called as the route
// calls it, on a snapshot of Thái Nguyên's plan with every task in a worked state — and whether a
// 10,000-task export running on the real server holds up other requests (moves, a steady health ping).
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { movesWhile, percentile, seedGeneratedBoard, signInCookie, startServer, stopServer } from './server.ts';
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
  await runExportStallBench(log);
  return figures;
}

/** One export downloaded whole; its time in ms. */
async function downloadOnce(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`export ${url}: HTTP ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
  return performance.now() - t0;
}

/** Whether this machine can start a process at idle priority (util-linux's `chrt`, as the exporter's process pool does). */
async function idlePriorityAvailable(): Promise<boolean> {
  return new Promise((ok) => execFile('chrt', ['--idle', '0', 'true'], (err) => ok(!err)));
}

/**
 * A process with no dondoc code in it, at idle priority, for `ms`: Node building and serialising small
 * records, as an exporter does, so it computes and allocates (and collects) on the other core. Resolves
 * with the time from its start to its end.
 */
function busyProcessFor(ms: number): Promise<number> {
  const code = `const end = Date.now() + ${Math.round(ms)}; let kept = [];
while (Date.now() < end) { const rows = []; for (let i = 0; i < 2000; i++) rows.push({ text: 'Nhiệm vụ số ' + i, n: i }); kept.push(JSON.stringify(rows)); if (kept.length > 200) kept = []; }`;
  const t0 = performance.now();
  return new Promise((ok, fail) => execFile('chrt', ['--idle', '0', process.execPath, '-e', code], (err) => (err ? fail(err) : ok(performance.now() - t0))));
}

/** Exports `url` back to back until `stop()` says so (at least once); the time of each. */
async function exportLoop(url: string, cookie: string, stop: () => boolean): Promise<number[]> {
  const times: number[] = [];
  do times.push(await downloadOnce(url, cookie));
  while (!stop());
  return times;
}

/**
 * A steady stream of small requests: GET /api/health every `everyMs`, one at a time, until `stop()`.
 * A request that waits on a busy event loop answers late, so the longest answer is the longest stall
 * (the client's own turnaround included; the idle run shows what that costs). The pings run in their
 * own thread (pinger.mjs): this thread's work on a big body must not count as the server's stall.
 */
async function pings(base: string, everyMs: number, stop: () => boolean): Promise<{ latencies: number[]; worstGap: number }> {
  const worker = new Worker(new URL('./pinger.mjs', import.meta.url), { workerData: { base, everyMs } });
  const answer = new Promise<{ latencies: number[]; worstGap: number; error?: string }>((ok, fail) => {
    worker.once('message', ok);
    worker.once('error', fail);
  });
  while (!stop()) await new Promise((r) => setTimeout(r, everyMs));
  worker.postMessage('stop');
  const out = await answer;
  await worker.terminate();
  if (out.error) throw new Error(out.error);
  return out;
}

/**
 * The server's event-loop delay since the last call (bench/loop-delay.mjs, preloaded into it): `max`, and
 * where the kernel says, `ownMax` (the longest the request thread ran between two turns of its loop: its
 * own work) and `waitMax` (the longest it waited for a core).
 */
interface LoopDelay {
  max: number;
  p99: number;
  mean: number;
  ownMax?: number;
  waitMax?: number;
}
function loopDelay(child: ChildProcess): Promise<LoopDelay> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (buf: Buffer) => {
      text += buf.toString();
      const m = /loop-delay (\{[^\n]*\})\n/.exec(text);
      if (!m) return;
      child.stdout!.off('data', onData);
      resolve(JSON.parse(m[1]!) as LoopDelay);
    };
    child.stdout!.on('data', onData);
    if (!child.kill('SIGUSR2')) reject(new Error('could not signal the server'));
  });
}

export interface ExportStallFigures {
  worstStallMs: number;
  pingP99Ms: number;
  idleWorstMs: number;
  idleP99Ms: number;
  /** The server's own event-loop delay, max, with nothing running / while exports run. */
  loopMaxIdleMs: number;
  loopMaxExportMs: number;
  /** Of that delay while exports run: the longest stretch of the request thread's own work, and of waiting for a core. */
  loopOwnExportMs: number | undefined;
  loopWaitExportMs: number | undefined;
  moveP95Ms: number;
  moveP95DuringMs: number;
  /** The p95 of the windows without an export before each one, and after: the noise between windows. */
  moveP95QuietPairMs: [number, number];
  /** The same windows beside a busy process that is not dondoc's, at idle priority: p95 during, without (undefined without `chrt`). */
  moveP95Control: [number, number] | undefined;
  exportMs: number;
  backup: StallUnder;
  restore: StallUnder;
}

/** A health ping's worst answer and the server's loop delay while one heavy request runs, and how long it took. */
export interface StallUnder {
  worstMs: number;
  loop: LoopDelay;
  requestMs: number;
}

/** Runs `request` with the 5 ms health ping beside it; the ping's worst answer and the server's loop delay meanwhile. */
async function stallUnder(child: ChildProcess, base: string, request: () => Promise<unknown>): Promise<StallUnder> {
  await loopDelay(child);
  let done = false;
  const t0 = performance.now();
  let requestMs = 0;
  const [busy] = await Promise.all([
    pings(base, 5, () => done),
    request().finally(() => {
      requestMs = performance.now() - t0;
      done = true;
    }),
  ]);
  return { worstMs: busy.latencies.at(-1)!, loop: await loopDelay(child), requestMs };
}

/**
 * Starts the real server on a generated 10,000-task board; measures move p95 and a health ping's worst
 * answer with nothing else running, then again while 10,000-task exports run back to back.
 */
export async function runExportStallBench(log: (line: string) => void = console.log, opts: { tasks?: number; exports?: number; windows?: number } = {}): Promise<ExportStallFigures> {
  const n = opts.tasks ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-export-'));
  let child: ChildProcess | undefined;
  try {
    const generated = await seedGeneratedBoard(join(dir, 'stall'), n);
    // The moves' windows get a server of their own, started on the same data as it was seeded: a restored
    // second 10,000-task board (below) leaves garbage and a doubled heap that slowed the windows after it.
    await cp(join(dir, 'stall'), join(dir, 'moves'), { recursive: true });
    const boardId = generated.board.id;
    // The exporter's time limit is raised so a slow turn on a shared machine measures, not fails; the
    // export's own time is printed beside the figures.
    const start = async (data: string) => {
      const started = await startServer(join(dir, data), { DONDOC_PLUGIN_TIMEOUT_MS: '120000', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${join(import.meta.dirname, 'loop-delay.mjs')}`.trim() });
      child = started.child;
      const { base } = started;
      const cookie = await signInCookie(base);
      await (await fetch(`${base}/api/boards/${boardId}`, { headers: { cookie } })).arrayBuffer(); // the checks cache, as the first visitor builds it
      const xlsxUrl = `${base}/api/boards/${boardId}/export/export-xlsx/xlsx?view=board`;
      const firstExportMs = await downloadOnce(xlsxUrl, cookie); // warm-up: the exporter's thread starts and loads its modules
      return { child: started.child, base, cookie, xlsxUrl, firstExportMs };
    };
    const first = await start('stall');
    let { base, cookie, xlsxUrl } = first;
    const stallChild = first.child;

    await loopDelay(stallChild);
    const idleUntil = performance.now() + 5000;
    const idle = await pings(base, 5, () => performance.now() > idleUntil);
    const loopIdle = await loopDelay(stallChild);

    // Exports back to back while the health ping runs; `exports` whole exports make the window.
    let exportsDone = false;
    const wanted = opts.exports ?? 3;
    let done = 0;
    await loopDelay(stallChild);
    const [busy] = await Promise.all([pings(base, 5, () => exportsDone), exportLoop(xlsxUrl, cookie, () => ++done >= wanted).finally(() => (exportsDone = true))]);
    const loopBusy = await loopDelay(stallChild);

    // A whole-board backup downloaded, then restored as a new board, each with the ping beside it.
    let backupBody = new ArrayBuffer(0);
    const backup = await stallUnder(stallChild, base, async () => {
      const res = await fetch(`${base}/api/boards/${boardId}/backup`, { headers: { cookie } });
      backupBody = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`backup: HTTP ${res.status}`);
    });
    const restore = await stallUnder(stallChild, base, async () => {
      const res = await fetch(`${base}/api/boards/restore`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: backupBody });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`restore: HTTP ${res.status} ${text.slice(0, 300)}`);
    });

    await stopServer(stallChild);
    child = undefined;

    // Moves while one whole export runs, between windows of moves with nothing else running: on the
    // second server, fresh on the seeded data.
    const second = await start('moves');
    ({ base, cookie, xlsxUrl } = second);
    const firstExportMs = second.firstExportMs;
    const versions = new Map(generated.tasks.map((t) => [t.id, t.version]));
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    const p95 = (a: number[]) => percentile(sorted(a), 95);
    const quietWindow = async (into: number[], span: number) => {
      const until = performance.now() + span;
      into.push(...(await movesWhile(base, cookie, boardId, generated.tasks, () => performance.now() > until, versions)));
    };
    /**
     * `windows` rounds of: moves with nothing else running, moves while `work` runs (it resolves with how
     * long it took), moves with nothing running again for as long. On a shared machine the noise drifts over
     * a run, and windows side by side see the same drift. The p95s are of all the windows' moves of each kind.
     */
    const windowsBeside = async (work: () => Promise<number>, firstSpan: number) => {
      const w = { before: [] as number[], during: [] as number[], after: [] as number[], times: [] as number[], perWindow: [] as string[] };
      for (let i = 0; i < (opts.windows ?? 5); i++) {
        const beforeFrom = w.before.length;
        await quietWindow(w.before, w.times.at(-1) ?? firstSpan);
        let finished = false;
        const [busy, time] = await Promise.all([movesWhile(base, cookie, boardId, generated.tasks, () => finished, versions), work().finally(() => (finished = true))]);
        w.during.push(...busy);
        w.times.push(time);
        const afterFrom = w.after.length;
        await quietWindow(w.after, time);
        w.perWindow.push(`${p95(w.before.slice(beforeFrom)).toFixed(1)}/${p95(busy).toFixed(1)}/${p95(w.after.slice(afterFrom)).toFixed(1)}`);
      }
      return { ...w, without: sorted([...w.before, ...w.after]), during: sorted(w.during) };
    };
    // Warm first: on a fresh server the first window's moves, before and during its export alike, were
    // slower by 2-3 ms at the p95 than the later ones (the JIT, the heap growing to its working size).
    await quietWindow([], 3000);
    // A window of moves spans its whole export (the request thread's share of it comes first: the snapshot
    // is built and encoded before the exporter's process writes).
    const exported = await windowsBeside(() => downloadOnce(xlsxUrl, cookie), firstExportMs);
    const exportTimes = exported.times;
    // The control: the same windows beside a process with no dondoc code in it, at the exporter's idle
    // priority, computing and allocating for as long as an export took. What it costs the moves is what
    // any work on this machine's other core costs them, however it is written.
    const controlMs = percentile(sorted(exportTimes), 50);
    const control = (await idlePriorityAvailable()) ? await windowsBeside(() => busyProcessFor(controlMs), controlMs) : undefined;

    const figures: ExportStallFigures = {
      worstStallMs: busy.latencies.at(-1)!,
      pingP99Ms: percentile(busy.latencies, 99),
      idleWorstMs: idle.latencies.at(-1)!,
      idleP99Ms: percentile(idle.latencies, 99),
      loopMaxIdleMs: loopIdle.max,
      loopMaxExportMs: loopBusy.max,
      loopOwnExportMs: loopBusy.ownMax,
      loopWaitExportMs: loopBusy.waitMax,
      moveP95Ms: p95(exported.without),
      moveP95DuringMs: p95(exported.during),
      moveP95QuietPairMs: [p95(exported.before), p95(exported.after)],
      moveP95Control: control && [p95(control.during), p95(control.without)],
      exportMs: percentile([...exportTimes].sort((a, b) => a - b), 50),
      backup,
      restore,
    };
    const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗');
    log(`export stall: worst /api/health answer during a ${n}-task .xlsx export (ping every 5 ms, ${busy.latencies.length} pings over ${wanted} exports): ${figures.worstStallMs.toFixed(1)} ms (goal < 50 ms)${mark(figures.worstStallMs < 50)}`);
    log(`export stall: /api/health with nothing running, worst / p99: ${figures.idleWorstMs.toFixed(1)} / ${figures.idleP99Ms.toFixed(1)} ms; p99 during the export ${figures.pingP99Ms.toFixed(1)} ms (reference: the machine's own noise)`);
    log(`export stall: the server's event-loop delay, worst during the exports / with nothing running: ${figures.loopMaxExportMs.toFixed(1)} / ${figures.loopMaxIdleMs.toFixed(1)} ms (goal < 50 ms while exporting)${mark(figures.loopMaxExportMs < 50)}`);
    const split = (l: LoopDelay) => (l.ownMax === undefined ? 'not measured here (needs Linux schedstat)' : `own work ${l.ownMax.toFixed(1)} ms (goal < 50 ms)${mark(l.ownMax < 50)}, waiting for a core ${l.waitMax!.toFixed(1)} ms (the machine's other load)`);
    log(`export stall: of the server's worst loop delay during the exports, the longest stretch of ${split(loopBusy)}`);
    for (const [what, f] of [
      ['backup (GET …/backup)', backup],
      ['restore (POST /api/boards/restore)', restore],
    ] as const)
      log(
        `${what} of the ${n}-task board (${(backupBody.byteLength / 1048576).toFixed(1)} MB) in ${f.requestMs.toFixed(0)} ms: worst /api/health answer ${f.worstMs.toFixed(1)} ms (goal < 50 ms)${mark(f.worstMs < 50)}; loop delay ${f.loop.max.toFixed(1)} ms, of it ${split(f.loop)}`,
      );
    log(`export stall: move p95 during a ${n}-task .xlsx export vs without: ${figures.moveP95DuringMs.toFixed(1)} / ${figures.moveP95Ms.toFixed(1)} ms (${exported.during.length} / ${exported.without.length} moves; each export's window between two without, ${opts.windows ?? 5} exports; goal: within the p95 without)${mark(figures.moveP95DuringMs <= figures.moveP95Ms)}`);
    log(`export stall: the same comparison between the windows without, before / after each export: ${figures.moveP95QuietPairMs.map((x) => x.toFixed(1)).join(' / ')} ms (reference: how far the machine's own noise moves a p95)`);
    log(`export stall: move p95 per window, before / during / after each export: ${exported.perWindow.join(', ')} ms (reference)`);
    if (control)
      log(
        `export stall: control, the same windows beside a process with no dondoc code (Node computing and allocating at the exporter's idle priority for ${controlMs.toFixed(0)} ms): move p95 during / without ${figures.moveP95Control![0].toFixed(1)} / ${figures.moveP95Control![1].toFixed(1)} ms${mark(figures.moveP95Control![0] <= figures.moveP95Control![1])}; per window ${control.perWindow.join(', ')} (reference: what any work on the other core costs the moves on this machine)`,
      );
    else log('export stall: control not run (no `chrt` to start a process at idle priority)');
    log(`export stall: the ${n}-task .xlsx export through the server, first (thread start) / median of ${exportTimes.length} while moves ran: ${firstExportMs.toFixed(0)} / ${figures.exportMs.toFixed(0)} ms (reference; by default an export's time limit is 10,000 ms + 3 ms a task, ${10_000 + 3 * n} ms for ${n} tasks; raised here so a slow turn measures)`);
    return figures;
  } finally {
    if (child) await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--xlsx-memory')) await xlsxMemoryChild();
  else if (process.argv.includes('--stall')) await runExportStallBench();
  else await runExportBench();
}
