// The bad-input sweep's requests, generated from the route catalog: for every route, requests that must
// be refused — no session or a forged one, the session of a role the rules refuse, ids that are path
// tricks (`constructor`, `__proto__`, `..%2f`…) or belong to another board or user, bodies broken or
// mutated (wrong types, huge strings, unknown fields, missing fields — only mutations the route's own
// schema refuses), stale versions, writes to an archived board, wrong methods and content types.
import { abilityFor, accessKey, roleOn, taskSubject, type Board, type ColumnId, type BoardCard, type User } from '@dondoc/shared';
import { ROUTE_CATALOG, fillPath, MINIMAL_PDF, type CatalogRoute, type RouteContext } from '../../apps/server/src/testing/route-catalog.ts';
import { bodyLimitFor } from '../../apps/server/src/http/body-limit.ts';

export type Login = 'admin' | 'thuongtruc' | 'donvi' | 'lanhdao' | 'xem' | 'khach';
export const LOGINS: Login[] = ['admin', 'thuongtruc', 'donvi', 'lanhdao', 'xem', 'khach'];

/** What the sweep knows about the store it attacks, read before it starts. */
export interface World {
  cookies: Record<Login, string>;
  users: Record<Login, User>;
  /** The demo board: every demo user has a role on it; khach is a viewer there. */
  board: Board;
  /** A second board khach holds no role on. */
  otherBoard: Board;
  archivedBoard: Board;
  /** On the demo board: a task the unit's agency does not touch (with a link and a file evidence), one it leads. */
  taskOther: BoardCard;
  taskOwn: BoardCard;
  taskOnOtherBoard: BoardCard;
  taskOnArchived: BoardCard;
  linkEvidenceId: string;
  fileEvidenceId: string;
  checkpoint: unknown;
  /** A meeting on the demo board, for the routes that name one. */
  meetingId?: string;
}

export interface SweepRequest {
  /** Which kind of hostility, for the report. */
  kind: string;
  label: string;
  method: string;
  /** Sent as is (no normalisation of `..` or `%2e`). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** A more precise expectation than "some 4xx". */
  expect?: number;
  /** Not an API path: any answer but a leaked file will do (the web app answers unknown pages with itself). */
  staticPath?: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Ids a path parameter must never resolve through: the object prototype, traversal, encodings, junk. */
export const PATH_TRICKS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
  '..%2f..%2fetc%2fpasswd',
  '..%2F..%2Fdondoc.json',
  '%2e%2e%2f%2e%2e%2f',
  '%2e%2e',
  '..',
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%C0%AE%C0%AE',
  'x'.repeat(4000),
  '%F0%9F%92%A9',
  "'%20OR%201=1--",
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%2A',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '%5B%5D',
  '%7B%7D',
  '%20',
  '%09',
  'CON',
  '~root',
  '%24%7Bjndi%3Aldap%3A%2F%2Fx%7D',
  '%E1%BA%A1%CC%80',
];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Values of the wrong type for a field whose valid value is `v`. */
function wrongTypes(v: unknown): unknown[] {
  if (typeof v === 'string') return [42, -1, true, null, [], {}, [v], { v }];
  if (typeof v === 'number') return [String(v), '', true, null, [], {}, -1, 1.5, -0.5, 1e308, Number.MAX_SAFE_INTEGER + 2];
  if (typeof v === 'boolean') return ['true', 1, 0, null, [], {}];
  if (Array.isArray(v)) return ['x', 1, true, null, {}, [null], [1, 2], [[]], Array.from({ length: 20_001 }, () => (typeof v[0] === 'string' ? 'x' : v[0] ?? 1))];
  if (v && typeof v === 'object') return ['x', 1, true, null, [], [v]];
  return ['x', 1, {}, []];
}

/** A string far past any limit a field has, in Vietnamese letters, emoji and control characters. */
const HUGE = `Ệ${'ẫ'.repeat(60_000)}😀\u0000\u202e${'x'.repeat(60_000)}`;

