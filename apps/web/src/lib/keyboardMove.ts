// Where a keyboard move takes a picked-up card, given the cells as the user sees them
// (filtered). Pure, so the key scheme is tested without a DOM.
import type { ColumnId } from '@dondoc/shared/model';
import { COLUMN_IDS } from '@dondoc/shared/vocabulary';
import type { Place } from '../stores/board.ts';
import type { TaskView } from './taskView.ts';

export type MoveKey = 'up' | 'down' | 'left' | 'right' | 'lane-up' | 'lane-down';

/** ←/→ column, ↑/↓ position, Shift+↑/↓ track; anything else is not a move. */
export function moveKeyOf(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): MoveKey | null {
  switch (e.key) {
    case 'ArrowUp':
      return e.shiftKey ? 'lane-up' : 'up';
    case 'ArrowDown':
      return e.shiftKey ? 'lane-down' : 'down';
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    default:
      return null;
  }
}

export function nextPlace(
  key: MoveKey,
  taskId: string,
  at: { track: string; column: ColumnId },
  tracks: readonly string[],
  shown: (track: string, column: ColumnId) => readonly TaskView[],
): Place | null {
  const here = shown(at.track, at.column);
  const idx = here.findIndex((v) => v.task.id === taskId);
  const others = here.filter((v) => v.task.id !== taskId);
  const afterAt = (list: readonly TaskView[], index: number): string | null => (index > 0 ? list[index - 1]!.task.id : null);

  if (key === 'up' || key === 'down') {
    const to = key === 'up' ? idx - 1 : idx + 1;
    if (idx < 0 || to < 0 || to > others.length) return null;
    return { track: at.track, column: at.column, afterId: afterAt(others, to) };
  }
  let track = at.track;
  let column = at.column;
  if (key === 'left' || key === 'right') {
    const c = COLUMN_IDS.indexOf(at.column) + (key === 'left' ? -1 : 1);
    if (c < 0 || c >= COLUMN_IDS.length) return null;
    column = COLUMN_IDS[c]!;
  } else {
    const tIdx = tracks.indexOf(at.track) + (key === 'lane-up' ? -1 : 1);
    if (tIdx < 0 || tIdx >= tracks.length) return null;
    track = tracks[tIdx]!;
  }
  // Keep the card at the same height when it changes cell, as far as the target allows.
  const target = shown(track, column).filter((v) => v.task.id !== taskId);
  const to = Math.min(Math.max(idx, 0), target.length);
  return { track, column, afterId: afterAt(target, to) };
}
