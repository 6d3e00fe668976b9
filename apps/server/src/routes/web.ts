// Serves the built web app from one folder, with every non-API path falling back to index.html (client-side routes).
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const missingWebPage = (dist: string | null | undefined) => `<!doctype html>
<html lang="vi"><meta charset="utf-8"><title>dondoc: chưa build giao diện</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Chưa có giao diện web</h1>
<p>Máy chủ đang chạy (API tại <a href="/api/health">/api/health</a>) nhưng không thấy bản build giao diện ở <code>${dist ?? '(không cấu hình)'}</code>.</p>
<p>Hãy build: <code>npx --yes pnpm@10 build</code> (hoặc chạy <code>npx --yes pnpm@10 start</code>, lệnh này build rồi khởi động), hoặc đặt <code>DONDOC_WEB_DIST</code>.</p>
<hr><p lang="en">The web app is not built (looked in <code>${dist ?? '(not configured)'}</code>). Run <code>npx --yes pnpm@10 build</code>, or set <code>DONDOC_WEB_DIST</code>.</p>
</body></html>`;

async function fileIn(dist: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = normalize(join(dist, decoded));
  const rel = relative(dist, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

export const webRoutes = (dist: string | null | undefined) =>
  new Hono().get('*', async (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
    const index = dist ? join(dist, 'index.html') : undefined;
    if (!dist || !index || !existsSync(index)) return c.html(missingWebPage(dist), 503);
    const file = await fileIn(dist, c.req.path);
    if (file) {
      // Vite fingerprints assets, so they may be cached for good; everything else revalidates.
      const immutable = c.req.path.startsWith('/assets/');
      return c.body(new Uint8Array(await readFile(file)) as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    return c.html(await readFile(index, 'utf8'), 200, { 'Cache-Control': 'no-cache' });
  });
