// @vitest-environment happy-dom
// The import store: preview, a mapping correction re-reads with the full table mapping, stale answers are dropped, failures change nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Board, Plan } from '@dondoc/shared/model';
import type { TableReport } from '@dondoc/shared/import/tables';

vi.mock('../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client.ts')>();
  return { ...real, previewImport: vi.fn(), importBoard: vi.fn(), importTasks: vi.fn() };
});
const api = await import('../api/client.ts');
const { useImportStore, readImportFile, MAX_IMPORT_BYTES, ImportInputError } = await import('./import.ts');

const draft = { track: 'cchc', ordinal: '1', content: 'Rà soát TTHC', leads: [], partners: [], deadline: { raw: '31/12/2025', kind: 'date' as const, due: '2025-12-31', flags: [] }, source: { line: 4 } };
const plan = (over: Partial<Plan> = {}): Plan => ({ id: 'imported', title: '', issuer: '', number: '', province: '', sections: [], tasks: [draft], indicators: [], rhythm: [], roVariant: '5ro', warnings: [], ...over });
const table = (mapping: TableReport['mapping']): TableReport => ({ title: 'Phụ lục II', caption: '', kind: 'tasks', headers: ['STT', 'Nội dung', 'Đơn vị làm đầu mối', 'Thời hạn'], mapping, track: 'cchc', count: 1 });
const missingLead = { code: 'empty-cell' as const, message: 'Nhiệm vụ 1 chưa có cơ quan chủ trì.', line: 4, field: 'leads' };

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.mocked(api.previewImport).mockReset();
  vi.mocked(api.importBoard).mockReset();
  vi.mocked(api.importTasks).mockReset();
});