/** Every mutation of a valid body that the route's schema must refuse. */
function mutations(route: CatalogRoute, valid: unknown): Array<{ label: string; body: unknown }> {
  const out: Array<{ label: string; body: unknown }> = [];
  const add = (label: string, body: unknown) => {
    if (route.schema && !route.schema.safeParse(body).success) out.push({ label, body });
  };
  for (const top of [null, 1, 'x', true, [], [valid], {}]) add(`thân là ${JSON.stringify(top)}`, top);
  if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return out;
  const obj = valid as Record<string, unknown>;
  // Every request body is a strict object: an unknown key is refused even where the rest would do.
  out.push({ label: 'trường lạ', body: { ...obj, laTruong: 1 } });
  add('trường lạ __proto__', JSON.parse(`{"__proto__":{"admin":true,"role":"admin"},${JSON.stringify(obj).slice(1)}`));
  add('trường lạ constructor', { ...obj, constructor: { prototype: { admin: true } } });
  for (const [key, value] of Object.entries(obj)) {
    const { [key]: _, ...without } = obj;
    add(`thiếu ${key}`, without);
    for (const wrong of wrongTypes(value)) add(`${key} = ${JSON.stringify(wrong)?.slice(0, 40)}`, { ...obj, [key]: wrong });
    if (typeof value === 'string') {
      add(`${key} rất dài`, { ...obj, [key]: HUGE });
      add(`${key} rỗng`, { ...obj, [key]: '' });
      add(`${key} chỉ khoảng trắng`, { ...obj, [key]: ' \t\n ' });
    }
    // One level down (plan, checkpoint, items, agencies, settings): the same for each nested field.
    const nested = Array.isArray(value) ? value[0] : value;
    if (nested && typeof nested === 'object' && !Array.isArray(nested))
      for (const [inner, innerValue] of Object.entries(nested as Record<string, unknown>)) {
        const put = (v: unknown) => {
          const n = { ...(nested as Record<string, unknown>), [inner]: v };
          return { ...obj, [key]: Array.isArray(value) ? [n, ...value.slice(1)] : n };
        };
        for (const wrong of wrongTypes(innerValue).slice(0, 4)) add(`${key}.${inner} = ${JSON.stringify(wrong)?.slice(0, 30)}`, put(wrong));
        if (typeof innerValue === 'string') add(`${key}.${inner} rất dài`, put(HUGE));
        add(`${key} có trường lạ`, { ...obj, [key]: Array.isArray(value) ? [{ ...(nested as object), laTruong: 1 }] : { ...(nested as object), laTruong: 1 } });
      }
  }
  return out;
}

/** JSON that is not JSON, or not what any route takes. */
const BROKEN_JSON = ['{', '{"a":', '{"version":1,,}', "{'single':'quotes'}", '[1,2', '"chưa đóng', '\u0000', '\ufeff{}', 'NaN', '{"a":1}{"b":2}', '['.repeat(20_000) + ']'.repeat(20_000), '{"a":"\\ud800"}', '{"version":1e999}'];

function ctxFor(w: World, board: Board, task: BoardCard, login: Login): RouteContext {
  return { board, task, evidenceId: w.linkEvidenceId, fileEvidenceId: w.fileEvidenceId, userId: w.users.xem.id, newLogin: `sweep-${login}`, checkpoint: w.checkpoint, ...(w.meetingId ? { meetingId: w.meetingId } : {}) };
}

/** Whether `login` may do what `route` asks, on this task (and destination column), by the rules. */
function allowed(w: World, route: CatalogRoute, login: Login, board: Board, task: BoardCard, toColumn?: ColumnId, field?: string): boolean {
  const g = route.guard;
  const user = w.users[login];
  if (g.kind === 'public' || g.kind === 'signed-in') return true;
  // A token route takes no session: every session is as refused as none.
  if (g.kind === 'token') return false;
  if (g.kind === 'global') return abilityFor({ role: roleOn(user, null), agency: '' }).can(g.action, g.subject);
  const role = roleOn(user, board.id);
  if (!role) return false;
  const ability = abilityFor({ role, agency: accessKey(user.agency, board.agencies) });
  if (g.kind === 'board') return ability.can(g.action, g.subject);
  const subject = taskSubject(task, board.agencies, toColumn);
  return field ? ability.can(g.action, subject, field) : ability.can(g.action, subject);
}

