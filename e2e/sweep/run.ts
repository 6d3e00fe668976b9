// Sending the sweep: raw HTTP (node:http, so `..` and `%2e` reach the server as written), a few at a
// time, and a hash of every file of the data folder to compare before and after.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join, relative } from 'node:path';
import type { SweepRequest } from './requests.ts';

export interface SweepAnswer {
  req: SweepRequest;
  status: number | null;
  /** Set when no HTTP answer came (a reset connection). */
  error?: string;
  /** The start of the body, for the report and for leak checks. */
  head: string;
}

const guarded = new WeakSet<object>();

/**
 * Sends one request. A keep-alive socket the server closed as idle just as it was reused fails
 * without an answer (Node's documented race); such a request is sent once more on a new socket.
 */
export async function send(base: string, req: SweepRequest, agent: Agent): Promise<SweepAnswer> {
  const first = await sendOnce(base, req, agent);
  if (first.status !== null || req.kind === 'quá lớn') return first;
  // No answer at all on a pooled connection: the server had closed it (idle, or after answering a
  // request whose body it did not read) as this one went out. Once more, on a connection of its own;
  // a second silence is the server's.
  retried += 1;
  return sendOnce(base, req, false);
}

/** Requests sent twice because a pooled connection was gone (reported by the spec). */
export let retried = 0;

function sendOnce(base: string, req: SweepRequest, agent: Agent | false): Promise<SweepAnswer & { reused?: boolean }> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        // Oversized bodies go on a connection of their own: the server may close it once it has refused.
        agent: req.kind === 'quá lớn' ? false : agent,
        headers: { origin: base, ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ req, status: res.statusCode ?? null, head: Buffer.concat(chunks).toString('utf8').slice(0, 4096) }));
        res.on('error', (e) => resolve({ req, status: res.statusCode ?? null, error: e.message, head: '' }));
      },
    );
    r.on('error', (e) => resolve({ req, status: null, error: e.message, head: '', reused: r.reusedSocket }));
    // A write into a socket the server already closed (after a 413) must not become an uncaught error here.
    r.on('socket', (socket) => {
      if (guarded.has(socket)) return;
      guarded.add(socket);
      socket.on('error', () => {});
    });
    if (req.body) r.end(req.body);
    else r.end();
  });
}

/** Sends every request, `parallel` at a time, calling `onEach` as answers arrive. */
export async function sendAll(base: string, reqs: readonly SweepRequest[], parallel = 8, onEach?: (a: SweepAnswer, done: number) => void): Promise<SweepAnswer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  const out: SweepAnswer[] = new Array(reqs.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < reqs.length) {
        const i = next++;
        out[i] = await send(base, reqs[i]!, agent);
        onEach?.(out[i]!, ++done);
      }
    }),
  );
  agent.destroy();
  return out;
}

/** Every file under `dir` (recursively) → SHA-256 of its bytes. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(await readFile(p)).digest('hex'));
    }
  }
  await walk(dir);
  return out;
}

/** Files added, removed or changed between two hashes of a folder. */
export function treeDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const diff: string[] = [];
  for (const [f, h] of before) if (!after.has(f)) diff.push(`xóa / removed ${f}`);
  else if (after.get(f) !== h) diff.push(`đổi / changed ${f}`);
  for (const f of after.keys()) if (!before.has(f)) diff.push(`thêm / added ${f}`);
  return diff;
}
