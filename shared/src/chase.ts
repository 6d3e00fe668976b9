// Chasing (đôn đốc): per lead agency, the open tasks that are late and those due in the next days,
// with each task's last update; and the weekly or monthly chase-up written as a short official
// dispatch (công văn đôn đốc) a coordinator can copy or download.
import { compareVietnamese } from './fold.ts';
import type { Board, IsoDate, Task } from './model.ts';
import { addDays, formatDateVi, splitIsoDate, todayInVietnam } from './dates.ts';
import { agencyIdentity } from './checklist/rules.ts';
import { classifyTask } from './status.ts';
import { parsePeriodKey, periodInSentence, periodOf } from './periods.ts';
import { taskAddress } from './address.ts';

export interface ChaseItem {
  taskId: string;
  /** Where the task stands in its plan ("PL I · 3", or the printed "I.3"); may be empty. */
  address: string;
  /** The same in words, for a letter ("Phụ lục I, nhiệm vụ 3"); may be empty. */
  place: string;
  content: string;
  /** The due date in force (an extension's when granted; for a recurring task, its owed period report's). */
  due: IsoDate;
  /** For a recurring task chased for a period's report: the period's key ("2026-05"). */
  period?: string;
  extended: boolean;
  /** Days late (≥ 1) for late tasks; days left (0 = due today) for tasks falling due. */
  days: number;
  /** When the task was last written (ISO instant); undefined when it never was since the board was made. */
  lastUpdate?: string;
  column: Task['column'];
}

export interface AgencyChase {
  /** The agency as the directory names it (else as printed); "" for tasks with no lead. */
  agency: string;
  /** Most days late first. */
  late: ChaseItem[];
  /** Soonest first. */
  dueSoon: ChaseItem[];
  /** Its tasks waiting for the standing agency's check ("Chờ xác nhận"): not chased, since the unit has acted. */
  awaitingConfirmation: number;
}

export interface ChaseList {
  today: IsoDate;
  /** "Due soon" means due within this many days from today, today included. */
  days: number;
  /** Agencies with something to chase; most late tasks first, then most due, then by name. */
  agencies: AgencyChase[];
  /** Distinct tasks (a task with two leads is listed under both, counted once here). */
  totals: { late: number; dueSoon: number };
}

export interface ChaseOptions {
  /** Look-ahead for "sắp đến hạn"; default 7 (DOMAIN.md: trackers use 3 or 7). */
  days?: number;
  /** Only this agency (a unit's own view), matched however it is spelt. */
  agency?: string;
}

type Chased = Pick<Task, 'id' | 'ordinal' | 'group' | 'content' | 'leads' | 'column' | 'deadline' | 'createdAt' | 'updatedAt'> &
  Partial<Pick<Task, 'completedAt'>> & { periodReports?: ReadonlyArray<Pick<Task['periodReports'][number], 'period' | 'done'>> };

/** The list the chase view shows. Open tasks only; "Chờ xác nhận" is counted apart, not chased. */
export function chaseList(board: Pick<Board, 'agencies'>, tasks: Iterable<Chased>, today: IsoDate, opts: ChaseOptions = {}): ChaseList {
  const days = opts.days ?? 7;
  const only = opts.agency === undefined ? undefined : agencyIdentity(opts.agency, board.agencies).key;
  const byAgency = new Map<string, AgencyChase>();
  const lateIds = new Set<string>();
  const soonIds = new Set<string>();
  const entry = (lead: string): AgencyChase | undefined => {
    const { key, name } = lead.trim() === '' ? { key: '', name: '' } : agencyIdentity(lead, board.agencies);
    if (only !== undefined && key !== only) return undefined;
    let a = byAgency.get(key);
    if (!a) byAgency.set(key, (a = { agency: name, late: [], dueSoon: [], awaitingConfirmation: 0 }));
    return a;
  };
  for (const t of tasks) {
    if (t.column === 'done') continue;
    const leads = t.leads.filter((l) => l.trim() !== '');
    const targets = (leads.length > 0 ? leads : ['']).map(entry).filter((a): a is AgencyChase => a !== undefined);
    if (targets.length === 0) continue;
    if (t.column === 'review') {
      for (const a of targets) a.awaitingConfirmation++;
      continue;
    }
    const status = classifyTask(t, today, { soonDays: days });
    if (status.due === undefined || status.daysLeft === undefined) continue;
    const late = status.timeliness === 'late';
    if (!late && !status.dueSoon) continue;
    const where = taskAddress(t);
    const item: ChaseItem = {
      taskId: t.id,
      address: where.short,
      place: where.long,
      content: t.content,
      due: status.due,
      ...(status.period ? { period: status.period.key } : {}),
      extended: status.extended,
      days: late ? -status.daysLeft : status.daysLeft,
      ...(t.updatedAt !== t.createdAt ? { lastUpdate: t.updatedAt } : {}),
      column: t.column,
    };
    for (const a of targets) (late ? a.late : a.dueSoon).push(item);
    (late ? lateIds : soonIds).add(t.id);
  }
  const agencies = [...byAgency.values()].filter((a) => a.late.length + a.dueSoon.length > 0);
  for (const a of agencies) {
    a.late.sort((x, y) => y.days - x.days || x.due.localeCompare(y.due));
    a.dueSoon.sort((x, y) => x.days - y.days);
  }
  agencies.sort((x, y) => y.late.length - x.late.length || y.dueSoon.length - x.dueSoon.length || compareVietnamese(x.agency, y.agency));
  return { today, days, agencies, totals: { late: lateIds.size, dueSoon: soonIds.size } };
}

