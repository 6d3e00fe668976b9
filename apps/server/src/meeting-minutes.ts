// A meeting's tasks (its filter of the board) and its minutes: each conclusion it recorded beside its
// task, in the agenda's order, and the tasks it marked "đã xem xét" without concluding. The minutes
// route shows them on screen and the export route hands them to a minutes exporter (API 1.3).
import { filterTasks, filtersFromQuery, meetingAgenda, type Board, type Meeting, type MeetingSnapshot, type Task } from '@dondoc/shared';
import type { Services } from './deps.ts';

/** The board's tasks the meeting reviews: its filter applied as the board applies it. */
export async function meetingTasks(s: Services, board: Board, meeting: Meeting): Promise<Task[]> {
  const all = (await s.repository.getTasks(board.id)) ?? [];
  const filters = filtersFromQuery(meeting.filter);
  // Checks are only asked for when the filter names a failed criterion.
  const checks = filters.fail ? await s.payloads.checksFor(board, all) : {};
  return filterTasks(all, filters, { today: s.config.today(), failed: (t) => (checks[t.id] ?? []).filter((c) => !c.pass) });
}

/** What the meeting concluded and reviewed, in the order its agenda walks the tasks. */
export async function minutesOf(s: Services, board: Board, meeting: Meeting): Promise<MeetingSnapshot> {
  const all = (await s.repository.getTasks(board.id)) ?? [];
  const inMeeting = await meetingTasks(s, board, meeting);
  const agenda = meetingAgenda(board, inMeeting, { order: meeting.agenda, today: s.config.today() });
  const position = new Map(agenda.flatMap((sec) => sec.taskIds).map((id, i) => [id, i]));
  // A conclusion recorded on a task outside the filter still belongs to the minutes; it comes last.
  const at = (t: Task) => position.get(t.id) ?? Number.MAX_SAFE_INTEGER;
  const conclusions: MeetingSnapshot['conclusions'] = [];
  for (const task of all) for (const conclusion of task.conclusions) if (conclusion.meetingId === meeting.id) conclusions.push({ task, conclusion });
  conclusions.sort((a, b) => at(a.task) - at(b.task) || (a.conclusion.at < b.conclusion.at ? -1 : 1));
  const concluded = new Set(conclusions.map((c) => c.task.id));
  const byId = new Map(all.map((t) => [t.id, t]));
  const reviewedOnly = meeting.reviewed
    .map((r) => byId.get(r.taskId))
    .filter((t): t is Task => !!t && !concluded.has(t.id))
    .sort((a, b) => at(a) - at(b));
  return { meeting, conclusions, reviewedOnly };
}
