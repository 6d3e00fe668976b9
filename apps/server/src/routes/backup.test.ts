// Board backup and restore through the routes, on the embedded store and (with DONDOC_TEST_DATABASE_URL)
// on PostgreSQL, and from one to the other: a board worked on (moves, edits, comments, link and file
// evidence, extensions, period reports, conclusions, settings) comes back as a new board whose tasks,
// history, evidence (bytes included) and settings equal the original's but for the board id; a file of
// a newer format, a malformed or damaged file and a caller without the right are refused, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_VERSION, BoardBackup, type ApiError, type Board, type HistoryEntry, type Task } from '@dondoc/shared';
import { createApp } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import type { Repository } from '../store/repository.ts';
import { PostgresRepository } from '../store/postgres/postgres-store.ts';
import { freshDatabase, resetDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from '../store/postgres/test-database.ts';
import { DEFAULT_DEMO_PASSWORD, ensureUsers } from '../demo.ts';
import { tempDir } from '../testing/fixtures.ts';
import { fixturePlugins } from '../testing/trust-app.ts';
import { MINIMAL_PDF } from '../testing/route-catalog.ts';

const TODAY = '2025-11-20';
type Login = 'admin' | 'thuongtruc' | 'donvi' | 'lanhdao' | 'xem';

/** An app on `repository` with the demo users; `as(login)` makes requests with that user's session. */
async function serverOn(repository: Repository) {
  const deps = { repository, plugins: await fixturePlugins(), config: { today: () => TODAY, todayPinned: TODAY, webDist: null, logError: () => {} } };
  await ensureUsers(deps, { demo: true }, () => {});
  const app = createApp(deps);
  const cookies = new Map<Login, string>();
  const as = (login: Login | null) => async (path: string, init: { method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}) => {
    let cookie = login ? cookies.get(login) : undefined;
    if (login && !cookie) {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify({ login, password: DEFAULT_DEMO_PASSWORD }) });
      cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      cookies.set(login, cookie);
    }
    const headers: Record<string, string> = { Origin: 'http://localhost', ...(cookie ? { Cookie: cookie } : {}), ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers };
    return app.request(path, { method: init.method ?? 'GET', headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body !== undefined ? { body: init.body } : {}) });
  };
  return { repository, as };
}
type Server = Awaited<ReturnType<typeof serverOn>>;

