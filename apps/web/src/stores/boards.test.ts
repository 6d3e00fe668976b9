// @vitest-environment happy-dom
// The boards store's restore: a chosen file is checked by the server's own rules before anything is
// uploaded (a newer format, not JSON, malformed: refused in the user's language, no request), and a
// good one becomes a new board, after which the list is read again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { BACKUP_FORMAT, BACKUP_VERSION } from '@dondoc/shared/backup';
import { blankBoard } from '@dondoc/shared/factories';

vi.mock('../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client.ts')>();
  return { ...real, restoreBoard: vi.fn(), listBoards: vi.fn() };
});
const api = await import('../api/client.ts');
const { useBoardsStore } = await import('./boards.ts');

const AT = '2025-11-20T02:00:00.000Z';
const board = blankBoard({ id: 'b1', title: 'Bảng sao lưu', createdAt: AT });
const backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: AT, exportedBy: { id: 'u1', name: 'Hà' }, board, tasks: [], history: {}, evidence: [], files: {} };
const file = (content: unknown) => new File([typeof content === 'string' ? content : JSON.stringify(content)], 'sao-luu.json', { type: 'application/json' });

beforeEach(() => {
  setActivePinia(createPinia());
  vi.mocked(api.restoreBoard).mockReset();
  vi.mocked(api.listBoards).mockReset();
});

describe('boards store: restore', () => {
  it('refuses, without a request, a file of a newer format, one that is not JSON and a malformed one', async () => {
    const store = useBoardsStore();
    await expect(store.restore(file({ ...backup, version: BACKUP_VERSION + 1 }), 'vi')).rejects.toThrow(/^Tệp sao lưu được tạo bởi phiên bản mới hơn/);
    await expect(store.restore(file({ ...backup, version: BACKUP_VERSION + 1 }), 'en')).rejects.toThrow(/newer dondoc/);
    await expect(store.restore(file('{"format":'), 'vi')).rejects.toThrow(/^Tệp không phải JSON/);
    await expect(store.restore(file({ ...backup, board: { ...board, tracks: 'x' } }), 'vi')).rejects.toThrow('Tệp sao lưu không hợp lệ ở trường "board.tracks"');
    expect(api.restoreBoard).not.toHaveBeenCalled();
  });
  it('sends a good file and reads the list again', async () => {
    vi.mocked(api.restoreBoard).mockResolvedValue({ ...board, id: 'b2' });
    vi.mocked(api.listBoards).mockResolvedValue([]);
    const store = useBoardsStore();
    expect((await store.restore(file(backup), 'vi')).id).toBe('b2');
    expect(vi.mocked(api.restoreBoard).mock.calls[0]![0]).toEqual(backup);
    expect(api.listBoards).toHaveBeenCalledTimes(1);
  });
});
