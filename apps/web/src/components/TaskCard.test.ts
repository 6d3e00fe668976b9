// @vitest-environment happy-dom
// The card shows what a meeting reads from it, and never renders task text as HTML.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
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

  it('shows the raw deadline text when it has no date, in the grey bucket', () => {
    const view = buildTaskView(makeTask({ id: 't1', deadline: { raw: 'Thường xuyên', kind: 'recurring', cadence: 'ongoing', flags: [] } }), [], today);
    const w = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    expect(w.get('[data-testid=task-deadline]').text()).toBe('Thường xuyên');
    expect(w.get('[data-testid=task-deadline]').attributes('data-chip')).toBe('open');
    expect(w.find('[data-testid=task-checks]').exists()).toBe(false);
  });

  it('renders markup in task text as text', () => {
    const view = buildTaskView(makeTask({ id: 't1', content: '<img src=x onerror=alert(1)><b>đậm</b>' }), [], today);
    const w = mount(TaskCard, { props: { view }, global: { plugins: [i18n] } });
    expect(w.find('img').exists()).toBe(false);
    expect(w.get('[data-testid=task-content]').text()).toContain('<b>đậm</b>');
  });
});
