// parsePlanText: a whole plan from its text — detects the text form, reads the tables and
// the body (metadata, work items, reporting rhythm, declared counts) and checks the tables
// against what the body declares.
import type { Plan, RoVariant } from '../model.ts';
import { fold } from '../fold.ts';
import type { TableSource } from './grid.ts';
import { indexAgencies } from './agencies.ts';
import { isReportDocument, readDeclaredCounts, readMetadata, readRhythm, readWorkItems } from './body.ts';
import { PROVINCIAL_AGENCIES } from './directory.ts';
import { pdfBodyLines, readPdfTextDetailed } from './readers/pdf-text.ts';
import { readSeedText } from './readers/seed-text.ts';
import { planFromTables, type ImportOptions, type ImportResult } from './tables.ts';

export type TextForm = 'seed-text' | 'pdf-text';

/**
 * PDF extraction leaves one cell fragment per line (some extractors indent every line by a
 * tab), mostly with an empty line after each; the seed form has real tab-separated rows.
 */
export function detectTextForm(text: string): TextForm {
  const all = text.split(/\r?\n/);
  const lines = all.filter((l) => l.trim() !== '');
  const indented = lines.filter((l) => /^\t[^\t]*$/.test(l)).length;
  if (lines.length > 0 && indented / lines.length > 0.8) return 'pdf-text';
  const tabRows = lines.filter((l) => /\S\t+\S/.test(l)).length;
  const spaced = all.filter((l, i) => l.trim() !== '' && all[i + 1] === '').length;
  return lines.length > 0 && tabRows === 0 && spaced / lines.length > 0.6 ? 'pdf-text' : 'seed-text';
}

/** "4 rõ" plans print exactly four criteria; Kết luận 226 brought six. */
function readRoVariant(text: string): RoVariant {
  const f = fold(text);
  if (/ro tham quyen/.test(f)) return '6ro';
  if (/ro nguoi,? ro viec,? ro thoi gian,? ro ket qua/.test(f) && !/ro trach nhiem/.test(f)) return '4ro';
  return '5ro';
}

export function parsePlanText(text: string, options: ImportOptions = {}, forced?: TextForm): ImportResult & { form: TextForm; tableSources: TableSource[] } {
  const form = forced ?? detectTextForm(text);
  const lines = text.split(/\r?\n/);
  const pdf = form === 'pdf-text' ? readPdfTextDetailed(text) : undefined;
  const tableSources = pdf ? pdf.tables : readSeedText(text);
  const result = planFromTables(tableSources, options);
  const plan: Plan = result.plan;
  if (pdf?.warnings.length) plan.warnings = [...plan.warnings, ...pdf.warnings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const bodyLines = form === 'pdf-text' ? pdfBodyLines(text) : lines;
  const meta = readMetadata(bodyLines);
  plan.title = meta.title || options.title || plan.title;
  plan.issuer = meta.issuer;
  plan.number = meta.number;
  plan.province = meta.province;
  if (meta.date) plan.date = meta.date;
  plan.rhythm = readRhythm(bodyLines);
  plan.roVariant = readRoVariant(text);
  if (isReportDocument(bodyLines)) plan.kind = 'report';
  const workItems = readWorkItems(bodyLines, indexAgencies(options.agencies ?? PROVINCIAL_AGENCIES), options.defaultTrack ?? 'khcn-cds');
  if (workItems.length) plan.workItems = workItems;

  // The body may say how many tasks each group has ("2.1. Về pháp lý (06 nhiệm vụ)"):
  // compare in order with the first-level sections of the tables.
  const declared = readDeclaredCounts(lines);
  if (declared.length) {
    const counts = new Map<string, number>();
    for (const t of plan.tasks) {
      const key = (t.group ?? []).slice(0, 2).join('/');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const actual = [...counts.values()];
    declared.forEach((d, i) => {
      const found = actual[i];
      if (found !== d.count) {
        plan.warnings.push({
          code: 'count-mismatch',
          message: `Kế hoạch ghi mục ${d.label} có ${d.count} nhiệm vụ, nhưng phụ lục có ${found ?? 0} nhiệm vụ ở nhóm tương ứng.`,
          line: d.line,
        });
      }
    });
    const total = /\((?:Nội dung và )?(\d+) nhiệm vụ cụ thể/u.exec(text);
    if (total && Number(total[1]) !== plan.tasks.length) {
      plan.warnings.push({ code: 'count-mismatch', message: `Kế hoạch ghi ${total[1]} nhiệm vụ cụ thể nhưng phụ lục có ${plan.tasks.length}.` });
    }
  }
  return { ...result, plan, form, tableSources };
}