export interface DigestOptions {
  /** Weekly ("tuần 51/2025") or monthly ("tháng 12/2025") chase-up; default weekly. */
  cadence?: 'weekly' | 'monthly';
  /** Date units must update by; default the next Friday for a weekly chase-up, a week ahead for a monthly one. */
  replyBy?: IsoDate;
  /** Longest task text quoted, in characters; default 200 (cut at a word, with "…"). */
  maxContent?: number;
}

type DigestBoard = Pick<Board, 'title' | 'agencies' | 'settings'> & Partial<Pick<Board, 'plan'>>;

/** Nghị định 30/2020: days below 10, and months 1 and 2, take a leading zero ("ngày 05 tháng 02 năm 2026"). */
export function formatDateLongVi(iso: IsoDate): string {
  const [y, m, d] = splitIsoDate(iso);
  return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? `0${m}` : m} năm ${y}`;
}

const shorten = (text: string, max: number): string => {
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:.-]+$/, '')}…`;
};

function lastUpdateText(iso: string | undefined): string {
  if (iso === undefined) return 'chưa cập nhật';
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? 'chưa rõ' : formatDateVi(todayInVietnam(t));
}

/** The first Friday after `today`: Thái Nguyên's units report by Friday. */
function nextFriday(today: IsoDate): IsoDate {
  const [y, m, d] = splitIsoDate(today);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // Sunday 0 … Saturday 6
  return addDays(today, ((5 - weekday + 7) % 7) || 7);
}

