// The agencies a board's names are matched against: the province's directory (the administrator's),
// then the board's own. Access checks read it for a unit's agency, and the checklist judges tasks by it
// (an alias, an agency marked collective).
import type { Agency } from '@dondoc/shared';

/** Directory lists combined once per (province directory, board directory) pair: both are frozen, so their identity is their version. */
const combined = new WeakMap<readonly Agency[], WeakMap<readonly Agency[], readonly Agency[]>>();

export function directoryFor(province: readonly Agency[], board: readonly Agency[]): readonly Agency[] {
  if (province.length === 0) return board;
  let byBoard = combined.get(province);
  if (!byBoard) combined.set(province, (byBoard = new WeakMap()));
  let list = byBoard.get(board);
  if (!list) byBoard.set(board, (list = Object.freeze([...province, ...board])));
  return list;
}
