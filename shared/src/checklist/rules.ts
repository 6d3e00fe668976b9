// The "5 rõ" rules and their 4- and 6-rõ variants (DOMAIN.md "5 rõ"): judge one task, and say
// in Vietnamese what to fix for every criterion it fails.
import type { Agency, Board, RoVariant, Task } from '../model.ts';
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
type Verdict = { pass: true } | { pass: false; reason: string };
const ok: Verdict = { pass: true };
const fail = (reason: string): Verdict => ({ pass: false, reason });

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
  if (!/\S/.test(text)) return fail('Nội dung nhiệm vụ để trống — ghi việc cụ thể cần làm');
  if (!FOUR_WORDS.test(text) || /:\s*$/.test(text)) {
    return fail(`${quote(text.replace(/\s+/g, ' ').trim())} mới là tiêu đề — ghi hành động cụ thể (xây dựng, ban hành, triển khai…)`);
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
      ? fail(`Có ${leads.length} cơ quan chủ trì (${list}) — theo Kết luận 226, một việc chỉ giao một đầu mối: chọn một đơn vị chủ trì, các đơn vị còn lại chuyển sang phối hợp`)
      : fail(`Có ${leads.length} cơ quan chủ trì (${list}) — chọn một đơn vị chủ trì (các đơn vị còn lại chuyển sang phối hợp) hoặc giao người phụ trách`);
  }
  if (hasOwner) return ok;
  if (leads.length === 0) return fail('Chưa có cơ quan chủ trì hoặc người phụ trách — giao một đơn vị chủ trì hoặc ghi người phụ trách');
  if (isCollectiveAgency(leads[0]!, directory)) {
    return fail(`Cơ quan chủ trì ${quote(leads[0]!)} là tập thể, chưa phải một đầu mối — chọn một đơn vị chủ trì cụ thể hoặc giao người phụ trách`);
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
  if (leads.length === 0) return fail('Chưa ghi cơ quan chủ trì — ghi đơn vị chủ trì để tách vai trò chủ trì và phối hợp');
  if (leads.every((l) => isCollectiveAgency(l, directory))) {
    return fail(`Chủ trì chỉ ghi tập thể (${quote(leads.join('; '), 120)}) — chọn một đơn vị chủ trì cụ thể, các đơn vị khác ghi vào phối hợp`);
  }
  const leadKeys = new Set(leads.map((l) => agencyKey(l, directory)));
  const both = named(t.partners).filter((p) => leadKeys.has(agencyKey(p, directory)));
  if (both.length > 0) return fail(`${quote(both.join('; '))} vừa chủ trì vừa phối hợp — bỏ khỏi danh sách phối hợp`);
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
        )
      : fail(`Thời hạn ${raw} là có điều kiện, chưa có ngày — nhập ngày khi có hướng dẫn`);
  }
  if (d.kind === 'recurring') return fail(`Thời hạn ${raw} chưa nêu chu kỳ — ghi rõ chu kỳ báo cáo (hằng tuần, hằng tháng, hằng quý…)`);
  if (d.raw.trim() === '') return fail('Chưa ghi thời hạn — nhập ngày hoàn thành, hoặc chu kỳ báo cáo nếu là việc thường xuyên');
  if (d.flags.includes('invalid-date')) return fail(`Thời hạn ${raw} có ngày không tồn tại trên lịch — sửa lại ngày`);
  return fail(`Thời hạn ${raw} không nêu ngày — nhập ngày hoàn thành cụ thể`);
}

const PRODUCT_EXAMPLES = 'Quyết định, Kế hoạch, Báo cáo, CSDL, "03 lớp được tổ chức"…';

/** Rõ kết quả / rõ sản phẩm: the output names a product; an activity ("Triển khai …") is not one. */
function roKetQua(t: JudgedTask): Verdict {
  const verdict = judgeOutput(t.output);
  switch (verdict.kind) {
    case 'product':
    case 'unknown':
      return ok;
    case 'empty':
      return fail(`Chưa ghi kết quả đầu ra — ghi sản phẩm cụ thể (${PRODUCT_EXAMPLES})`);
    case 'activity':
      return fail(`${quote(verdict.item)} là hoạt động, chưa phải sản phẩm — ghi sản phẩm tạo ra (${PRODUCT_EXAMPLES})`);
    case 'vague':
      return fail(`${quote(verdict.item)} chưa nêu sản phẩm — ghi sản phẩm cụ thể (${PRODUCT_EXAMPLES})`);
  }
}

function roThamQuyen(t: JudgedTask): Verdict {
  if (t.approver.trim() !== '') return ok;
  return fail('Chưa ghi ai phê duyệt / ký kết quả — ghi cấp có thẩm quyền (ví dụ Chủ tịch UBND tỉnh)');
}

/** Judges one task under a variant; results follow `RO_CRITERIA[variant]` order. */
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
    return { id, label, pass: verdict.pass, reason: verdict.pass ? '' : verdict.reason };
  });
}

/** "4/5": passed criteria over all. */
export function checkScore(results: readonly CheckResult[]): string {
  return `${results.filter((r) => r.pass).length}/${results.length}`;
}
