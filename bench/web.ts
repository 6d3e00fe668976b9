// Web bench: the built app, served by the real server with a generated board of 1,000, 10,000 and
// 50,000 tasks, loaded in headless Chromium, cold (a fresh context) and warm (the same tab again):
// navigation start to the frame with the first screen's cards, and to the end of the last long
// task — in a bare Chromium (bare-chromium.ts: as a user's browser runs), and for reference under
// Playwright; search per keystroke; and at 10,000 the JS heap, a card move's repaint, the task panel
// and the triage view (under Playwright, which drives the keyboard and mouse).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedGeneratedBoard, signInCookie, startServer, stopServer } from './server.ts';
import { BareChromium, type BarePage } from './bare-chromium.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** What Playwright also passes, so a bare Chromium's page is not throttled as a background one would be. */
const BARE_ARGS = ['--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding', '--no-first-run', '--no-default-browser-check', '--hide-scrollbars', '--mute-audio'];

export interface WebBenchOptions {
  /** Board sizes loaded; the interaction figures (moves, panel, triage) are taken at 10,000. */
  sizes?: number[];
  /** Page loads per size (each a cold load then a warm one); each figure is the median over them. */
  runs?: number;
  /** Keyboard moves per page. */
  moves?: number;
  log?: (line: string) => void;
}

export interface PageLoad {
  /** Resource timing of the board's GET: request start and last byte. */
  requested: number;
  received: number;
  /** The first screen's cards handed to the view (the slice), the whole board parsed and indexed. */
  firstScreen: number;
  fetched: number;
  indexed: number;
  firstCard: number;
  /** The first animation frame after the first screen's cards were in the DOM. */
  painted: number;
  element: number;
  /** Long tasks (> 50 ms) from navigation start until the page is quiet, the longest, and where the last ended. */
  longTasks: number;
  longestTask: number;
  lastLongTaskEnd: number;
  /** Cards in the DOM at the first card's mark (the first frame), and once loaded. */
  firstCards: number;
  cards: number;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Page code registered before any script of the page runs, so no paint or long task entry is missed. */
function observeLoad(): void {
  const w = window as unknown as { __cardPaint?: number; __longTasks?: Array<[number, number]> };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { renderTime: number; identifier: string })[])
      if (e.identifier === 'card' && w.__cardPaint === undefined) w.__cardPaint = e.renderTime || e.startTime;
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks!.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** What a page load is measured through: Playwright's page, or a bare Chromium's (bare-chromium.ts). */
interface LoadDriver {
  goto(url: string): Promise<void>;
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
}

