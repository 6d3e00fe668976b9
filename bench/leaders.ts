// Leaders' view figures of issue 16, through the real server (a child process on a temp store with a
// 10,000-task board) and the built app in headless Chromium: how soon a move reaches 50 live streams,
// the server's memory holding 1,000 idle streams, the board's dashboard drawn, and meeting mode's step
// from one task to the next. Each figure is printed beside its goal.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { COLUMN_IDS, type MoveResponse, type Task } from '@dondoc/shared';
import { seedGeneratedBoard, signInCookie, startServer, stopServer } from './server.ts';
import { prng } from './generate.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const line = (name: string, value: string, goal: string, ok?: boolean) => console.log(`${name}: ${value} (goal ${goal})${ok === undefined ? '' : ok ? ' ✓' : ' ✗'}`);
/** "Chờ xác nhận" needs evidence: moves go to the other columns. */
const COLUMNS = COLUMN_IDS.filter((c) => c !== 'review');

export interface LeadersBenchOptions {
  tasks?: number;
  /** Live streams that each move must reach. */
  clients?: number;
  moves?: number;
  /** Idle streams held for the memory figure. */
  idle?: number;
  /** Dashboard loads and meeting steps measured in Chromium. */
  runs?: number;
  steps?: number;
}

export interface LeadersBenchResult {
  fanoutP50: number;
  fanoutP95: number;
  /** p95 over moves of the slowest client's delay. */
  fanoutSlowestP95: number;
  rssBaseline: number;
  rssIdle: number;
  idleFanoutMs: number;
  dashboardOpenMs: number;
  dashboardClickMs: number;
  stepWorkP95: number;
  stepFrameMedian: number;
}

/** One SSE client as a browser's EventSource would be: a long GET, events parsed as they arrive. */
interface Stream {
  req: ClientRequest;
  ready: Promise<void>;
  /** Called with each `change` event's data and its arrival time. */
  onChange?: (data: { tasks: string[]; seq: number }, at: number) => void;
}