const encode = (body: unknown): Buffer => Buffer.from(JSON.stringify(body));
const cookie = (w: World, login: Login | null): Record<string, string> => (login ? { cookie: w.cookies[login] } : {});

/** Builds every request of the sweep. */
export function sweepRequests(w: World): SweepRequest[] {
  const out: SweepRequest[] = [];
  const routes = ROUTE_CATALOG.filter((r) => !r.ownSession && r.guard.kind !== 'public');
  // De-duplicate routes listed twice (the two starting columns of a move).
  const seen = new Set<string>();
  const unique = routes.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));

  for (const route of unique) {
    const ctx = ctxFor(w, w.board, w.taskOther, 'admin');
    const path = fillPath(route.path, ctx);
    const [valid] = route.requests(ctx);
    const validBody = valid?.json !== undefined ? encode(valid.json) : undefined;
    const headers = validBody ? JSON_HEADERS : {};
    // Bytes no file of the store has yet: a refused upload that still stored them would add a file.
    const form = valid?.form ? multipart({ file: { name: 'bien-ban.pdf', type: 'application/pdf', bytes: Buffer.from(`${MINIMAL_PDF}%quet-thu ${route.path}\n`) }, label: 'Biên bản' }) : undefined;
    const body = form?.body ?? validBody;
    const bodyHeaders = form ? { 'content-type': form.type } : headers;

    // 1. Nobody signed in, or a cookie that is no session: 401 (403 for a feed opened by its token, here without one).
    const signedOut = route.guard.kind === 'token' ? 403 : 401;
    for (const [label, c] of [
      ['không đăng nhập', {}],
      ['cookie giả', { cookie: 'dondoc_session=khong-phai-phien-nao-ca' }],
      ['cookie quá dài', { cookie: `dondoc_session=${'a'.repeat(3000)}` }],
      ['cookie rỗng', { cookie: 'dondoc_session=' }],
      ['cookie lạ', { cookie: 'dondoc_session=%00%ff; dondoc_session=__proto__' }],
      ['cookie mã hóa sai', { cookie: 'dondoc_session=%E0%A4%A' }],
    ] as const)
      out.push({ kind: 'không phiên', label, method: route.method, path, headers: { ...bodyHeaders, ...c }, ...(body ? { body } : {}), expect: signedOut });

    // 2. Another role's session: every login the rules refuse, on the demo board, the other board and the archived one.
    const places = route.path.includes(':boardId') || route.taskInBody
      ? ([
          [w.board, w.taskOther],
          [w.board, w.taskOwn],
          [w.otherBoard, w.taskOnOtherBoard],
        ] as const)
      : ([[w.board, w.taskOther]] as const);
    for (const login of LOGINS) {
      for (const [board, task] of places) {
        const c = ctxFor(w, board, task, login);
        for (const req of route.requests(c)) {
          if (allowed(w, route, login, board, task, req.toColumn, req.field)) continue;
          const b = req.form ? form : req.json !== undefined ? { body: encode(req.json), type: 'application/json' } : undefined;
          out.push({ kind: 'vai trò khác', label: `${login} · ${board.id === w.board.id ? 'bảng mẫu' : 'bảng khác'} · ${req.label}`, method: route.method, path: fillPath(route.path, c), headers: { ...cookie(w, login), ...(b ? { 'content-type': b.type } : {}) }, ...(b ? { body: b.body } : {}) });
        }
      }
    }

    // 3. Path tricks in each parameter, by the administrator (who may do anything else), and ids of other boards and users.
    const params = route.path.match(/:[a-zA-Z]+/g) ?? [];
    for (const param of params) {
      const tricks = [...PATH_TRICKS];
      if (param === ':taskId') tricks.push(encodeURIComponent(w.taskOnOtherBoard.id), encodeURIComponent(w.taskOnArchived.id));
      if (param === ':evidenceId') tricks.push('e-khong-co');
      if (param === ':boardId') tricks.push('khong-co-bang-nay');
      if (param === ':userId') tricks.push('u-khong-co');
      if (param === ':meetingId') tricks.push('m-khong-co');
      for (const trick of tricks) {
        const p = fillTrick(route.path, ctx, param, trick);
        // The administrator may do anything else; the standing agency is the everyday writer.
        for (const login of ['admin', 'thuongtruc'] as const)
          out.push({ kind: 'đường dẫn lạ', label: `${login} ${param}=${trick.slice(0, 40)}`, method: route.method, path: p, headers: { ...bodyHeaders, cookie: w.cookies[login] }, ...(body ? { body } : {}) });
      }
    }

    // 4. Bodies the route's schema refuses, by the administrator; broken JSON; the wrong content type.
    if (route.schema && valid?.json !== undefined) {
      for (const m of mutations(route, valid.json)) {
        const b = encode(m.body);
        // A mutation that makes the body larger than the limit is refused for its size first.
        out.push({ kind: 'thân sai', label: m.label, method: route.method, path, headers: { ...JSON_HEADERS, cookie: w.cookies.admin }, body: b, expect: b.length > bodyLimitFor(path) ? 413 : 400 });
      }
      for (const raw of BROKEN_JSON) out.push({ kind: 'JSON hỏng', label: raw.slice(0, 30), method: route.method, path, headers: { ...JSON_HEADERS, cookie: w.cookies.admin }, body: Buffer.from(raw), expect: 400 });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])
        out.push({ kind: 'kiểu nội dung sai', label: type, method: route.method, path, headers: { 'content-type': type, cookie: w.cookies.admin }, body: validBody! });
      out.push({ kind: 'không có thân', label: 'không gửi thân', method: route.method, path, headers: { ...JSON_HEADERS, cookie: w.cookies.admin } });
      // Past the size limit the server applies to this path (1 MB; imports 16 MB; a board's restore 48 MB).
      const limit = bodyLimitFor(path) / (1024 * 1024);
      out.push({ kind: 'quá lớn', label: `${limit + 1} MB`, method: route.method, path, headers: { ...JSON_HEADERS, cookie: w.cookies.admin }, body: Buffer.from(JSON.stringify({ ...(valid.json as object), x: 'a'.repeat((limit + 1) * 1024 * 1024) })), expect: 413 });
    }

    // 5. A stale version: someone changed the task first. A backup's `version` is its file format's: a newer or impossible one is a 400.
    if (valid?.json && typeof valid.json === 'object' && 'version' in valid.json)
      for (const version of [w.taskOther.version + 1000, 0])
        out.push({ kind: 'phiên bản cũ', label: `version ${version}`, method: route.method, path, headers: { ...JSON_HEADERS, cookie: w.cookies.admin }, body: encode({ ...(valid.json as object), version }), expect: route.formatVersion ? 400 : 409 });

    // 6. Writes to an archived board, by the standing agency, with an otherwise valid request.
    if (route.writes && route.path.includes(':boardId') && !/DELETE \/api\/boards\/:boardId$|PATCH \/api\/boards\/:boardId$/.test(`${route.method} ${route.path}`)) {
      const c = ctxFor(w, w.archivedBoard, w.taskOnArchived, 'thuongtruc');
      for (const req of route.requests(c).slice(0, 1)) {
        const b = req.form ? form : req.json !== undefined ? { body: encode(req.json), type: 'application/json' } : undefined;
        out.push({ kind: 'bảng lưu trữ', label: req.label, method: route.method, path: fillPath(route.path, c), headers: { cookie: w.cookies.thuongtruc, ...(b ? { 'content-type': b.type } : {}) }, ...(b ? { body: b.body } : {}) });
      }
    }

    // 7. Methods the path does not take, and a query string of prototype keys.
    for (const method of METHODS) {
      if (ROUTE_CATALOG.some((r) => r.method === method && r.path === route.path)) continue;
      // Usually 404; a path another route also matches (DELETE /api/boards/import is DELETE /api/boards/:boardId) answers as that route would.
      out.push({ kind: 'sai phương thức', label: method, method, path, headers: { ...JSON_HEADERS, cookie: w.cookies.admin }, body: Buffer.from('{}') });
    }
    out.push({ kind: 'chuỗi truy vấn lạ', label: '__proto__', method: route.method, path: `${path}?__proto__[admin]=true&constructor[prototype][x]=1&${'a'.repeat(2000)}=1`, headers: { ...bodyHeaders }, ...(body ? { body } : {}), expect: signedOut });
  }

  out.push(...loginRequests(w), ...evidenceFileRequests(w), ...otherPaths(w));
  return out;
}

