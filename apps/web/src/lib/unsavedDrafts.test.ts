// @vitest-environment happy-dom
// Drafts kept over a session that ended: per user and field, taken once, dropped on sign-out.
import { afterEach, describe, expect, it } from 'vitest';
import { dropDraft, followDraft, forgetDrafts, keepDrafts, peekDraft, anyUnsaved, anyWaiting } from './unsavedDrafts.ts';

const place = { board: 'b1', task: 't1', field: 'owner' };
afterEach(() => sessionStorage.clear());

describe('unsaved drafts', () => {
  it('keeps only unsaved fields, for their user, outside the URL, until dropped', () => {
    const stop = [
      followDraft({ place: () => place, unsaved: () => ({ text: 'mới', from: 'cũ' }), inFlight: () => false }),
      followDraft({ place: () => ({ ...place, field: 'output' }), unsaved: () => null, inFlight: () => false }),
    ];
    expect(keepDrafts('u1')).toBe(1);
    stop.forEach((s) => s());
    expect(location.href).not.toContain('mới');
    expect(peekDraft('u2', place)).toBeUndefined();
    expect(peekDraft('u1', { ...place, field: 'output' })).toBeUndefined();
    expect(peekDraft('u1', place)).toEqual({ text: 'mới', from: 'cũ' });
    dropDraft('u1', place);
    expect(peekDraft('u1', place)).toBeUndefined();
  });

  it('signing out drops every kept draft; signing in drops only the other users\'', () => {
    const stop = followDraft({ place: () => place, unsaved: () => ({ text: 'x', from: '' }), inFlight: () => false });
    keepDrafts('u1');
    keepDrafts('u2');
    stop();
    forgetDrafts('u2');
    expect(peekDraft('u1', place)).toBeUndefined();
    keepDrafts('u2');
    forgetDrafts();
    expect(peekDraft('u2', place)).toBeUndefined();
  });

  it('tells text waiting on the user from a save on its way', () => {
    let flying = true;
    const stop = followDraft({ place: () => null, unsaved: () => ({ text: 'x', from: '' }), inFlight: () => flying });
    expect(anyUnsaved.value).toBe(true);
    expect(anyWaiting.value).toBe(false);
    flying = false;
    stop();
    expect(anyUnsaved.value).toBe(false);
  });
});