describe('import store', () => {
  it('previews pasted text, then re-reads it with the corrected column and the warning goes', async () => {
    vi.mocked(api.previewImport)
      .mockResolvedValueOnce({ plan: plan({ warnings: [missingLead] }), form: 'tsv', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])] })
      .mockResolvedValueOnce({ plan: plan({ tasks: [{ ...draft, leads: ['Sở Nội vụ'] }] }), form: 'tsv', tables: [table(['ordinal', 'content', 'leads', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: 'STT\tNội dung…' });
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: 'STT\tNội dung…' });
    expect(store.warningsByLine.get(4)).toEqual([missingLead]);

    await store.setColumn(0, 2, 'leads');
    // The whole table's mapping is sent, so columns the server detected stay as they were.
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: 'STT\tNội dung…', mapping: { 0: { 0: 'ordinal', 1: 'content', 2: 'leads', 3: 'deadline' } } });
    expect(store.plan?.warnings).toEqual([]);
    expect(store.plan?.tasks[0]?.leads).toEqual(['Sở Nội vụ']);
  });

  it('gives a field to one column only, keeps the track choice, and sends a file text with its name', async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan(), form: 'markdown', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'file', filename: 'pl2.md', size: 10, text: '| a |' });
    await store.setTrack('Phụ lục II', 'de-an-06');
    await store.setColumn(0, 2, 'content');
    expect(api.previewImport).toHaveBeenLastCalledWith({
      text: '| a |',
      filename: 'pl2.md',
      mapping: { 0: { 0: 'ordinal', 1: 'ignore', 2: 'content', 3: 'deadline' } },
      trackBySection: { 'Phụ lục II': 'de-an-06' },
    });
  });

  it('sends a Word/Excel file with the corrected mapping and track, as for text', async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan(), form: 'import-office:xlsx', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'file', filename: 'pl2.xlsx', size: 4, base64: 'UEsDBA==' });
    expect(api.previewImport).toHaveBeenLastCalledWith({ file: { filename: 'pl2.xlsx', base64: 'UEsDBA==' } });
    await store.setColumn(0, 2, 'leads');
    await store.setTrack('Phụ lục II', 'cchc');
    expect(api.previewImport).toHaveBeenLastCalledWith({
      file: { filename: 'pl2.xlsx', base64: 'UEsDBA==' },
      mapping: { 0: { 0: 'ordinal', 1: 'content', 2: 'leads', 3: 'deadline' } },
      trackBySection: { 'Phụ lục II': 'cchc' },
    });
  });

  it('drops a slow answer that a later correction overtook', async () => {
    const first = deferred<Awaited<ReturnType<typeof api.previewImport>>>();
    vi.mocked(api.previewImport)
      .mockResolvedValueOnce({ plan: plan(), form: 'tsv', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])] })
      .mockReturnValueOnce(first.promise)
      .mockResolvedValueOnce({ plan: plan({ title: 'mới nhất' }), form: 'tsv', tables: [table(['ordinal', 'content', 'leads', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: 'x' });
    const slow = store.setColumn(0, 2, 'partners');
    await store.setColumn(0, 2, 'leads');
    first.resolve({ plan: plan({ title: 'cũ' }), form: 'tsv', tables: [] });
    await slow;
    expect(store.plan?.title).toBe('mới nhất');
    expect(store.loading).toBe(false);
  });

  it("shows the server's message when the preview fails, and a failed import keeps the preview", async () => {
    vi.mocked(api.previewImport).mockRejectedValueOnce(new api.ApiRequestError(415, { error: { code: 'unsupported', message: 'Chưa có plugin nhập tệp ".odt"' } }));
    const store = useImportStore();
    await store.load({ kind: 'file', filename: 'kh.odt', size: 3, base64: 'AAAA' });
    expect(store.preview).toBeNull();
    expect(store.error).toBe('Chưa có plugin nhập tệp ".odt"');

    vi.mocked(api.previewImport).mockResolvedValueOnce({ plan: plan(), form: 'tsv', tables: [] });
    await store.load({ kind: 'text', text: 'x' });
    expect(store.error).toBeNull();
    vi.mocked(api.importTasks).mockRejectedValueOnce(new api.ApiRequestError(404, { error: { code: 'not-found', message: 'Không tìm thấy bảng "b9"' } }));
    expect(await store.importInto({ boardId: 'b9' })).toBeNull();
    expect(store.error).toBe('Không tìm thấy bảng "b9"');
    expect(store.plan?.tasks).toHaveLength(1);

    const board = { id: 'b1', title: 'Phụ lục II' } as Board;
    vi.mocked(api.importBoard).mockResolvedValueOnce(board);
    expect(await store.importInto({ title: '  Phụ lục II ' })).toBe(board);
    expect(api.importBoard).toHaveBeenCalledWith(store.plan, 'Phụ lục II');
  });
});

describe('readImportFile', () => {
  it('refuses an unknown format, a file over the limit and text that is not UTF-8, naming each', async () => {
    await expect(readImportFile(new File(['x'], 'kh.pdf'))).rejects.toThrow(/\.docx, \.xlsx/);
    const big = new File(['x'], 'lon.xlsx');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    await expect(readImportFile(big)).rejects.toThrow(/giới hạn là 10 MB/);
    await expect(readImportFile(new File([new Uint8Array([0xff, 0xfe, 0x41])], 'kh.txt'))).rejects.toBeInstanceOf(ImportInputError);
  });

  it('reads text files as text and office files as base64', async () => {
    expect(await readImportFile(new File(['\uFEFFSTT\tNội dung'], 'pl.tsv'))).toMatchObject({ kind: 'file', filename: 'pl.tsv', text: 'STT\tNội dung' });
    expect(await readImportFile(new File(['Nội dung;Chủ trì\n'], 'bang.csv'))).toMatchObject({ kind: 'file', filename: 'bang.csv', text: 'Nội dung;Chủ trì\n' });
    const office = await readImportFile(new File([new Uint8Array([80, 75, 3, 4])], 'kh.xlsx'));
    expect(office).toMatchObject({ kind: 'file', filename: 'kh.xlsx', base64: 'UEsDBA==' });
  });
});
