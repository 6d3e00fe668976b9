// The "5 rõ" rules and their 4- and 6-rõ variants (DOMAIN.md "5 rõ"): judge one task, and say
// in Vietnamese, and in English for the English UI, what to fix for every criterion it fails.
import type { Agency, Board, OffsetUnit, RoVariant, Task } from '../model.ts';
import type { CheckResult } from '../plugin.ts';
import { fold } from '../fold.ts';
import { deadlineOffset, describeOffsetFromEvent } from '../deadline.ts';
import { judgeOutput } from './output.ts';

export type RoCriterionId = 'ro-viec' | 'ro-nguoi' | 'ro-trach-nhiem' | 'ro-thoi-gian' | 'ro-ket-qua' | 'ro-tham-quyen' | 'ro-san-pham';

/** Each variant's criteria in order, with their Vietnamese and English labels ("Rõ việc" / "Clear task"). */
export const RO_CRITERIA: Record<RoVariant, ReadonlyArray<{ id: RoCriterionId; label: string; labelEn: string }>> = {
  '5ro': [
    { id: 'ro-viec', label: 'Rõ việc', labelEn: 'Clear task' },
    { id: 'ro-nguoi', label: 'Rõ người', labelEn: 'Clear owner' },
    { id: 'ro-trach-nhiem', label: 'Rõ trách nhiệm', labelEn: 'Clear responsibility' },
    { id: 'ro-thoi-gian', label: 'Rõ thời gian', labelEn: 'Clear deadline' },
    { id: 'ro-ket-qua', label: 'Rõ kết quả', labelEn: 'Clear result' },
  ],
  // Thanh Hóa: "rõ người, rõ việc, rõ thời gian, rõ kết quả".
  '4ro': [
    { id: 'ro-nguoi', label: 'Rõ người', labelEn: 'Clear owner' },
    { id: 'ro-viec', label: 'Rõ việc', labelEn: 'Clear task' },
    { id: 'ro-thoi-gian', label: 'Rõ thời gian', labelEn: 'Clear deadline' },
    { id: 'ro-ket-qua', label: 'Rõ kết quả', labelEn: 'Clear result' },
  ],
  // Kết luận 226-KL/TW: six points and "một việc chỉ phân công một đầu mối chủ trì".
  '6ro': [
    { id: 'ro-nguoi', label: 'Rõ người', labelEn: 'Clear owner' },
    { id: 'ro-viec', label: 'Rõ việc', labelEn: 'Clear task' },
    { id: 'ro-thoi-gian', label: 'Rõ thời gian', labelEn: 'Clear deadline' },
    { id: 'ro-trach-nhiem', label: 'Rõ trách nhiệm', labelEn: 'Clear responsibility' },
    { id: 'ro-tham-quyen', label: 'Rõ thẩm quyền', labelEn: 'Clear authority' },
    { id: 'ro-san-pham', label: 'Rõ sản phẩm', labelEn: 'Clear product' },
  ],
};

/**
 * Entries that name a whole class of units rather than one agency. "UBND cấp xã" counts as
 * collective: DOMAIN.md reads it as "UBND các xã, phường", i.e. every commune's committee.
 */
const COLLECTIVE_PATTERNS = [
  /^(?:cac|tat ca|toan bo|moi)\b/,
  /^(?:so|co quan|don vi) ban nganh\b/,
  /\b(?:cap xa|cap huyen|cap tinh)$/,
  /^(?:ubnd|uy ban nhan dan) (?:cac|cap)\b/,
  /^(?:dia phuong|don vi|co quan)(?: lien quan)?$/,
];

/** A directory folded once: every spelling → its canonical folded name (and the name as the directory prints it), and which names are collective. */
interface DirectoryIndex {
  canonical: Map<string, string>;
  printed: Map<string, string>;
  collective: Set<string>;
}
// Keyed by the directory array itself: a board's directory is folded once, not once per task × lead.
const INDEXES = new WeakMap<readonly Agency[], DirectoryIndex>();
const EMPTY_INDEX: DirectoryIndex = { canonical: new Map(), printed: new Map(), collective: new Set() };

function indexOf(directory: readonly Agency[]): DirectoryIndex {
  if (directory.length === 0) return EMPTY_INDEX;
  let index = INDEXES.get(directory);
  if (!index) {
    index = { canonical: new Map(), printed: new Map(), collective: new Set() };
    for (const a of directory) {
      const name = fold(a.name);
      if (!index.printed.has(name)) index.printed.set(name, a.name);
      for (const spelling of [name, ...a.aliases.map(fold)]) {
        if (!index.canonical.has(spelling)) index.canonical.set(spelling, name);
        if (a.collective) index.collective.add(spelling);
      }
    }
    INDEXES.set(directory, index);
  }
  return index;
}