const playwrightDriver = (page: Page): LoadDriver => ({
  goto: async (url) => void (await page.goto(url, { waitUntil: 'commit' })),
  evaluate: (fn) => page.evaluate(fn),
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `fn` in the page every 50 ms until it is true (a page between two documents answers false). */
async function pollUntil(driver: LoadDriver, fn: () => boolean, timeoutMs: number): Promise<void> {
  for (const until = performance.now() + timeoutMs; performance.now() < until; await sleep(50)) if (await driver.evaluate(fn).catch(() => false)) return;
  throw new Error(`the page did not get there within ${timeoutMs} ms`);
}

/**
 * One page load. Times are the app's own marks (`lib/perf.ts`, the board store), relative to
 * navigation start; Element Timing on the card text is the browser's paint timestamp for the same
 * moment, read as a cross-check. The load ends once the whole board is indexed and a second passes
 * without a long task.
 */
export async function loadBoard(driver: LoadDriver, url: string): Promise<PageLoad> {
  await driver.goto(url);
  await pollUntil(driver, () => performance.getEntriesByName('dondoc:board-indexed').length > 0, 120_000);
  const longTaskCount = () => driver.evaluate(() => (window as unknown as { __longTasks: unknown[] }).__longTasks.length);
  for (let quiet = 0; quiet < 10; ) {
    const before = await longTaskCount();
    await sleep(1_000);
    quiet = (await longTaskCount()) === before ? 10 : quiet + 1;
  }
  // No named inner functions in page code: tsx's keepNames would wrap them in a __name the page lacks.
  const seen = await driver.evaluate(() => {
    const w = window as unknown as { __cardPaint?: number; __longTasks: Array<[number, number]> };
    const r = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.startsWith('/api/boards/')) as PerformanceResourceTiming | undefined;
    return {
      marks: ['dondoc:first-screen', 'dondoc:board-fetched', 'dondoc:board-indexed', 'dondoc:first-card', 'dondoc:board-painted'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN),
      requested: r?.startTime ?? NaN,
      received: r?.responseEnd ?? NaN,
      longs: w.__longTasks,
      element: w.__cardPaint ?? NaN,
      firstCards: ((performance.getEntriesByName('dondoc:first-card')[0] as PerformanceMark | undefined)?.detail as { cards?: number } | undefined)?.cards ?? NaN,
      cards: document.querySelectorAll('[data-testid="task-card"]').length,
    };
  });
  // JSON carries NaN as null.
  const num = (v: number | null) => v ?? NaN;
  const [firstScreen, fetched, indexed, firstCard, painted] = seen.marks.map(num) as [number, number, number, number, number];
  const longs = seen.longs;
  return {
    requested: num(seen.requested),
    received: num(seen.received),
    firstScreen,
    fetched,
    indexed,
    firstCard,
    painted,
    element: num(seen.element),
    longTasks: longs.length,
    longestTask: Math.max(0, ...longs.map(([, d]) => d)),
    // With no long task at all, the page was done once the whole board was indexed.
    lastLongTaskEnd: Math.max(indexed, ...longs.map(([t, d]) => t + d)),
    firstCards: num(seen.firstCards),
    cards: seen.cards,
  };
}

/**
 * Types `text` into the board's search box a key at a time and returns, per keystroke, the time
 * from its keydown to the frame that shows the filtered board (the filter runs in the input
 * handler and Vue renders before that frame).
 */
async function searchKeystrokes(page: Page, text: string): Promise<number[]> {
  const box = page.locator('[data-testid="filter-search"]');
  await box.click();
  await page.evaluate(() => {
    const w = window as unknown as { __keys: number[] };
    w.__keys = [];
    window.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            channel.port1.close();
            w.__keys.push(performance.now() - t0);
          };
          channel.port2.postMessage(null);
        });
      },
      { capture: true },
    );
  });
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(150);
  }
  const shown = Number(await page.getByTestId('filter-count').getAttribute('data-shown'));
  const total = Number(await page.getByTestId('filter-count').getAttribute('data-total'));
  // A search that filtered nothing measured nothing.
  if (!(shown < total)) throw new Error(`search "${text}" shows ${shown} of ${total} tasks`);
  const times = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
  await box.fill('');
  return times;
}

