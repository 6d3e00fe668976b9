// @vitest-environment happy-dom
// The preview table edited in place: an edit shows in its row, a warning it fixes goes, and the rows stay those of the store whichever way the table was updated.
import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import type { Plan, TaskDraft } from '@dondoc/shared/model';
import { i18n } from '../../i18n/index.ts';

vi.mock('../../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/client.ts')>();
  return { ...real, previewImport: vi.fn() };
});
const api = await import('../../api/client.ts');
const { useImportStore } = await import('../../stores/import.ts');
const { default: PreviewTaskTable } = await import('./PreviewTaskTable.vue');

const task = (n: number, group: string, raw: string, kind: TaskDraft['deadline']['kind'], due?: string): TaskDraft => ({
  track: 'cchc',
  ordinal: String(n),
  group: ['Bảng 1', group],
  content: `Nhiệm vụ ${n}`,
  leads: ['Sở Nội vụ'],
  partners: [],
  deadline: { raw, kind, ...(due ? { due } : {}), flags: [] },
  source: { line: 10 + n },
});
const tasks = [
  task(1, 'I. Nhóm một', 'Quý IV/2026', 'date', '2026-12-31'),
  task(2, 'I. Nhóm một', '31/12/2026', 'date', '2026-12-31'),
  task(3, 'II. Nhóm hai', 'Theo hướng dẫn', 'none'),
  task(4, 'II. Nhóm hai', 'Tháng 9/2026', 'date', '2026-09-30'),
  task(5, 'III. Nhóm ba', 'Quý IV/2026', 'date', '2026-12-31'),
];
const plan: Plan = {
  id: 'imported', title: '', issuer: '', number: '', province: '', sections: [], tasks, indicators: [], rhythm: [], roVariant: '5ro',
  warnings: [{ code: 'deadline-unresolved', message: 'Thời hạn của nhiệm vụ 3 chưa đọc được.', line: 13, field: 'deadline' }],
};

async function setup(extra: { people?: string[] } = {}, read: Plan = plan) {
  setActivePinia(createPinia());
  vi.mocked(api.previewImport).mockResolvedValue({ plan: read, form: 'markdown', tables: [], ...extra });
  const store = useImportStore();
  await store.load({ kind: 'text', text: '…' });
  const w = mount(PreviewTaskTable, { attachTo: document.body, global: { plugins: [i18n] } });
  await nextTick();
  return { store, w };
}

async function editDeadline(w: Awaited<ReturnType<typeof setup>>['w'], index: number, value: string): Promise<void> {
  const row = w.get(`[data-testid=import-task-row][data-index="${index}"]`);
  await row.get('[data-testid=import-cell-deadline]').trigger('click');
  const editor = w.get(`[data-testid=import-task-row][data-index="${index}"] [data-testid=import-cell-deadline-editor]`);
  await editor.setValue(value);
  await editor.trigger('keydown', { key: 'Enter' });
  await nextTick();
}

/** Each row's deadline as shown, beside the store's. */
function shownDeadlines(w: Awaited<ReturnType<typeof setup>>['w']): string[] {
  return w.findAll('[data-testid=import-cell-deadline]').map((b) => b.text());
}

describe('PreviewTaskTable', () => {
  it('shows an edit in its row, drops the warning it fixes, and keeps every row in step with the store', async () => {
    const { store, w } = await setup();
    expect(w.findAll('[data-testid=import-group-row]').map((g) => g.text())).toEqual(['Bảng 1 › I. Nhóm một', 'Bảng 1 › II. Nhóm hai', 'Bảng 1 › III. Nhóm ba']);
    expect(w.findAll('[data-testid=import-row-warnings]')).toHaveLength(1);

    // An edit that changes only its row.
    await editDeadline(w, 1, 'Trước tháng 3/2027');
    expect(store.tasks[1]!.deadline.raw).toBe('Trước tháng 3/2027');
    const second = w.get('[data-testid=import-task-row][data-index="1"]');
    expect(second.text()).toContain('Trước tháng 3/2027');
    expect(second.text()).toContain('28/02/2027');
    expect(shownDeadlines(w)).toEqual(store.toImport.map((t) => t.deadline.raw));

    // An edit that fixes a warning: the warning row under task 3 goes.
    await editDeadline(w, 2, '30/06/2026');
    expect(w.findAll('[data-testid=import-row-warnings]')).toHaveLength(0);
    expect(shownDeadlines(w)).toEqual(store.toImport.map((t) => t.deadline.raw));

    // Edits after the table was built again land on the right rows, in the right groups.
    await editDeadline(w, 4, 'Hằng quý');
    await editDeadline(w, 0, '01/10/2026');
    expect(shownDeadlines(w)).toEqual(['01/10/2026', 'Trước tháng 3/2027', '30/06/2026', 'Tháng 9/2026', 'Hằng quý']);
    expect(shownDeadlines(w)).toEqual(store.toImport.map((t) => t.deadline.raw));
    const third = w.findAll('.chunk')[2]!;
    expect(third.text()).toContain('Hằng quý');
    // Each row reads its own date, though the readings share one translated message.
    const readings = w.findAll('.reading').map((r) => r.text());
    expect(readings).toEqual(['Hạn 01/10/2026', 'Hạn 28/02/2027', 'Hạn 30/06/2026', 'Hạn 30/09/2026', 'Thường xuyên, hằng quý']);
    w.unmount();
  });
});