function fillTrick(path: string, ctx: RouteContext, param: string, trick: string): string {
  const marker = '\u0001TRICK\u0001';
  const withMarker = path.replace(param, marker);
  return fillPath(withMarker, ctx).replace(encodeURIComponent(marker), trick).replace(marker, trick);
}

/** Sign-in with everything but the right password: types, injections, unknown logins, floods (429 after the limits). */
function loginRequests(w: World): SweepRequest[] {
  const out: SweepRequest[] = [];
  const login = (label: string, body: Buffer, headers: Record<string, string> = JSON_HEADERS): void => {
    out.push({ kind: 'đăng nhập', label, method: 'POST', path: '/api/auth/login', headers, body });
  };
  for (const name of [...LOGINS, 'khong-co', 'ADMIN', ' admin ', "admin' OR '1'='1", 'admin\u0000', '__proto__', 'constructor', 'a'.repeat(64)])
    for (const password of ['sai', '', 'dondoc-demo ', 'DONDOC-DEMO', 'x'.repeat(1000), "' OR 1=1 --"]) login(`${name.slice(0, 20)} / ${password.slice(0, 10)}`, encode({ login: name, password }));
  for (const body of [{}, { login: 'admin' }, { password: 'x' }, { login: 1, password: 2 }, { login: ['admin'], password: 'x' }, { login: 'admin', password: 'x', admin: true }, { login: 'a'.repeat(65), password: 'x' }, { login: 'admin', password: 'x'.repeat(1001) }])
    login(JSON.stringify(body).slice(0, 40), encode(body));
  for (const raw of BROKEN_JSON) login(`JSON hỏng ${raw.slice(0, 10)}`, Buffer.from(raw));
  login('kiểu form', Buffer.from('login=admin&password=dondoc'), { 'content-type': 'application/x-www-form-urlencoded' });
  // Changing a password without knowing the current one, or with a bad new one.
  for (const l of LOGINS)
    for (const body of [{ current: 'sai-mat-khau', next: 'mat-khau-moi-123' }, { current: 'dondoc-demo', next: 'ngan' }, { current: 'dondoc-demo', next: 'dondoc-demo' }, { current: '', next: '' }, {}, { current: 1, next: 2 }, { current: 'x', next: 'y'.repeat(1001) }])
      out.push({ kind: 'đổi mật khẩu', label: `${l} ${JSON.stringify(body).slice(0, 30)}`, method: 'POST', path: '/api/auth/password', headers: { ...JSON_HEADERS, cookie: w.cookies[l] }, body: encode(body) });
  out.push({ kind: 'đổi mật khẩu', label: 'không phiên', method: 'POST', path: '/api/auth/password', headers: JSON_HEADERS, body: encode({ current: 'dondoc-demo', next: 'mat-khau-moi-123' }), expect: 401 });
  return out;
}