/** "Kế hoạch số 12/KH-BCĐ ngày 15/11/2025 của Ban Chỉ đạo tỉnh", or the board's title when no plan is recorded. */
function planReference(board: DigestBoard): string {
  const plan = board.plan;
  if (!plan || (plan.number.trim() === '' && plan.title.trim() === '')) return `các nhiệm vụ tại ${board.title}`;
  const number = plan.number.trim();
  // A draft's "Số: /KH-BCĐ" has no number yet: cite the plan by its title instead.
  const hasNumber = /^\d/.test(number);
  const kind = /^(kế hoạch|chương trình|quyết định)/iu.exec(plan.title)?.[1] ?? 'Kế hoạch';
  const head = hasNumber ? `${kind[0]!.toUpperCase()}${kind.slice(1).toLowerCase()} số ${number}` : plan.title.trim();
  const date = plan.date ? ` ngày ${formatDateVi(plan.date)}` : '';
  const issuer = plan.issuer.trim() ? ` của ${plan.issuer.trim()}` : '';
  return `${head}${date}${issuer}`;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
const roman = (n: number) => ROMAN[n - 1] ?? String(n);

/** One table a section: "STT | Nhiệm vụ | Thời hạn | Số ngày quá hạn | Cập nhật gần nhất", then a row per task. */
function itemTable(items: readonly ChaseItem[], late: boolean, maxContent: number): string[] {
  const cell = (s: string) => s.replace(/\s*\|\s*/g, ' / ');
  const header = `STT | Nhiệm vụ | Thời hạn | ${late ? 'Số ngày quá hạn' : 'Số ngày còn lại'} | Cập nhật gần nhất`;
  return [
    header,
    ...items.map((it, i) => {
      const period = it.period ? parsePeriodKey(it.period) : undefined;
      const place = `${it.place ? ` (${it.place})` : ''}${period ? ` — báo cáo ${periodInSentence(period)}` : ''}`;
      const due = `${formatDateVi(it.due)}${it.extended ? ' (đã gia hạn)' : ''}`;
      const days = late ? String(it.days) : it.days === 0 ? '0 (đến hạn hôm nay)' : String(it.days);
      return [String(i + 1), cell(shorten(it.content, maxContent) + place), due, days, lastUpdateText(it.lastUpdate)].join(' | ');
    }),
  ];
}

/**
 * The chase-up as a Vietnamese official would send it: header (issuing body, number, place and date),
 * "V/v" subject, "Kính gửi", the situation in one sentence, the list by agency (late, then falling
 * due, each a table: STT, task, deadline, days late or left, last update), a closing that asks units
 * to update before a date, "Nơi nhận" and the signature block. Header and signature come from the
 * board settings and are left out where blank; nothing depends on the clock but `list.today`.
 */
export function chaseDigest(list: ChaseList, board: DigestBoard, opts: DigestOptions = {}): string {
  const cadence = opts.cadence ?? 'weekly';
  const maxContent = opts.maxContent ?? 200;
  const s = board.settings;
  const today = list.today;
  const replyBy = opts.replyBy ?? (cadence === 'weekly' ? nextFriday(today) : addDays(today, 7));
  const period = periodOf(today, cadence);
  const periodName = cadence === 'weekly' ? `tuần ${period.label.replace(/^Tuần /, '').replace(/ \(.*\)$/, '')}` : period.label.toLowerCase();
  const issuer = s.issuer.trim();
  const named = list.agencies.filter((a) => a.agency !== '');
  const lines: string[] = [];

  // Header: issuing body on the left of a printed page, national motto on the right; in plain text one after the other.
  if (s.issuerParent.trim()) lines.push(s.issuerParent.trim().toUpperCase());
  if (issuer) lines.push(issuer.toUpperCase());
  if (s.numberSuffix.trim()) lines.push(`Số:       /${s.numberSuffix.trim()}`);
  lines.push(`V/v đôn đốc thực hiện nhiệm vụ ${periodName}`, '');
  lines.push('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '');
  const dateLine = formatDateLongVi(today);
  lines.push(s.place.trim() ? `${s.place.trim()}, ${dateLine}` : `${dateLine[0]!.toUpperCase()}${dateLine.slice(1)}`, '');

  if (named.length === 1) lines.push(`Kính gửi: ${named[0]!.agency}.`);
  else if (named.length > 1) lines.push('Kính gửi:', ...named.map((a, i) => `- ${a.agency}${i === named.length - 1 ? '.' : ';'}`));
  else lines.push('Kính gửi: Các cơ quan, đơn vị được giao nhiệm vụ.');
  lines.push('');

  const who = issuer ? issuer : 'Cơ quan thường trực';
  const asOf = `Tính đến ${formatDateLongVi(today)}`;
  if (list.totals.late + list.totals.dueSoon === 0) {
    lines.push(`Thực hiện ${planReference(board)}, ${who} thông báo: ${asOf}, không có nhiệm vụ quá hạn hoặc đến hạn trong ${list.days} ngày tới.`, '');
  } else {
    lines.push(
      `Thực hiện ${planReference(board)}, ${who} đôn đốc các cơ quan, đơn vị thực hiện nhiệm vụ được giao. ${asOf}, còn ${list.totals.late} nhiệm vụ quá hạn và ${list.totals.dueSoon} nhiệm vụ đến hạn trong ${list.days} ngày tới, cụ thể như sau:`,
      '',
    );
    list.agencies.forEach((a, i) => {
      const counts = [a.late.length ? `${a.late.length} nhiệm vụ quá hạn` : '', a.dueSoon.length ? `${a.dueSoon.length} nhiệm vụ sắp đến hạn` : ''].filter(Boolean).join(', ');
      lines.push(`${roman(i + 1)}. ${a.agency || 'Nhiệm vụ chưa giao cơ quan chủ trì'}: ${counts}`);
      let section = 0;
      if (a.late.length) lines.push(`${++section}. Nhiệm vụ quá hạn`, ...itemTable(a.late, true, maxContent));
      if (a.dueSoon.length) lines.push(`${++section}. Nhiệm vụ đến hạn trong ${list.days} ngày tới`, ...itemTable(a.dueSoon, false, maxContent));
      lines.push('');
    });
    lines.push(
      `Đề nghị Thủ trưởng các cơ quan, đơn vị khẩn trương chỉ đạo thực hiện các nhiệm vụ nêu trên; cập nhật tiến độ, kết quả thực hiện và minh chứng trên hệ thống trước ${formatDateLongVi(replyBy)}. Trường hợp có khó khăn, vướng mắc, đề nghị báo cáo cụ thể, đề xuất giải pháp tháo gỡ để ${who} tổng hợp, báo cáo cấp có thẩm quyền xem xét, giải quyết./.`,
      '',
    );
  }

  lines.push('Nơi nhận:', named.length > 0 ? '- Như trên;' : '- Các cơ quan, đơn vị liên quan;', ...s.recipients.filter((r) => r.trim()).map((r) => `- ${r.trim().replace(/[;.]$/, '')};`), '- Lưu: VT.', '');
  if (s.signerAuthority.trim()) lines.push(s.signerAuthority.trim().toUpperCase());
  if (s.signerTitle.trim()) lines.push(s.signerTitle.trim().toUpperCase());
  if (s.signerName.trim()) lines.push('', '', s.signerName.trim());
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

/** "don-doc-tuan-51-2025.txt", "don-doc-thang-12-2025.txt": the digest's download name. */
export function chaseDigestFileName(today: IsoDate, cadence: 'weekly' | 'monthly' = 'weekly'): string {
  const key = periodOf(today, cadence).key; // "2025-W51", "2025-12"
  const [year, part] = key.split('-') as [string, string];
  return cadence === 'weekly' ? `don-doc-tuan-${Number(part.slice(1))}-${year}.txt` : `don-doc-thang-${Number(part)}-${year}.txt`;
}

