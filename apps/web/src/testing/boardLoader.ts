// public/board-loader.js run as the page runs it, without a browser: its script in a context of its
// own (as a worker's global scope), its messages delivered a task each and structured-cloned both
// ways, its fetch answered by the test. What the page sees is the BoardLoader it gets in a browser.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { BoardLoader, LoaderMessage } from '../lib/boardPreload.ts';

// By path: under a DOM test environment import.meta.url is not a file URL.
const SCRIPT = readFileSync(resolve(import.meta.dirname, '../../public/board-loader.js'), 'utf8');

export interface LoaderRun {
  loader: BoardLoader;
  /** URLs the worker fetched. */
  fetched: string[];
  /** Messages the worker sent, in order. */
  sent: LoaderMessage[];
  terminated: () => boolean;
}

/** Starts the worker on `url` (as index.html does) with `answer` as the server's reply to it. */
export function startLoader(url: string, answer: { status: number; body: string }): LoaderRun {
  const fetched: string[] = [];
  const sent: LoaderMessage[] = [];
  let terminated = false;
  const scope: { onmessage: ((event: { data: unknown }) => void) | null; postMessage: (m: LoaderMessage) => void } = {
    onmessage: null,
    postMessage: (m) => {
      const copy = structuredClone(m);
      sent.push(copy);
      setTimeout(() => !terminated && loader.onmessage?.({ data: copy } as MessageEvent<LoaderMessage>));
    },
  };
  const fetch = (input: string) => {
    fetched.push(input);
    return Promise.resolve({ ok: answer.status >= 200 && answer.status < 300, json: () => Promise.resolve(JSON.parse(answer.body)) });
  };
  runInNewContext(SCRIPT, { self: scope, fetch });
  const loader: BoardLoader = {
    postMessage: (m) => setTimeout(() => !terminated && scope.onmessage?.({ data: structuredClone(m) })),
    onmessage: null,
    onerror: null,
    terminate: () => void (terminated = true),
  };
  loader.postMessage({ url });
  return { loader, fetched, sent, terminated: () => terminated };
}
