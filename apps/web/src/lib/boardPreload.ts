// What index.html's inline script requested and read before the app's bundle loaded: who is signed
// in and the configuration (each a round trip the app would otherwise start only after booting), and
// the board payloads (on a 10,000-task board that download is the longest wait): the first screen's
// cards and the whole board, decoded by TextDecoder a slice at a time (Chromium's Response.json()
// decodes incrementally and is slower on megabytes; one TextDecoder pass over a 4.9 MB board of
// Vietnamese text held the main thread ~150 ms).
import type { BoardPayload } from '@dondoc/shared/api';
import { nextTask } from './perf.ts';

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

/** Bytes decoded per task of the browser's main thread (~10 ms of Vietnamese JSON there). */
export const DECODE_SLICE_BYTES = 512 * 1024;

/** UTF-8 `bytes` as text, a slice per task, the browser getting its turn between slices (a character split between two slices is kept whole). */
export async function decodeInSlices(bytes: ArrayBuffer, sliceBytes = DECODE_SLICE_BYTES): Promise<string> {
  const decoder = new TextDecoder();
  const view = new Uint8Array(bytes);
  const parts: string[] = [];
  for (let at = 0; at < view.length || at === 0; at += sliceBytes) {
    const end = Math.min(at + sliceBytes, view.length);
    parts.push(decoder.decode(view.subarray(at, end), { stream: end < view.length }));
    if (end === view.length) break;
    await nextTask();
  }
  return parts.join('');
}

const parse = async (bytes: Promise<ArrayBuffer | null>): Promise<BoardPayload | null> => {
  try {
    const b = await bytes;
    return b ? (JSON.parse(await decodeInSlices(b)) as BoardPayload) : null;
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
