// Chromium driven over its DevTools pipe with nothing but the domains a measurement needs, so a page
// loads as in a user's browser. Playwright enables the Network domain on every page it drives, and
// with it Chromium's DevTools network agent keeps each response body and decodes it as text on the
// page's main thread: a 4.9 MB board answer became one 120-250 ms task in the middle of the load,
// which no user's browser runs. Here only the Page domain is enabled (it runs the measuring script
// on each new document): pages are created, navigated and asked questions (Runtime.evaluate), and
// the page's own marks and observers do the measuring.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

interface Answer {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** A page of a bare Chromium: evaluates expressions and navigates. */
export interface BarePage {
  /** Evaluates `fn` (no arguments, no named inner functions) in the page and returns its JSON value. */
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

export class BareChromium {
  readonly #process: ChildProcess;
  readonly #input: Writable;
  readonly #profile: string;
  readonly #waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  #next = 1;
  #buffered = '';
  /** Called with each event Chromium sends (a method and its parameters), for a caller that enabled a domain. */
  onEvent: (method: string, params: unknown) => void = () => {};

  private constructor(proc: ChildProcess, profile: string) {
    this.#process = proc;
    this.#profile = profile;
    this.#input = proc.stdio[3] as Writable;
    const output = proc.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.#buffered += chunk;
      for (let end = this.#buffered.indexOf('\0'); end >= 0; end = this.#buffered.indexOf('\0')) {
        const message = JSON.parse(this.#buffered.slice(0, end)) as Answer;
        this.#buffered = this.#buffered.slice(end + 1);
        if (message.method) this.onEvent(message.method, message.params);
        const waiter = message.id === undefined ? undefined : this.#waiting.get(message.id);
        if (!waiter) continue;
        this.#waiting.delete(message.id!);
        if (message.error) waiter.fail(new Error(message.error.message));
        else waiter.ok(message.result);
      }
    });
  }

  /** Starts `executable` headless with `args`, a throwaway profile, the page's time zone and language. */
  static async launch(executable: string, args: readonly string[], opts: { timezone: string; locale: string }): Promise<BareChromium> {
    const profile = await mkdtemp(join(tmpdir(), 'dondoc-bare-chromium-'));
    const proc = spawn(executable, [...args, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, `--lang=${opts.locale}`, `--accept-lang=${opts.locale}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, TZ: opts.timezone },
    });
    return new BareChromium(proc, profile);
  }

  /** Sends one DevTools command (to a page when `sessionId` is given) and resolves with its result. */
  send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((ok, fail) => {
      this.#waiting.set(id, { ok: ok as (v: unknown) => void, fail });
      this.#input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /**
   * A page in a fresh browser context (no cache, no storage: a first visit) with `cookies` set and
   * `initScript` run before any script of each document it loads.
   */
  async newPage(opts: { width: number; height: number; cookies: ReadonlyArray<{ name: string; value: string; url: string }>; initScript: () => void }): Promise<BarePage> {
    const { browserContextId } = await this.send<{ browserContextId: string }>('Target.createBrowserContext');
    if (opts.cookies.length > 0) await this.send('Storage.setCookies', { browserContextId, cookies: opts.cookies });
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', browserContextId, width: opts.width, height: opts.height });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await this.send('Emulation.setDeviceMetricsOverride', { width: opts.width, height: opts.height, deviceScaleFactor: 1, mobile: false }, sessionId);
    // The script runs only once the Page domain is enabled: page lifecycle events, nothing on the network.
    await this.send('Page.enable', {}, sessionId);
    await this.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${opts.initScript.toString()})()` }, sessionId);
    return {
      evaluate: async <T>(fn: () => T | Promise<T>): Promise<T> => {
        const answer = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
          'Runtime.evaluate',
          { expression: `(${fn.toString()})()`, returnByValue: true, awaitPromise: true },
          sessionId,
        );
        if (answer.exceptionDetails) throw new Error(`page: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
        return answer.result.value as T;
      },
      goto: async (url: string) => {
        const nav = await this.send<{ errorText?: string }>('Page.navigate', { url }, sessionId);
        if (nav.errorText) throw new Error(`navigating to ${url}: ${nav.errorText}`);
      },
      close: async () => {
        await this.send('Target.closeTarget', { targetId });
        await this.send('Target.disposeBrowserContext', { browserContextId });
      },
    };
  }

  async close(): Promise<void> {
    const exited = new Promise((done) => this.#process.once('exit', done));
    this.send('Browser.close').catch(() => {});
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    if (this.#process.exitCode === null) this.#process.kill('SIGKILL');
    await rm(this.#profile, { recursive: true, force: true });
  }
}