function openStream(base: string, cookie: string, boardId: string): Stream {
  const stream: Stream = { req: undefined as unknown as ClientRequest, ready: Promise.resolve() };
  stream.ready = new Promise((ok, fail) => {
    const url = new URL(`/api/boards/${boardId}/events`, base);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return fail(new Error(`events: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const l of block.split('\n')) {
            if (l.startsWith('event:')) event = l.slice(6).trim();
            else if (l.startsWith('data:')) data += l.slice(5).trimStart();
          }
          if (event === 'hello') ok();
          else if (event === 'change' && stream.onChange) stream.onChange(JSON.parse(data) as { tasks: string[]; seq: number }, at);
        }
      });
      res.on('error', () => {});
    });
    req.on('error', (e) => fail(e));
    req.end();
    stream.req = req;
  });
  return stream;
}

async function rssMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Moves a random task and resolves with the time each stream saw that task's change (ms after the request was sent). */
async function moveAndWait(base: string, cookie: string, boardId: string, task: Task, version: number, streams: Stream[], rand: () => number): Promise<{ delays: number[]; version: number }> {
  const delays: number[] = [];
  let started = 0;
  const all = new Promise<void>((done) => {
    let left = streams.length;
    for (const s of streams)
      s.onChange = (data, at) => {
        if (!data.tasks.includes(task.id)) return;
        s.onChange = undefined;
        delays.push(at - started);
        if (--left === 0) done();
      };
  });
  const body = { version, track: ['de-an-06', 'cchc', 'khcn-cds'][Math.floor(rand() * 3)]!, column: COLUMNS[Math.floor(rand() * COLUMNS.length)]!, afterId: null };
  started = performance.now();
  const res = await fetch(`${base}/api/boards/${boardId}/tasks/${task.id}/move`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: base }, body: JSON.stringify(body) });
  const moved = (await res.json()) as MoveResponse;
  if (res.status !== 200) throw new Error(`move failed: ${res.status} ${JSON.stringify(moved)}`);
  await Promise.race([all, new Promise((_, fail) => setTimeout(() => fail(new Error(`only ${delays.length}/${streams.length} streams got the move in 30 s`)), 30_000))]);
  return { delays, version: moved.task.version };
}

/** The latest measure named `name` on the page. */
async function measured(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)!.duration, name);
}

export async function runLeadersBench(opts: LeadersBenchOptions = {}): Promise<LeadersBenchResult> {
  const n = opts.tasks ?? 10_000;
  const clients = opts.clients ?? 50;
  const moveCount = opts.moves ?? 40;
  const idle = opts.idle ?? 1000;
  const runs = opts.runs ?? 5;
  const stepCount = opts.steps ?? 60;
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `pnpm build` first (pnpm bench does)');
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-leadersbench-'));
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  const streams: Stream[] = [];
  try {
    const generated = await seedGeneratedBoard(dir, n);
    const boardId = generated.board.id;
    const started = await startServer(dir);
    child = started.child;
    let base = started.base;
    let cookie = await signInCookie(base);
    const versions = new Map(generated.tasks.map((t) => [t.id, t.version]));
    // The board read once, as the first visitor would: the server's caches are warm for everyone after.
    await (await fetch(`${base}/api/boards/${boardId}`, { headers: { cookie, 'accept-encoding': 'gzip' } })).arrayBuffer();

    // 1. 50 live streams; each move must reach all of them.
    for (let i = 0; i < clients; i++) streams.push(openStream(base, cookie, boardId));
    await Promise.all(streams.map((s) => s.ready));
    const rand = prng(16);
    const delays: number[] = [];
    const slowest: number[] = [];
    for (let m = 0; m < moveCount + 5; m++) {
      const task = generated.tasks[Math.floor(rand() * generated.tasks.length)]!;
      const r = await moveAndWait(base, cookie, boardId, task, versions.get(task.id)!, streams, rand);
      versions.set(task.id, r.version);
      if (m < 5) continue; // warm-up: JIT, connection
      delays.push(...r.delays);
      slowest.push(Math.max(...r.delays));
    }

    // 2. 1,000 idle streams on a freshly started server (the same store), then its resident memory.
    for (const s of streams) s.req.destroy();
    streams.length = 0;
    await stopServer(child);
    const restarted = await startServer(dir);
    child = restarted.child;
    base = restarted.base;
    cookie = await signInCookie(base);
    await new Promise((r) => setTimeout(r, 3_000));
    const rssBaseline = await rssMB(child.pid!);
    while (streams.length < idle) {
      const batch: Stream[] = [];
      for (let i = 0; i < 100 && streams.length + batch.length < idle; i++) batch.push(openStream(base, cookie, boardId));
      await Promise.all(batch.map((s) => s.ready));
      streams.push(...batch);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const rssIdle = await rssMB(child.pid!);
    // And one move reaching all 1,000, for scale.
    const task = generated.tasks[0]!;
    const all = await moveAndWait(base, cookie, boardId, task, versions.get(task.id)!, streams, rand);
    versions.set(task.id, all.version);
    const idleFanoutMs = Math.max(...all.delays);
    for (const s of streams) s.req.destroy();
    streams.length = 0;

    // 3. The dashboard of the 10,000 tasks in Chromium, and 4. meeting mode's step.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const [cookieName, ...cookieValue] = cookie.split('=');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await context.addCookies([{ name: cookieName!, value: cookieValue.join('='), url: base }]);
    const opens: number[] = [];
    const openAsked: number[] = [];
    const openFetched: number[] = [];
    const clicks: number[] = [];
    // One unmeasured open first: Chromium's own start-up is not the app's.
    for (let r = -1; r < runs; r++) {
      const page = await context.newPage();
      // A cold open of the dashboard's link: navigation start to the frame with every chart drawn.
      await page.goto(`${base}/boards/${boardId}/dashboard`, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('dondoc:dashboard-shown').length > 0, undefined, { timeout: 60_000, polling: 50 });
      const [asked, fetched, shownEnd] = await page.evaluate(() => {
        const m = performance.getEntriesByName('dondoc:dashboard-shown')[0]!;
        const f = performance.getEntriesByName('dondoc:dashboard-fetched')[0]!;
        return [m.startTime, f.startTime + f.duration, m.startTime + m.duration];
      });
      // From the board's link in the app (the route's code already loaded): click to the frame with the charts.
      await page.getByTestId('dashboard-view').locator('a.back').click();
      await page.getByTestId('board').waitFor({ timeout: 60_000 });
      await page.evaluate(() => {
        performance.mark('bench:dashboard-click');
        (document.querySelector('[data-testid="nav-dashboard"]') as HTMLElement).click();
      });
      await page.waitForFunction(() => performance.getEntriesByName('dondoc:dashboard-shown').length > 1, undefined, { timeout: 60_000, polling: 50 });
      const click = await page.evaluate(() => {
        const m = performance.getEntriesByName('dondoc:dashboard-shown')[1]!;
        return m.startTime + m.duration - performance.getEntriesByName('bench:dashboard-click')[0]!.startTime;
      });
      if (r >= 0) {
        opens.push(shownEnd);
        openAsked.push(asked);
        openFetched.push(fetched);
        clicks.push(click);
      }
      await page.close();
    }

    const meeting = await fetch(`${base}/api/boards/${boardId}/meetings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: base },
      body: JSON.stringify({ title: 'Bench', date: '2025-11-20', chair: '', attendees: [], filter: {}, agenda: 'track' }),
    });
    if (!meeting.ok) throw new Error(`meeting: ${meeting.status} ${await meeting.text()}`);
    const { id: meetingId } = (await meeting.json()) as { id: string };
    const page = await context.newPage();
    await page.goto(`${base}/boards/${boardId}/meetings/${meetingId}/present`);
    await page.getByTestId('meeting-task').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const work: number[] = [];
    const frames: number[] = [];
    for (let s = 0; s < stepCount + 5; s++) {
      const before = await page.evaluate(() => performance.getEntriesByName('dondoc:meeting-step').length);
      await page.keyboard.press(s % 10 === 9 ? 'ArrowDown' : 'ArrowRight');
      await page.waitForFunction((b) => performance.getEntriesByName('dondoc:meeting-step').length > b, before);
      await page.waitForTimeout(30);
      if (s < 5) continue;
      work.push(await measured(page, 'dondoc:meeting-step-work'));
      frames.push(await measured(page, 'dondoc:meeting-step'));
    }
    await context.close();

    const result: LeadersBenchResult = {
      fanoutP50: pct(delays, 50),
      fanoutP95: pct(delays, 95),
      fanoutSlowestP95: pct(slowest, 95),
      rssBaseline,
      rssIdle,
      idleFanoutMs,
      dashboardOpenMs: pct(opens, 50),
      dashboardClickMs: pct(clicks, 50),
      stepWorkP95: pct(work, 95),
      stepFrameMedian: pct(frames, 50),
    };
    line(`leaders: a move reaching ${clients} live streams on a ${n}-task board, p50 / p95 over ${delays.length} deliveries`, `${fmt(result.fanoutP50)} / ${fmt(result.fanoutP95)} ms`, 'p95 < 200 ms', result.fanoutP95 < 200);
    line(`leaders:   the slowest of the ${clients} streams per move, p95 over ${slowest.length} moves`, `${fmt(result.fanoutSlowestP95)} ms`, '< 200 ms', result.fanoutSlowestP95 < 200);
    line(`leaders: server memory with ${idle} idle streams (fresh start, board of ${n} loaded; ${result.rssBaseline.toFixed(0)} MB before the streams)`, `${result.rssIdle.toFixed(0)} MB`, '< 300 MB', result.rssIdle < 300);
    line(`leaders:   one move reaching all ${idle} streams`, `${fmt(result.idleFanoutMs)} ms`, 'for scale');
    line(`leaders: dashboard of ${n} tasks drawn, cold open of its link (navigation to the frame with every chart), median of ${opens.length}`, `${fmt(result.dashboardOpenMs)} ms`, '< 500 ms', result.dashboardOpenMs < 500);
    console.log(`leaders:   of which the view asked for the figures at ${fmt(pct(openAsked, 50))} ms, had them at ${fmt(pct(openFetched, 50))} ms`);
    line(`leaders:   from the board's link (click to the frame with every chart), median of ${clicks.length}`, `${fmt(result.dashboardClickMs)} ms`, '< 500 ms', result.dashboardClickMs < 500);
    line(`leaders: meeting mode's next-task step (key to updated layout), p95 of ${work.length}`, `${fmt(result.stepWorkP95)} ms`, '< 16 ms', result.stepWorkP95 < 16);
    line(`leaders:   to the frame that shows it (includes waiting for the display's next frame), median`, `${fmt(result.stepFrameMedian)} ms`, 'one frame (16.7 ms at 60 Hz)', result.stepFrameMedian < 16.7);
    return result;
  } finally {
    for (const s of streams) s.req.destroy();
    await browser?.close();
    if (child) await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await runLeadersBench();
