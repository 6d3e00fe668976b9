// What index.html's inline script requested and read before the app's bundle loaded: who is signed
// in and the configuration (each a round trip the app would otherwise start only after booting), and
// the board payloads (on a 10,000-task board that download is the longest wait): the first screen's
// cards and the whole board, each decoded in one TextDecoder pass (Chromium's Response.json() decodes
// incrementally and is slower on megabytes).
import type { BoardPayload } from '@dondoc/shared/api';

interface PreloadedBoard {
  id: string;
  /** The bodies of 2xx answers; null for any other status. */
  first: Promise<ArrayBuffer | null>;
  bytes: Promise<ArrayBuffer | null>;
}

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
  /** Parses the whole board when called, so the first screen paints before that work. */
  full: () => Promise<BoardPayload | null>;
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
  if (pre.id !== boardId) return null;
  return { first: parse(pre.first), full: () => parse(pre.bytes) };
}
