// Over a real socket, as clients send them: chunked uploads are limited like declared ones, and a
// client that abandons an upload half-way is noted as an aborted request, never logged as an
// internal error. (The 413 under `Connection: close` needs the server in its own process to show a
// reset: e2e/specs/hardening.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { ApiError, Board } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import { MAX_BODY_BYTES } from './body-limit.ts';

let server: ServerType;
let port = 0;
let store: LowdbStore;
let plugins: PluginHost;
let cleanup: () => Promise<void>;
const errors: unknown[] = [];
const aborted: string[] = [];

beforeAll(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  store = await LowdbStore.open({ dir: t.dir });
  plugins = await PluginHost.load({ extra: [join(REPO_ROOT, 'e2e/fixtures/plugins/fixture-tiny')] });
  const app = createApp({ repository: store, plugins, config: { today: () => '2025-11-20', webDist: null, logError: (_m, e) => errors.push(e), logAborted: (m) => aborted.push(m) } });
  await seedUsers(store);
  cookie = await sessionCookie(app, 'thuongtruc');
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      resolve();
    });
  });
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await plugins.close();
  await store.close();
  await cleanup();
});

/** The coordinator's session: the body under the limit must reach a route that creates a board. */
let cookie = '';

interface Sent {
  status?: number;
  body?: string;
  error?: string;
}

/** POSTs `size` bytes in 64 KB writes with node:http, as a script or a proxy would, and reports what came back. */
function upload(path: string, size: number, headers: Record<string, string | number>): Promise<Sent> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('chunked uploads over a real socket', () => {
  it('over the limit get a 413; under it, the body still reaches the route', async () => {
    const r = await upload('/api/boards', 3 * MAX_BODY_BYTES, { 'Transfer-Encoding': 'chunked' });
    expect(r).toMatchObject({ status: 413 });
    expect((JSON.parse(r.body!) as ApiError).error.message).toBe('Nội dung yêu cầu quá lớn: giới hạn là 1 MB');
    const ok = await new Promise<Sent>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/boards', method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', Cookie: cookie } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.write('{"template":');
      req.end('"fixture-tiny:tiny"}');
    });
    expect(ok.status).toBe(201);
    expect((JSON.parse(ok.body!) as Board).title).toBe('Kế hoạch thử nghiệm chuyển đổi số Quý IV/2025');
    expect(errors).toEqual([]);
  });
});

describe('a client that abandons its upload', () => {
  /** Sends the headers and part of the body over a raw socket, then drops the connection. */
  const abandon = (head: string, part: string) =>
    new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write(head + part);
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 200);
      });
      s.on('error', () => {});
    });

  it('is noted as an aborted request, never logged as an internal error', async () => {
    const host = `Host: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n`;
    await abandon(`POST /api/import/preview HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\n`, `${(100_000).toString(16)}\r\n{"text":"${'x'.repeat(100_000 - 9)}\r\n`);
    await abandon(`POST /api/import/preview HTTP/1.1\r\n${host}Content-Length: 500000\r\n\r\n`, `{"text":"${'x'.repeat(100_000)}`);
    await abandon(`POST /api/boards HTTP/1.1\r\n${host}Content-Length: 5000000\r\n\r\n`, 'x'.repeat(100_000));
    await expect.poll(() => aborted.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    expect(aborted[0]).toBe('[dondoc] yêu cầu bị hủy giữa chừng / request aborted by the client: POST /api/import/preview');
    await new Promise((r) => setTimeout(r, 300));
    expect(errors).toEqual([]);
  });
});
