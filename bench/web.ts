// Web bench: the built app, served by the real server with a 10,000-task board, loaded in headless
// Chromium (a fresh page per run, signed in): time to the first painted card, JS heap, card-move
// repaint, opening a task's panel, and the triage view of the whole board.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedGeneratedBoard, signInCookie, startServer, stopServer } from './server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WebBenchOptions {
  tasks?: number;
  /** Fresh pages loaded; each figure is the median over them. */
  runs?: number;
  /** Keyboard moves per page. */
  moves?: number;
  log?: (line: string) => void;
}

export interface WebBenchResult {
  runs: number;
  /** Median ms from navigation start to the frame after the first card entered the DOM. */
  paintMs: number;
  /** Median of Chromium's own Element Timing renderTime for the first card's text. */
  elementPaintMs: number;
  /** Median JSHeapUsedSize (MB) right after that paint, and after the idle warm-up and a GC. */
  heapMB: number;
  heapSettledMB: number;
  /** Median ms from a keyboard move's optimistic apply (ArrowRight preview, Space drop) to the next frame. */
  previewMs: number;
  dropMs: number;
  /** Median ms from a click on a card to the frame that shows its panel. */
  panelMs: number;
  /** Median ms from the click on "Rà soát 5 rõ" to the frame that shows the triage of every task. */
  triageMs: number;
}

export interface PageLoad {
  /** Resource timing of GET /api/boards/:id: request start and last byte. */
  requested: number;
  received: number;
  fetched: number;
  indexed: number;
  firstCard: number;
  painted: number;
  element: number;
  /** Cards in the DOM at the first card's mark (the first frame), and once loaded. */
  firstCards: number;
  cards: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One cold load (fresh context: no HTTP cache, no storage). Times are the app's own marks
 * (`lib/perf.ts`), relative to navigation start; Element Timing on the card text is the
 * browser's paint timestamp for the same moment, read as a cross-check.
 */
export async function loadBoard(page: Page, url: string): Promise<PageLoad> {
  // Registered before any script of the page runs, so no element entry is missed.
  await page.addInitScript(() => {
    const w = window as unknown as { __cardPaint?: number };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { renderTime: number; identifier: string })[])
        if (e.identifier === 'card' && w.__cardPaint === undefined) w.__cardPaint = e.renderTime || e.startTime;
    }).observe({ type: 'element', buffered: true });
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('dondoc:board-painted').length > 0, undefined, { timeout: 60_000, polling: 50 });
  await page.waitForFunction(() => (window as unknown as { __cardPaint?: number }).__cardPaint !== undefined, undefined, { timeout: 5_000 }).catch(() => {});
  // No named inner functions in page code: tsx's keepNames would wrap them in a __name the page lacks.
  const [fetched, indexed, firstCard, painted] = await page.evaluate((names) => names.map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN), [
    'dondoc:board-fetched',
    'dondoc:board-indexed',
    'dondoc:first-card',
    'dondoc:board-painted',
  ]);
  const [requested, received] = await page.evaluate(() => {
    const r = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.startsWith('/api/boards/')) as PerformanceResourceTiming | undefined;
    return [r?.startTime ?? NaN, r?.responseEnd ?? NaN];
  });
  const element = await page.evaluate(() => (window as unknown as { __cardPaint?: number }).__cardPaint ?? NaN);
  const firstCards = await page.evaluate(() => (performance.getEntriesByName('dondoc:first-card')[0] as PerformanceMark | undefined)?.detail?.cards ?? NaN);
  const cards = await page.locator('[data-testid="task-card"]').count();
  return { requested: requested!, received: received!, fetched: fetched!, indexed: indexed!, firstCard: firstCard!, painted: painted!, element, firstCards, cards };
}

/** Picks up the first card of a `todo` cell, moves it one column right and drops it; returns both repaint measures. */
async function keyboardMove(page: Page, track: string): Promise<{ preview: number; drop: number }> {
  const card = page.locator(`[data-testid="cell-${track}-todo"] [data-testid="task-card"]`).first();
  const id = await card.getAttribute('data-task-id');
  const before = await page.evaluate(() => performance.getEntriesByType('measure').length);
  await card.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => performance.getEntriesByName('dondoc:move').length > 0 && performance.getEntriesByType('measure').length >= n + 2, before);
  // The card must really be in the next cell, or the timing measured nothing.
  await page.locator(`[data-testid="cell-${track}-doing"] [data-task-id="${id}"]`).waitFor({ timeout: 5_000 });
  const [preview, drop] = await page.evaluate((names) => names.map((name) => performance.getEntriesByName(name).at(-1)!.duration), ['dondoc:move-preview', 'dondoc:move']);
  return { preview: preview!, drop: drop! };
}

/** Clicks a visible card and returns the app's own measure from the click to the panel's first frame; closes it again. */
async function openPanel(page: Page, track: string): Promise<number> {
  const card = page.locator(`[data-testid="cell-${track}-todo"] [data-testid="task-card"]`).nth(1);
  const before = await page.evaluate(() => performance.getEntriesByName('dondoc:panel-shown').length);
  await card.click();
  await page.waitForFunction((n) => performance.getEntriesByName('dondoc:panel-shown').length > n, before);
  await page.locator('[data-testid="task-panel"]').waitFor();
  const ms = await page.evaluate(() => performance.getEntriesByName('dondoc:panel-shown').at(-1)!.duration);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="task-panel"]').waitFor({ state: 'detached' });
  return ms;
}

