// When the last card drag ended: a click that SortableJS lets through right after a drop is not a
// request to open the task.
let endedAt = -Infinity;
export const markDragEnd = (): void => {
  endedAt = performance.now();
};
export const justDragged = (ms = 300): boolean => performance.now() - endedAt < ms;