/** A multipart body by hand, so the sweep can also send broken ones. */
export function multipart(fields: Record<string, string | { name: string; type: string; bytes: Buffer }>, boundary = 'dondocSweepBoundary'): { body: Buffer; type: string } {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    else parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.name}"\r\nContent-Type: ${value.type}\r\n\r\n`), value.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** Evidence uploads that must be refused without a trace: wrong types, no file, empty, broken multipart, too large. */
function evidenceFileRequests(w: World): SweepRequest[] {
  const path = `/api/boards/${w.board.id}/tasks/${w.taskOther.id}/evidence/file`;
  const as = { cookie: w.cookies.thuongtruc };
  const out: SweepRequest[] = [];
  const send = (label: string, m: { body: Buffer; type: string }, expect?: number) => out.push({ kind: 'tệp minh chứng', label, method: 'POST', path, headers: { ...as, 'content-type': m.type }, body: m.body, ...(expect ? { expect } : {}) });
  const file = (name: string, type: string, bytes: Buffer) => ({ name, type, bytes });
  send('tệp .exe', multipart({ file: file('hop-dong.pdf', 'application/pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)])) }), 415);
  send('HTML giả ảnh', multipart({ file: file('anh.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>')) }), 415);
  send('SVG có script', multipart({ file: file('anh.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')) }), 415);
  send('tệp rỗng', multipart({ file: file('rong.pdf', 'application/pdf', Buffer.alloc(0)) }), 400);
  send('không có tệp', multipart({ label: 'Chỉ có nhãn' }), 400);
  send('tệp ở trường khác', multipart({ tep: file('a.pdf', 'application/pdf', Buffer.from(MINIMAL_PDF)) }), 400);
  send('kỳ sai', multipart({ file: file('a.pdf', 'application/pdf', Buffer.from(`${MINIMAL_PDF}%ky-sai\n`)), period: '2025-13' }), 400);
  send('kỳ là mã độc', multipart({ file: file('a.pdf', 'application/pdf', Buffer.from(`${MINIMAL_PDF}%ky-doc\n`)), period: '<script>' }), 400);
  send('multipart hỏng', { body: Buffer.from('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'), type: 'multipart/form-data; boundary=x' }, 400);
  send('không phải multipart', { body: Buffer.from('{"file":"x"}'), type: 'application/json' }, 400);
  send('quá lớn', multipart({ file: file('lon.pdf', 'application/pdf', Buffer.concat([Buffer.from(MINIMAL_PDF), Buffer.alloc(22 * 1024 * 1024)])) }), 413);
  // A valid file by a role that may not add evidence to this task, and on a task of another board.
  for (const l of ['donvi', 'lanhdao', 'xem', 'khach'] as const) {
    const m = multipart({ file: file('a.pdf', 'application/pdf', Buffer.from(`${MINIMAL_PDF}%${l}\n`)) });
    out.push({ kind: 'tệp minh chứng', label: `${l} không được thêm`, method: 'POST', path, headers: { cookie: w.cookies[l], 'content-type': m.type }, body: m.body });
  }
  return out;
}

/** Paths no route serves, and the static server's traversal edges. */
function otherPaths(w: World): SweepRequest[] {
  const out: SweepRequest[] = [];
  for (const p of ['/api', '/api/', '/api/khong-co', '/api/boards/', '/api/boards//tasks', '/api/..%2f..%2fdondoc.json', '/api/boards/__proto__/export/__proto__/constructor', '/api/users/__proto__/password', '/api/audit/%2e%2e%2faudit-key.pem'])
    for (const l of [null, 'admin'] as const) out.push({ kind: 'đường dẫn không có', label: p, method: 'GET', path: p, headers: cookie(w, l) });
  // Dot segments are resolved as URLs resolve them, so these climb out of /api to the web app's pages:
  // any answer but a file of the data folder or the repository will do.
  for (const p of ['/api/%2e%2e/%2e%2e/etc/passwd', '/api/audit/../../audit.jsonl', '/../data/dondoc.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fapps%2fserver%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/audit-key.pem', '/data/audit-key.pem', '/assets/%2e%2e/%2e%2e/%2e%2e/data/auth.json'])
    out.push({ kind: 'tệp tĩnh', label: p, method: 'GET', path: p, headers: {}, staticPath: true });
  return out;
}
