// @vitest-environment happy-dom
// A disabled date picker looks read-only as every other field does: the page's grey from the one
// read-only rule in global.css, not the white box of a field waiting for input.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mount } from '@vue/test-utils';
import DateInput from './DateInput.vue';
import { i18n } from '../../i18n/index.ts';

// Read from disk: Vitest hands a CSS import (even `?raw`) over empty.
const globalCss = readFileSync(resolve(import.meta.dirname, '../../styles/global.css'), 'utf8');

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

/** A DateInput inside a `.form-field`, as the extension and conclusion forms hold it, beside a disabled text input. */
function mounted(disabled: boolean) {
  const style = document.createElement('style');
  style.textContent = globalCss;
  document.head.append(style);
  const w = mount(
    { components: { DateInput }, props: ['disabled'], template: '<div class="form-field"><input disabled data-testid="text" /><DateInput model-value="2026-03-31" :disabled="disabled" testid="due" /></div>' },
    { props: { disabled }, global: { plugins: [i18n] }, attachTo: document.body },
  );
  const background = (selector: string): string => getComputedStyle(w.get(selector).element).backgroundColor;
  return { w, background };
}

describe('DateInput', () => {
  it('is grey when disabled, as a disabled text field is, and not when it takes input', () => {
    const off = mounted(true);
    expect(off.w.get('[data-testid=due]').attributes('data-disabled')).toBe('');
    const grey = off.background('[data-testid=text]');
    expect(grey).not.toBe('');
    expect(off.background('[data-testid=due]')).toBe(grey);
    off.w.unmount();

    const on = mounted(false);
    expect(on.background('[data-testid=due]')).not.toBe(on.background('[data-testid=text]'));
  });
});
