// Windowing maths: which slots a cell renders and how much padding stands in for the rest.
import { describe, expect, it } from 'vitest';
import { OVERSCAN, SLOT, visibleWindow } from './layout.ts';

describe('visibleWindow', () => {
  it('renders the viewport plus overscan at the top of a long cell', () => {
    const w = visibleWindow(10_000, 0, SLOT * 4);
    expect(w).toEqual({ start: 0, end: 4 + OVERSCAN, padTop: 0, padBottom: (10_000 - 4 - OVERSCAN) * SLOT });
  });

  it('keeps the total height constant wherever it is scrolled', () => {
    for (const top of [0, 1234, SLOT * 5000, SLOT * 9996]) {
      const w = visibleWindow(10_000, top, 600);
      expect(w.padTop + (w.end - w.start) * SLOT + w.padBottom).toBe(10_000 * SLOT);
      expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(600 / SLOT) + 2 * OVERSCAN + 1);
    }
  });

  it('handles short and empty cells', () => {
    expect(visibleWindow(2, 0, 800)).toEqual({ start: 0, end: 2, padTop: 0, padBottom: 0 });
    expect(visibleWindow(0, 500, 800)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
