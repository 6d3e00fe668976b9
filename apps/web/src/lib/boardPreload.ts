// What index.html's inline script requested and read before the app's bundle loaded: who is signed
// in and the configuration (each a round trip the app would otherwise start only after booting), and
// the board payloads (on a 10,000-task board that download is the longest wait): the first screen's
// cards, and the whole board, which a worker (public/board-loader.js) downloads and parses off the
// page's main thread. Receiving a 4.9 MB body held the main thread ~60 ms while the app booted, and
// decoding and parsing it ~250 ms in one task; now the page takes the parsed board from the worker
// once its first screen has painted, and decodes it a part per task.
import { decodePayload, type BoardPayload, type CheckFailure, type DecodedPayload } from '@dondoc/shared/api';
import type { BoardCard } from '@dondoc/shared/wire';

interface PreloadedBoard {
  id: string;
  /** The first screen's body when answered 2xx; null for any other status. */
  first: Promise<ArrayBuffer | null>;
  /** The worker reading the whole board (public/board-loader.js); null where none could start. */
  loader: BoardLoader | null;
}

/** What the page needs of the worker: a Worker, or a stand-in in tests. */
export interface BoardLoader {
  postMessage(message: LoaderRequest): void;
  onmessage: ((event: MessageEvent<LoaderMessage>) => void) | null;
  onerror: ((event: Event) => void) | null;
  terminate(): void;
}

/** What the worker is told: the board's URL (index.html, at once), then how many cards a part when the page wants them. */
export type LoaderRequest = { url: string } | { send: number };

/** What the worker answers, in order: the board and tables (no cards), its cards a part at a time, the end; or that it failed. */
export type LoaderMessage =
  | { kind: 'head'; payload: BoardPayload }
  | { kind: 'cards'; cards: BoardPayload['cards']; failures: BoardPayload['failures'] }
  | { kind: 'end' }
  | { kind: 'failed' };

/** An API answer read ahead: its status and JSON body (null when it had none). */
export interface PreloadedAnswer {
  status: number;
  body: unknown;
}

declare global {
  interface Window {
    __dondocBoard?: PreloadedBoard;
    /** Answers by API path. */
    __dondocAnswers?: Record<string, Promise<PreloadedAnswer> | undefined>;
  }
}

/**
 * The answer of `GET path` that index.html's script asked for, or null when it did not (in-app
 * navigation, tests) or the request failed: the caller then asks the API client. Taken once, so a
 * later question gets a fresh answer.
 */
export function takePreloadedAnswer(path: string): Promise<PreloadedAnswer | null> | null {
  const answers = globalThis.window?.__dondocAnswers;
  const got = answers?.[path];
  if (!answers || !got) return null;
  answers[path] = undefined;
  return got.catch(() => null);
}

/** The two loads of a board: the first screen's slice (null when there is none) and the whole board (null: ask the API). */
export interface BoardLoads {
  first: Promise<BoardPayload | null>;
  /** Asks for the whole board when called, so the first screen paints before that work. */
  full: () => Promise<DecodedPayload | null>;
  /** Ends what still holds the whole board (its worker), asked for or not; nothing once it is read. */
  drop: () => void;
}

/** Cards the worker sends per message: a part is 15-25 ms of the page's main thread here (structured clone and decoding). */
export const PART_CARDS = 500;

/**
 * The whole board from the loader: asked for now, each part of cards decoded as it arrives (a task
 * each), put together at the end. Null when the loader failed (the caller asks the API, whose
 * errors carry the server's message). The loader is ended either way.
 */
export function readFromLoader(loader: BoardLoader, part = PART_CARDS): Promise<DecodedPayload | null> {
  return new Promise((resolve) => {
    let head: BoardPayload | null = null;
    const cards: BoardCard[] = [];
    const failures: Record<string, CheckFailure[]> = {};
    const finish = (result: DecodedPayload | null) => {
      loader.onmessage = null;
      loader.onerror = null;
      loader.terminate();
      resolve(result);
    };
    loader.onmessage = ({ data }) => {
      if (data.kind === 'head') head = data.payload;
      else if (data.kind === 'cards' && head) {
        const decoded = decodePayload({ ...head, cards: data.cards, failures: data.failures });
        for (const card of decoded.cards) cards.push(card);
        Object.assign(failures, decoded.failures);
      } else if (data.kind === 'end' && head) finish({ board: head.board, checklist: head.checklist, cards, failures });
      else finish(null);
    };
    loader.onerror = () => finish(null);
    loader.postMessage({ send: part });
  });
}

const parse = async (bytes: Promise<ArrayBuffer | null>): Promise<BoardPayload | null> => {
  try {
    const b = await bytes;
    return b ? (JSON.parse(new TextDecoder().decode(b)) as BoardPayload) : null;
  } catch {
    return null;
  }
};

/**
 * The preloaded payloads of `boardId`, or null when there are none (in-app navigation, tests):
 * the caller then asks the API client, whose errors carry the server's message. Taken once, so a
 * later load of the same board fetches a fresh copy.
 */
export function takePreloadedBoard(boardId: string): BoardLoads | null {
  const pre = globalThis.window?.__dondocBoard;
  if (!pre) return null;
  window.__dondocBoard = undefined;
  const { loader } = pre;
  if (pre.id !== boardId) {
    loader?.terminate();
    return null;
  }
  return { first: parse(pre.first), full: () => (loader ? readFromLoader(loader) : Promise.resolve(null)), drop: () => loader?.terminate() };
}
