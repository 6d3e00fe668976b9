// Whether the page is being printed. Cells render only the cards in view on screen; while printing
// they render every card of the view, so paper gets the whole (filtered) board, not one screenful.
import { ref, type Ref } from 'vue';

export const printing: Ref<boolean> = ref(false);

if (typeof window !== 'undefined') {
  // beforeprint fires for the browser's print dialog; Vue re-renders in the microtask that follows,
  // before the page is laid out for paper. The media query covers print previews that skip the event.
  window.addEventListener('beforeprint', () => (printing.value = true));
  window.addEventListener('afterprint', () => (printing.value = false));
  window.matchMedia?.('print').addEventListener?.('change', (e) => (printing.value = e.matches));
}
