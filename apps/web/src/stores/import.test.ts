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
const table = (mapping: TableReport['mapping']): TableReport => ({ title: 'Phụ lục II', caption: '', kind: 'tasks', headers: ['STT', 'Nội dung', 'Đơn vị làm đầu mối', 'Thời hạn'], mapping, track: 'cchc', count: 1, width: 4, sample: [] });
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
    expect(store.warnings).toEqual([missingLead]);

    await store.setColumn(0, 2, 'leads');
    // The whole table's mapping is sent, so columns the server detected stay as they were.
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: 'STT\tNội dung…', mapping: { 0: { 0: 'ordinal', 1: 'content', 2: 'leads', 3: 'deadline' } } });
    expect(store.plan?.warnings).toEqual([]);
    expect(store.plan?.tasks[0]?.leads).toEqual(['Sở Nội vụ']);
  });

  it("reads a headerless table by the mapping its columns' contents suggest, all columns at once", async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan(), form: 'tsv', tables: [table([])] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: '1\tRà soát…' });
    await store.applyMapping(0, ['ordinal', 'content', 'leads', 'deadline']);
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: '1\tRà soát…', mapping: { 0: { 0: 'ordinal', 1: 'content', 2: 'leads', 3: 'deadline' } } });
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
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan(), form: 'xlsx', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])] });
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

  it('maps the columns of a table whose header was not recognised, all of them, from the first pick', async () => {
    const skipped: TableReport = { title: 'Bảng 1', caption: '', kind: 'skipped', headers: [], mapping: [], track: 'cchc', count: 0, width: 4, sample: [['1', 'Làm việc A', 'Sở Nội vụ', '31/12/2026']] };
    vi.mocked(api.previewImport)
      .mockResolvedValueOnce({ plan: plan({ tasks: [] }), form: 'tsv', tables: [skipped] })
      .mockResolvedValueOnce({ plan: plan(), form: 'tsv', tables: [{ ...skipped, kind: 'tasks', mapping: ['ignore', 'content', 'ignore', 'ignore'], count: 1 }] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: '1\tLàm việc A\tSở Nội vụ\t31/12/2026' });
    await store.setColumn(0, 1, 'content');
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: '1\tLàm việc A\tSở Nội vụ\t31/12/2026', mapping: { 0: { 0: 'ignore', 1: 'content', 2: 'ignore', 3: 'ignore' } } });
    expect(store.tasks).toHaveLength(1);
  });

  it('reads the plan again for the board chosen after the preview, keeping the corrections, and again without it', async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan(), form: 'tsv', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: 'x' });
    await store.setTrack('Phụ lục II', 'de-an-06');
    await store.setBoard('b1');
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: 'x', trackBySection: { 'Phụ lục II': 'de-an-06' }, boardId: 'b1' });
    const calls = vi.mocked(api.previewImport).mock.calls.length;
    await store.setBoard('b1');
    expect(api.previewImport).toHaveBeenCalledTimes(calls);
    await store.setBoard(undefined);
    expect(api.previewImport).toHaveBeenLastCalledWith({ text: 'x', trackBySection: { 'Phụ lục II': 'de-an-06' } });
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
    expect(api.importBoard).toHaveBeenCalledWith({ ...store.plan, workItems: [] }, 'Phụ lục II', []);
  });
});

describe('readImportFile', () => {
  it('refuses a PDF, a file over the limit and text that is not UTF-8, naming each, whatever the names say', async () => {
    await expect(readImportFile(new File(['%PDF-1.7 …'], 'ke-hoach.docx'))).rejects.toThrow(/là PDF/);
    const big = new File(['x'], 'lon.xlsx');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    await expect(readImportFile(big)).rejects.toThrow(/giới hạn là 10 MB/);
    await expect(readImportFile(new File([new Uint8Array([0xff, 0xfe, 0x41])], 'kh.txt'))).rejects.toBeInstanceOf(ImportInputError);
  });

  it('reads by content: a zip as bytes for the server importer, anything else as text', async () => {
    expect(await readImportFile(new File(['\uFEFFSTT\tNội dung'], 'pl.tsv'))).toMatchObject({ kind: 'file', filename: 'pl.tsv', text: 'STT\tNội dung' });
    expect(await readImportFile(new File(['Nội dung;Chủ trì\n'], 'bang.xlsx'))).toMatchObject({ kind: 'file', filename: 'bang.xlsx', text: 'Nội dung;Chủ trì\n' });
    const office = await readImportFile(new File([new Uint8Array([80, 75, 3, 4])], 'kh.txt'));
    expect(office).toMatchObject({ kind: 'file', filename: 'kh.txt', base64: 'UEsDBA==' });
  });
});

