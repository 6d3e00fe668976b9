// Request bodies of the leaders' API — meetings, their "đã xem xét" marks, indicator readings — with a
// limit on every field; the Vietnamese names of their fields join the task-work ones for refusals.
import { z } from 'zod';
import { AgendaOrder, IsoDate } from './model.ts';
import { MeetingPatch } from './operations.ts';

/** `POST /api/boards/:boardId/meetings`. */
export const CreateMeetingRequest = z
  .object({
    title: z.string().trim().min(1).max(300),
    date: IsoDate,
    chair: z.string().trim().max(300).default(''),
    attendees: z.array(z.string().trim().min(1).max(300)).max(200).default([]),
    /** The board filter reviewed, as the board's URL query; empty: the whole board. */
    filter: z.record(z.string().max(20), z.string().max(300)).default({}),
    agenda: AgendaOrder.default('track'),
  })
  .strict();
export type CreateMeetingRequest = z.input<typeof CreateMeetingRequest>;
/** The body as the route reads it, every default filled: what a typed client sends. */
export type CreateMeetingBody = z.output<typeof CreateMeetingRequest>;

/** `PATCH …/meetings/:meetingId`: the fields to change and the version they were read at. */
export const UpdateMeetingRequest = MeetingPatch.extend({ version: z.number().int().nonnegative() }).strict();
export type UpdateMeetingRequest = z.input<typeof UpdateMeetingRequest>;

/** `POST …/meetings/:meetingId/review`: mark a task "đã xem xét", or take the mark back. */
export const ReviewRequest = z.object({ taskId: z.string().min(1).max(100), reviewed: z.boolean().default(true) }).strict();

/** `POST …/indicators/readings`: an indicator's value on a day. */
export const IndicatorReadingRequest = z
  .object({
    /** `indicatorKey` of one of the board's indicators. */
    indicator: z.string().min(1).max(300),
    value: z.number().finite().min(-1e12).max(1e12),
    note: z.string().trim().max(2000).default(''),
    asOf: IsoDate,
  })
  .strict();

/** Vietnamese names of these requests' fields. */
export const MEETING_FIELD_LABELS: Readonly<Record<string, string>> = {
  date: 'Ngày họp',
  chair: 'Người chủ trì',
  attendees: 'Thành phần dự họp',
  filter: 'Phạm vi (bộ lọc)',
  agenda: 'Thứ tự rà soát',
  closed: 'Kết thúc cuộc họp',
  taskId: 'Nhiệm vụ',
  reviewed: 'Đã xem xét',
  indicator: 'Chỉ tiêu',
  value: 'Giá trị',
  asOf: 'Ngày số liệu',
  meeting: 'Cuộc họp',
  meetingId: 'Cuộc họp',
};
