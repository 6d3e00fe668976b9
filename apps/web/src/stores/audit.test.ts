// @vitest-environment happy-dom
// The audit store: a kept checkpoint file is read and named when wrong before anything is sent; the verdict against it comes from the server.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

vi.mock('../api/admin.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/admin.ts')>();
  return { ...real, verifyAgainst: vi.fn(), verifyAudit: vi.fn() };
});
const api = await import('../api/admin.ts');
const { useAuditStore, readCheckpointFile, checkpointFilename } = await import('./audit.ts');

const checkpoint = { entries: 12, head: 'a'.repeat(64), at: '2025-11-20T03:00:00.000Z', publicKey: 'MCowBQYDK2VwAyEA', signature: 'c2ln' };

beforeEach(() => {
  setActivePinia(createPinia());
  vi.mocked(api.verifyAgainst).mockReset();
});

describe('checkpoint files', () => {
  it('reads the signed fields and drops anything else (the server refuses unknown keys)', () => {
    expect(readCheckpointFile(JSON.stringify({ ...checkpoint, note: 'kept by the inspection committee' }))).toEqual(checkpoint);
  });

  it('names what is wrong with a file that is not a checkpoint', () => {
    expect(() => readCheckpointFile('not json')).toThrow('Tệp không phải JSON');
    expect(() => readCheckpointFile(JSON.stringify({ ...checkpoint, head: 'xyz' }))).toThrow('thiếu hoặc sai trường "head"');
    expect(() => readCheckpointFile('[]')).toThrow('thiếu hoặc sai trường "entries"');
  });

  it('is saved under a name that says when and how many entries', () => {
    expect(checkpointFilename(checkpoint)).toBe('dondoc-diem-kiem-tra-2025-11-20-03-00-00-12-muc.json');
  });
});

describe('audit store', () => {
  it('verifies against a kept file and keeps the file name beside the verdict', async () => {
    vi.mocked(api.verifyAgainst).mockResolvedValue({ ok: false, entries: 8, brokenAt: 9, reason: 'đã bị cắt bớt', checkpointSigned: true });
    const store = useAuditStore();
    await store.verifyFile('cp.json', JSON.stringify(checkpoint));
    expect(api.verifyAgainst).toHaveBeenCalledWith(checkpoint);
    expect(store.against).toEqual({ ok: false, entries: 8, brokenAt: 9, reason: 'đã bị cắt bớt', checkpointSigned: true, file: 'cp.json' });
    expect(store.fileError).toBeNull();
  });

  it('a wrong file is refused before sending, and clears the previous verdict', async () => {
    vi.mocked(api.verifyAgainst).mockResolvedValue({ ok: true, entries: 12, checkpointSigned: true });
    const store = useAuditStore();
    await store.verifyFile('cp.json', JSON.stringify(checkpoint));
    await store.verifyFile('anh.png', '\u0089PNG');
    expect(api.verifyAgainst).toHaveBeenCalledTimes(1);
    expect(store.against).toBeNull();
    expect(store.fileError).toContain('Tệp không phải JSON');
  });
});
