// @vitest-environment happy-dom
// "Leave this page?" only while something is unsaved: the browser's warning follows the unsaved state,
// and an in-app page change asks only for text that waits on the user, never on the way to sign in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { nextTick, ref } from 'vue';
import { guardLeaving } from './leaveGuard.ts';
import { followDraft } from './unsavedDrafts.ts';

const page = { render: () => null };
function router() {
  const r = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/boards/:id', name: 'board', component: page },
      { path: '/boards/:id/triage', name: 'triage', component: page },
      { path: '/login', name: 'login', component: page },
    ],
  });
  return r;
}
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));
const unload = (): Event => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e;
};

describe('guardLeaving', () => {
  it('warns on unload only while a field is unsaved or a write is on its way', async () => {
    const pending = ref(false);
    const r = router();
    guardLeaving(r, { pending: () => pending.value, confirm: () => true });
    expect(unload().defaultPrevented).toBe(false);
    const flying = ref(true);
    stops.push(followDraft({ place: () => null, unsaved: () => (flying.value ? { text: 'x', from: '' } : null), inFlight: () => flying.value }));
    await nextTick();
    expect(unload().defaultPrevented).toBe(true);
    flying.value = false;
    await nextTick();
    expect(unload().defaultPrevented).toBe(false);
    pending.value = true;
    await nextTick();
    expect(unload().defaultPrevented).toBe(true);
  });

  it('asks before another page only for text that waits on the user; a task opening, a save in flight and sign-in pass', async () => {
    const r = router();
    const confirm = vi.fn(() => false);
    guardLeaving(r, { pending: () => false, confirm });
    await r.push('/boards/b1');
    const state = ref<'typed' | 'saving'>('saving');
    stops.push(followDraft({ place: () => null, unsaved: () => ({ text: 'x', from: '' }), inFlight: () => state.value === 'saving' }));
    await r.push('/boards/b1/triage');
    expect(confirm).not.toHaveBeenCalled();
    state.value = 'typed';
    await r.push('/boards/b1/triage?task=t1');
    expect(confirm).not.toHaveBeenCalled();
    await r.push('/boards/b1');
    expect(confirm).toHaveBeenCalledOnce();
    expect(r.currentRoute.value.path).toBe('/boards/b1/triage');
    await r.push('/login');
    expect(r.currentRoute.value.path).toBe('/login');
  });

  it("asks before closing a task's panel, or showing another task in it, while that task's text waits on the user", async () => {
    const r = router();
    const confirm = vi.fn(() => false);
    guardLeaving(r, { pending: () => false, confirm: () => true, confirmTask: confirm });
    await r.push('/boards/b1?task=t1');
    const waiting = ref(true);
    stops.push(followDraft({ place: () => ({ board: 'b1', task: 't1', field: 'comment' }), unsaved: () => (waiting.value ? { text: 'Đề nghị bổ sung', from: '' } : null), inFlight: () => false }));
    await r.push('/boards/b1');
    await r.push('/boards/b1?task=t2');
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(r.currentRoute.value.fullPath).toBe('/boards/b1?task=t1');
    // Sent or let go: the panel closes without a question.
    waiting.value = false;
    await r.push('/boards/b1');
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(r.currentRoute.value.fullPath).toBe('/boards/b1');
  });
});
