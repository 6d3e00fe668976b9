// Role × action on every route, generated: for each route of the catalog, each of the five roles (plus a
// user with no role on the board, and nobody signed in) and each kind of task — one the unit's agency
// leads, one it is only a partner on, one it has nothing to do with — the expected answer is read from
// RULES and the request is made. A refusal must be a 403 naming the action and must change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  COLUMN_IDS,
  RULES,
  abilityFor,
  accessKey,
  roleOn,
  systemActor,
  taskSubject,
  type Action,
  type Agency,
  type ApiError,
  type Board,
  type BoardSummary,
  type Meeting,
  type ColumnId,
  type Role,
  type Subject,
  type Task,
  type User,
} from '@dondoc/shared';
import { LOGINS, TASK_VARIANTS, UNIT_AGENCY, VARIANTS, trustApp, type TestLogin, type TrustApp } from '../testing/trust-app.ts';
import { MEETING_ID, MINIMAL_PDF, ROUTE_CATALOG, fillPath, type CatalogRequest, type CatalogRoute, type RouteContext } from '../testing/route-catalog.ts';
import { verifyAuditFile, type Checkpoint } from '../store/audit-log.ts';
import { AUDIT_FILE } from '../store/lowdb-store.ts';
import { join } from 'node:path';

let t: TrustApp;
let target: User;
let logins = 0;

beforeAll(async () => {
  t = await trustApp();
  const res = await t.as('admin')('/api/users', { method: 'POST', json: { login: 'muctieu', name: 'Người được quản trị', roles: { '*': 'viewer' } } });
  target = ((await res.json()) as { user: User }).user;
});
afterAll(() => t.close());

/**
 * RULES read directly, without CASL: does any rule of `role` give `action` on `subject`, for this task
 * (its agency keys and column), this field and this destination column? Mirrors what the rules say in
 * DOMAIN.md's words, so a slip in how `abilityFor` compiles them shows up as a disagreement.
 */
function allowedByRules(role: Role | null, agency: string, action: Action, subject: Subject, task?: { leadKeys: string[]; partnerKeys: string[]; column: ColumnId }, field?: string, toColumn?: ColumnId): boolean {
  if (!role) return false;
  return RULES[role].some((spec) => {
    const actions: readonly Action[] = Array.isArray(spec.action) ? spec.action : [spec.action];
    if (!actions.includes(action) && !actions.includes('manage')) return false;
    if (spec.subject !== subject && spec.subject !== 'all') return false;
    if (spec.fields && field !== undefined && !spec.fields.includes(field)) return false;
    if (spec.scope && spec.scope !== 'all') {
      if (!agency) return false;
      // A check on the subject type alone (no task) asks whether any task could be allowed.
      if (task) {
        const leads = task.leadKeys.includes(agency);
        if (spec.scope === 'lead' && !leads) return false;
        if (spec.scope === 'lead-or-partner' && !leads && !task.partnerKeys.includes(agency)) return false;
      }
    }
    if (spec.toColumns && task) {
      if (!toColumn || !spec.toColumns.includes(toColumn) || task.column === 'done') return false;
    }
    return true;
  });
}

const facts = (task: Pick<Task, 'leads' | 'partners' | 'column'>, directory: readonly Agency[]) => ({
  leadKeys: task.leads.map((l) => accessKey(l, directory)),
  partnerKeys: task.partners.map((p) => accessKey(p, directory)),
  column: task.column,
});

/** What a route should answer `login` for this request, from the rules alone. */
function expectedStatus(route: CatalogRoute, login: TestLogin | null, ctx: RouteContext, req: CatalogRequest): number {
  const g = route.guard;
  if (g.kind === 'public' || g.kind === 'token') return req.status;
  if (!login) return 401;
  const user = t.users[login];
  if (g.kind === 'signed-in') return req.status;
  if (g.kind === 'global') return allowedByRules(roleOn(user, null), '', g.action, g.subject) ? req.status : 403;
  const role = roleOn(user, ctx.board.id);
  if (!role) return 404;
  const agency = accessKey(user.agency, ctx.board.agencies);
  if (g.kind === 'board') return allowedByRules(role, agency, g.action, g.subject) ? req.status : 403;
  return allowedByRules(role, agency, g.action, 'Task', facts(ctx.task, ctx.board.agencies), req.field, req.toColumn) ? req.status : 403;
}

const usesTask = (route: CatalogRoute) => route.path.includes(':taskId') || !!route.taskInBody;
const usesBoard = (route: CatalogRoute) => route.path.includes(':boardId');