const ok = async (res: Response, status = 200) => {
  if (res.status !== status) throw new Error(`${res.status} ${await res.text()}`);
  return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;

/** A board from the fixture template with a life behind it: every kind of write a board sees. */
async function workedBoard(s: Server): Promise<Board> {
  const co = s.as('thuongtruc');
  const board = (await ok(await co('/api/boards', { method: 'POST', json: { template: 'fixture-tiny:tiny', title: 'Kế hoạch chuyển đổi số năm 2026' } }), 201)) as Board;
  await ok(await co(`/api/boards/${board.id}`, { method: 'PATCH', json: { settings: { issuer: 'BAN CHỈ ĐẠO CĐS', place: 'Lào Cai', soonDays: 3, recipients: ['Như trên', 'Lưu: VT'] } } }));
  await ok(await co(`/api/boards/${board.id}/calendar-token`, { method: 'POST' }), 201);
  const tasks = (await s.repository.getTasks(board.id))!;
  expect(tasks.length).toBeGreaterThanOrEqual(2);
  const [a, b] = tasks as [Task, Task];
  const url = (t: Task, rest = '') => `/api/boards/${board.id}/tasks/${t.id}${rest}`;
  let va = (await ok(await co(url(a), { method: 'PATCH', json: { version: a.version, owner: 'Nguyễn Văn An', progress: 40, difficulties: 'Thiếu kinh phí' } }))).task.version as number;
  va = (await ok(await co(url(a, '/move'), { method: 'POST', json: { version: va, track: a.track, column: 'doing', afterId: null } }))).task.version;
  await ok(await co(url(a, '/comments'), { method: 'POST', json: { text: 'Đề nghị đơn vị cập nhật tiến độ' } }), 201);
  await ok(await co(url(a, '/evidence'), { method: 'POST', json: { kind: 'link', label: 'Công văn số 5/SKHCN', url: 'https://example.vn/cv-5' } }), 201);
  const form = new FormData();
  form.set('file', new File([MINIMAL_PDF], 'bien-ban.pdf', { type: 'application/pdf' }));
  form.set('label', 'Biên bản họp');
  await ok(await co(url(a, '/evidence/file'), { method: 'POST', body: form }), 201);
  va = (await s.repository.getTask(board.id, a.id))!.version;
  await ok(await co(url(a, '/extend'), { method: 'POST', json: { version: va, due: '2026-03-31', reason: 'Chờ kinh phí', approvedBy: 'Chủ tịch UBND tỉnh' } }));
  await ok(await co(url(b, '/period-reports'), { method: 'POST', json: { period: '2025-11', done: true, note: 'Đã báo cáo' } }));
  await ok(await s.as('lanhdao')(url(b, '/conclusions'), { method: 'POST', json: { text: 'Giao hoàn thành trước 31/3/2026', newDue: '2026-03-31' } }), 201);
  return (await s.repository.getBoard(board.id))!;
}

const backupOf = async (s: Server, boardId: string) => BoardBackup.parse(await ok(await s.as('thuongtruc')(`/api/boards/${boardId}/backup`)));
const restore = (s: Server, body: unknown, login: Login = 'thuongtruc') => s.as(login)('/api/boards/restore', { method: 'POST', json: body });
const history = async (s: Server, boardId: string, taskId: string) => (await ok(await s.as('thuongtruc')(`/api/boards/${boardId}/tasks/${taskId}/history`))) as HistoryEntry[];

/** What must come back: the tasks whole but for their board id (and the history they now carry). */
const comparable = (tasks: readonly Task[]) => tasks.map(({ boardId: _b, earlierHistory: _h, ...t }) => t);

/** Backs `from`'s board up, restores it into `to`, and checks the new board against the original. */
async function roundTrip(from: Server, to: Server) {
  const original = await workedBoard(from);
  const res = await from.as('thuongtruc')(`/api/boards/${original.id}/backup`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.json"; filename\*=UTF-8''Sao%20l%C6%B0u%20-%20K%E1%BA%BF%20ho%E1%BA%A1ch/);
  const backup = BoardBackup.parse(await res.json());
  expect(backup).toMatchObject({ format: 'dondoc-board-backup', version: BACKUP_VERSION, exportedBy: { name: 'Nguyễn Thị Thu Hà' } });
  // The feed's secret stays on the server that issued it.
  expect(original.settings.calendarToken).toBeTruthy();
  expect(backup.board.settings.calendarToken).toBeUndefined();
  const fileEvidence = backup.evidence.filter((e) => e.kind === 'file');
  expect(fileEvidence).toHaveLength(1);
  expect(fileEvidence[0]).toMatchObject({ label: 'Biên bản họp', included: true, file: { name: 'bien-ban.pdf' } });

  const before = { boards: (await to.repository.listBoards()).length };
  const restored = (await ok(await restore(to, backup), 201)) as Board;
  expect(restored.id).not.toBe(original.id);
  expect((await to.repository.listBoards()).length).toBe(before.boards + 1);
  const { calendarToken: _t, ...settings } = original.settings;
  expect(restored.settings).toEqual(settings);
  expect({ ...restored, id: '', settings: null, revision: 0, createdAt: '', updatedAt: '' }).toEqual({ ...original, id: '', settings: null, revision: 0, createdAt: '', updatedAt: '' });

  const originalTasks = (await from.repository.getTasks(original.id))!;
  const restoredTasks = (await to.repository.getTasks(restored.id))!;
  expect(comparable(restoredTasks)).toEqual(comparable(originalTasks));
  expect(restoredTasks.every((t) => t.boardId === restored.id)).toBe(true);

  for (const t of originalTasks) {
    const was = await history(from, original.id, t.id);
    const now = await history(to, restored.id, t.id);
    // This server's trail starts at the restore; what came before follows, as it was, marked as from the backup.
    expect(now[0]).toMatchObject({ op: 'board.restore', created: true, actor: { name: 'Nguyễn Thị Thu Hà' } });
    expect(now.slice(1)).toEqual(was.map((h) => ({ ...h, fromBackup: true })));
    expect(was.length).toBeGreaterThan(0);
  }

  // The evidence file's bytes came along and read back the same.
  const withFile = restoredTasks.find((t) => t.evidence.some((e) => e.kind === 'file'))!;
  const ev = withFile.evidence.find((e) => e.kind === 'file')!;
  const file = await to.as('thuongtruc')(`/api/boards/${restored.id}/tasks/${withFile.id}/evidence/${ev.id}/file`);
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toBe(MINIMAL_PDF);

  // A backup of the restored board carries the whole history again, so a board can move on and on.
  const again = await backupOf(to, restored.id);
  for (const t of originalTasks) expect(again.history[t.id]!.slice(1)).toEqual(backup.history[t.id]!.map((h) => ({ ...h, fromBackup: true })));
  return { backup, original, restored };
}

/** The refusals, each leaving the store as it was. */
function refusals(server: () => Server) {
  const boardCount = async () => (await server().repository.listBoards()).length;
  const refusedWith = async (body: unknown, status: number, field: string) => {
    const n = await boardCount();
    const res = await restore(server(), body);
    const error = await errorOf(res);
    expect(res.status, JSON.stringify(error)).toBe(status);
    expect(error).toMatchObject({ field });
    expect(await boardCount()).toBe(n);
    return error;
  };
  let backup: BoardBackup;
  beforeAll(async () => {
    const board = await workedBoard(server());
    backup = await backupOf(server(), board.id);
  });

  it('refuses a file from a newer dondoc, saying so in Vietnamese', async () => {
    const e = await refusedWith({ ...backup, version: BACKUP_VERSION + 1, somethingNew: [] }, 400, 'version');
    expect(e.message).toMatch(/^Tệp sao lưu được tạo bởi phiên bản mới hơn của dondoc/);
    expect(e.messageEn).toMatch(/newer dondoc/);
  });
  it('refuses what is not a board backup, or is malformed, naming the field', async () => {
    await refusedWith([], 400, '(body)');
    await refusedWith({ ...backup, format: 'trello' }, 400, 'format');
    await refusedWith({ ...backup, version: 0 }, 400, 'version');
    const { board: _b, ...noBoard } = backup;
    await refusedWith(noBoard, 400, 'board');
    await refusedWith({ ...backup, tasks: [{ ...backup.tasks[0]!, column: 'nowhere' }] }, 400, 'tasks.0.column');
    await refusedWith({ ...backup, tasks: [backup.tasks[0]!, backup.tasks[0]!] }, 400, 'tasks.1.id');
    await refusedWith({ ...backup, tasks: [{ ...backup.tasks[0]!, track: 'khong-co' }] }, 400, 'tasks.0.track');
    const n = await boardCount();
    const res = await server().as('thuongtruc')('/api/boards/restore', { method: 'POST', body: '{"format": "dondoc-board-backup", ', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await boardCount()).toBe(n);
  });
  it('refuses a damaged evidence file, storing nothing', async () => {
    const [sha, base64] = Object.entries(backup.files)[0]!;
    const damaged = Buffer.from(base64, 'base64');
    damaged[damaged.length - 2] = damaged[damaged.length - 2]! ^ 1;
    const e = await refusedWith({ ...backup, files: { [sha]: damaged.toString('base64') } }, 400, `files.${sha}`);
    expect(e.message).toMatch(/bị hỏng/);
    await refusedWith({ ...backup, files: { ...backup.files, ['a'.repeat(64)]: 'AAAA' } }, 400, `files.${'a'.repeat(64)}`);
  });
  it('lets only those who may create boards restore, and those who may export a board back it up', async () => {
    const n = await boardCount();
    for (const login of ['donvi', 'lanhdao', 'xem'] as const) expect((await restore(server(), backup, login)).status).toBe(403);
    expect(await boardCount()).toBe(n);
    expect((await server().as(null)('/api/boards/restore', { method: 'POST', json: backup })).status).toBe(401);
    const board = (await server().repository.listBoards())[0]!;
    for (const login of ['donvi', 'xem'] as const) expect((await server().as(login)(`/api/boards/${board.id}/backup`)).status).toBe(403);
    // A leader reads the whole board and may take its documents away: its backup too.
    for (const login of ['lanhdao', 'admin'] as const) expect((await server().as(login)(`/api/boards/${board.id}/backup`)).status).toBe(200);
    expect((await restore(server(), backup, 'admin')).status).toBe(201);
  });
  it('refuses a body over the restore limit with a 413', async () => {
    const n = await boardCount();
    const res = await server().as('thuongtruc')('/api/boards/restore', { method: 'POST', body: 'x'.repeat(49 * 1024 * 1024), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'too-large', field: '(body)' });
    expect(await boardCount()).toBe(n);
  });
}

describe('backup and restore on the embedded store', () => {
  let s: Server;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { dir, cleanup } = await tempDir('dondoc-backup-');
    const store = await LowdbStore.open({ dir });
    s = await serverOn(store);
    close = async () => {
      await store.close();
      await cleanup();
    };
  }, 60_000);
  afterAll(() => close());

  it('a backup restored gives a board equal to the original but for its id', async () => {
    await roundTrip(s, s);
  });
  it('restoring the same file twice gives two boards', async () => {
    const board = (await s.repository.listBoards())[0]!;
    const backup = await backupOf(s, board.id);
    const one = (await ok(await restore(s, backup), 201)) as Board;
    const two = (await ok(await restore(s, backup), 201)) as Board;
    expect(one.id).not.toBe(two.id);
    expect((await s.repository.getTasks(one.id))!.map((t) => t.id)).toEqual((await s.repository.getTasks(two.id))!.map((t) => t.id));
  });
  describe('refusals', () => refusals(() => s));
});

if (!TEST_DATABASE_URL) {
  describe('backup and restore on PostgreSQL', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
} else {
  describe('backup and restore on PostgreSQL', () => {
    let db: { url: string; drop: () => Promise<void> };
    let pg: PostgresRepository;
    let s: Server;
    let lowClose: () => Promise<void>;
    let low: Server;
    beforeAll(async () => {
      db = await freshDatabase();
      pg = await PostgresRepository.open({ url: db.url, maxConnections: 4 });
      await resetDatabase(db.url);
      s = await serverOn(pg);
      const { dir, cleanup } = await tempDir('dondoc-backup-');
      const store = await LowdbStore.open({ dir });
      low = await serverOn(store);
      lowClose = async () => {
        await store.close();
        await cleanup();
      };
    }, 60_000);
    afterAll(async () => {
      await pg?.close();
      await lowClose?.();
      await db?.drop();
    });

    it('a backup restored gives a board equal to the original but for its id', async () => {
      await roundTrip(s, s);
    });
    it('a board backed up on the embedded store restores into PostgreSQL, and back', async () => {
      const { restored } = await roundTrip(low, s);
      const back = (await ok(await restore(low, await backupOf(s, restored.id)), 201)) as Board;
      expect(comparable((await low.repository.getTasks(back.id))!)).toEqual(comparable((await s.repository.getTasks(restored.id))!));
    });
    describe('refusals', () => refusals(() => s));
  });
}
