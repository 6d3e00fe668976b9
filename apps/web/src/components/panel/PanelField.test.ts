// @vitest-environment happy-dom
// A panel field's draft: Esc puts the saved value back and sends nothing, Enter saves, and a draft kept
// over a session that ended comes back unsaved, for the user who typed it only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h, nextTick, provide } from 'vue';
import PanelField from './PanelField.vue';
import { i18n } from '../../i18n/index.ts';
import { DRAFT_SCOPE, anyUnsaved, keepDrafts } from '../../lib/unsavedDrafts.ts';
import type { SaveFn } from './fieldSave.ts';
import type { Task } from '@dondoc/shared/model';

const saved = (): ReturnType<SaveFn> => Promise.resolve({ ok: true, task: {} as Task });

/** The field inside a scope as the task panel gives it: signed in as `user`, on board b1, task t1. */
function field(save: SaveFn, user = 'u1', value = 'Cũ') {
  const Host = defineComponent(() => {
    provide(DRAFT_SCOPE, { user: () => user, board: () => 'b1', task: () => 't1' });
    return () => h(PanelField, { field: 'owner', label: 'Người phụ trách', value, save });
  });
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(w);
  return w;
}
const mounted: { unmount(): void }[] = [];

afterEach(() => {
  for (const w of mounted.splice(0)) {
    try {
      w.unmount();
    } catch {
      // already unmounted by the test
    }
  }
  sessionStorage.clear();
  document.body.innerHTML = '';
});

describe('PanelField', () => {
  it('Esc in the middle of an edit puts the saved value back and sends nothing; the Esc does not reach the panel', async () => {
    const save = vi.fn(saved);
    const w = field(save);
    const input = w.get('input');
    await input.trigger('focus');
    await input.setValue('Nửa chừng');
    const outside = vi.fn();
    window.addEventListener('keydown', outside);
    await input.trigger('keydown', { key: 'Escape' });
    window.removeEventListener('keydown', outside);
    expect((input.element as HTMLInputElement).value).toBe('Cũ');
    expect(outside).not.toHaveBeenCalled();
    await input.trigger('blur');
    expect(save).not.toHaveBeenCalled();
  });

  it('Esc with nothing to cancel is left to the panel (which closes)', async () => {
    const w = field(vi.fn(saved));
    const input = w.get('input');
    await input.trigger('focus');
    const outside = vi.fn();
    window.addEventListener('keydown', outside);
    await input.trigger('keydown', { key: 'Escape' });
    window.removeEventListener('keydown', outside);
    expect(outside).toHaveBeenCalledOnce();
  });

  it('Enter saves what was typed', async () => {
    const save = vi.fn(saved);
    const w = field(save);
    const input = w.get('input');
    await input.trigger('focus');
    await input.setValue('Nguyễn Văn A');
    (input.element as HTMLInputElement).blur = () => void input.trigger('blur');
    await input.trigger('keydown', { key: 'Enter' });
    expect(save).toHaveBeenCalledWith({ owner: 'Nguyễn Văn A' });
  });

  it('a kept draft shows again if the field is mounted again before it is saved', async () => {
    const first = field(vi.fn(saved));
    await first.get('input').trigger('focus');
    await first.get('input').setValue('Chưa lưu');
    keepDrafts('u1');
    first.unmount();
    field(vi.fn(saved)).unmount();
    expect((field(vi.fn(saved)).get('input').element as HTMLInputElement).value).toBe('Chưa lưu');
  });

  it('a draft kept when the session ended comes back in its field, unsaved with "Thử lại", and is not sent until asked', async () => {
    const first = field(vi.fn(saved));
    const input = first.get('input');
    await input.trigger('focus');
    await input.setValue('Đang gõ dở');
    expect(anyUnsaved.value).toBe(true);
    expect(keepDrafts('u1')).toBe(1);
    first.unmount();
    expect(anyUnsaved.value).toBe(false);

    const save = vi.fn(saved);
    const again = field(save);
    await nextTick();
    expect((again.get('input').element as HTMLInputElement).value).toBe('Đang gõ dở');
    expect(again.get('[data-testid=field-error-owner]').text()).toContain('phiên đăng nhập đã kết thúc');
    expect(save).not.toHaveBeenCalled();
    await again.get('[data-testid=field-retry-owner]').trigger('click');
    expect(save).toHaveBeenCalledWith({ owner: 'Đang gõ dở' });
    // Saved, the kept draft is let go: a later visit shows the server's value.
    await flushPromises();
    again.unmount();
    expect((field(vi.fn(saved)).get('input').element as HTMLInputElement).value).toBe('Cũ');
  });

  it("another user's kept draft is never put back", async () => {
    const first = field(vi.fn(saved), 'u1');
    await first.get('input').trigger('focus');
    await first.get('input').setValue('Của người khác');
    keepDrafts('u1');
    first.unmount();
    const other = field(vi.fn(saved), 'u2');
    expect((other.get('input').element as HTMLInputElement).value).toBe('Cũ');
    expect(other.find('[data-testid=field-error-owner]').exists()).toBe(false);
  });

  it('a kept draft over a value someone else changed meanwhile shows both values to choose from', async () => {
    const first = field(vi.fn(saved));
    await first.get('input').trigger('focus');
    await first.get('input').setValue('Của tôi');
    keepDrafts('u1');
    first.unmount();
    const again = field(vi.fn(saved), 'u1', 'Của họ');
    await nextTick();
    expect(again.get('[data-testid=conflict-theirs]').text()).toBe('Của họ');
    expect(again.get('[data-testid=conflict-mine]').text()).toBe('Của tôi');
  });
});