async function contextFor(boardId: string | undefined, taskId: string | undefined, trashed: boolean): Promise<RouteContext> {
  // Routes without a board or task in their path never read these placeholders.
  const board = boardId ? (await t.store.getBoard(boardId))! : ({ id: 'none', title: '', agencies: [] } as unknown as Board);
  const task = taskId ? ((trashed ? await t.store.getTrashedTask(board.id, taskId) : undefined) ?? (await t.store.getTask(board.id, taskId))!) : ({ id: 'none' } as Task);
  return { board, task, evidenceId: 'e1', fileEvidenceId: 'f1', userId: target.id, newLogin: `moi${++logins}`, checkpoint: await (await t.as('admin')('/api/audit/checkpoint')).json() };
}

async function send(login: TestLogin | null, route: CatalogRoute, ctx: RouteContext, req: CatalogRequest): Promise<Response> {
  const path = `${fillPath(route.path, ctx)}${req.query ? `?${req.query}` : ''}`;
  if (req.form) return t.as(login)(path, { method: route.method, body: req.form() });
  return t.as(login)(path, { method: route.method, ...(req.json !== undefined ? { json: req.json } : {}) });
}

/** Readies a task as the route needs it: in the trash, or with a stored file as evidence. */
async function prepare(route: CatalogRoute, boardId: string, task: Task): Promise<void> {
  const base = { boardId, taskId: task.id, actor: systemActor('test'), via: 'test', at: new Date().toISOString() };
  if (route.trashed) expect((await t.store.apply({ type: 'task.delete', ...base, expectedVersion: task.version })).ok).toBe(true);
  if (route.fileEvidence) {
    const file = await t.store.files.put(new TextEncoder().encode('Báo cáo kết quả'), 'bao-cao.txt', 'text/plain');
    expect((await t.store.apply({ type: 'task.evidence.add', ...base, evidence: { id: 'f1', kind: 'file', label: 'Báo cáo', file, addedAt: base.at } })).ok).toBe(true);
  }
}

/** The meeting the catalog's meeting routes name, set up on the board by the system. */
async function holdMeeting(boardId: string): Promise<void> {
  const at = new Date().toISOString();
  const meeting: Meeting = { kind: 'meeting', id: MEETING_ID, boardId, title: 'Họp thử quyền', date: '2025-11-20', chair: '', attendees: [], filter: {}, agenda: 'track', reviewed: [], version: 1, createdAt: at, updatedAt: at };
  expect((await t.store.apply({ type: 'meeting.create', boardId, meeting, actor: systemActor('test'), via: 'test', at })).ok).toBe(true);
}

const ROLE_OF: Record<TestLogin, string> = { admin: 'admin', thuongtruc: 'coordinator', donvi: 'unit', lanhdao: 'leader', xem: 'viewer', khach: 'không có vai trò trên bảng' };
const who = (login: TestLogin | null) => (login ? `${login} (${ROLE_OF[login]})` : 'chưa đăng nhập');

describe('every route answers each role as RULES say', () => {
  for (const route of ROUTE_CATALOG.filter((r) => !r.ownSession)) {
    const name = `${route.method} ${route.path}${route.column ? ` (nhiệm vụ ở cột ${route.column})` : ''}`;
    describe(name, () => {
      for (const login of [...LOGINS, null]) {
        it(who(login), async () => {
          const board = usesBoard(route) ? (await t.newBoard({ column: route.column ?? 'doing' })).board : undefined;
          if (board && route.needsMeeting) await holdMeeting(board.id);
          const variants = usesTask(route) ? VARIANTS : [null];
          let checked = 0;
          for (const variant of variants) {
            const taskId = variant ? `t-${variant}` : undefined;
            if (board && taskId) await prepare(route, board.id, (await t.store.getTask(board.id, taskId))!);
            const count = route.requests(await contextFor(board?.id, taskId, !!route.trashed)).length;
            for (let i = 0; i < count; i++) {
              // Read again before each request: an allowed one before it changed the task's version or place.
              const ctx = await contextFor(board?.id, taskId, !!route.trashed);
              const req = route.requests(ctx)[i]!;
              const expected = expectedStatus(route, login, ctx, req);
              const revision = board ? (await t.store.getBoard(board.id))?.revision : undefined;
              const res = await send(login, route, ctx, req);
              const label = `${name} · ${who(login)} · ${variant ?? ''} · ${req.label}`;
              const body = res.headers.get('content-type')?.includes('json') ? await res.clone().json().catch(() => null) : null;
              // A live-update stream never ends by itself: its status is the answer.
              if (route.stream && res.status === 200) await res.body?.cancel();
              expect(res.status, `${label}: ${JSON.stringify(body)?.slice(0, 300)}`).toBe(expected);
              if (expected === 403 && route.guard.kind !== 'token') {
                expect((body as ApiError).error.message, label).toMatch(/^Bạn không có quyền /);
                expect((body as ApiError).error.messageEn, label).toMatch(/^You may not /);
                if (board) expect((await t.store.getBoard(board.id))?.revision, `${label}: a refusal changed the board`).toBe(revision);
              }
              if (expected === 404) expect((body as ApiError).error.message, label).toMatch(/^Không tìm thấy bảng/);
              if (expected === 401) expect((body as ApiError).error.code, label).toBe('unauthorized');
              await res.arrayBuffer().catch(() => {});
              checked++;
            }
          }
          expect(checked).toBeGreaterThan(0);
        });
      }
    });
  }
});

