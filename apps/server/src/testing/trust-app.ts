// An in-process app with the demo's five users (one per role) plus one with no role on the test boards,
// each signed in through the real login route, and boards whose tasks a unit leads, partners or neither.
import { join } from 'node:path';
import { blankBoard, systemActor, type Board, type ColumnId, type Evidence, type Indicator, type Task, type User } from '@dondoc/shared';
import { createApp, type AppConfig } from '../app.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { PluginHost } from '../plugins/host.ts';
import { REPO_ROOT } from '../paths.ts';
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS, ensureUsers } from '../demo.ts';
import { hashPassword } from '../auth/passwords.ts';
import { FIXTURE_AT, fixtureTask, tempDir } from './fixtures.ts';

/** The demo logins, one per role, and "khach": signed in but with a role only on a board that is not the test's. */
export const LOGINS = ['admin', 'thuongtruc', 'donvi', 'lanhdao', 'xem', 'khach'] as const;
export type TestLogin = (typeof LOGINS)[number];
/** The unit editor's agency (demo user "donvi"). */
export const UNIT_AGENCY = 'Sở Khoa học và Công nghệ';

/** The tasks of a permissions board: the unit's agency leads, is only a partner (spelled by its alias), or is absent. */
export const TASK_VARIANTS = {
  lead: { leads: [UNIT_AGENCY], partners: ['Sở Nội vụ'] },
  partner: { leads: ['Sở Nội vụ'], partners: ['Sở KH&CN'] },
  other: { leads: ['Công an tỉnh'], partners: ['Sở Tài chính'] },
} as const satisfies Record<string, Pick<Task, 'leads' | 'partners'>>;
export type TaskVariant = keyof typeof TASK_VARIANTS;
export const VARIANTS = Object.keys(TASK_VARIANTS) as TaskVariant[];

const fixturePlugin = join(REPO_ROOT, 'e2e/fixtures/plugins/fixture-tiny');
let sharedPlugins: Promise<PluginHost> | undefined;
/** The fixture plugin (a template, a checklist, an exporter): loaded once per test file. */
export const fixturePlugins = (): Promise<PluginHost> => (sharedPlugins ??= PluginHost.load({ extra: [fixturePlugin], timeoutMs: 2000 }));

export type Fetch = (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;

export interface TrustApp {
  app: ReturnType<typeof createApp>;
  store: LowdbStore;
  dir: string;
  users: Record<TestLogin, User>;
  /** Requests carrying the session of a login (or none). */
  as(login: TestLogin | null): Fetch;
  /** Signs in again (a new session) and returns the cookie. */
  signIn(login: TestLogin, password?: string): Promise<string>;
  /** A board of three tasks (lead, partner, other) in `column`, each with a link evidence "e1". */
  newBoard(opts?: { column?: ColumnId; archived?: boolean; id?: string }): Promise<{ board: Board; tasks: Record<TaskVariant, Task> }>;
  close(): Promise<void>;
}

let boardCount = 0;

/** The indicator (chỉ tiêu) every test board carries, so a reading can be recorded on it. */
export const TEST_INDICATOR: Indicator = { ordinal: '1', name: 'Tỷ lệ hồ sơ xử lý trực tuyến', unit: '%', target: '≥ 70', monitors: ['Sở Nội vụ'], group: [] };

/**
 * Opens the app on a temp folder (removed on close), or on `opts.dir` (kept: a test may reopen it after
 * tampering). Users are created once, on a folder that has none.
 */
export async function trustApp(config: Partial<AppConfig> = {}, opts: { dir?: string } = {}): Promise<TrustApp> {
  const { dir, cleanup } = opts.dir ? { dir: opts.dir, cleanup: async () => {} } : await tempDir('dondoc-trust-');
  const store = await LowdbStore.open({ dir });
  const plugins = await fixturePlugins();
  const deps = { repository: store, plugins, config: { today: () => '2025-11-20', todayPinned: '2025-11-20', webDist: null, logError: () => {}, ...config } };
  if (!(await store.getUserByLogin('khach'))) {
    await ensureUsers(deps, { demo: true }, () => {});
    const khach: User = { id: 'u-khach', login: 'khach', name: 'Khách', agency: UNIT_AGENCY, admin: false, roles: { 'bang-khac': 'coordinator' }, disabled: false, mustChangePassword: false, createdAt: FIXTURE_AT, updatedAt: FIXTURE_AT };
    await store.auth.setPasswordHash(khach.id, await hashPassword(DEFAULT_DEMO_PASSWORD));
    const created = await store.apply({ type: 'user.create', user: khach, actor: systemActor('test'), via: 'test', at: FIXTURE_AT });
    if (!created.ok) throw new Error(created.failure.messageEn);
  }
  const app = createApp(deps);

  const users = {} as Record<TestLogin, User>;
  for (const login of LOGINS) users[login] = (await store.getUserByLogin(login))!;
  if (DEMO_USERS.find((u) => u.login === 'donvi')?.agency !== UNIT_AGENCY) throw new Error('the demo unit editor is no longer of the agency these tests assume');

  async function signIn(login: TestLogin, password = DEFAULT_DEMO_PASSWORD): Promise<string> {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify({ login, password }) });
    if (res.status !== 200) throw new Error(`sign-in as ${login}: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const cookies = {} as Record<TestLogin, string>;
  for (const login of LOGINS) cookies[login] = await signIn(login);

  const as =
    (login: TestLogin | null): Fetch =>
    (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      // As a browser on the app's own page: writes name their origin (the CSRF and Origin checks want it).
      if (!headers.has('Origin')) headers.set('Origin', 'http://localhost');
      if (login) headers.set('Cookie', cookies[login]);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return Promise.resolve(app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }));
    };

  async function newBoard(opts: { column?: ColumnId; archived?: boolean; id?: string } = {}) {
    const boardId = opts.id ?? `pb${++boardCount}`;
    const board = { ...blankBoard({ id: boardId, title: `Bảng quyền ${boardId}`, origin: 'test', createdAt: FIXTURE_AT, archived: opts.archived ?? false }), indicators: [TEST_INDICATOR] };
    const evidence: Evidence = { id: 'e1', kind: 'link', label: 'Quyết định số 12/QĐ-UBND', url: 'https://example.vn/qd-12', addedAt: FIXTURE_AT };
    const tasks = {} as Record<TaskVariant, Task>;
    for (const [i, variant] of VARIANTS.entries())
      tasks[variant] = fixtureTask(`t-${variant}`, (i + 1) * 1024, { ...TASK_VARIANTS[variant], leadsText: TASK_VARIANTS[variant].leads.join(', '), column: opts.column ?? 'doing', evidence: [evidence] }, boardId);
    const r = await store.apply({ type: 'board.create', board, tasks: Object.values(tasks), at: FIXTURE_AT, actor: systemActor('test'), via: 'test' });
    if (!r.ok) throw new Error(r.failure.messageEn);
    return { board: (await store.getBoard(boardId))!, tasks };
  }

  return {
    app,
    store,
    dir,
    users,
    as,
    signIn,
    newBoard,
    async close() {
      await store.close().catch(() => {});
      await cleanup();
    },
  };
}
