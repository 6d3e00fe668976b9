// The Thông báo kết luận (minutes) of a meeting, as the standing office issues it after the steering
// committee met: the NĐ 30 header block, "THÔNG BÁO" with the subject naming the chair and the
// meeting, who met when, then each conclusion under its task's address — the decision, a new
// deadline granted (an extension), who follows it up — the tasks reviewed without a conclusion,
// the closing sentence, the signature and Nơi nhận. Pure, so every exporter prints the same words.
import type { BoardSnapshot, MeetingSnapshot } from '../plugin.ts';
import type { Task } from '../model.ts';
import { formatDateVi } from '../dates.ts';
import { taskAddress } from '../address.ts';
import { leadsText, nd30Header, nd30Signature, planReference, vietnameseDateLine, type Nd30Header, type Nd30Signature } from './common.ts';

export interface MinutesItem {
  /** "1.", "2." as the Thông báo numbers its points. */
  number: string;
  /** "PL II · IV.3": the task's place in the plan. */
  address: string;
  content: string;
  leads: string;
  decision: string;
  /** "31/01/2026" when the conclusion granted a new deadline. */
  newDue?: string;
  /** The due date before it, when there was one. */
  previousDue?: string;
  followUp: string;
}

export interface Minutes {
  header: Nd30Header;
  /** "THÔNG BÁO" */
  kind: string;
  /** "Kết luận của đồng chí … tại cuộc họp …" */
  subject: string;
  /** Who met, when, on what: the opening paragraph. */
  opening: string;
  attendees: string;
  items: MinutesItem[];
  /** Tasks the meeting reviewed and left as they were. */
  reviewedOnly: Array<{ address: string; content: string; leads: string }>;
  closing: string;
  signature: Nd30Signature;
}

/** A task's address, or its printed number when it has no place in a plan. */
const addressOf = (t: Task): string => taskAddress(t).short || t.ordinal || '—';

/** The minutes of the snapshot's meeting; throws when the snapshot carries none (the exporter asked for one). */
export function buildMinutes(snapshot: BoardSnapshot): Minutes {
  const m: MeetingSnapshot | undefined = snapshot.meeting;
  if (!m) throw new Error('Thông báo kết luận cần một cuộc họp (snapshot.meeting) / minutes need a meeting');
  const { board } = snapshot;
  const meeting = m.meeting;
  const chair = meeting.chair.trim() || '……';
  const issuer = board.settings.issuer.trim();
  const items: MinutesItem[] = m.conclusions.map(({ task, conclusion }, i) => {
    const extension = task.extensions.find((x) => x.conclusionId === conclusion.id);
    return {
      number: `${i + 1}.`,
      address: addressOf(task),
      content: task.content,
      leads: leadsText(task),
      decision: conclusion.text.trim(),
      ...(conclusion.newDue ? { newDue: formatDateVi(conclusion.newDue) } : {}),
      ...(extension?.previousDue ? { previousDue: formatDateVi(extension.previousDue) } : {}),
      followUp: conclusion.followUp.trim(),
    };
  });
  // Dated the day of the meeting: a Thông báo kết luận reports that meeting. The board's number suffix
  // names its reports ("BC-BCĐ"); a Thông báo takes the same issuer's code with its own kind ("TB-BCĐ").
  const header = nd30Header(board, meeting.date, 'TB');
  header.numberLine = header.numberLine.replace(/\/(BC|KH|CV|QĐ)-/u, '/TB-');
  return {
    header,
    kind: 'THÔNG BÁO',
    subject: `Kết luận của ${chair} tại cuộc họp ${meeting.title.trim()}`,
    opening:
      `${vietnameseDateLine(meeting.date).replace(/^n/, 'N')}, ${chair} chủ trì cuộc họp ${meeting.title.trim()}, ` +
      `rà soát tình hình thực hiện ${planReference(board)}` +
      `${m.conclusions.length + m.reviewedOnly.length > 0 ? ` (${m.conclusions.length + m.reviewedOnly.length} nhiệm vụ được xem xét)` : ''}. ` +
      `Sau khi nghe báo cáo và ý kiến của các cơ quan, đơn vị dự họp, ${chair} kết luận như sau:`,
    attendees: meeting.attendees.length > 0 ? `Tham dự cuộc họp có: ${meeting.attendees.join('; ')}.` : '',
    items,
    reviewedOnly: m.reviewedOnly.map((t) => ({ address: addressOf(t), content: t.content, leads: leadsText(t) })),
    // The issuer as the board's settings spell it: lower-casing it would spoil its abbreviations (KHCN, CĐS).
    closing: `${issuer || 'Cơ quan thường trực'} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.`,
    signature: nd30Signature(board),
  };
}

/** One conclusion as the Thông báo words it: the task, then what was decided, the new deadline and who follows it up. */
export function minutesItemText(item: MinutesItem): { task: string; decision: string } {
  const extra = [
    item.newDue ? `Gia hạn thời hạn hoàn thành đến ngày ${item.newDue}${item.previousDue ? ` (thời hạn trước: ${item.previousDue})` : ''}.` : '',
    item.followUp ? `Giao ${item.followUp} theo dõi, đôn đốc.` : '',
  ].filter(Boolean);
  return {
    task: `${item.number} Nhiệm vụ ${item.address}: ${item.content}${item.leads ? ` (${item.leads} chủ trì)` : ''}.`,
    decision: [`Kết luận: ${item.decision}${/[.!?]$/.test(item.decision) ? '' : '.'}`, ...extra].join(' '),
  };
}
