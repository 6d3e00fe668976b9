// @vitest-environment happy-dom
// The session store: who is signed in, taken from the answer index.html asked for while the app loaded when there is one, else asked.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

vi.mock('../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client.ts')>();
  return { ...real, me: vi.fn() };
});
const api = await import('../api/client.ts');
const { useSessionStore } = await import('./session.ts');

const me = { user: { id: 'u1', login: 'thuongtruc', name: 'Thường trực', agency: '', admin: false, roles: {}, disabled: false, mustChangePassword: false, createdAt: '', updatedAt: '' } } as unknown as Awaited<ReturnType<typeof api.me>>;

beforeEach(() => {
  setActivePinia(createPinia());
  vi.mocked(api.me).mockReset().mockResolvedValue(me);
  window.__dondocAnswers = undefined;
});

describe('session store', () => {
  it('takes a preloaded 200 or 401 once, without asking again', async () => {
    window.__dondocAnswers = { '/api/auth/me': Promise.resolve({ status: 200, body: me }) };
    const store = useSessionStore();
    expect(await store.load()).toEqual(me);
    expect(store.checked).toBe(true);
    expect(api.me).not.toHaveBeenCalled();
    window.__dondocAnswers = { '/api/auth/me': Promise.resolve({ status: 401, body: { error: { code: 'unauthorized' } } }) };
    expect(await store.load()).toBeNull();
    expect(api.me).not.toHaveBeenCalled();
    // Taken: the next question is asked.
    expect(await store.load()).toEqual(me);
    expect(api.me).toHaveBeenCalledTimes(1);
  });

  it('asks the server when the preload failed or answered anything else, so its error reaches the caller', async () => {
    window.__dondocAnswers = { '/api/auth/me': Promise.reject(new TypeError('network')) };
    const store = useSessionStore();
    expect(await store.load()).toEqual(me);
    window.__dondocAnswers = { '/api/auth/me': Promise.resolve({ status: 503, body: null }) };
    vi.mocked(api.me).mockRejectedValueOnce(new api.ApiRequestError(503, { error: { code: 'unavailable', message: 'Máy chủ đang bận' } }));
    await expect(store.load()).rejects.toThrow('Máy chủ đang bận');
    expect(api.me).toHaveBeenCalledTimes(2);
  });
});
