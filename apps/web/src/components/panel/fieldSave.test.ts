// @vitest-environment happy-dom
// A comment or note box keeps its text over a session that ends, for its user, and only fills an empty box.
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, provide, ref, type Ref } from 'vue';
import { useKeptText } from './fieldSave.ts';
import { DRAFT_SCOPE, anyWaiting, keepDrafts } from '../../lib/unsavedDrafts.ts';

function box(start = '', user = 'u1'): { text: Ref<string>; unmount(): void } {
  const text = ref(start);
  const Inner = defineComponent(() => {
    useKeptText('comment', text);
    return () => h('textarea');
  });
  const w = mount(defineComponent(() => {
    provide(DRAFT_SCOPE, { user: () => user, board: () => 'b1', task: () => 't1' });
    return () => h(Inner);
  }));
  return { text, unmount: () => w.unmount() };
}
afterEach(() => sessionStorage.clear());

describe('useKeptText', () => {
  it('a typed comment is unsaved, kept when the session ends, and back in the empty box for the same user only', () => {
    const first = box();
    expect(anyWaiting.value).toBe(false);
    first.text.value = 'Đề nghị bổ sung số liệu';
    expect(anyWaiting.value).toBe(true);
    keepDrafts('u1');
    first.unmount();
    const other = box('', 'u2');
    expect(other.text.value).toBe('');
    other.unmount();
    const full = box('Đang viết khác');
    expect(full.text.value).toBe('Đang viết khác');
    full.unmount();
    const again = box();
    expect(again.text.value).toBe('Đề nghị bổ sung số liệu');
    // Sent (the box emptied), it is let go.
    again.text.value = '';
    again.unmount();
  });
});
