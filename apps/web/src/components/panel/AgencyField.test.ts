// @vitest-environment happy-dom
// A failed save of the agency chips keeps the chosen agencies, with the reason and "Thử lại", as a typed field keeps its text;
// a name typed in the search and not yet a chip is unsaved text, kept over a session that ends and put back in the search.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import AgencyField from './AgencyField.vue';
import { i18n } from '../../i18n/index.ts';
import type { SaveFn } from './fieldSave.ts';
import type { Task } from '@dondoc/shared/model';
import { DRAFT_SCOPE, keepDrafts, peekDraft, waitingInTask } from '../../lib/unsavedDrafts.ts';

afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
});

const scope = { user: () => 'u1', board: () => 'b1', task: () => 't1' };
const directory = [{ name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở GD&ĐT'], collective: false }];
function mounted(save: SaveFn, value: string[] = ['Sở Nội vụ'], disabled = false) {
  return mount(AgencyField, {
    props: { field: 'partners', label: 'Cơ quan phối hợp', value, directory, save, disabled },
    global: { plugins: [i18n], provide: { [DRAFT_SCOPE as symbol]: scope } },
    attachTo: document.body,
  });
}

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

  it('holds a name typed in the search as unsaved text: kept when the session ends, back in the search after signing in, dropped once a chip', async () => {
    const save = vi.fn<SaveFn>().mockResolvedValue({ ok: true, task: {} as Task });
    const w = mounted(save);
    const search = w.get('[data-testid=field-partners]');
    await search.setValue('Sở Giáo');
    expect(waitingInTask('t1')).toBe(true);
    // The session ends: the text is kept for this user, under its own name beside the chips' draft.
    expect(keepDrafts('u1')).toBe(1);
    expect(peekDraft('u1', { board: 'b1', task: 't1', field: 'partners-search' })).toEqual({ text: 'Sở Giáo', from: '' });
    w.unmount();
    expect(waitingInTask('t1')).toBe(false);

    // Signed in again: the panel's field shows it in the search, unsaved and not sent, and the guards ask about it.
    const again = mounted(save);
    await flushPromises();
    const input = again.get<HTMLInputElement>('[data-testid=field-partners]');
    expect(input.element.value).toBe('Sở Giáo');
    expect(waitingInTask('t1')).toBe(true);
    expect(save).not.toHaveBeenCalled();
    // The task's list arriving again (the whole record over the card) leaves it there.
    await again.setProps({ value: ['Sở Nội vụ'] });
    await flushPromises();
    expect(input.element.value).toBe('Sở Giáo');
    // Made a chip: saved as the list, and nothing is kept any more.
    await input.setValue('Sở Giáo dục và Đào tạo');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ partners: ['Sở Nội vụ', 'Sở Giáo dục và Đào tạo'] });
    expect(input.element.value).toBe('');
    expect(waitingInTask('t1')).toBe(false);
    expect(peekDraft('u1', { board: 'b1', task: 't1', field: 'partners-search' })).toBeUndefined();
  });

  it('keeps nothing from a field the user may not write in, and leaves a kept name for when they may', () => {
    sessionStorage.setItem('dondoc.drafts.u1', JSON.stringify({ 'b1/t1/partners-search': { text: 'Sở Giáo', from: '' } }));
    const w = mounted(vi.fn<SaveFn>(), ['Sở Nội vụ'], true);
    expect(waitingInTask('t1')).toBe(false);
    expect(keepDrafts('u1')).toBe(0);
    expect(peekDraft('u1', { board: 'b1', task: 't1', field: 'partners-search' })).toEqual({ text: 'Sở Giáo', from: '' });
    w.unmount();
  });
});