describe('the deadline flags in the preview', () => {
  const flagged: Plan = { ...plan, tasks: tasks.map((t, i) => (i === 3 ? { ...t, deadline: { ...t.deadline, flags: ['several-dates', 'Ghi chú của bộ nhập'] } } : t)) };
  it('say what to check in the UI\'s language, and an importer\'s note as it was written', async () => {
    const { w } = await setup({}, flagged);
    const shown = () => w.get('[data-testid=import-deadline-flags]').text();
    expect(shown()).toBe('⚠ Ô thời hạn nêu nhiều ngày: hạn lấy ngày sớm nhất (không bao giờ muộn hơn văn bản), cần người xác nhận; Ghi chú của bộ nhập');
    i18n.global.locale.value = 'en';
    try {
      await nextTick();
      expect(shown()).toBe('⚠ The deadline cell names several dates: due at the earliest (never later than the text); someone should confirm it; Ghi chú của bộ nhập');
    } finally {
      i18n.global.locale.value = 'vi';
      w.unmount();
    }
  });
});

describe('the board fields in the preview', () => {
  // A document that carries them (a board's export): one task read with its percent.
  const exported: Plan = { ...plan, tasks: tasks.map((t, i) => (i === 4 ? { ...t, progress: 10 } : t)) };
  const setupExported = (extra: { people?: string[] } = {}) => setup(extra, exported);

  it('are not shown for a plan, which never prints them', async () => {
    const { w } = await setup();
    expect(w.find('[data-testid=import-cell-owner]').exists()).toBe(false);
    expect(w.findAll('.preview-table thead th').map((th) => th.text())).not.toContain('Phụ trách, phê duyệt, %');
    w.unmount();
  });

  const row = (w: Awaited<ReturnType<typeof setup>>['w'], index: number) => w.get(`[data-testid=import-task-row][data-index="${index}"]`);
  async function type(w: Awaited<ReturnType<typeof setup>>['w'], index: number, field: 'owner' | 'approver' | 'progress', value: string, key = 'Enter'): Promise<void> {
    await row(w, index).get(`[data-testid=import-cell-${field}]`).trigger('keydown', { key: 'F2' });
    const editor = row(w, index).get(`[data-testid=import-cell-${field}-editor]`);
    await editor.setValue(value);
    await editor.trigger('keydown', { key });
    await nextTick();
  }

  it('edits owner, approver and percent in place, from the keyboard, with their names read out', async () => {
    const { store, w } = await setupExported();
    const cell = row(w, 0).get('[data-testid=import-cell-owner]');
    expect(cell.attributes('aria-label')).toBe('Người phụ trách: (trống)');
    await type(w, 0, 'owner', 'Nguyễn Văn An');
    await type(w, 0, 'approver', 'Phó Chủ tịch UBND tỉnh');
    await type(w, 0, 'progress', '0,8');
    expect(store.toImport[0]).toMatchObject({ owner: 'Nguyễn Văn An', approver: 'Phó Chủ tịch UBND tỉnh', progress: 80 });
    expect(row(w, 0).get('[data-testid=import-cell-progress]').text()).toContain('80%');
    expect(row(w, 0).get('[data-testid=import-cell-owner]').attributes('aria-label')).toBe('Người phụ trách: Nguyễn Văn An');
    // Closed with Enter, the cell it edited has the focus again.
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement?.getAttribute('data-testid')).toBe('import-cell-progress');
    // Esc leaves the value as it was.
    await type(w, 0, 'owner', 'Người khác', 'Escape');
    expect(store.toImport[0]!.owner).toBe('Nguyễn Văn An');
    w.unmount();
  });

  it('keeps the editor open with the reason when a percent does not read, and nothing reaches the draft', async () => {
    const { store, w } = await setupExported();
    await type(w, 1, 'progress', '140');
    const editor = row(w, 1).get('[data-testid=import-cell-progress-editor]');
    expect(editor.attributes('aria-invalid')).toBe('true');
    const problem = row(w, 1).get('[data-testid=import-cell-problem]');
    expect(problem.text()).toContain('Không đọc được "140"');
    expect(editor.attributes('aria-describedby')).toBe(problem.attributes('id'));
    expect((editor.element as HTMLInputElement).value).toBe('140');
    expect(store.toImport[1]!.progress).toBeUndefined();
    await editor.setValue('Hoàn thành');
    await editor.trigger('keydown', { key: 'Enter' });
    await nextTick();
    expect(store.toImport[1]!.progress).toBe(100);
    expect(row(w, 1).find('[data-testid=import-cell-problem]').exists()).toBe(false);
    w.unmount();
  });

  it('says beside an owner nobody is called that the name is kept, and names them in one warning that follows the edits', async () => {
    const { store, w } = await setupExported({ people: ['Nguyễn Văn An'] });
    await type(w, 0, 'owner', 'Trần Thị Lạ');
    await type(w, 1, 'owner', 'Trần Thị Lạ');
    await type(w, 2, 'owner', 'nguyễn văn an');
    expect(w.findAll('[data-testid=import-owner-unknown]')).toHaveLength(2);
    expect(store.warnings.filter((x) => x.code === 'unknown-person').map((x) => x.message)).toEqual([
      '1 người phụ trách (2 nhiệm vụ) không có trong danh sách người dùng: Trần Thị Lạ (2 nhiệm vụ); tên được giữ như ghi.',
    ]);
    await type(w, 0, 'owner', 'Nguyễn Văn An');
    await type(w, 1, 'owner', '');
    expect(w.findAll('[data-testid=import-owner-unknown]')).toHaveLength(0);
    expect(store.warnings.filter((x) => x.code === 'unknown-person')).toEqual([]);
    w.unmount();
  });
});
