// @vitest-environment happy-dom
// The users store: each change is answered by the server's record, which replaces the old one; a one-time password is handed back, never kept.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

vi.mock('../api/admin.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/admin.ts')>();
  return { ...real, listUsers: vi.fn(), createUser: vi.fn(), updateUser: vi.fn(), resetPassword: vi.fn() };
});
const api = await import('../api/admin.ts');
const { ApiRequestError } = await import('../api/client.ts');
const { useUsersStore } = await import('./users.ts');

const user = (id: string, over = {}) => ({ id, login: id, name: `Người ${id}`, agency: '', admin: false, roles: {}, disabled: false, mustChangePassword: false, createdAt: '', updatedAt: '', ...over });

beforeEach(() => {
  setActivePinia(createPinia());
  for (const f of [api.listUsers, api.createUser, api.updateUser, api.resetPassword]) vi.mocked(f).mockReset();
});

describe('users store', () => {
  it('adds a created user and hands the one-time password to the caller only', async () => {
    vi.mocked(api.listUsers).mockResolvedValue([user('a')]);
    vi.mocked(api.createUser).mockResolvedValue({ user: user('b', { mustChangePassword: true }), password: 'abcd-efgh-jkmn-pqrs' });
    const store = useUsersStore();
    await store.load();
    const created = await store.create({ login: 'b', name: 'Người b', agency: '', admin: false, roles: {} });
    expect(created.password).toBe('abcd-efgh-jkmn-pqrs');
    expect(store.users.map((u) => u.id)).toEqual(['a', 'b']);
    expect(JSON.stringify(store.$state)).not.toContain('abcd-efgh');
  });

  it('replaces a user with the server answer; a refusal changes nothing and reaches the caller', async () => {
    vi.mocked(api.listUsers).mockResolvedValue([user('a'), user('b')]);
    const store = useUsersStore();
    await store.load();
    vi.mocked(api.updateUser).mockResolvedValue(user('b', { disabled: true }));
    await store.update('b', { disabled: true });
    expect(store.users[1]!.disabled).toBe(true);
    vi.mocked(api.updateUser).mockRejectedValue(new ApiRequestError(400, { error: { code: 'bad-request', message: 'Không thể tự khóa', field: 'disabled' } }));
    await expect(store.update('a', { disabled: true })).rejects.toThrow('Không thể tự khóa');
    expect(store.users[0]!.disabled).toBe(false);
  });

  it('says why the list could not be read', async () => {
    vi.mocked(api.listUsers).mockRejectedValue(new ApiRequestError(403, { error: { code: 'forbidden', message: 'Bạn không có quyền quản trị' } }));
    const store = useUsersStore();
    await store.load();
    expect(store.error).toBe('Bạn không có quyền quản trị');
  });
});
