// The task-work API in-process: create/duplicate/delete/undo, the evidence → confirm/return loop,
// file uploads (type from the bytes, size limit, nothing stored on refusal), extensions, period
// reports, conclusions, bulk edits, history from the audit trail, and limits named in Vietnamese.
import { boardOf } from '../testing/payload.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiError, Board, Task } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempDir } from '../testing/fixtures.ts';
import { seedUsers, sessionCookie } from '../testing/users.ts';
import type { HistoryEntry, TaskAnswer, TaskDetail } from './tasks.ts';

let plugins: PluginHost;
let store: LowdbStore;
let dir: string;
let app: ReturnType<typeof createApp>;
const cleanups: Array<() => Promise<void>> = [];
const cookies: Record<string, string> = {};

beforeAll(async () => {
  plugins = await PluginHost.load({ pluginsDir: join(REPO_ROOT, 'e2e/fixtures/plugins'), timeoutMs: 500 });
});
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});
beforeEach(async () => {
  const t = await tempDir();
  dir = t.dir;
  const opened = await LowdbStore.open({ dir });
  store = opened;
  cleanups.push(async () => {
    await opened.close().catch(() => {});
    await t.cleanup();
  });
  app = createApp({ repository: store, plugins, config: { today: () => '2025-12-10', todayPinned: '2025-12-10', webDist: null } });
  await seedUsers(store);
  for (const login of ['thuongtruc', 'donvi', 'lanhdao']) cookies[login] = await sessionCookie(app, login);
});

