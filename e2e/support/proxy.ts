// A pass-through HTTP proxy in front of a dondoc server that can cut the live streams a browser holds
// and keep its reconnections waiting, as a flaky Wi-Fi or a restarted load balancer would: a spec then
// changes the board meanwhile and sees what the reconnected stream brings (Last-Event-ID) and what it
// did not need to refetch. Every request through it is logged with its Last-Event-ID header.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  url: string;
  lastEventId: string | undefined;
  at: number;
}

const isStream = (url: string): boolean => /\/events(\?|$)/.test(url);

export class StreamCuttingProxy {
  readonly log: ProxiedRequest[] = [];
  private server?: Server;
  private readonly streams = new Set<ServerResponse>();
  private held = false;
  private waiting: Array<() => void> = [];
  private readonly target: URL;

  constructor(target: string) {
    this.target = new URL(target);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
  }

  /** Drops every open stream and holds the browser's reconnections until `release()`. */
  cut(): void {
    this.held = true;
    for (const res of this.streams) res.socket?.destroy();
    this.streams.clear();
  }

  /** Lets held reconnections through to the server. */
  release(): void {
    this.held = false;
    const go = this.waiting;
    this.waiting = [];
    for (const f of go) f();
  }

  /** How many stream requests are waiting on `release()`. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  async stop(): Promise<void> {
    for (const res of this.streams) res.socket?.destroy();
    for (const f of this.waiting) f();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const header = req.headers['last-event-id'];
    this.log.push({ method: req.method ?? 'GET', url, lastEventId: Array.isArray(header) ? header[0] : header, at: Date.now() });
    const forward = () => {
      const up = request({ host: this.target.hostname, port: this.target.port, method: req.method, path: url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.destroy());
      res.on('close', () => up.destroy());
      // A held GET has long ended its (empty) body: end the forwarded one ourselves.
      if (req.method === 'GET' || req.method === 'HEAD') up.end();
      else req.pipe(up);
      if (isStream(url)) {
        this.streams.add(res);
        res.on('close', () => this.streams.delete(res));
      }
    };
    if (isStream(url) && this.held) this.waiting.push(forward);
    else forward();
  }
}