/**
 * Agency names are few and repeated on every task: each is folded once. Bounded, so a stream of
 * distinct names (an import of a strange file) cannot grow it without end.
 */
const FOLDED = new Map<string, string>();
function foldName(name: string): string {
  let f = FOLDED.get(name);
  if (f === undefined) {
    if (FOLDED.size >= 20_000) FOLDED.clear();
    FOLDED.set(name, (f = fold(name)));
  }
  return f;
}

/** True for "Các sở, ban, ngành", "các địa phương", "UBND cấp xã", or an agency the board's directory marks collective. */
export function isCollectiveAgency(name: string, directory: readonly Agency[] = []): boolean {
  const f = foldName(name);
  if (f === '') return false;
  if (indexOf(directory).collective.has(f)) return true;
  return COLLECTIVE_PATTERNS.some((re) => re.test(f));
}

/**
 * One agency however it is spelt: `key` compares equal for "Sở KH&CN" and "Sở Khoa học và Công
 * nghệ" when the directory lists both, and `name` is the directory's name (else the text given).
 */
export function agencyIdentity(name: string, directory: readonly Agency[] = []): { key: string; name: string } {
  const key = agencyKey(name, directory);
  return { key, name: indexOf(directory).printed.get(key) ?? name.trim() };
}

/** `agencyIdentity(name, directory).key` without building the pair: for comparisons in loops. */
export function agencyKey(name: string, directory: readonly Agency[] = []): string {
  const folded = foldName(name);
  return indexOf(directory).canonical.get(folded) ?? folded;
}

const named = (list: readonly string[]) => list.map((s) => s.trim()).filter((s) => s !== '');
const quote = (s: string, max = 60) => `'${s.length > max ? `${s.slice(0, max - 1)}…` : s}'`;

/** The task fields the rules read: a checklist plugin declares them (`reads`), so a move keeps a task's results. */
export const JUDGED_FIELDS = ['content', 'leads', 'partners', 'owner', 'deadline', 'output', 'approver', 'extensions'] as const satisfies ReadonlyArray<keyof Task>;
type JudgedField = (typeof JUDGED_FIELDS)[number];

/** The fields the rules read; `extensions` is optional so drafts (no board yet) can be judged too. */
export type JudgedTask = Pick<Task, Exclude<JudgedField, 'extensions'>> & Partial<Pick<Task, 'extensions'>>;
type Verdict = { pass: true } | { pass: false; reason: string; reasonEn: string };
const ok: Verdict = { pass: true };
/**
 * A failed criterion's reason in Vietnamese and in English. The English quotes the task's own text
 * (agencies, a printed deadline) exactly as the Vietnamese does, so the board payload, which sends
 * reasons cut into phrases, sends those values once for both languages.
 */
const fail = (reason: string, reasonEn: string): Verdict => ({ pass: false, reason, reasonEn });

/**
 * "Rõ thời gian" → "Chưa rõ thời gian", and in English "Clear deadline" → "Unclear deadline": how triage
 * and reports name a failed criterion. A label in neither form is kept as it is.
 */
export function failedLabel(label: string): string {
  return label.replace(/^Rõ(?= |$)/, 'Chưa rõ').replace(/^Clear(?= |$)/, 'Unclear');
}

/** Four words or more: a heading ("Chuyển đổi số") has fewer. Tested in place, since content runs to 400 characters a task. */
const FOUR_WORDS = /\S+\s+\S+\s+\S+\s+\S/;

function roViec(t: JudgedTask): Verdict {
  const text = t.content.includes('<') ? t.content.replace(/<[^>]*>/g, ' ') : t.content;
  if (!/\S/.test(text)) return fail('Nội dung nhiệm vụ để trống — ghi việc cụ thể cần làm', 'The task has no content — write the concrete work to be done');
  if (!FOUR_WORDS.test(text) || /:\s*$/.test(text)) {
    const heading = quote(text.replace(/\s+/g, ' ').trim());
    return fail(`${heading} mới là tiêu đề — ghi hành động cụ thể (xây dựng, ban hành, triển khai…)`, `${heading} is only a heading — write a concrete action (draft, issue, deploy…)`);
  }
  return ok;
}

/**
 * Rõ người: a named owner holds the task; without one, exactly one named lead agency. Several leads
 * or a collective ("Các sở, ngành") without an owner fail; under 6 rõ several leads fail even with an
 * owner ("một việc chỉ phân công một đầu mối chủ trì").
 */