type Who = 'thuongtruc' | 'donvi' | 'lanhdao';
const send = (who: Who, method: string, path: string, body?: unknown) =>
  app.request(path, { method, headers: { Cookie: cookies[who]!, Origin: 'http://localhost', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await res).json() as Promise<T>;
const err = async (res: Response) => ((await res.json()) as ApiError).error;

/** A board from the tiny fixture template, its first task led by the unit user's agency. */
async function board(): Promise<{ board: Board; task: Task }> {
  const created = await json<Board>(send('thuongtruc', 'POST', '/api/boards', { template: 'fixture-tiny:tiny', checklist: 'fixture-tiny:mini' }));
  const payload = boardOf(await json<unknown>(send('thuongtruc', 'GET', `/api/boards/${created.id}`)));
  const first = payload.tasks[0]!;
  const task = (await json<TaskAnswer>(send('thuongtruc', 'PATCH', `/api/boards/${created.id}/tasks/${first.id}`, { version: first.version, leads: ['Sở KH&CN'] }))).task;
  return { board: created, task };
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, ...Array(64).fill(0)]);
function upload(who: Who, path: string, bytes: Uint8Array, name: string, label = '') {
  const form = new FormData();
  form.set('file', new File([Buffer.from(bytes)], name));
  if (label) form.set('label', label);
  // A browser names the page's origin on every form post (the server's CSRF check wants it).
  return app.request(path, { method: 'POST', headers: { Cookie: cookies[who]!, Origin: 'http://localhost' }, body: form });
}

describe('tasks by hand', () => {
  it('adds a task in a cell, duplicates it right after, deletes it and undoes the delete', async () => {
    const { board: b } = await board();
    const created = await send('thuongtruc', 'POST', `/api/boards/${b.id}/tasks`, { track: 'cchc', column: 'todo', content: 'Rà soát thủ tục hành chính cấp xã', owner: 'Lê Văn Tâm', deadline: 'Tháng 1/2026' });
    expect(created.status).toBe(201);
    const { task } = (await created.json()) as TaskAnswer;
    expect(task).toMatchObject({ track: 'cchc', owner: 'Lê Văn Tâm', deadline: { kind: 'month', due: '2026-01-31' }, version: 1 });
    const dup = await send("thuongtruc", "POST", `/api/boards/${b.id}/tasks/${task.id}/duplicate`);
    expect(dup.status, await dup.clone().text()).toBe(201);
    const copy = ((await dup.json()) as TaskAnswer).task;
    expect(copy).toMatchObject({ content: task.content, owner: 'Lê Văn Tâm', column: 'todo', progress: 0 });
    expect(copy.id).not.toBe(task.id);
    const cell = (await store.getTasks(b.id))!.filter((t) => t.track === 'cchc' && t.column === 'todo').map((t) => t.id);
    expect(cell.slice(cell.indexOf(task.id), cell.indexOf(task.id) + 2)).toEqual([task.id, copy.id]);
    expect((await send('thuongtruc', 'DELETE', `/api/boards/${b.id}/tasks/${task.id}`, { version: 1 })).status).toBe(200);
    expect((await send('thuongtruc', 'GET', `/api/boards/${b.id}/tasks/${task.id}`)).status).toBe(404);
    const editDeleted = await send('thuongtruc', 'PATCH', `/api/boards/${b.id}/tasks/${task.id}`, { version: 1, owner: 'X' });
    expect(editDeleted.status).toBe(404);
    expect((await err(editDeleted)).message).toContain('đã bị xóa');
    const restored = await json<TaskAnswer>(send('thuongtruc', 'POST', `/api/boards/${b.id}/tasks/${task.id}/restore`));
    expect(restored.task).toMatchObject({ id: task.id, version: 2 });
  });

  it('refuses a unit adding or deleting tasks (403 naming the action), and names a field over its limit in Vietnamese', async () => {
    const { board: b, task } = await board();
    const add = await send('donvi', 'POST', `/api/boards/${b.id}/tasks`, { track: 'cchc', content: 'Việc mới của đơn vị' });
    expect(add.status).toBe(403);
    expect((await err(add)).message).toMatch(/không có quyền tạo/);
    expect((await send('donvi', 'DELETE', `/api/boards/${b.id}/tasks/${task.id}`, { version: task.version })).status).toBe(403);
    const long = await send('thuongtruc', 'PATCH', `/api/boards/${b.id}/tasks/${task.id}`, { version: task.version, owner: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(await err(long)).toMatchObject({ field: 'owner', message: 'Trường "Người phụ trách" (owner) quá dài (tối đa 200 ký tự)' });
  });
});

describe('reads on the request path', () => {
  it('saves a text holding a lone surrogate as sent (JSON "\\ud800") and goes on taking writes on the board', async () => {
    const { board: b, task } = await board();
    // Sent as raw JSON: JSON.stringify would write the escape itself, and a browser's body can hold it.
    const res = await app.request(`/api/boards/${b.id}/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { Cookie: cookies.thuongtruc!, Origin: 'http://localhost', 'Content-Type': 'application/json' },
      body: `{"version":${task.version},"content":"Rà soát \\ud800 thủ tục"}`,
    });
    expect(res.status).toBe(200);
    const saved = ((await res.json()) as TaskAnswer).task;
    expect(saved.content).toBe('Rà soát \ud800 thủ tục');
    const moved = await send('thuongtruc', 'POST', `/api/boards/${b.id}/tasks/${task.id}/move`, { version: saved.version, track: saved.track, column: 'doing', afterId: null });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await json<HistoryEntry[]>(send('thuongtruc', 'GET', `/api/boards/${b.id}/tasks/${task.id}/history`))).length).toBeGreaterThanOrEqual(3);
  });

  it('reads the board and the task a request names with its session, in one read', async () => {
    const { board: b, task } = await board();
    const calls: string[] = [];
    for (const name of ['getSessionUser', 'getBoardContext', 'getBoard', 'getTask'] as const) {
      const read = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => (calls.push(name), read(...args));
    }
    const moved = await send('thuongtruc', 'POST', `/api/boards/${b.id}/tasks/${task.id}/move`, { version: task.version, track: task.track, column: 'doing', afterId: null });
    expect(moved.status).toBe(200);
    expect(calls).toEqual(['getSessionUser']);
    // A task the path names that is not on the board is still a 404 naming it; a board not there, the board.
    calls.length = 0;
    expect(await err(await send('thuongtruc', 'POST', `/api/boards/${b.id}/tasks/no-such-task/move`, { version: 1, track: task.track, column: 'doing', afterId: null }))).toMatchObject({ code: 'not-found' });
    expect(await err(await send('thuongtruc', 'GET', `/api/boards/no-such-board`))).toMatchObject({ code: 'not-found', field: 'boardId' });
    expect(calls).toEqual(['getSessionUser', 'getTask', 'getSessionUser']);
  });
});

describe('evidence, confirmation and return', () => {
  it('a unit adds a photo and a link, sends the task for confirmation; the coordinator returns it with a reason, then confirms', async () => {
    const { board: b, task } = await board();
    const base = `/api/boards/${b.id}/tasks/${task.id}`;
    // No evidence yet: the board requires it before "Chờ xác nhận".
    const early = await send('donvi', 'POST', `${base}/move`, { version: task.version, track: task.track, column: 'review', afterId: null });
    expect(early.status).toBe(400);
    expect((await err(early)).message).toContain('minh chứng');
    const photo = await upload('donvi', `${base}/evidence/file`, JPEG, 'lop-tap-huan.jpg', 'Ảnh lớp tập huấn');
    expect(photo.status).toBe(201);
    const withPhoto = ((await photo.json()) as TaskAnswer).task;
    expect(withPhoto.evidence[0]).toMatchObject({ kind: 'file', label: 'Ảnh lớp tập huấn', file: { name: 'lop-tap-huan.jpg', mediaType: 'image/jpeg', size: JPEG.length }, addedBy: { name: 'Trần Văn Minh' } });
    const file = await send('lanhdao', 'GET', `${base}/evidence/${withPhoto.evidence[0]!.id}/file`);
    expect(file.headers.get('Content-Type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(JPEG);
    await send('donvi', 'POST', `${base}/evidence`, { kind: 'link', label: 'Quyết định 12/QĐ-UBND', url: 'https://laocai.gov.vn/qd12' });
    const cur = (await json<TaskDetail>(send('donvi', 'GET', base))).task;
    const sent = await send('donvi', 'POST', `${base}/move`, { version: cur.version, track: cur.track, column: 'review', afterId: null });
    expect(sent.status).toBe(200);
    // A unit cannot confirm its own work.
    expect((await send('donvi', 'POST', `${base}/confirm`, { version: cur.version + 1 })).status).toBe(403);
    const returned = await json<TaskAnswer>(send('thuongtruc', 'POST', `${base}/return`, { version: cur.version + 1, reason: 'Thiếu biên bản nghiệm thu' }));
    expect(returned.task).toMatchObject({ column: 'doing', returned: { reason: 'Thiếu biên bản nghiệm thu', by: { name: 'Nguyễn Thị Thu Hà' } } });
    const again = await send('donvi', 'POST', `${base}/move`, { version: returned.task.version, track: cur.track, column: 'review', afterId: null });
    expect(again.status).toBe(200);
    const done = await json<TaskAnswer>(send('thuongtruc', 'POST', `${base}/confirm`, { version: returned.task.version + 1 }));
    expect(done.task).toMatchObject({ column: 'done', completedAt: '2025-12-10', progress: 100 });
    expect(done.task).not.toHaveProperty('returned');
    const history = await json<HistoryEntry[]>(send('lanhdao', 'GET', `${base}/history`));
    expect(history.map((h) => h.op).slice(0, 4)).toEqual(['task.confirm', 'task.move', 'task.return', 'task.move']);
    expect(history[2]).toMatchObject({ actor: { name: 'Nguyễn Thị Thu Hà' }, fields: { column: { before: 'review', after: 'doing' } } });
  });

  it('refuses an upload of the wrong type or over the limit before storing anything, and a javascript: link', async () => {
    const { board: b, task } = await board();
    const base = `/api/boards/${b.id}/tasks/${task.id}`;
    const exe = await upload('donvi', `${base}/evidence/file`, Buffer.from('MZ\x90\x00 not a document'), 'anh.jpg');
    expect(exe.status).toBe(415);
    expect((await err(exe)).message).toMatch(/Không nhận loại tệp của "anh.jpg"/);
    const big = await upload('donvi', `${base}/evidence/file`, Buffer.concat([JPEG, Buffer.alloc(20 * 1024 * 1024)]), 'to.jpg');
    expect(big.status).toBe(413);
    expect((await err(big)).message).toMatch(/quá lớn/);
    const js = await send('donvi', 'POST', `${base}/evidence`, { kind: 'link', label: 'x', url: 'javascript:alert(1)' });
    expect(js.status).toBe(400);
    expect(await err(js)).toMatchObject({ field: 'url' });
    expect((await store.getTask(b.id, task.id))!.evidence).toEqual([]);
    const stored = await readdir(join(dir, 'files')).catch(() => []);
    expect(stored).toEqual([]);
  });

  it('lets a unit touch only the tasks its agency leads, and only its own fields', async () => {
    const { board: b, task } = await board();
    const other = (await store.getTasks(b.id))!.find((t) => t.id !== task.id)!;
    expect((await send('donvi', 'PATCH', `/api/boards/${b.id}/tasks/${task.id}`, { version: task.version, progress: 40, difficulties: 'Thiếu kinh phí' })).status).toBe(200);
    const owner = await send('donvi', 'PATCH', `/api/boards/${b.id}/tasks/${task.id}`, { version: task.version + 1, owner: 'Tôi' });
    expect(owner.status).toBe(403);
    expect((await err(owner)).message).toMatch(/"Người phụ trách" \(owner\)/);
    expect((await send('donvi', 'PATCH', `/api/boards/${b.id}/tasks/${other.id}`, { version: other.version, progress: 10 })).status).toBe(403);
    expect((await send('donvi', 'POST', `/api/boards/${b.id}/tasks/${task.id}/move`, { version: task.version + 1, track: task.track, column: 'done', afterId: null })).status).toBe(403);
  });
});

describe('recurring tasks, extensions and conclusions', () => {
  it('records a period report, an extension with its approver, and a conclusion that grants a new deadline', async () => {
    const { board: b, task } = await board();
    const base = `/api/boards/${b.id}/tasks/${task.id}`;
    const report = await json<TaskAnswer>(send('donvi', 'POST', `${base}/period-reports`, { period: '2025-12', done: true, note: 'Đã báo cáo tháng 12' }));
    expect(report.task.periodReports).toEqual([expect.objectContaining({ period: '2025-12', done: true, by: expect.objectContaining({ name: 'Trần Văn Minh' }) })]);
    expect(await err(await send('donvi', 'POST', `${base}/period-reports`, { period: '2025-13', done: true }))).toMatchObject({ field: 'period' });
    expect((await send('donvi', 'POST', `${base}/extend`, { version: report.task.version, due: '2026-01-31', reason: 'x', approvedBy: 'y' })).status).toBe(403);
    const ext = await json<TaskAnswer>(send('thuongtruc', 'POST', `${base}/extend`, { version: report.task.version, due: '2026-01-31', reason: 'Chờ hướng dẫn của Bộ', approvedBy: 'Phó Chủ tịch UBND tỉnh' }));
    expect(ext.task.extensions).toEqual([expect.objectContaining({ due: '2026-01-31', previousDue: task.deadline.due, approvedBy: 'Phó Chủ tịch UBND tỉnh' })]);
    const concluded = await send('lanhdao', 'POST', `${base}/conclusions`, { text: 'Giao Sở KH&CN hoàn thành trước 28/02/2026', newDue: '2026-02-28', followUp: 'Văn phòng UBND tỉnh' });
    expect(concluded.status).toBe(201);
    const k = ((await concluded.json()) as TaskAnswer).task;
    expect(k.conclusions.at(-1)).toMatchObject({ text: 'Giao Sở KH&CN hoàn thành trước 28/02/2026', newDue: '2026-02-28', by: { name: 'Lê Quang Huy' } });
    expect(k.extensions.at(-1)).toMatchObject({ previousDue: '2026-01-31', due: '2026-02-28', approvedBy: 'Lê Quang Huy', conclusionId: k.conclusions.at(-1)!.id });
  });
});

describe('bulk edits and comments', () => {
  it('sets one owner on a selection and keeps one lead per task with the others as partners, in one operation', async () => {
    const { board: b } = await board();
    const tasks = (await store.getTasks(b.id))!;
    const res = await send('thuongtruc', 'PATCH', `/api/boards/${b.id}/tasks`, {
      items: tasks.map((t, i) => ({ taskId: t.id, version: t.version, ...(i === 0 ? { patch: { leads: ['Sở Nội vụ'], partners: ['Sở Tư pháp'] } } : {}) })),
      patch: { owner: 'Phạm Thị Lan' },
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as TaskAnswer[];
    expect(out.map((a) => a.task.owner)).toEqual(tasks.map(() => 'Phạm Thị Lan'));
    expect(out[0]!.task).toMatchObject({ leads: ['Sở Nội vụ'], leadsText: 'Sở Nội vụ', partners: ['Sở Tư pháp'] });
    const stale = await send('thuongtruc', 'PATCH', `/api/boards/${b.id}/tasks`, { items: [{ taskId: tasks[0]!.id, version: tasks[0]!.version }], patch: { owner: 'X' } });
    expect(stale.status).toBe(409);
    expect((await store.getTask(b.id, tasks[0]!.id))!.owner).toBe('Phạm Thị Lan');
  });

  it('lets a partner agency comment but not a leader, and keeps comments with who wrote them', async () => {
    const { board: b, task } = await board();
    const c = await send('donvi', 'POST', `/api/boards/${b.id}/tasks/${task.id}/comments`, { text: 'Đã gửi dự thảo cho Sở Tư pháp' });
    expect(c.status).toBe(201);
    expect(((await c.json()) as TaskAnswer).task.comments).toEqual([expect.objectContaining({ text: 'Đã gửi dự thảo cho Sở Tư pháp', by: expect.objectContaining({ name: 'Trần Văn Minh' }) })]);
    expect((await send('lanhdao', 'POST', `/api/boards/${b.id}/tasks/${task.id}/comments`, { text: 'x' })).status).toBe(403);
    expect(await err(await send('donvi', 'POST', `/api/boards/${b.id}/tasks/${task.id}/comments`, { text: '' }))).toMatchObject({ field: 'text' });
  });
});

describe('boards', () => {
  it('renames, archives (read-only) and deletes a board only with its title typed again', async () => {
    const { board: b, task } = await board();
    expect(await json<Board>(send('thuongtruc', 'PATCH', `/api/boards/${b.id}`, { title: 'Bảng tuần 50', settings: { place: 'Lào Cai' } }))).toMatchObject({ title: 'Bảng tuần 50', settings: { place: 'Lào Cai' } });
    await send('thuongtruc', 'PATCH', `/api/boards/${b.id}`, { archived: true });
    const write = await send('thuongtruc', 'PATCH', `/api/boards/${b.id}/tasks/${task.id}`, { version: task.version, owner: 'X' });
    expect(write.status).toBe(400);
    expect((await err(write)).message).toContain('lưu trữ');
    const wrong = await send('thuongtruc', 'DELETE', `/api/boards/${b.id}`, { confirmTitle: 'Bảng tuần' });
    expect(wrong.status).toBe(400);
    expect(await err(wrong)).toMatchObject({ field: 'confirmTitle' });
    expect((await send('donvi', 'DELETE', `/api/boards/${b.id}`, { confirmTitle: 'Bảng tuần 50' })).status).toBe(403);
    expect((await send('thuongtruc', 'DELETE', `/api/boards/${b.id}`, { confirmTitle: 'Bảng tuần 50' })).status).toBe(200);
    expect((await send('thuongtruc', 'GET', `/api/boards/${b.id}`)).status).toBe(404);
  });
});