describe('the rule table itself', () => {
  it('names every route the app serves', () => {
    const served = new Set(t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`));
    const listed = new Set(ROUTE_CATALOG.map((r) => `${r.method} ${r.path}`));
    const missing = [...served].filter((r) => !listed.has(r));
    expect(missing, 'routes without an entry in apps/server/src/testing/route-catalog.ts (add the action that guards each)').toEqual([]);
    expect([...listed].filter((r) => !served.has(r)), 'catalog entries for routes the app no longer serves').toEqual([]);
  });

  it('abilityFor (CASL) agrees with RULES read directly, for every role, action, subject, kind of task, field and column', () => {
    const directory: Agency[] = [];
    const agency = accessKey(UNIT_AGENCY);
    const fields = [undefined, 'progress', 'content', 'leads', 'difficulties'];
    let cases = 0;
    for (const role of Object.keys(RULES) as Role[])
      for (const action of ACTIONS)
        for (const subject of ['Board', 'Task', 'User', 'Plugin', 'Audit', 'Meeting', 'Indicator'] as Subject[]) {
          expect(abilityFor({ role, agency }).can(action, subject), `${role} ${action} ${subject}`).toBe(allowedByRules(role, agency, action, subject));
          if (subject !== 'Task') continue;
          for (const variant of VARIANTS)
            for (const column of COLUMN_IDS)
              for (const toColumn of [undefined, ...COLUMN_IDS])
                for (const field of fields) {
                  const task = { ...TASK_VARIANTS[variant], column };
                  const subj = taskSubject(task, directory, toColumn);
                  const casl = field ? abilityFor({ role, agency }).can(action, subj, field) : abilityFor({ role, agency }).can(action, subj);
                  expect(casl, `${role} ${action} ${variant} ${column}→${toColumn} ${field}`).toBe(allowedByRules(role, agency, action, 'Task', facts(task, directory), field, toColumn));
                  cases++;
                }
        }
    expect(cases).toBeGreaterThan(10_000);
  });
});

describe('a unit editor (đơn vị) on the tasks of their agency', () => {
  const move = (boardId: string, task: Task, column: ColumnId) =>
    t.as('donvi')(`/api/boards/${boardId}/tasks/${task.id}/move`, { method: 'POST', json: { version: task.version, track: task.track, column, afterId: null } });

  it('moves a task their agency leads up to "Chờ xác nhận", never to "Hoàn thành"', async () => {
    const { board, tasks } = await t.newBoard({ column: 'todo' });
    let res = await move(board.id, tasks.lead, 'doing');
    expect(res.status).toBe(200);
    const doing = ((await res.json()) as { task: Task }).task;
    res = await move(board.id, doing, 'review');
    expect(res.status).toBe(200);
    const review = ((await res.json()) as { task: Task }).task;
    res = await move(board.id, review, 'done');
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiError).error.message).toBe('Bạn không có quyền chuyển cột nhiệm vụ này sang cột "Hoàn thành" (vai trò: Đơn vị)');
    expect((await t.store.getTask(board.id, review.id))?.column).toBe('review');
  });

  it('cannot move a task it is only a partner on, or one of another agency', async () => {
    const { board, tasks } = await t.newBoard({ column: 'todo' });
    for (const task of [tasks.partner, tasks.other]) expect((await move(board.id, task, 'doing')).status).toBe(403);
  });

  it('edits progress on its own task only, never the plan fields; comments where it is a partner', async () => {
    const { board, tasks } = await t.newBoard();
    const patch = (task: Task, body: object) => t.as('donvi')(`/api/boards/${board.id}/tasks/${task.id}`, { method: 'PATCH', json: { version: task.version, ...body } });
    expect((await patch(tasks.lead, { progress: 40, difficulties: 'Thiếu người' })).status).toBe(200);
    const refused = await patch((await t.store.getTask(board.id, tasks.lead.id))!, { progress: 50, content: 'Việc khác' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ApiError).error.message).toContain('"Nội dung nhiệm vụ" (content)');
    expect((await patch(tasks.partner, { progress: 40 })).status).toBe(403);
    const comment = (task: Task) => t.as('donvi')(`/api/boards/${board.id}/tasks/${task.id}/comments`, { method: 'POST', json: { text: 'Sở KH&CN đã phối hợp' } });
    expect((await comment(tasks.partner)).status).toBe(201);
    expect((await comment(tasks.other)).status).toBe(403);
  });

  it("takes its agency's spellings from the directory the administrator keeps", async () => {
    const { board } = await t.newBoard();
    const printed = 'Sở KH và CN tỉnh Thử';
    const created = await t.as('thuongtruc')(`/api/boards/${board.id}/tasks`, { method: 'POST', json: { track: 'khcn-cds', content: 'Việc in tên cơ quan khác cách', leads: [printed] } });
    const task = ((await created.json()) as { task: Task }).task;
    const progress = (version: number) => t.as('donvi')(`/api/boards/${board.id}/tasks/${task.id}`, { method: 'PATCH', json: { version, progress: 30 } });
    expect((await progress(task.version)).status).toBe(403);
    const dir = await t.as('admin')('/api/directory', { method: 'PUT', json: { agencies: [{ name: UNIT_AGENCY, aliases: [printed] }] } });
    expect(dir.status).toBe(200);
    expect((await progress(task.version)).status).toBe(200);
    await t.as('admin')('/api/directory', { method: 'PUT', json: { agencies: [] } });
  });
});

describe('boards a user holds no role on', () => {
  it('are not listed and answer 404 as if they did not exist', async () => {
    const { board } = await t.newBoard();
    const list = (await (await t.as('khach')('/api/boards')).json()) as BoardSummary[];
    expect(list.map((b) => b.id)).not.toContain(board.id);
    const seen = (await (await t.as('xem')('/api/boards')).json()) as BoardSummary[];
    expect(seen.find((b) => b.id === board.id)?.role).toBe('viewer');
    const res = await t.as('khach')(`/api/boards/${board.id}`);
    expect(res.status).toBe(404);
    const unknown = await t.as('khach')('/api/boards/khong-co-bang-nay');
    expect(unknown.status).toBe(404);
    const body = (await res.json()) as ApiError;
    expect(body.error.message).toBe(`Không tìm thấy bảng "${board.id}"`);
    expect(Object.keys(body.error)).toEqual(Object.keys(((await unknown.json()) as ApiError).error));
  });
});

describe('administration', () => {
  it('an administrator cannot lock themselves out, nor reset their own password here', async () => {
    const admin = t.users.admin;
    for (const patch of [{ disabled: true }, { admin: false }]) {
      const res = await t.as('admin')(`/api/users/${admin.id}`, { method: 'PATCH', json: patch });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ApiError).error.message).toMatch(/^Không thể tự khóa/);
    }
    expect((await t.as('admin')(`/api/users/${admin.id}/password`, { method: 'POST' })).status).toBe(400);
    expect((await t.store.getUser(admin.id))?.admin).toBe(true);
  });

  it('refuses a directory naming one spelling twice, naming where', async () => {
    const res = await t.as('admin')('/api/directory', { method: 'PUT', json: { agencies: [{ name: 'Sở Nội vụ', aliases: ['SNV'] }, { name: 'Sở Tư pháp', aliases: ['snv'] }] } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error).toMatchObject({ field: 'agencies.1.aliases', message: expect.stringContaining('"snv" đã là tên của "Sở Nội vụ" (dòng 1)') });
  });
});

describe('a change names only what it changes', () => {
  it('disabling a user keeps their agency, administrator flag and roles', async () => {
    const created = await t.as('admin')('/api/users', { method: 'POST', json: { login: 'giu-nguyen', name: 'Giữ Nguyên', agency: 'Sở Nội vụ', admin: true, roles: { '*': 'leader' } } });
    const { user } = (await created.json()) as { user: User };
    const res = await t.as('admin')(`/api/users/${user.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(await res.json()).toMatchObject({ agency: 'Sở Nội vụ', admin: true, roles: { '*': 'leader' }, disabled: true });
  });

  it('changing one board setting keeps the others', async () => {
    const { board } = await t.newBoard();
    await t.as('thuongtruc')(`/api/boards/${board.id}`, { method: 'PATCH', json: { settings: { issuer: 'BAN CHỈ ĐẠO', signerName: 'Nguyễn Văn A' } } });
    const res = await t.as('thuongtruc')(`/api/boards/${board.id}`, { method: 'PATCH', json: { settings: { soonDays: 3 } } });
    expect(((await res.json()) as Board).settings).toMatchObject({ issuer: 'BAN CHỈ ĐẠO', signerName: 'Nguyễn Văn A', soonDays: 3, requireEvidence: true });
    const unknown = await t.as('thuongtruc')(`/api/boards/${board.id}`, { method: 'PATCH', json: { settings: { mauNen: 'đỏ' } } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ApiError).error.field).toBe('settings.mauNen');
  });
});

describe('what the bad-input sweep found, kept fixed', () => {
  it('the history of a task that never existed is a 404, not an empty list; a deleted task keeps its history', async () => {
    const { board, tasks } = await t.newBoard();
    for (const id of ['constructor', '__proto__', 'x'.repeat(300)]) expect((await t.as('admin')(`/api/boards/${board.id}/tasks/${id}/history`)).status).toBe(404);
    await t.as('thuongtruc')(`/api/boards/${board.id}/tasks/${tasks.other.id}`, { method: 'DELETE', json: { version: tasks.other.version } });
    const history = await t.as('xem')(`/api/boards/${board.id}/tasks/${tasks.other.id}/history`);
    expect(history.status).toBe(200);
    expect(((await history.json()) as Array<{ deleted?: boolean }>)[0]?.deleted).toBe(true);
  });

  it('a body that is not sent as JSON is refused (hono would read it as {}), and an empty user change is refused', async () => {
    const path = `/api/users/${target.id}`;
    const before = (await t.store.getUser(target.id))!.updatedAt;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await t.as('admin')(path, { method: 'PATCH', headers: { 'Content-Type': type }, body: '{}' });
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as ApiError).error.message).toBe('Nội dung yêu cầu phải là JSON (Content-Type: application/json)');
    }
    const empty = await t.as('admin')(path, { method: 'PATCH', json: {} });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ApiError).error.message).toContain('không có trường nào để cập nhật');
    expect((await t.store.getUser(target.id))!.updatedAt).toBe(before);
  });

  it('a move with an unknown field is refused, not silently obeyed', async () => {
    const { board, tasks } = await t.newBoard();
    const res = await t.as('thuongtruc')(`/api/boards/${board.id}/tasks/${tasks.lead.id}/move`, { method: 'POST', json: { version: tasks.lead.version, track: 'khcn-cds', column: 'todo', afterId: null, boardId: 'bang-khac' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.field).toBe('boardId');
  });

  it('an evidence file for a task on an archived board is refused before anything is stored', async () => {
    const { board, tasks } = await t.newBoard({ archived: true });
    const { readdir } = await import('node:fs/promises');
    const files = async () => (await readdir(join(t.dir, 'files'), { recursive: true }).catch(() => [])).length;
    const count = await files();
    const form = new FormData();
    form.set('file', new File([`${MINIMAL_PDF}%luu-tru`], 'bb.pdf', { type: 'application/pdf' }));
    const res = await t.as('thuongtruc')(`/api/boards/${board.id}/tasks/${tasks.lead.id}/evidence/file`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.message).toMatch(/đã lưu trữ/);
    expect(await files()).toBe(count);
  });
});

describe('audit export', () => {
  it('streams every entry, with the signed checkpoint of exactly those entries in a header', async () => {
    const { board, tasks } = await t.newBoard();
    await t.as('thuongtruc')(`/api/boards/${board.id}/tasks/${tasks.lead.id}/comments`, { method: 'POST', json: { text: 'Ghi nhận' } });
    const res = await t.as('admin')('/api/audit/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="dondoc-audit-\d{4}-\d{2}-\d{2}-\d+\.jsonl"/);
    const checkpoint = JSON.parse(res.headers.get('x-dondoc-checkpoint')!) as Checkpoint;
    const text = await res.text();
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBe(checkpoint.entries);
    const { readFile, writeFile } = await import('node:fs/promises');
    expect((await readFile(join(t.dir, AUDIT_FILE), 'utf8')).startsWith(text)).toBe(true);
    const copy = join(t.dir, 'export-copy.jsonl');
    await writeFile(copy, text);
    expect(await verifyAuditFile(copy, checkpoint)).toEqual({ ok: true, entries: checkpoint.entries });
    const verified = await t.as('admin')('/api/audit/verify', { method: 'POST', json: { checkpoint } });
    expect(await verified.json()).toMatchObject({ ok: true, checkpointSigned: true });
  });
});
