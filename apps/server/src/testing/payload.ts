// Board payloads in tests: the JSON of `GET /api/boards/:id` decoded into cards, kept under `tasks`
// too so a test reads "the board's tasks" as a person would.
import { decodePayload, type BoardCard, type BoardPayload } from '@dondoc/shared';

export type DecodedBoard = ReturnType<typeof decodePayload> & { tasks: BoardCard[] };

export function boardOf(json: unknown): DecodedBoard {
  const d = decodePayload(json as BoardPayload);
  return { ...d, tasks: d.cards };
}
