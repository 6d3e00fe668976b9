// The plain-text summary `pnpm dondoc import` prints: metadata, tables and sections with their
// tracks and counts, indicators, rhythm, and the first warnings with their source lines.
import { BUILTIN_TRACKS, formatDateVi, type ImportResult, type Plan } from '@dondoc/shared';

export interface SummaryOptions {
  /** Warnings listed one by one before the rest are only counted (default 10). */
  maxWarnings?: number;
}

const CADENCE_LABELS: Record<string, string> = {
  daily: 'hằng ngày',
  weekly: 'hằng tuần',
  monthly: 'hằng tháng',
  quarterly: 'hằng quý',
  yearly: 'hằng năm',
  ongoing: 'thường xuyên',
};

export function trackLabel(id: string): string {
  const builtin = BUILTIN_TRACKS.find((t) => t.id === id);
  return builtin ? `${builtin.label} (${id})` : id;
}

const tasksIn = (plan: Plan, table: string, section?: string): number =>
  plan.tasks.filter((t) => t.group?.[0] === table && (section === undefined || t.group?.[1] === section)).length;

export function formatSummary(result: ImportResult & { form?: string; textForm?: string }, options: SummaryOptions = {}): string {
  const { plan, tables } = result;
  const maxWarnings = options.maxWarnings ?? 10;
  const out: string[] = [];
  out.push(`Kế hoạch: ${plan.title || '(không ghi tên)'}`);
  const meta = [
    plan.number && `Số: ${plan.number}`,
    plan.date && `Ngày: ${formatDateVi(plan.date)}`,
    plan.issuer && `Ban hành: ${plan.issuer}`,
    plan.province && `Địa bàn: ${plan.province}`,
    `Yêu cầu: ${plan.roVariant.replace('ro', ' rõ')}`,
  ].filter(Boolean);
  out.push(meta.join(' · '));
  if (result.form) out.push(`Dạng tệp: ${result.form}${result.textForm ? ` (${result.textForm})` : ''}`);

  out.push('', `Bảng (${tables.length}):`);
  for (const t of tables) {
    if (t.kind === 'tasks') {
      out.push(`  ${t.title} — ${trackLabel(t.track)}: ${t.count} nhiệm vụ`);
      for (const s of plan.sections.filter((s) => s.id.startsWith(`${t.title}/`))) {
        out.push(`    ${s.title} — ${trackLabel(s.track ?? t.track)}: ${tasksIn(plan, t.title, s.title)} nhiệm vụ`);
      }
    } else if (t.kind === 'indicators') out.push(`  ${t.title} — chỉ tiêu: ${t.count}`);
    else out.push(`  ${t.title} — bỏ qua (không nhận ra dòng tiêu đề)`);
  }

  const byTrack = new Map<string, number>();
  for (const task of plan.tasks) byTrack.set(task.track, (byTrack.get(task.track) ?? 0) + 1);
  const split = [...byTrack].map(([track, n]) => `${BUILTIN_TRACKS.find((b) => b.id === track)?.label ?? track} ${n}`).join(' · ');
  out.push('', `Nhiệm vụ: ${plan.tasks.length}${split ? ` (${split})` : ''}`);
  if (plan.workItems?.length) out.push(`Việc giao trong thân kế hoạch: ${plan.workItems.length}`);
  out.push(`Chỉ tiêu: ${plan.indicators.length}`);
  for (const r of plan.rhythm) out.push(`Báo cáo ${CADENCE_LABELS[r.cadence] ?? r.cadence}: ${r.text}`);

  out.push('', `Cảnh báo: ${plan.warnings.length}`);
  for (const w of plan.warnings.slice(0, maxWarnings)) out.push(`  ${w.line !== undefined ? `dòng ${w.line}: ` : ''}${w.message}`);
  const rest = plan.warnings.length - maxWarnings;
  if (rest > 0) out.push(`  … và ${rest} cảnh báo khác (--json để xem đủ).`);
  return out.join('\n');
}
