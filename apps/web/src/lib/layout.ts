// Fixed card geometry shared by the card, the windowed cell and the tests: windowing
// computes positions from these instead of measuring 10,000 elements.
export const CARD_HEIGHT = 136;
export const CARD_GAP = 8;
export const SLOT = CARD_HEIGHT + CARD_GAP;
/** Cards rendered beyond each edge of the viewport, so a quick scroll or a drag never shows a gap. */
export const OVERSCAN = 3;

export interface Window {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

/** Which of `count` fixed-height slots a viewport at `scrollTop` of `height` pixels shows. */
export function visibleWindow(count: number, scrollTop: number, height: number, overscan = OVERSCAN): Window {
  const start = Math.max(0, Math.floor(scrollTop / SLOT) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + height) / SLOT) + overscan);
  const s = Math.min(start, end);
  return { start: s, end, padTop: s * SLOT, padBottom: (count - end) * SLOT };
}
