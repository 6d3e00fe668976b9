// What a parsed deadline's flags say to a person, in Vietnamese and English: apart from the parser so
// the web app's message trees take the words without the parser, which loads only with the views that read deadlines.
/**
 * Why a person should double-check a parsed deadline; codes in `Deadline.flags`, each said in Vietnamese
 * and English (the web app's message trees take both from here, as they do the status chips' words).
 */
export const DEADLINE_FLAG_LABELS = {
  'before-date': {
    vi: 'Ghi "trước ngày": hạn tính là chính ngày đó; có nơi hiểu là ngày liền trước',
    en: 'Written "before" a date ("trước ngày"): due on that very day; some read it as the day before',
  },
  'before-period': {
    vi: 'Ghi "trước" một tháng, quý hoặc năm: hạn là ngày cuối cùng trước khi kỳ đó bắt đầu',
    en: 'Written "before" a month, quarter or year: due on the last day before that period starts',
  },
  approximate: {
    vi: 'Ghi "đầu/giữa tháng" hoặc "đầu/giữa năm": hạn lấy mốc sớm nhất có thể hiểu, cần người xác nhận',
    en: 'Written "early/mid month" or "early/mid year": due at the earliest date it can mean; someone should confirm it',
  },
  'target-sentence': {
    vi: 'Ô thời hạn ghi một câu mục tiêu; hạn lấy từ mốc thời gian nêu trong câu',
    en: 'The deadline cell is a target sentence; the due date is taken from the time it names',
  },
  'several-dates': {
    vi: 'Ô thời hạn nêu nhiều ngày: hạn lấy ngày sớm nhất (không bao giờ muộn hơn văn bản), cần người xác nhận',
    en: 'The deadline cell names several dates: due at the earliest (never later than the text); someone should confirm it',
  },
  'invalid-date': {
    vi: 'Ô thời hạn có ngày không tồn tại trên lịch',
    en: 'The deadline cell has a date that is not on the calendar',
  },
  'event-bound': {
    vi: 'Thời hạn gắn với một sự kiện (kỳ họp, văn bản có hiệu lực…): chưa có ngày chắc chắn',
    en: 'The deadline hangs on an event (a council session, a document taking effect…): no firm date yet',
  },
  'week-of-month': {
    vi: 'Ghi "tuần … tháng": tuần tính từ thứ Hai đến Chủ nhật, tuần 1 là tuần có ngày mùng 1; hạn là Chủ nhật của tuần đó (không quá cuối tháng). Nếu văn bản tính tuần theo từng 7 ngày thì hạn muộn hơn, cần người xác nhận',
    en: 'Written "week … of the month": weeks run Monday to Sunday, week 1 being the one with the 1st; due on that week\'s Sunday (no later than the month\'s end). If the text counts weeks as runs of 7 days the due date is later; someone should confirm it',
  },
  'counted-from-date': {
    vi: 'Hạn tính từ ngày ghi trong ô: không tính ngày bắt đầu (Bộ luật Dân sự, Điều 147–148); ngày làm việc chỉ trừ thứ Bảy, Chủ nhật, chưa trừ ngày lễ',
    en: 'Counted from the date in the cell, not counting that day (Civil Code, Articles 147–148); working days leave out Saturdays and Sundays only, not public holidays',
  },
  'counted-before-date': {
    vi: 'Hạn tính lùi từ ngày ghi trong ô, không tính chính ngày đó (15 ngày trước 01/7 là 16/6); ngày làm việc chỉ trừ thứ Bảy, Chủ nhật: có ngày lễ xen giữa thì hạn thật sớm hơn, cần người xác nhận',
    en: 'Counted back from the date in the cell, not counting that day (15 days before 01/07 is 16/06); working days leave out Saturdays and Sundays only: with a public holiday between, the real due date is earlier; someone should confirm it',
  },
  'period-day-month': {
    vi: 'Ghi ngày của kỳ mà không ghi tháng: hạn tính là ngày đó của tháng cuối kỳ (tháng cuối quý, tháng 6 và 12, tháng 12) như chế độ báo cáo định kỳ; nếu văn bản tính theo tháng khác, cần người xác nhận',
    en: "A day of the period with no month: due on that day of the period's last month (the quarter's last month, June and December, December) as periodic reporting has it; if the text means another month, someone should confirm it",
  },
  'too-long': {
    vi: 'Ô thời hạn quá dài; chỉ đọc phần đầu',
    en: 'The deadline cell is too long; only its beginning was read',
  },
} as const satisfies Record<string, { vi: string; en: string }>;
export type DeadlineFlag = keyof typeof DEADLINE_FLAG_LABELS;
const FLAG_CODES: ReadonlySet<string> = new Set(Object.keys(DEADLINE_FLAG_LABELS));
/** A flag the parser sets (a code with a label), as against a sentence an importer wrote as its note. */
export const isDeadlineFlag = (flag: string): flag is DeadlineFlag => FLAG_CODES.has(flag);
/** What a flag says to a person: its label for a known code; a flag written as a sentence (an importer's note) as it is. */
export const deadlineFlagText = (flag: string, lang: 'vi' | 'en' = 'vi'): string => (isDeadlineFlag(flag) ? DEADLINE_FLAG_LABELS[flag][lang] : flag);
