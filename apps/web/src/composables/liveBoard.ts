// The tab's live stream of one board: an EventSource on `GET /api/boards/:id/events` while a board,
// triage or meeting view is open. A change names tasks; they are fetched (`…/tasks?ids=`) and go
// through the board store's `applyRemote`, so pending local operations are replayed over them and
// keep the versions they expect. A dropped connection resumes with Last-Event-ID (the browser sends
// it; after going offline the stream is reopened with ?since=); a `reset` refetches the board with
// its ETag. One stream per tab: opening another board closes the previous stream.
import { onScopeDispose, watch, type Ref } from 'vue';
import * as api from '../api/client.ts';
import type { BoardChangeData } from '@dondoc/server';
import { cardOf, isWholeTask } from '@dondoc/shared/wire';
import { useBoardStore } from '../stores/board.ts';
import { useLiveStore } from '../stores/live.ts';
import { useSessionStore } from '../stores/session.ts';

export interface LiveOptions {
  /** Called for changes that wrote meetings, indicator readings or daily counts. */
  onRecords?: (data: BoardChangeData) => void;
  /** Called after every change this tab applied (a meeting screen recomputes its counts). */
  onChange?: (data: BoardChangeData) => void;
}

/** The open stream of this tab, if any: a second view on the same board shares it. */
let current: { boardId: string; close: () => void; users: number; listeners: Set<LiveOptions> } | null = null;

function open(boardId: string, listeners: Set<LiveOptions>): { close: () => void } {
  const board = useBoardStore();
  const live = useLiveStore();
  const session = useSessionStore();
  live.reset();
  let source: EventSource | null = null;
  let lastId = '';
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = 1000;
  // Ids named by changes and not fetched yet: changes arriving while a fetch runs go into the next one.
  let wanted = new Map<string, BoardChangeData>();
  let fetching: Promise<void> | null = null;

  async function fetchWanted(): Promise<void> {
    while (wanted.size > 0) {
      const batch = wanted;
      wanted = new Map();
      const ids = [...batch.keys()];
      // A view without the board's tasks (the dashboard) only needs to know that something changed.
      if (board.board?.id !== boardId) continue;
      try {
        const got = await api.getTasksByIds(boardId, ids);
        if (closed || board.board?.id !== boardId) return;
        // The board holds cards (a task minus its long texts); a task whose whole record an open panel holds stays whole.
        const held = (id: string) => board.views.get(id)?.task;
        board.applyRemote(
          got.tasks.map((a) => {
            const had = held(a.task.id);
            return had && isWholeTask(had) ? a.task : cardOf(a.task);
          }),
          { removed: got.missing, failures: Object.fromEntries(got.tasks.map((a) => [a.task.id, a.failures])) },
        );
        const me = session.me?.user.id;
        for (const [id, data] of batch) if (data.by.id !== me) live.noteRemote([id], { by: data.by.name, op: data.op, seq: data.seq });
      } catch {
        // The next change, or a reset after reconnecting, brings them again.
      }
    }
  }

  function onChangeEvent(e: MessageEvent<string>): void {
    lastId = e.lastEventId || lastId;
    let data: BoardChangeData;
    try {
      data = JSON.parse(e.data) as BoardChangeData;
    } catch {
      return;
    }
    live.seq = data.seq;
    if (data.deleted) return;
    for (const id of data.tasks) wanted.set(id, data);
    if (data.tasks.length > 0) fetching ??= fetchWanted().finally(() => (fetching = null));
    if (data.boardChanged) void board.refresh().catch(() => {});
    for (const l of listeners) {
      if (data.records.length > 0) l.onRecords?.(data);
      l.onChange?.(data);
    }
  }

  function connect(): void {
    if (closed) return;
    live.status = 'connecting';
    const url = api.boardEventsUrl(boardId) + (lastId ? `?since=${encodeURIComponent(lastId)}` : '');
    const es = new EventSource(url);
    source = es;
    es.addEventListener('open', () => {
      live.status = 'live';
      backoff = 1000;
    });
    es.addEventListener('hello', (e) => {
      // The stream starts at the server's sequence: what happens after it is what a reopened stream must ask for.
      try {
        const seq = (JSON.parse((e as MessageEvent<string>).data) as { seq?: number }).seq;
        if (!lastId && typeof seq === 'number') lastId = String(seq);
      } catch {
        // keep what we had
      }
    });
    es.addEventListener('change', (e) => onChangeEvent(e as MessageEvent<string>));
    es.addEventListener('reset', (e) => {
      lastId = (e as MessageEvent<string>).lastEventId || lastId;
      void board.refresh().catch(() => {});
      for (const l of listeners) l.onRecords?.({ board: boardId, seq: 0, op: 'reset', at: '', tasks: [], boardChanged: true, records: [], by: { id: '', name: '' } });
    });
    es.addEventListener('error', () => {
      if (closed || source !== es) return;
      // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED (a 401, a proxy error): we retry, slower each time.
      if (es.readyState === EventSource.CLOSED) {
        live.status = 'connecting';
        es.close();
        retry = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 30_000);
      } else live.status = 'connecting';
    });
  }

  // Offline, the stream is dead however long TCP takes to notice: close it, and reopen from the last id once back.
  const offline = () => {
    source?.close();
    source = null;
    live.status = 'offline';
  };
  const online = () => {
    if (closed || source) return;
    clearTimeout(retry);
    connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  connect();
  return {
    close: () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
      source = null;
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      live.status = 'off';
    },
  };
}

/** Keeps the tab's stream on `boardId` while the calling component lives. */
export function useLiveBoard(boardId: Ref<string>, options: LiveOptions = {}): void {
  let mine: string | null = null;
  const release = () => {
    if (!current || mine === null) return;
    current.listeners.delete(options);
    if (--current.users === 0) {
      current.close();
      current = null;
    }
    mine = null;
  };
  watch(
    boardId,
    (id) => {
      release();
      if (!id) return;
      if (current && current.boardId !== id) {
        // One stream per tab: another board's stream goes.
        current.close();
        current = null;
      }
      if (!current) {
        const listeners = new Set<LiveOptions>();
        current = { boardId: id, users: 0, listeners, ...open(id, listeners) };
      }
      current.users++;
      current.listeners.add(options);
      mine = id;
    },
    { immediate: true },
  );
  onScopeDispose(release);
}
