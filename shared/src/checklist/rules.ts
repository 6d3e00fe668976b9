// The "5 rõ" rules and their 4- and 6-rõ variants (DOMAIN.md "5 rõ"): judge one task, and say
// in Vietnamese what to fix for every criterion it fails.
import type { Agency, Board, RoVariant, Task } from '../model.ts';
import type { CheckResult } from '../plugin.ts';
import { fold } from '../fold.ts';

export type RoCriterionId = 'ro-viec' | 'ro-nguoi' | 'ro-trach-nhiem' | 'ro-thoi-gian' | 'ro-ket-qua' | 'ro-tham-quyen' | 'ro-san-pham';

export const RO_CRITERIA: Record<RoVariant, ReadonlyArray<{ id: RoCriterionId; label: string }>> = {
  '5ro': [
    { id: 'ro-viec', label: 'Rõ việc' },
    { id: 'ro-nguoi', label: 'Rõ người' },
    { id: 'ro-trach-nhiem', label: 'Rõ trách nhiệm' },
    { id: 'ro-thoi-gian', label: 'Rõ thời gian' },
    { id: 'ro-ket-qua', label: 'Rõ kết quả' },
  ],
  // Thanh Hóa: "rõ người, rõ việc, rõ thời gian, rõ kết quả".
  '4ro': [
    { id: 'ro-nguoi', label: 'Rõ người' },
    { id: 'ro-viec', label: 'Rõ việc' },
    { id: 'ro-thoi-gian', label: 'Rõ thời gian' },
    { id: 'ro-ket-qua', label: 'Rõ kết quả' },
  ],
  // Kết luận 226-KL/TW: six points and "một việc chỉ phân công một đầu mối chủ trì".
  '6ro': [
    { id: 'ro-nguoi', label: 'Rõ người' },
    { id: 'ro-viec', label: 'Rõ việc' },
    { id: 'ro-thoi-gian', label: 'Rõ thời gian' },
    { id: 'ro-trach-nhiem', label: 'Rõ trách nhiệm' },
    { id: 'ro-tham-quyen', label: 'Rõ thẩm quyền' },
    { id: 'ro-san-pham', label: 'Rõ sản phẩm' },
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

/** True for "Các sở, ban, ngành", "các địa phương", "UBND cấp xã", or an agency the board's directory marks collective. */
export function isCollectiveAgency(name: string, directory: readonly Agency[] = []): boolean {
  const f = fold(name);
  if (f === '') return false;
  for (const a of directory) {
    if (!a.collective) continue;
    if (fold(a.name) === f || a.aliases.some((alias) => fold(alias) === f)) return true;
  }
  return COLLECTIVE_PATTERNS.some((re) => re.test(f));
}

/** The canonical name of an agency per the directory, so "Sở KH&CN" and "Sở Khoa học và Công nghệ" compare equal. */
function canonical(name: string, directory: readonly Agency[]): string {
  const f = fold(name);
  for (const a of directory) if (fold(a.name) === f || a.aliases.some((alias) => fold(alias) === f)) return fold(a.name);
  return f;
}

const named = (list: readonly string[]) => list.map((s) => s.trim()).filter((s) => s !== '');
const quote = (s: string, max = 60) => `'${s.length > max ? `${s.slice(0, max - 1)}…` : s}'`;

type Judged = Pick<Task, 'content' | 'leads' | 'partners' | 'owner' | 'deadline' | 'output' | 'approver'>;
type Verdict = { pass: true } | { pass: false; reason: string };
const ok: Verdict = { pass: true };
const fail = (reason: string): Verdict => ({ pass: false, reason });

function roViec(t: Judged): Verdict {
  const content = t.content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (content === '') return fail('Chưa rõ việc: nội dung nhiệm vụ để trống — hãy ghi việc cụ thể cần làm');
  if (content.split(' ').length < 4 || /:$/.test(content)) {
    return fail(`Chưa rõ việc: ${quote(content)} mới là tiêu đề — hãy ghi hành động cụ thể (xây dựng, ban hành, triển khai…)`);
  }
  return ok;
}

function roNguoi(t: Judged, variant: RoVariant, directory: readonly Agency[]): Verdict {
  const leads = named(t.leads);
  const owner = t.owner.trim();
  const individual = leads.filter((l) => !isCollectiveAgency(l, directory));
  if (variant === '6ro') {
    if (leads.length > 1) return fail(`Có ${leads.length} cơ quan chủ trì (${leads.join('; ')}) — theo Kết luận 226, một việc chỉ giao một đầu mối chủ trì`);
    if (leads.length === 1 && individual.length === 0) {
      return fail(`Cơ quan chủ trì ${quote(leads[0]!)} là tập thể, chưa phải một đầu mối — hãy ghi một cơ quan cụ thể`);
    }
    if (leads.length === 0 && owner === '') return fail('Chưa có cơ quan chủ trì hoặc người phụ trách — hãy giao một đầu mối');
    return ok;
  }
  if (owner !== '' || individual.length > 0) return ok;
  if (leads.length === 0) return fail('Chưa có cơ quan chủ trì hoặc người phụ trách — hãy giao cho một cơ quan hoặc một người');
  return fail(`Cơ quan chủ trì ${quote(leads.join('; '))} là tập thể, chưa phải một đầu mối — hãy ghi cơ quan cụ thể hoặc người phụ trách`);
}

function roTrachNhiem(t: Judged, directory: readonly Agency[]): Verdict {
  const leads = named(t.leads);
  if (leads.length === 0) return fail('Chưa rõ trách nhiệm: chưa ghi cơ quan chủ trì, nên chưa tách được ai chủ trì, ai phối hợp');
  const leadKeys = new Set(leads.map((l) => canonical(l, directory)));
  const both = named(t.partners).filter((p) => leadKeys.has(canonical(p, directory)));
  if (both.length > 0) return fail(`${quote(both.join('; '))} vừa chủ trì vừa phối hợp — hãy tách vai trò chủ trì và phối hợp`);
  return ok;
}

function roThoiGian(t: Judged): Verdict {
  const d = t.deadline;
  if (d.due !== undefined && d.kind !== 'conditional' && d.kind !== 'none') return ok;
  if (d.kind === 'recurring' && d.cadence) return ok;
  if (d.kind === 'conditional') {
    return fail(`Chưa có thời hạn cụ thể: thời hạn ${quote(d.raw, 80)} là có điều kiện — hãy đặt ngày hoặc đánh dấu thường xuyên`);
  }
  if (d.raw.trim() === '') return fail('Chưa có thời hạn — hãy đặt ngày hoàn thành hoặc đánh dấu thường xuyên');
  return fail(`Chưa có thời hạn cụ thể: ${quote(d.raw, 80)} không nêu ngày — hãy đặt ngày hoặc đánh dấu thường xuyên`);
}

function roKetQua(t: Judged, word: 'kết quả' | 'sản phẩm'): Verdict {
  const output = t.output.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (output === '') return fail(`Chưa rõ ${word}: chưa ghi kết quả đầu ra — hãy ghi sản phẩm cụ thể (Quyết định, Kế hoạch, Báo cáo, CSDL…)`);
  if (/^(?:hoan thanh|thuc hien|dat|tot|dung)(?: nhiem vu| ke hoach)?$/.test(fold(output))) {
    return fail(`Chưa rõ ${word}: ${quote(output)} chưa phải một sản phẩm — hãy ghi sản phẩm cụ thể (Quyết định, Báo cáo, số lớp tập huấn…)`);
  }
  return ok;
}

function roThamQuyen(t: Judged): Verdict {
  if (t.approver.trim() !== '') return ok;
  return fail('Chưa rõ thẩm quyền: chưa ghi ai phê duyệt / ký kết quả — hãy ghi cấp có thẩm quyền (ví dụ Chủ tịch UBND tỉnh)');
}

/** Judges one task under a variant; results follow `RO_CRITERIA[variant]` order. */
export function checkTask(task: Judged, variant: RoVariant, board?: Pick<Board, 'agencies'>): CheckResult[] {
  const directory = board?.agencies ?? [];
  return RO_CRITERIA[variant].map(({ id, label }) => {
    const verdict: Verdict = (() => {
      switch (id) {
        case 'ro-viec': return roViec(task);
        case 'ro-nguoi': return roNguoi(task, variant, directory);
        case 'ro-trach-nhiem': return roTrachNhiem(task, directory);
        case 'ro-thoi-gian': return roThoiGian(task);
        case 'ro-ket-qua': return roKetQua(task, 'kết quả');
        case 'ro-san-pham': return roKetQua(task, 'sản phẩm');
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