describe('the preview as a workbench', () => {
  const unknown = { code: 'unknown-agency' as const, message: 'Cơ quan "Sở TTTT" không có trong danh bạ cơ quan (gặp 2 lần)', line: 4, subject: 'Sở TTTT' };
  const rows = [
    { ...draft, leads: ['Sở TTTT'], leadsText: 'Sở TTTT', source: { line: 4, ref: 'Phụ lục II' } },
    { ...draft, ordinal: '2', leads: ['Sở TTTT', 'Sở Y tế'], leadsText: 'Sở TTTT, Sở Y tế', deadline: { raw: '', kind: 'none' as const, flags: [], reason: 'x' }, source: { line: 5, ref: 'Phụ lục II' } },
  ];
  const deadlineWarning = { code: 'deadline-unresolved' as const, message: 'Nhiệm vụ 2 không ghi thời hạn.', line: 5, field: 'deadline' };

  it('maps an unknown agency on every row that has it, sends the choice with later re-reads and with the import', async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan({ tasks: rows, warnings: [unknown, deadlineWarning] }), form: 'markdown', tables: [table(['ordinal', 'content', 'leads', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: 'x' });
    store.chooseAgency('Sở TTTT', { kind: 'alias', name: 'Sở Khoa học và Công nghệ' });
    expect(store.tasks.map((t) => t.leads)).toEqual([['Sở Khoa học và Công nghệ'], ['Sở Khoa học và Công nghệ', 'Sở Y tế']]);
    expect(store.warnings).toEqual([deadlineWarning]);
    await store.setTrack('Phụ lục II', 'cchc');
    expect(api.previewImport).toHaveBeenLastCalledWith(expect.objectContaining({ agencies: [{ name: 'Sở Khoa học và Công nghệ', aliases: ['Sở TTTT'], collective: false }] }));
    // The re-read answer still carries the printed name: the choice is applied to it again.
    expect(store.tasks[1]!.leads).toEqual(['Sở Khoa học và Công nghệ', 'Sở Y tế']);
    vi.mocked(api.importTasks).mockResolvedValueOnce({ board: { id: 'b1' } as Board, tasks: [] });
    await store.importInto({ boardId: 'b1' });
    expect(api.importTasks).toHaveBeenCalledWith('b1', store.tasks, [{ name: 'Sở Khoa học và Công nghệ', aliases: ['Sở TTTT'], collective: false }]);
  });

  it('an edited cell is read again, its warning goes, and the edit survives a re-read', async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan({ tasks: rows, warnings: [deadlineWarning] }), form: 'markdown', tables: [table(['ordinal', 'content', 'leads', 'deadline'])] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: 'x' });
    const untouched = store.tasks[0];
    store.editCell(1, 'deadline', 'Trước tháng 9/2026');
    expect(store.tasks[1]!.deadline).toMatchObject({ kind: 'month', due: '2026-08-31' });
    // Only the edited row is a new object: the others keep theirs, so only one row repaints.
    expect(store.tasks[0]).toBe(untouched);
    expect(store.warnings).toEqual([]);
    store.editCell(1, 'leadsText', 'Sở KH&CN và các đơn vị liên quan');
    expect(store.tasks[1]!.leads).toEqual(['Sở Khoa học và Công nghệ', 'Các cơ quan liên quan']);
    await store.setTrack('Phụ lục II', 'cchc');
    expect(store.tasks[1]!.deadline.due).toBe('2026-08-31');
    expect(store.tasks[1]!.leadsText).toBe('Sở KH&CN và các đơn vị liên quan');
  });

  it('names the board after the plan title, else the table caption, else the file', async () => {
    vi.mocked(api.previewImport).mockResolvedValueOnce({ plan: plan({ title: 'Kế hoạch hoạt động Quý IV năm 2025' }), form: 'docx', tables: [table(['ordinal'])] });
    const store = useImportStore();
    await store.load({ kind: 'file', filename: 'scan-0042.docx', size: 4, base64: 'UEsDBA==' });
    expect(store.suggestedTitle).toBe('Kế hoạch hoạt động Quý IV năm 2025');
    vi.mocked(api.previewImport).mockResolvedValueOnce({ plan: plan(), form: 'docx', tables: [{ ...table(['ordinal']), caption: 'PHỤ LỤC II DANH SÁCH' }] });
    await store.load({ kind: 'file', filename: 'scan-0042.docx', size: 4, base64: 'UEsDBA==' });
    expect(store.suggestedTitle).toBe('PHỤ LỤC II DANH SÁCH');
    vi.mocked(api.previewImport).mockResolvedValueOnce({ plan: plan(), form: 'docx', tables: [] });
    await store.load({ kind: 'file', filename: 'scan-0042.docx', size: 4, base64: 'UEsDBA==' });
    expect(store.suggestedTitle).toBe('scan-0042');
  });

  it('reads another sheet of a workbook when the user picks it, dropping the last sheet\'s mapping', async () => {
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan(), form: 'xlsx', tables: [table(['ordinal', 'content', 'ignore', 'deadline'])], sheets: ['Phụ lục I', 'Phụ lục II'], sheet: 'Phụ lục I' });
    const store = useImportStore();
    await store.load({ kind: 'file', filename: 'kh.xlsx', size: 4, base64: 'UEsDBA==' });
    await store.setColumn(0, 2, 'leads');
    await store.setSheet('Phụ lục II');
    expect(api.previewImport).toHaveBeenLastCalledWith({ file: { filename: 'kh.xlsx', base64: 'UEsDBA==', sheet: 'Phụ lục II' } });
  });

  it('imports the body work items only when the user chooses to', async () => {
    const work = { ...draft, ordinal: 'a)', content: 'Chỉ đạo triển khai', source: { line: 30, ref: 'Kế hoạch' } };
    vi.mocked(api.previewImport).mockResolvedValue({ plan: plan({ workItems: [work] }), form: 'seed-text', tables: [] });
    const store = useImportStore();
    await store.load({ kind: 'text', text: 'x' });
    expect(store.toImport).toHaveLength(1);
    store.setIncludeWorkItems(true);
    expect(store.toImport.map((t) => t.ordinal)).toEqual(['1', 'a)']);
  });
});