/** Goes to the triage view from the board and returns the measure from the click to its first frame. */
async function openTriage(page: Page): Promise<number> {
  await page.locator('[data-testid="nav-triage"]').click();
  await page.waitForFunction(() => performance.getEntriesByName('dondoc:triage-shown').length > 0, undefined, { timeout: 30_000 });
  await page.locator('[data-testid="triage-row"]').first().waitFor();
  return page.evaluate(() => performance.getEntriesByName('dondoc:triage-shown').at(-1)!.duration);
}

async function heapMB(page: Page, gc: boolean): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024;
}

export async function runWebBench(opts: WebBenchOptions = {}): Promise<WebBenchResult> {
  const n = opts.tasks ?? 10_000;
  const runs = opts.runs ?? 7;
  const movesPerPage = opts.moves ?? 3;
  const log = opts.log ?? console.log;
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `pnpm build` first (pnpm bench does)');
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-webbench-'));
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const generated = await seedGeneratedBoard(dir, n);
    const started = await startServer(dir);
    child = started.child;
    const url = `${started.base}/boards/${generated.board.id}`;
    // The server serialises and gzips the board once per revision; each run's moves make a new revision,
    // so warm it before every load, as any earlier visitor would have: this bench measures the page.
    const cookie = await signInCookie(started.base);
    const [cookieName, ...cookieValue] = cookie.split('=');
    const warm = async () => void (await (await fetch(`${started.base}/api/boards/${generated.board.id}`, { headers: { 'accept-encoding': 'gzip', cookie } })).arrayBuffer());

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const loads: PageLoad[] = [];
    const heaps: number[] = [];
    const settled: number[] = [];
    const previews: number[] = [];
    const drops: number[] = [];
    const panels: number[] = [];
    const triages: number[] = [];
    const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
    // One unmeasured load first: Chromium's own start-up (first process, font caches) is not the app's.
    for (let r = -1; r < runs; r++) {
      await warm();
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await context.addCookies([{ name: cookieName!, value: cookieValue.join('='), url: started.base }]);
      const page = await context.newPage();
      const load = await loadBoard(page, url);
      if (r >= 0) {
        loads.push(load);
        heaps.push(await heapMB(page, false));
      }
      for (let m = 0; m < movesPerPage; m++) {
        const moved = await keyboardMove(page, tracks[m % tracks.length]!);
        if (r >= 0) {
          previews.push(moved.preview);
          drops.push(moved.drop);
        }
      }
      if (r >= 0) {
        await page.waitForTimeout(2_000); // the idle-time haystack warm-up runs here (and the panel's code is fetched)
        settled.push(await heapMB(page, true));
        for (const track of tracks) panels.push(await openPanel(page, track));
        triages.push(await openTriage(page));
      }
      await context.close();
    }

    const result: WebBenchResult = {
      runs,
      paintMs: median(loads.map((l) => l.painted)),
      elementPaintMs: median(loads.map((l) => l.element)),
      heapMB: median(heaps),
      heapSettledMB: median(settled),
      previewMs: median(previews),
      dropMs: median(drops),
      panelMs: median(panels),
      triageMs: median(triages),
    };
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗');
    const cards = median(loads.map((l) => l.cards));
    const firstCards = median(loads.map((l) => l.firstCards));
    log(`web: board painted (first card, next frame) at ${n} tasks, median of ${runs}: ${ms(result.paintMs)} (target < 600 ms)${mark(result.paintMs < 600)}`);
    log(`web:   of which board requested at ${ms(median(loads.map((l) => l.requested)))}, last byte ${ms(median(loads.map((l) => l.received)))}, parsed by ${ms(median(loads.map((l) => l.fetched)))}, indexed by ${ms(median(loads.map((l) => l.indexed)))}, first card in DOM ${ms(median(loads.map((l) => l.firstCard)))}; Element Timing paint ${ms(result.elementPaintMs)}; ${firstCards} cards in the first frame, ${cards} once loaded`);
    log(`web: JS heap after first paint: ${result.heapMB.toFixed(1)} MB (target < 40 MB)${mark(result.heapMB < 40)}`);
    log(`web: JS heap settled (search warmed, after GC): ${result.heapSettledMB.toFixed(1)} MB (target < 40 MB)${mark(result.heapSettledMB < 40)}`);
    log(`web: keyboard move repaint, drop (Space) to next frame, median of ${drops.length}: ${result.dropMs.toFixed(1)} ms (target < 20 ms)${mark(result.dropMs < 20)}`);
    log(`web: keyboard move repaint, preview (ArrowRight) to next frame, median of ${previews.length}: ${result.previewMs.toFixed(1)} ms (target < 20 ms)${mark(result.previewMs < 20)}`);
    log(`web: task panel shown (click on a card to the frame with the panel) at ${n} tasks, median of ${panels.length}: ${result.panelMs.toFixed(1)} ms (target < 50 ms)${mark(result.panelMs < 50)}`);
    log(`web: triage view of ${n} tasks (click to the frame with the groups), median of ${triages.length}: ${result.triageMs.toFixed(0)} ms (target < 300 ms)${mark(result.triageMs < 300)}`);
    return result;
  } finally {
    await browser?.close();
    if (child) await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await runWebBench();
