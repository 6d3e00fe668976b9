// Who may talk to the server, and what a browser may do with its pages: a Host allow-list (a page
// on a rebound DNS name must not reach a loopback server), an Origin check on every state-changing
// request plus hono/csrf for form posts, and security headers with an explicit Content-Security-Policy.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpBindings } from '@hono/node-server';
import type { ApiError } from '@dondoc/shared';

/**
 * True when the server should answer a request addressed to `host` (the Host header: name[:port]).
 * IP addresses and localhost always: a DNS-rebinding page is addressed by a name its attacker
 * controls, never by an IP literal or localhost. Other names only when listed; `*` allows any.
 */
export function hostAllowed(host: string, allowed: readonly string[] = []): boolean {
  const h = host.trim().toLowerCase();
  if (allowed.includes('*')) return true;
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d+$/, '');
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.includes(name) || allowed.includes(h);
}

/**
 * True when a state-changing request from `origin` may proceed: the page is the server's own
 * (same origin as the request), or comes from a name listed in the allow-list (a proxy that
 * terminates TLS makes the page https:// while the server sees http://).
 */
export function originAllowed(origin: string, requestUrl: string, allowed: readonly string[] = []): boolean {
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file), or garbage
  }
  if (o.origin === new URL(requestUrl).origin) return true;
  const names = allowed.filter((a) => a !== '*');
  return names.includes(o.hostname.toLowerCase()) || names.includes(o.host.toLowerCase());
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const refuse = (c: Context, message: string, messageEn: string) => c.json<ApiError>({ error: { code: 'forbidden', message, messageEn } }, 403);

/** 403 for a request addressed to a host name not on the allow-list (DNS rebinding). */
export function hostCheck(allowed: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    const host = new URL(c.req.url).host;
    if (!hostAllowed(host, allowed))
      return refuse(
        c,
        `Máy chủ không phục vụ tên miền "${host}". Nếu đây là tên của máy chủ, hãy thêm vào DONDOC_ALLOWED_HOSTS.`,
        `This server does not answer to "${host}". If that is its name, add it to DONDOC_ALLOWED_HOSTS.`,
      );
    await next();
  };
}

/** A `.` or `..` path segment as sent, raw or percent-encoded (`%2e`), before any parsing folds it away. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|\?|#|$)/i;

/**
 * 400 for a request whose path, as sent, holds a `.` or `..` segment. The URL parser folds them
 * (`/api/boards/../events` is `/api/events`), so such a path would reach a route other than the one
 * written — a browser never sends one (it resolves them first), only a probe does. Read from the raw
 * request line the Node server saw; an in-process request (tests) has none and is let through.
 */
export function dotSegmentCheck(): MiddlewareHandler<{ Bindings: Partial<HttpBindings> }> {
  return async (c, next) => {
    const raw = c.env?.incoming?.url ?? '';
    if (DOT_SEGMENT.test(raw.split('?')[0]!))
      return c.json<ApiError>({ error: { code: 'bad-request', message: 'Đường dẫn chứa đoạn "." hoặc ".."', messageEn: 'The path holds a "." or ".." segment' } }, 400);
    await next();
  };
}

/**
 * 403 for a state-changing request another site's page sent. Browsers name the page's origin on
 * every POST/PATCH/PUT/DELETE (and Sec-Fetch-Site, where Origin is missing); clients that are not
 * browsers (the CLI, scripts, tests) send neither and are let through.
 */
export function originCheck(allowed: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const ok = origin !== undefined ? originAllowed(origin, c.req.url, allowed) : site === undefined || site === 'same-origin' || site === 'none';
      if (!ok)
        return refuse(
          c,
          `Từ chối yêu cầu thay đổi dữ liệu gửi từ trang khác (${origin ?? site})`,
          `Refused a state-changing request sent from another site (${origin ?? site})`,
        );
    }
    await next();
  };
}

/**
 * hono/csrf for form-encoded and multipart posts, with the same origin rule as `originCheck`; its
 * refusal is worded like every other refusal (hono answers a bare "Forbidden").
 */
export function formCsrf(allowed: readonly string[] = []): MiddlewareHandler {
  const check = csrf({ origin: (origin, c) => originAllowed(origin, c.req.url, allowed) });
  return async (c, next) => {
    try {
      return await check(c, next);
    } catch (err) {
      if (!(err instanceof HTTPException) || err.status !== 403) throw err;
      return refuse(
        c,
        'Từ chối biểu mẫu gửi từ trang khác hoặc không rõ nguồn (thiếu tiêu đề Origin)',
        'Refused a form sent from another site or from an unknown page (no Origin header)',
      );
    }
  };
}

/**
 * `'sha256-…'` of each inline script in the built index.html, so the CSP allows exactly those.
 * Read again when the file changes (a rebuild), checked at most once a second, not per request.
 */
const hashCache = new Map<string, { mtimeMs: number; checkedAt: number; sources: string }>();
export function inlineScriptHashes(webDist: string | null | undefined, now = Date.now()): string {
  if (!webDist) return '';
  const index = join(webDist, 'index.html');
  const cached = hashCache.get(index);
  if (cached && now - cached.checkedAt < 1000) return cached.sources;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(index).mtimeMs;
  } catch {
    // No built app (an API-only server, a test): asked again a second later, like a present one.
    hashCache.set(index, { mtimeMs: NaN, checkedAt: now, sources: '' });
    return '';
  }
  if (cached?.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached.sources;
  }
  const html = readFileSync(index, 'utf8');
  const sources = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`)
    .join(' ');
  hashCache.set(index, { mtimeMs, checkedAt: now, sources });
  return sources;
}

/**
 * Security headers on every response. The CSP allows the app's own scripts, styles, images, fonts
 * and API, the one inline script index.html uses to preload the board (by hash), nothing inline
 * else, no plugins or frames, and no framing of the board by any site (no clickjacked drags).
 */
export function securityHeaders(webDist: string | null | undefined): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", () => inlineScriptHashes(webDist)],
      styleSrc: ["'self'"],
      // blob: for a photo shown before it is uploaded as evidence.
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // HSTS belongs to whoever terminates TLS; sent over plain HTTP it is ignored anyway.
    strictTransportSecurity: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}