/** Picks up the first card of a `todo` cell, moves it one column right and drops it; returns both repaint measures. */
async function keyboardMove(page: Page, track: string): Promise<{ preview: number; drop: number }> {
  const card = page.locator(`[data-testid="cell-${track}-todo"] [data-testid="task-card"]`).first();
  const id = await card.getAttribute('data-task-id');
  const before = await page.evaluate(() => performance.getEntriesByType('measure').length);
  // The card is in view and painted before the keys, as a user sees a card before moving it: focusing
  // one below the fold scrolls the page, and rasterising what the scroll shows (~150 ms in software
  // here) would land in the move's frame, one move in three (the lowest lane's) — the scroll's cost.
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
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

interface SizeFigures {
  /** Loads in a bare Chromium (as a user's browser runs), cold and warm. */
  cold: PageLoad[];
  warm: PageLoad[];
  /** The same loads under Playwright (its DevTools network agent on): the reference the figures were first taken with. */
  playwrightCold: PageLoad[];
  playwrightWarm: PageLoad[];
  keystrokes: number[];
  heaps: number[];
  settled: number[];
  previews: number[];
  drops: number[];
  panels: number[];
  triages: number[];
  /** At 10,000: the control, the first screen as static HTML loaded in fresh tabs (`staticFirstScreen`). */
  staticCold: StaticLoad[];
  /** The same control loaded again in its tab, as a warm load is. */
  staticWarm: StaticLoad[];
}

interface StaticLoad {
  longTasks: number;
  longestTask: number;
  cards: number;
}

/**
 * Page code: the document as it stands when the board's first screen has painted, without its scripts
 * and preloads (the control's page). Kept by an observer of the app's own mark, before the cells widen.
 */
function keepFirstScreen(): void {
  new PerformanceObserver((list, observer) => {
    if (!list.getEntries().some((e) => e.name === 'dondoc:board-painted')) return;
    observer.disconnect();
    const doc = document.documentElement.cloneNode(true) as HTMLElement;
    for (const e of doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]')) e.remove();
    (window as unknown as { __firstScreen?: string }).__firstScreen = `<!doctype html>${doc.outerHTML}`;
  }).observe({ type: 'mark' });
  const w = window as unknown as { __longTasks?: Array<[number, number]> };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks!.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * The control for a load's long tasks, with no dondoc code running: the board's first screen, as the
 * app painted it, saved as static HTML (no script) with the app's stylesheet, and loaded `runs` times
 * in a fresh tab (cold), then once more in that tab (warm, as the warm load is). Its long tasks are the
 * browser's own work: parsing, styling, layout and paint of that screen in a new renderer, and on the
 * second load the commit of the navigation, which tears the first page down.
 */
async function staticFirstScreen(bare: BareChromium, url: string, cookie: { name: string; value: string; url: string }, runs: number): Promise<{ cold: StaticLoad[]; warm: StaticLoad[] }> {
  const source = await bare.newPage({ width: 1920, height: 1080, cookies: [cookie], initScript: keepFirstScreen });
  await source.goto(url);
  await pollUntil(source, () => typeof (window as unknown as { __firstScreen?: string }).__firstScreen === 'string', 120_000);
  const html = await source.evaluate(() => (window as unknown as { __firstScreen: string }).__firstScreen);
  await source.close();
  const assets = join(ROOT, 'apps/web/dist');
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    readFile(join(assets, path.replace(/\.\./g, ''))).then(
      (body) => res.writeHead(200, { 'content-type': path.endsWith('.css') ? 'text/css' : 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const cold: StaticLoad[] = [];
    const warm: StaticLoad[] = [];
    const load = async (page: BarePage): Promise<StaticLoad> => {
      await page.goto(`${base}/`);
      await sleep(1_500);
      const seen = await page.evaluate(() => ({ longs: (window as unknown as { __longTasks: Array<[number, number]> }).__longTasks, cards: document.querySelectorAll('[data-testid="task-card"]').length }));
      return { longTasks: seen.longs.length, longestTask: Math.max(0, ...seen.longs.map(([, d]) => d)), cards: seen.cards };
    };
    for (let r = 0; r < runs; r++) {
      const page = await bare.newPage({ width: 1920, height: 1080, cookies: [], initScript: keepFirstScreen });
      cold.push(await load(page));
      warm.push(await load(page));
      await page.close();
    }
    return { cold, warm };
  } finally {
    server.close();
  }
}

const SEARCH = 'so khcn';

async function measureSize(browser: Browser, bare: BareChromium, n: number, runs: number, movesPerPage: number, interactions: boolean): Promise<SizeFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-webbench-'));
  let child: ChildProcess | undefined;
  try {
    const generated = await seedGeneratedBoard(dir, n);
    const started = await startServer(dir);
    child = started.child;
    const url = `${started.base}/boards/${generated.board.id}`;
    // Each run's moves make a new revision; read it once before the load, as any earlier visitor
    // would have: this bench measures the page (the server's first GET is in the scale bench).
    const cookie = await signInCookie(started.base);
    const [cookieName, ...cookieValue] = cookie.split('=');
    const warm = async () => void (await (await fetch(`${started.base}/api/boards/${generated.board.id}`, { headers: { 'accept-encoding': 'gzip', cookie } })).arrayBuffer());
    const f: SizeFigures = { cold: [], warm: [], playwrightCold: [], playwrightWarm: [], keystrokes: [], heaps: [], settled: [], previews: [], drops: [], panels: [], triages: [], staticCold: [], staticWarm: [] };
    const tracks = ['de-an-06', 'cchc', 'khcn-cds'];
    // One unmeasured load first: Chromium's own start-up (first process, font caches) is not the app's.
    for (let r = -1; r < runs; r++) {
      // Cold: a fresh context (no HTTP cache, no storage). Warm: the same tab loads the board again.
      await warm();
      const barePage = await bare.newPage({ width: 1920, height: 1080, cookies: [{ name: cookieName!, value: cookieValue.join('='), url: started.base }], initScript: observeLoad });
      const bareCold = await loadBoard(barePage, url);
      const bareWarm = await loadBoard(barePage, url);
      await barePage.close();
      if (r >= 0) {
        f.cold.push(bareCold);
        f.warm.push(bareWarm);
      }
      await warm();
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await context.addCookies([{ name: cookieName!, value: cookieValue.join('='), url: started.base }]);
      const page = await context.newPage();
      await page.addInitScript(observeLoad);
      const cold = await loadBoard(playwrightDriver(page), url);
      const again = await loadBoard(playwrightDriver(page), url);
      if (r >= 0) {
        f.playwrightCold.push(cold);
        f.playwrightWarm.push(again);
        f.heaps.push(await heapMB(page, false));
        f.keystrokes.push(...(await searchKeystrokes(page, SEARCH)));
      }
      if (interactions) {
        for (let m = 0; m < movesPerPage; m++) {
          const moved = await keyboardMove(page, tracks[m % tracks.length]!);
          if (r >= 0) {
            f.previews.push(moved.preview);
            f.drops.push(moved.drop);
          }
        }
        if (r >= 0) {
          await page.waitForTimeout(2_000); // the idle-time search warm-up runs here (and the panel's code is fetched)
          f.settled.push(await heapMB(page, true));
          for (const track of tracks) f.panels.push(await openPanel(page, track));
          f.triages.push(await openTriage(page));
        }
      }
      await context.close();
    }
    if (interactions) {
      const control = await staticFirstScreen(bare, url, { name: cookieName!, value: cookieValue.join('='), url: started.base }, runs);
      f.staticCold = control.cold;
      f.staticWarm = control.warm;
    }
    return f;
  } finally {
    if (child) await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runWebBench(opts: WebBenchOptions = {}): Promise<void> {
  const sizes = opts.sizes ?? [1_000, 10_000, 50_000];
  const movesPerPage = opts.moves ?? 3;
  const log = opts.log ?? console.log;
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `pnpm build` first (pnpm bench does)');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const bare = await BareChromium.launch(CHROMIUM, [...ARGS, ...BARE_ARGS], { timezone: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  try {
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗');
    for (const n of sizes) {
      const runs = opts.runs ?? (n > 10_000 ? 3 : 5);
      const f = await measureSize(browser, bare, n, runs, movesPerPage, n === 10_000);
      const at = `at ${n.toLocaleString('en')} tasks, median of ${runs}`;
      for (const [kind, loads, underPlaywright, goal] of [
        ['warm', f.warm, f.playwrightWarm, 400],
        ['cold', f.cold, f.playwrightCold, 800],
      ] as const) {
        const painted = median(loads.map((l) => l.painted));
        const quiet = median(loads.map((l) => l.lastLongTaskEnd));
        const longTasks = median(loads.map((l) => l.longTasks));
        const longest = median(loads.map((l) => l.longestTask));
        log(`web: first screen painted, ${kind} load ${at} (a bare Chromium, as a user's): ${ms(painted)} (goal < ${goal} ms)${n <= 10_000 ? mark(painted < goal) : ''}`);
        log(`web:   ${kind} load to the end of the last long task (or the whole board indexed): ${ms(quiet)}; long tasks over 50 ms: ${longTasks} (longest ${ms(longest)}) (goal: none)${mark(longTasks === 0)}`);
        log(
          `web:   of which board requested at ${ms(median(loads.map((l) => l.requested)))}, first screen handed to the view ${ms(median(loads.map((l) => l.firstScreen)))}, first card in DOM ${ms(median(loads.map((l) => l.firstCard)))}, Element Timing paint ${ms(median(loads.map((l) => l.element)))}; whole board parsed ${ms(median(loads.map((l) => l.fetched)))}, indexed ${ms(median(loads.map((l) => l.indexed)))}; ${median(loads.map((l) => l.firstCards))} cards in the first frame, ${median(loads.map((l) => l.cards))} once loaded`,
        );
        if (kind === 'cold' && f.staticCold.length > 0)
          log(
            `web:   control, no dondoc code: the first screen as the app painted it (${median(f.staticCold.map((l) => l.cards))} cards), saved as static HTML with the app's stylesheet, loaded in a fresh tab ${f.staticCold.length} times: long tasks over 50 ms ${median(f.staticCold.map((l) => l.longTasks))} (longest ${ms(median(f.staticCold.map((l) => l.longestTask)))}) (reference: the browser's own first parse, style, layout and paint of that screen)`,
          );
        if (kind === 'warm' && f.staticWarm.length > 0)
          log(
            `web:   control, no dondoc code: that static first screen loaded again in its tab, ${f.staticWarm.length} times: long tasks over 50 ms ${median(f.staticWarm.map((l) => l.longTasks))} (longest ${ms(median(f.staticWarm.map((l) => l.longestTask)))}) (reference: the browser's own commit of a navigation that replaces a page showing that screen)`,
          );
        log(
          `web:   the same ${kind} load under Playwright (its network agent decoding every body on the page's thread): painted ${ms(median(underPlaywright.map((l) => l.painted)))}, long tasks ${median(underPlaywright.map((l) => l.longTasks))} (longest ${ms(median(underPlaywright.map((l) => l.longestTask)))}), last long task ended ${ms(median(underPlaywright.map((l) => l.lastLongTaskEnd)))} (reference)`,
        );
      }
      const keyMedian = median(f.keystrokes);
      log(`web: search "${SEARCH}" typed a key at a time ${at}: keydown to the filtered frame, median ${keyMedian.toFixed(1)} ms, slowest ${Math.max(...f.keystrokes).toFixed(1)} ms of ${f.keystrokes.length} keys (goal < 30 ms per keystroke)${mark(keyMedian < 30)}`);
      log(`web: JS heap after the board loaded ${at}: ${median(f.heaps).toFixed(1)} MB`);
      if (f.drops.length === 0) continue;
      const settled = median(f.settled);
      const drop = median(f.drops);
      const preview = median(f.previews);
      const panel = median(f.panels);
      const triage = median(f.triages);
      log(`web: JS heap settled (search warmed, after GC) ${at}: ${settled.toFixed(1)} MB (target < 40 MB)${mark(settled < 40)}`);
      log(`web: keyboard move repaint, drop (Space) to next frame, median of ${f.drops.length}: ${drop.toFixed(1)} ms (target < 20 ms)${mark(drop < 20)}`);
      log(`web: keyboard move repaint, preview (ArrowRight) to next frame, median of ${f.previews.length}: ${preview.toFixed(1)} ms (target < 20 ms)${mark(preview < 20)}`);
      log(`web: task panel shown (click on a card to the frame with the panel) at ${n} tasks, median of ${f.panels.length}: ${panel.toFixed(1)} ms (target < 50 ms)${mark(panel < 50)}`);
      log(`web: triage view of ${n} tasks (click to the frame with the groups), median of ${f.triages.length}: ${triage.toFixed(0)} ms (target < 300 ms)${mark(triage < 300)}`);
    }
  } finally {
    await browser.close();
    await bare.close();
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await runWebBench();