function roNguoi(t: JudgedTask, variant: RoVariant, directory: readonly Agency[]): Verdict {
  const leads = named(t.leads);
  const hasOwner = t.owner.trim() !== '';
  if (leads.length > 1 && (variant === '6ro' || !hasOwner)) {
    const list = quote(leads.join('; '), 120);
    return variant === '6ro'
      ? fail(
          `Có ${leads.length} cơ quan chủ trì (${list}) — theo Kết luận 226, một việc chỉ giao một đầu mối: chọn một đơn vị chủ trì, các đơn vị còn lại chuyển sang phối hợp`,
          `${leads.length} lead agencies (${list}) — under Conclusion 226 a task has one lead: choose one lead agency and move the others to coordinating`,
        )
      : fail(
          `Có ${leads.length} cơ quan chủ trì (${list}) — chọn một đơn vị chủ trì (các đơn vị còn lại chuyển sang phối hợp) hoặc giao người phụ trách`,
          `${leads.length} lead agencies (${list}) — choose one lead agency (move the others to coordinating) or name the person in charge`,
        );
  }
  if (hasOwner) return ok;
  if (leads.length === 0) {
    return fail('Chưa có cơ quan chủ trì hoặc người phụ trách — giao một đơn vị chủ trì hoặc ghi người phụ trách', 'No lead agency and no person in charge — assign one lead agency or name the person in charge');
  }
  if (isCollectiveAgency(leads[0]!, directory)) {
    const lead = quote(leads[0]!);
    return fail(
      `Cơ quan chủ trì ${lead} là tập thể, chưa phải một đầu mối — chọn một đơn vị chủ trì cụ thể hoặc giao người phụ trách`,
      `The lead agency ${lead} is a collective, not one responsible body — choose one specific lead agency or name the person in charge`,
    );
  }
  return ok;
}

/**
 * Rõ trách nhiệm: who leads and who coordinates are separate and named — a named lead agency, and
 * partners (if any) that are not a lead again. A collective lead with no named lead beside it fails;
 * having no partner at all is fine (DOMAIN.md: "partners (if any)").
 */
function roTrachNhiem(t: JudgedTask, directory: readonly Agency[]): Verdict {
  const leads = named(t.leads);
  if (leads.length === 0) return fail('Chưa ghi cơ quan chủ trì — ghi đơn vị chủ trì để tách vai trò chủ trì và phối hợp', 'No lead agency — name the lead agency, so that leading and coordinating are separate');
  if (leads.every((l) => isCollectiveAgency(l, directory))) {
    const list = quote(leads.join('; '), 120);
    return fail(
      `Chủ trì chỉ ghi tập thể (${list}) — chọn một đơn vị chủ trì cụ thể, các đơn vị khác ghi vào phối hợp`,
      `Only a collective leads (${list}) — choose one specific lead agency and list the others as coordinating`,
    );
  }
  const leadKeys = new Set(leads.map((l) => agencyKey(l, directory)));
  const both = named(t.partners).filter((p) => leadKeys.has(agencyKey(p, directory)));
  if (both.length > 0) {
    const list = quote(both.join('; '));
    return fail(`${list} vừa chủ trì vừa phối hợp — bỏ khỏi danh sách phối hợp`, `${list} both leads and coordinates — remove it from the coordinating agencies`);
  }
  return ok;
}

/**
 * Rõ thời gian: the deadline resolves to a date (or an extension granted one), or it recurs with a
 * stated cadence. A bare "Thường xuyên" (cadence `ongoing`), a conditional or a blank deadline fails.
 */
function roThoiGian(t: JudgedTask): Verdict {
  const d = t.deadline;
  if (d.due !== undefined && d.kind !== 'conditional' && d.kind !== 'none') return ok;
  if (d.kind === 'recurring' && d.cadence && d.cadence !== 'ongoing') return ok;
  if (t.extensions?.some((e) => e.due)) return ok;
  const raw = quote(d.raw, 80);
  if (d.kind === 'conditional') {
    const offset = deadlineOffset(d);
    return offset
      ? fail(
          offset.direction === 'before'
            ? `Thời hạn ${raw} tính ngược từ một sự kiện chưa có ngày — nhập ngày của sự kiện khi đã định (hạn là ${describeOffsetFromEvent(offset)})`
            : `Thời hạn ${raw} tính từ một sự kiện chưa có ngày — nhập ngày khi có hướng dẫn (hạn là ${describeOffsetFromEvent(offset)})`,
          offset.direction === 'before'
            ? `The deadline ${raw} counts back from an event that has no date yet — enter the event's date once it is set (due ${describeOffsetEn(offset)} before it)`
            : `The deadline ${raw} counts from an event that has no date yet — enter the date when guidance comes (due ${describeOffsetEn(offset)} after it)`,
        )
      : fail(`Thời hạn ${raw} là có điều kiện, chưa có ngày — nhập ngày khi có hướng dẫn`, `The deadline ${raw} is conditional and has no date yet — enter the date when guidance comes`);
  }
  if (d.kind === 'recurring') {
    return fail(`Thời hạn ${raw} chưa nêu chu kỳ — ghi rõ chu kỳ báo cáo (hằng tuần, hằng tháng, hằng quý…)`, `The deadline ${raw} names no cadence — state the reporting cadence (weekly, monthly, quarterly…)`);
  }
  if (d.raw.trim() === '') return fail('Chưa ghi thời hạn — nhập ngày hoàn thành, hoặc chu kỳ báo cáo nếu là việc thường xuyên', 'No deadline — enter a completion date, or a reporting cadence if the task is recurring');
  if (d.flags.includes('invalid-date')) return fail(`Thời hạn ${raw} có ngày không tồn tại trên lịch — sửa lại ngày`, `The deadline ${raw} has a date that is not on the calendar — correct the date`);
  return fail(`Thời hạn ${raw} không nêu ngày — nhập ngày hoàn thành cụ thể`, `The deadline ${raw} names no date — enter a specific completion date`);
}

