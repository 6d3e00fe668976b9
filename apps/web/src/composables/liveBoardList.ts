// The board list's live counts: an EventSource on `GET /api/events` while a view that lists boards is
// open (the board list, the overview); each `counts` event is one board's counts now. It resumes with
// Last-Event-ID as the board stream does, and after a `reset` the caller reads the list again.
import { onScopeDispose, watch, type Ref } from 'vue';
import type { BoardCountsData } from '@dondoc/server';
import * as api from '../api/client.ts';

/** Keeps the stream open while `active` holds; `onCounts` gets each board's counts, or null after a reset. */
export function useLiveBoardList(active: Ref<boolean>, onCounts: (data: BoardCountsData | null) => void): void {
  let source: EventSource | null = null;
  const close = () => {
    source?.close();
    source = null;
  };
  const open = () => {
    close();
    const es = new EventSource(api.boardListEventsUrl());
    source = es;
    es.addEventListener('counts', (e) => {
      try {
        onCounts(JSON.parse((e as MessageEvent<string>).data) as BoardCountsData);
      } catch {
        // a malformed event changes nothing
      }
    });
    es.addEventListener('reset', () => onCounts(null));
  };
  watch(active, (on) => (on ? open() : close()), { immediate: true });
  onScopeDispose(close);
}
