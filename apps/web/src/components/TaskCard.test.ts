// @vitest-environment happy-dom
// The card shows what a meeting reads from it, and never renders task text as HTML.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import TaskCard from './TaskCard.vue';
import { i18n } from '../i18n/index.ts';
import { buildTaskView } from '../lib/taskView.ts';
import { check, makeTask } from '../testing/factory.ts';

const today = '2025-11-20';

describe('TaskCard', () => {
  it('shows ordinal, first lead +N, dd/mm/yyyy deadline coloured by timeliness and the n/5 rõ badge', () => {
    const view = buildTaskView(
      makeTask({ id: 't7', ordinal: 'I.3', leads: ['Sở Nội vụ', 'Sở Tài chính', 'Công an tỉnh'], deadline: { raw: 'Tháng 9/2025', kind: 'month', due: '2025-09-30', flags: [] } }),
      [check('ro-viec', true), check('ro-nguoi', false, 'Có 3 cơ quan chủ trì'), check('ro-a', true), check('ro-b', true), check('ro-c', true)],
      today,
    );
    const w = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    expect(w.attributes('data-task-id')).toBe('t7');
    expect(w.attributes('tabindex')).toBe('0');
    expect(w.attributes('aria-label')).toContain('I.3');
    expect(w.get('[data-testid=task-ordinal]').text()).toBe('I.3');
    expect(w.get('[data-testid=task-lead]').text()).toBe('Sở Nội vụ+2');
    const chip = w.get('[data-testid=task-deadline]');
    expect(chip.text()).toBe('30/09/2025');
    expect(chip.attributes('data-chip')).toBe('late');
    const badge = w.get('[data-testid=task-checks]');
    expect(badge.text()).toBe('4/5 rõ');
    expect(badge.attributes('title')).toContain('Có 3 cơ quan chủ trì');
  });

  it('a finished task says how it finished, never a bare "Quá hạn"', () => {
    const deadline = { raw: 'Tháng 9/2025', kind: 'month' as const, due: '2025-09-30', flags: [] };
    const late = mount(TaskCard, { props: { view: buildTaskView(makeTask({ id: 'l', column: 'done', completedAt: '2025-10-03', deadline }), [], today) }, global: { plugins: [i18n] } });
    expect(late.get('[data-testid=task-deadline]').attributes('data-chip')).toBe('done-late');
    expect(late.get('[data-testid=task-deadline]').text()).toBe('Hoàn thành quá hạn');
    expect(late.attributes('aria-label')).toContain('Hoàn thành quá hạn');
    const onTime = mount(TaskCard, { props: { view: buildTaskView(makeTask({ id: 'o', column: 'done', completedAt: '2025-09-29', deadline }), [], today) }, global: { plugins: [i18n] } });
    expect(onTime.get('[data-testid=task-deadline]').attributes('data-chip')).toBe('done-on-time');
    expect(onTime.get('[data-testid=task-deadline]').text()).toBe('Hoàn thành đúng hạn');
  });

  it('shows the extended due date once an extension is granted', () => {
    const task = makeTask({
      id: 'x',
      deadline: { raw: 'Tháng 9/2025', kind: 'month', due: '2025-09-30', flags: [] },
      extensions: [{ id: 'e', previousDue: '2025-09-30', due: '2025-12-31', reason: 'Chờ hướng dẫn', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: '2025-09-20T00:00:00Z' }],
    });
    const w = mount(TaskCard, { props: { view: buildTaskView(task, [], today) }, global: { plugins: [i18n] } });
    expect(w.get('[data-testid=task-deadline]').text()).toBe('31/12/2025');
    expect(w.get('[data-testid=task-deadline]').attributes('data-chip')).toBe('on-time');
  });

  it('shows the raw deadline text when it has no date, in the grey bucket', () => {
    const view = buildTaskView(makeTask({ id: 't1', deadline: { raw: 'Thường xuyên', kind: 'recurring', cadence: 'ongoing', flags: [] } }), [], today);
    const w = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    expect(w.get('[data-testid=task-deadline]').text()).toBe('Thường xuyên');
    expect(w.get('[data-testid=task-deadline]').attributes('data-chip')).toBe('recurring');
    expect(w.find('[data-testid=task-checks]').exists()).toBe(false);
  });

  it('renders markup in task text as text', () => {
    const view = buildTaskView(makeTask({ id: 't1', content: '<img src=x onerror=alert(1)><b>đậm</b>' }), [], today);
    const w = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    expect(w.find('img').exists()).toBe(false);
    expect(w.get('[data-testid=task-content]').text()).toContain('<b>đậm</b>');
  });

  it('shows the owner and progress, a returned task\'s reason, and whether a recurring task reported its current period', () => {
    const task = makeTask({ id: 'r1', owner: 'Nguyễn Văn An', progress: 40, returned: { reason: 'Thiếu danh sách học viên', at: '2025-12-01T00:00:00Z' } });
    const w = mount(TaskCard, { props: { view: buildTaskView(task, [], today) }, global: { plugins: [i18n] } });
    expect(w.get('[data-testid=task-owner]').text()).toBe('Nguyễn Văn An');
    expect(w.get('[data-testid=task-progress]').attributes('aria-valuenow')).toBe('40');
    expect(w.get('[data-testid=task-returned]').text()).toBe('Trả lại: Thiếu danh sách học viên');
    const monthly = { raw: 'Hằng tháng', kind: 'recurring' as const, cadence: 'monthly' as const, flags: [] };
    const open = mount(TaskCard, { props: { view: buildTaskView(makeTask({ id: 'p1', deadline: monthly }), [], today) }, global: { plugins: [i18n] } });
    expect(open.get('[data-testid=task-period]').attributes('data-reported')).toBe('false');
    expect(open.get('[data-testid=task-period]').attributes('aria-label')).toBe('Tháng 11/2025: chưa báo cáo, hạn 30/11/2025');
    expect(open.get('[data-testid=task-period]').text()).toBe('! T11/2025');
    const reported = makeTask({ id: 'p2', deadline: monthly, periodReports: [{ period: '2025-11', done: true, note: '', at: '2025-11-20T00:00:00Z' }] });
    const done = mount(TaskCard, { props: { view: buildTaskView(reported, [], today) }, global: { plugins: [i18n] } });
    expect(done.get('[data-testid=task-period]').attributes('data-reported')).toBe('true');
    expect(mount(TaskCard, { props: { view: buildTaskView(makeTask({ id: 'x' }), [], today) }, global: { plugins: [i18n] } }).find('[data-testid=task-period]').exists()).toBe(false);
  });

  it('keeps its words with the view, and speaks the new language when the user switches', async () => {
    const view = buildTaskView(makeTask({ id: 'k1', ordinal: '5', leads: [], deadline: { raw: 'Không thời hạn', kind: 'none', flags: [] } as never }), [], today);
    const first = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    expect(first.get('[data-testid=task-lead]').text()).toBe('chưa có đơn vị chủ trì');
    // Mounted again (a search brought it back into view): the same words.
    const again = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    const label = first.attributes('aria-label');
    expect(again.attributes('aria-label')).toBe(label);
    i18n.global.locale.value = 'en';
    try {
      await nextTick();
      expect(again.get('[data-testid=task-lead]').text()).not.toBe('chưa có đơn vị chủ trì');
      expect(again.attributes('aria-label')).not.toBe(label);
    } finally {
      i18n.global.locale.value = 'vi';
    }
  });
});
