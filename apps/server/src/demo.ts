// First start: an empty store gets its first users — the demo's five (one per role) or a single
// administrator with a one-time password — and, in the demo, the Lào Cai Q4/2025 board, so a first
// run shows real work.
import { randomBytes } from 'node:crypto';
import { systemActor, type Board, type BoardRole, type User } from '@dondoc/shared';
import { createBoardFromTemplate } from './board-templates.ts';
import type { AppDeps } from './deps.ts';
import { hashPassword, oneTimePassword } from './auth/passwords.ts';

export const DEMO_TEMPLATE = 'template-lao-cai:q4-2025';
export const DEMO_CHECKLIST = 'checklist-5ro:5ro';
export const DEFAULT_DEMO_PASSWORD = 'dondoc-demo';

/** The demo's users: one per role, each on every board ("*"). Listed in the README. */
export const DEMO_USERS: ReadonlyArray<{ login: string; name: string; agency: string; admin?: boolean; role?: BoardRole }> = [
  { login: 'admin', name: 'Quản trị hệ thống', agency: '', admin: true },
  { login: 'thuongtruc', name: 'Nguyễn Thị Thu Hà', agency: 'Văn phòng Ủy ban nhân dân tỉnh', role: 'coordinator' },
  { login: 'donvi', name: 'Trần Văn Minh', agency: 'Sở Khoa học và Công nghệ', role: 'unit' },
  { login: 'lanhdao', name: 'Lê Quang Huy', agency: 'Ủy ban nhân dân tỉnh', role: 'leader' },
  { login: 'xem', name: 'Phạm Thị Lan', agency: '', role: 'viewer' },
];

async function createUser(deps: AppDeps, fields: Pick<User, 'login' | 'name' | 'agency' | 'admin' | 'roles' | 'mustChangePassword'>, password: string): Promise<User> {
  const at = new Date().toISOString();
  const user: User = { id: `u${randomBytes(6).toString('hex')}`, disabled: false, createdAt: at, updatedAt: at, ...fields };
  await deps.repository.auth.setPasswordHash(user.id, await hashPassword(password));
  const r = await deps.repository.apply({ type: 'user.create', user, actor: systemActor('setup'), via: 'first start', at });
  if (!r.ok) throw new Error(r.failure.messageEn);
  return user;
}

/** Creates the first users of an empty store; says on the console how to sign in. */
export async function ensureUsers(deps: AppDeps, opts: { demo: boolean; demoPassword?: string }, log: (line: string) => void = console.log): Promise<void> {
  if ((await deps.repository.listUsers()).length > 0) return;
  if (opts.demo) {
    const password = opts.demoPassword || DEFAULT_DEMO_PASSWORD;
    for (const u of DEMO_USERS)
      await createUser(deps, { login: u.login, name: u.name, agency: u.agency, admin: u.admin ?? false, roles: u.role ? { '*': u.role } : {}, mustChangePassword: false }, password);
    log(`[dondoc] Đã tạo người dùng mẫu / demo users: ${DEMO_USERS.map((u) => u.login).join(', ')} — mật khẩu / password: DONDOC_DEMO_PASSWORD (mặc định / default "${DEFAULT_DEMO_PASSWORD}")`);
    return;
  }
  const password = oneTimePassword();
  await createUser(deps, { login: 'admin', name: 'Quản trị hệ thống', agency: '', admin: true, roles: {}, mustChangePassword: true }, password);
  log(`[dondoc] Đã tạo tài khoản quản trị / created the administrator: đăng nhập / login "admin", mật khẩu dùng một lần / one-time password: ${password}`);
  log('[dondoc] Hãy đăng nhập và đổi mật khẩu ngay; mật khẩu này không được in lại / sign in and change it now; it is not shown again.');
}

/** Creates the demo board when the store has no board; says why not when the template is missing. */
export async function ensureDemoBoard(deps: AppDeps, log: (line: string) => void = console.log): Promise<Board | undefined> {
  if ((await deps.repository.listBoards()).length > 0) return undefined;
  if (!deps.plugins.template(DEMO_TEMPLATE)) {
    log(`[dondoc] Không tạo bảng mẫu: chưa nạp mẫu ${DEMO_TEMPLATE} / demo board skipped: template ${DEMO_TEMPLATE} not loaded`);
    return undefined;
  }
  const checklist = deps.plugins.checklist(DEMO_CHECKLIST) ? DEMO_CHECKLIST : undefined;
  const board = await createBoardFromTemplate(deps, { template: DEMO_TEMPLATE, ...(checklist ? { checklist } : {}) }, { actor: systemActor('demo'), via: 'DONDOC_DEMO' });
  log(`[dondoc] Đã tạo bảng mẫu "${board.title}" / created demo board (${board.id})`);
  return board;
}