const OFFSET_UNIT_EN: Record<OffsetUnit, [one: string, many: string]> = {
  day: ['day', 'days'],
  'working-day': ['working day', 'working days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
};
/** "10 days", "15 working days", "1 month": `describeOffset` in English. */
const describeOffsetEn = ({ amount, unit }: { amount: number; unit: OffsetUnit }): string => `${amount} ${OFFSET_UNIT_EN[unit][amount === 1 ? 0 : 1]}`;

const PRODUCT_EXAMPLES = 'Quyết định, Kế hoạch, Báo cáo, CSDL, "03 lớp được tổ chức"…';
const PRODUCT_EXAMPLES_EN = 'a decision, plan, report, database, "03 classes held"…';

/** Rõ kết quả / rõ sản phẩm: the output names a product; an activity ("Triển khai …") is not one. */
function roKetQua(t: JudgedTask): Verdict {
  const verdict = judgeOutput(t.output);
  switch (verdict.kind) {
    case 'product':
    case 'unknown':
      return ok;
    case 'empty':
      return fail(`Chưa ghi kết quả đầu ra — ghi sản phẩm cụ thể (${PRODUCT_EXAMPLES})`, `No output — name a specific product (${PRODUCT_EXAMPLES_EN})`);
    case 'activity': {
      const item = quote(verdict.item);
      return fail(`${item} là hoạt động, chưa phải sản phẩm — ghi sản phẩm tạo ra (${PRODUCT_EXAMPLES})`, `${item} is an activity, not a product — name the product it makes (${PRODUCT_EXAMPLES_EN})`);
    }
    case 'vague': {
      const item = quote(verdict.item);
      return fail(`${item} chưa nêu sản phẩm — ghi sản phẩm cụ thể (${PRODUCT_EXAMPLES})`, `${item} names no product — name a specific product (${PRODUCT_EXAMPLES_EN})`);
    }
  }
}

function roThamQuyen(t: JudgedTask): Verdict {
  if (t.approver.trim() !== '') return ok;
  return fail(
    'Chưa ghi ai phê duyệt / ký kết quả — ghi cấp có thẩm quyền (ví dụ Chủ tịch UBND tỉnh)',
    "No one is named to approve / sign the result — name the competent authority (e.g. the Chairman of the provincial People's Committee)",
  );
}

/** Judges one task under a variant; results follow `RO_CRITERIA[variant]` order, each reason in Vietnamese and English (empty when it passes). */
export function checkTask(task: JudgedTask, variant: RoVariant, board?: Pick<Board, 'agencies'>): CheckResult[] {
  const directory = board?.agencies ?? [];
  return RO_CRITERIA[variant].map(({ id, label }) => {
    const verdict: Verdict = (() => {
      switch (id) {
        case 'ro-viec': return roViec(task);
        case 'ro-nguoi': return roNguoi(task, variant, directory);
        case 'ro-trach-nhiem': return roTrachNhiem(task, directory);
        case 'ro-thoi-gian': return roThoiGian(task);
        case 'ro-ket-qua':
        case 'ro-san-pham': return roKetQua(task);
        case 'ro-tham-quyen': return roThamQuyen(task);
      }
    })();
    return verdict.pass ? { id, label, pass: true, reason: '', reasonEn: '' } : { id, label, pass: false, reason: verdict.reason, reasonEn: verdict.reasonEn };
  });
}

/** "4/5": passed criteria over all. */
export function checkScore(results: readonly CheckResult[]): string {
  return `${results.filter((r) => r.pass).length}/${results.length}`;
}
