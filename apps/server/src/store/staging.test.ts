// Staging's planning view against the plain rule it must agree with: a cell is every task the view
// sees in that (track, column), in rank order. Generated boards with moves, re-ranks, creations and
// trashings staged over several layers (a batch flushing, one filling), some layers then committed.
import { describe, expect, it } from 'vitest';
import { BoardIndex, COLUMN_IDS, blankBoard, byRank, taskFromDraft, type ColumnId, type Effects, type Task } from '@dondoc/shared';
import { prng } from '@dondoc/shared/testing/prng';
import { Staging } from './staging.ts';

const AT = '2025-12-10T02:00:00.000Z';
const TRACKS = ['de-an-06', 'cchc', 'khcn-cds'];
const noEffects = (): Effects => ({ boards: [], tasks: [], users: [] });

function generated(seed: number) {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Few distinct ranks, so ties broken by id are common.
  const rank = () => Math.floor(rand() * 40) * 512;
  const base = new BoardIndex();
  const tasks: Task[] = [];
  for (let i = 0; i < 20 + Math.floor(rand() * 200); i++) {
    const t = taskFromDraft({ track: pick(TRACKS), ordinal: String(i + 1), content: `Nhiệm vụ ${i + 1}`, leads: ['Sở Nội vụ'], partners: [], deadline: { raw: '', kind: 'none', flags: [] } }, { id: `t${i}`, boardId: 'b1', rank: rank(), at: AT });
    tasks.push({ ...t, column: pick(COLUMN_IDS) });
  }
  base.apply({ ...noEffects(), boards: [{ before: null, after: blankBoard({ id: 'b1', title: 'Bảng thử', createdAt: AT }) }], tasks: tasks.map((after) => ({ boardId: 'b1', before: null, after })) });
  const staging = new Staging(base);
  let created = 0;
  /** One staged operation: a task moved or re-ranked, a new task, or a task to the trash. */
  const stageOne = () => {
    const ids = [...base.tasks.get('b1')!.keys()];
    const id = pick(ids);
    const before = staging.task('b1', id);
    const roll = rand();
    if (roll < 0.1) {
      const after = { ...tasks[0]!, id: `n${created++}`, track: pick(TRACKS), column: pick(COLUMN_IDS), rank: rank() };
      staging.stage({ ...noEffects(), tasks: [{ boardId: 'b1', before: null, after }] });
    } else if (!before) return;
    else if (roll < 0.2) staging.stage({ ...noEffects(), tasks: [{ boardId: 'b1', before, after: null }] });
    else staging.stage({ ...noEffects(), tasks: [{ boardId: 'b1', before, after: { ...before, track: pick(TRACKS), column: pick(COLUMN_IDS), rank: rank(), version: before.version + 1 } }] });
  };
  return { rand, staging, base, stageOne };
}

/** What a cell must hold: every task the view sees there, by rank then id. */
function expectedCell(staging: Staging, ids: Iterable<string>, track: string, column: ColumnId): Task[] {
  const out: Task[] = [];
  for (const id of ids) {
    const t = staging.task('b1', id);
    if (t?.track === track && t.column === column) out.push(t);
  }
  return out.sort(byRank);
}

describe('Staging.cell', () => {
  it('equals the cell made from every visible task, over generated boards and staged layers', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { rand, staging, base, stageOne } = generated(seed);
      const everId = new Set<string>(base.tasks.get('b1')!.keys());
      for (let step = 0; step < 6; step++) {
        for (let k = Math.floor(rand() * 8); k > 0; k--) stageOne();
        for (let n = 0; n < 20; n++) everId.add(`n${n}`);
        const r = rand();
        if (r < 0.3) staging.seal();
        else if (r < 0.45 && !staging.empty) {
          staging.seal();
          staging.commitOldest();
        }
        for (const track of TRACKS)
          for (const column of COLUMN_IDS) {
            const cell = staging.cell('b1', track, column);
            expect(cell.map((t) => t.id), `seed ${seed}, step ${step}, ${track}/${column}`).toEqual(expectedCell(staging, everId, track, column).map((t) => t.id));
            expect(cell.every((t) => staging.task('b1', t.id) === t)).toBe(true);
          }
      }
    }
  });

  it('hands back the committed cell itself when no staged write touches it', () => {
    const { staging, base } = generated(7);
    const cell = base.cell('b1', 'cchc', 'doing');
    expect(staging.cell('b1', 'cchc', 'doing')).toBe(cell);
  });
});
