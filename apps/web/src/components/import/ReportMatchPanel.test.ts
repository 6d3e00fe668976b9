// @vitest-environment happy-dom
// The report-match preview shows the completion date each matched row will record, in the UI's language, and none where the write records none.
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { TaskDraft } from '@dondoc/shared/model';
import type { ReportMatch, ReportMatchResult } from '@dondoc/shared/import/report-match';
import ReportMatchPanel from './ReportMatchPanel.vue';
import { i18n } from '../../i18n/index.ts';

afterEach(() => {
  i18n.global.locale.value = 'vi';
});

const row = (n: number): TaskDraft => ({ track: 'cchc', ordinal: String(n), group: [], content: `Nhiệm vụ ${n}`, leads: ['Sở Nội vụ'], partners: [], deadline: { raw: '', kind: 'none', flags: [] } });
const match = (n: number, update: Partial<ReportMatch['update']>): ReportMatch => ({
  row: n - 1,
  taskId: `t${n}`,
  task: { address: String(n), content: `Nhiệm vụ ${n}` },
  by: 'number',
  score: 1,
  update: { taskId: `t${n}`, expectedVersion: 1, note: '', status: 'Hoàn thành', late: false, ...update },
});
const result: ReportMatchResult = { matched: [match(1, { column: 'done', completedAt: '2025-11-15' }), match(2, { status: 'Đang thực hiện' })], unmatched: [] };

function shown(): string[] {
  const w = mount(ReportMatchPanel, { props: { result, rows: [row(1), row(2)], busy: false }, global: { plugins: [i18n] } });
  return w.findAll('[data-testid=import-report-matched]').map((tr) => tr.find('[data-testid=import-report-completed-at]')).map((c) => (c.exists() ? c.text() : ''));
}

describe('ReportMatchPanel', () => {
  it('shows the completion date a matched row writes, and nothing for a row that writes none', () => {
    expect(shown()).toEqual(['Ghi ngày hoàn thành 15/11/2025', '']);
  });

  it('says it in English in the English UI', () => {
    i18n.global.locale.value = 'en';
    expect(shown()).toEqual(['Records completion on 15/11/2025', '']);
  });
});
