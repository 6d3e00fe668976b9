// The board payload that index.html's inline script requested and read before the app's bundle
// loaded (on a 10,000-task board that download is the longest wait), decoded in one TextDecoder
// pass: Chromium's Response.json() decodes incrementally and is ~50 ms slower on 16 MB.
import type { BoardPayload } from '@dondoc/shared/api';

interface PreloadedBoard {
  id: string;
  /** The body of a 2xx answer; null for any other status. */
  bytes: Promise<ArrayBuffer | null>;
}

declare global {
  interface Window {
    __dondocBoard?: PreloadedBoard;
  }
}

/**
 * The preloaded payload of `boardId`, or null when there is none (in-app navigation, tests) or it
 * failed: the caller then asks the API client, whose errors carry the server's message.
 * Taken once, so a later load of the same board fetches a fresh copy.
 */
export async function takePreloadedBoard(boardId: string): Promise<BoardPayload | null> {
  const pre = globalThis.window?.__dondocBoard;
  if (!pre) return null;
  window.__dondocBoard = undefined;
  if (pre.id !== boardId) return null;
  try {
    const bytes = await pre.bytes;
    return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as BoardPayload) : null;
  } catch {
    return null;
  }
}
