// @vitest-environment happy-dom
// The count and the refusal a long text gets near and past its limit.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import TextLimit from './TextLimit.vue';
import { i18n } from '../i18n/index.ts';

const shown = (length: number, max = 5000) => mount(TextLimit, { props: { text: 'x'.repeat(length), max, testid: 'f' }, global: { plugins: [i18n] } });

describe('TextLimit', () => {
  it('says nothing well within the limit, counts from 80 % of it, and past it says the text is not saved', () => {
    for (const max of [200, 2000, 5000]) {
      expect(shown(Math.floor(max * 0.8) - 1, max).html()).not.toContain('<p');
      const near = shown(Math.ceil(max * 0.8), max);
      expect(near.get('[data-testid=f-length]').text()).toBe(`${Math.ceil(max * 0.8).toLocaleString('vi-VN')}/${max.toLocaleString('vi-VN')} ký tự`);
      expect(shown(max, max).find('[data-testid=f-too-long]').exists()).toBe(false);
      const over = shown(max + 1, max);
      expect(over.get('[data-testid=f-too-long]').attributes('role')).toBe('alert');
      expect(over.get('[data-testid=f-too-long]').text()).toContain(`Chưa lưu: dài ${(max + 1).toLocaleString('vi-VN')} ký tự, quá giới hạn ${max.toLocaleString('vi-VN')}`);
    }
  });
});
