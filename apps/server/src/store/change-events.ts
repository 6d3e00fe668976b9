// A change record as live updates announce it: which board, which tasks, whether the board itself
// changed. One function, so both stores announce the same events for the same records.
import type { ChangeRecord } from '@dondoc/shared';
import type { ChangeEvent } from './repository.ts';

export function changeEventOf(r: ChangeRecord): ChangeEvent {
  return {
    seq: r.seq,
    op: r.op,
    at: r.at,
    ...(r.board ? { boardId: r.board } : {}),
    taskIds: r.tasks ?? [],
    boardChanged: r.changes.some((c) => c.entity === 'board' && (c.created || c.deleted || Object.keys(c.fields ?? {}).some((f) => f !== 'revision' && f !== 'updatedAt'))),
    records: r.changes.flatMap((c) => (c.entity === 'record' ? [{ kind: c.kind, id: c.id }] : [])),
    actor: { kind: r.actor.kind, id: r.actor.id, name: r.actor.name },
  };
}
