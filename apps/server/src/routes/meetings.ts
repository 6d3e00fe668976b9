// Meetings of a board's steering committee: list and create them, edit or end one, mark a task
// "đã xem xét", and read a meeting's minutes (what it concluded, task by task). Every write is one
// named operation by the signed-in user; coordinators (the secretary) and leaders may hold meetings.
import { Hono, type Context } from 'hono';
import { CreateMeetingRequest, ReviewRequest, UpdateMeetingRequest, actorRef, type Meeting, type MeetingSnapshot } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import { jsonBody, notFound, operationError } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { actorOf, boardAccess, requireCan, viaOf, type BoardAccess } from '../auth/access.ts';
import { newId } from '../board-factory.ts';
import { minutesOf } from '../meeting-minutes.ts';

export const meetingRoutes = (s: Services) => {
  const access = (c: Context<AuthEnv>) => boardAccess(c, s.repository, c.req.param('boardId')!);
  async function meetingOf(a: BoardAccess, meetingId: string): Promise<Meeting> {
    const m = await s.repository.getRecord(a.board.id, 'meeting', meetingId);
    if (!m) throw notFound('cuộc họp', meetingId, 'Meeting', 'meetingId');
    return m;
  }
  const envelope = (c: Context<AuthEnv>, a: BoardAccess) => ({ actor: actorOf(a.user), via: viaOf(c), at: new Date().toISOString() });

  return new Hono<AuthEnv>()
    .get('/:boardId/meetings', async (c) => {
      const a = await access(c);
      requireCan(a, 'read', 'Meeting');
      // Newest first: the meeting about to start, then the past ones whose minutes people open.
      const list = [...(await s.repository.getRecords(a.board.id, 'meeting'))].sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : x.createdAt < y.createdAt ? 1 : -1));
      return c.json<Meeting[]>(list);
    })
    .post('/:boardId/meetings', jsonBody(CreateMeetingRequest), async (c) => {
      const a = await access(c);
      requireCan(a, 'create', 'Meeting');
      const body = c.req.valid('json');
      const env = envelope(c, a);
      const meeting: Meeting = { kind: 'meeting', id: newId('m'), boardId: a.board.id, ...body, reviewed: [], version: 0, createdBy: actorRef(env.actor), createdAt: env.at, updatedAt: env.at };
      const r = await s.repository.apply({ type: 'meeting.create', boardId: a.board.id, meeting, ...env });
      if (!r.ok) throw operationError(r.failure);
      return c.json<Meeting>(r.effects.records![0]!.after as Meeting, 201);
    })
    .get('/:boardId/meetings/:meetingId', async (c) => {
      const a = await access(c);
      requireCan(a, 'read', 'Meeting');
      return c.json<Meeting>(await meetingOf(a, c.req.param('meetingId')));
    })
    .patch('/:boardId/meetings/:meetingId', jsonBody(UpdateMeetingRequest), async (c) => {
      const a = await access(c);
      requireCan(a, 'update', 'Meeting');
      const { version, ...patch } = c.req.valid('json');
      const r = await s.repository.apply({ type: 'meeting.update', boardId: a.board.id, meetingId: c.req.param('meetingId'), expectedVersion: version, patch, ...envelope(c, a) });
      if (!r.ok) throw operationError(r.failure);
      return c.json<Meeting>(r.effects.records![0]!.after as Meeting);
    })
    .post('/:boardId/meetings/:meetingId/review', jsonBody(ReviewRequest), async (c) => {
      const a = await access(c);
      requireCan(a, 'update', 'Meeting');
      const meetingId = c.req.param('meetingId');
      const { taskId, reviewed } = c.req.valid('json');
      const r = await s.repository.apply({ type: 'meeting.review', boardId: a.board.id, meetingId, taskId, reviewed, ...envelope(c, a) });
      if (!r.ok) throw operationError(r.failure);
      // A repeated mark writes nothing; the meeting is as it was.
      return c.json<Meeting>((r.effects.records?.[0]?.after as Meeting | undefined) ?? (await meetingOf(a, meetingId)));
    })
    .get('/:boardId/meetings/:meetingId/minutes', async (c) => {
      const a = await access(c);
      requireCan(a, 'read', 'Meeting');
      return c.json<MeetingSnapshot>(await minutesOf(s, a.board, await meetingOf(a, c.req.param('meetingId'))));
    });
};
