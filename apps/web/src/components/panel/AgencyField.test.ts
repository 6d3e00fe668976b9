// @vitest-environment happy-dom
// A failed save of the agency chips keeps the chosen agencies, with the reason and "Thử lại", as a typed field keeps its text.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import AgencyField from './AgencyField.vue';
import { i18n } from '../../i18n/index.ts';
import type { SaveFn } from './fieldSave.ts';
import type { Task } from '@dondoc/shared/model';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AgencyField', () => {
  it('keeps the chosen agencies when the save fails, and "Thử lại" sends them again', async () => {
    const save = vi.fn<SaveFn>().mockResolvedValueOnce({ ok: false, error: 'mất kết nối tới máy chủ' }).mockResolvedValueOnce({ ok: true, task: {} as Task });
    const w = mount(AgencyField, {
      props: { field: 'leads', label: 'Cơ quan chủ trì', value: ['Sở Nội vụ', 'Sở Tài chính'], directory: [], save },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await w.get('[aria-label="Bỏ Sở Nội vụ"]').trigger('click');
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ leads: ['Sở Tài chính'] });
    // The store puts the task's old list back (a new array), as it does after a failed save.
    await w.setProps({ value: ['Sở Nội vụ', 'Sở Tài chính'] });
    expect(w.findAll('[data-testid=leads-tag]').map((x) => x.text())).toEqual([expect.stringContaining('Sở Tài chính')]);
    expect(w.get('[data-testid=field-error-leads]').text()).toContain('mất kết nối tới máy chủ');
    await w.get('[data-testid=field-retry-leads]').trigger('click');
    await flushPromises();
    expect(save).toHaveBeenLastCalledWith({ leads: ['Sở Tài chính'] });
    expect(w.find('[data-testid=field-error-leads]').exists()).toBe(false);
  });
});
