// Runs the deadline parser over every deadline cell of the five seed plans (../shared/seeds/).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.ts';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seed = (prefix: string): string => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} not found in ${SEEDS.pathname}`);
  return readFileSync(new URL(name, SEEDS), 'utf8');
};

interface Cell {
  seed: string;
  line: number;
  text: string;
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
const DEADLINE_HEADER = /^(thời hạn|thời gian hoàn thành)/i;
const LEAD_HEADER = /chủ trì/i;
const isSeparator = (cells: string[]) => cells.every((c) => /^[-\s]*$/.test(c));

/**
 * Deadline cells of the tab-separated appendix tables. Group rows (no lead, no deadline) are
 * skipped; a row with an empty STT right after a repeated header, or one whose text starts in
 * lower case, continues the previous row across a page break and is joined to it. Other
 * empty-STT rows are tasks of their own (Lào Cai's sub-rows).
 */
function tableDeadlineCells(prefix: string): Cell[] {
  const lines = seed(prefix).split(/\r?\n/);
  const cells: Cell[] = [];
  let deadlineCol = -1;
  let leadCol = -1;
  let afterHeader = false;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const row = line.split('\t');
    const headerAt = row.findIndex((c) => DEADLINE_HEADER.test(stripTags(c)));
    if (headerAt >= 0 && row.length >= 4) {
      deadlineCol = headerAt;
      leadCol = row.findIndex((c) => LEAD_HEADER.test(stripTags(c)));
      afterHeader = true;
      continue;
    }
    if (/^(STT|TT)$/i.test(stripTags(row[0] ?? ''))) {
      deadlineCol = -1; // a table without a deadline column (Lào Cai 2026's indicators)
      continue;
    }
    // Group headings printed as one cell (Thái Nguyên's "V.1 Nhóm 1 - …") do not end the table.
    if (row.length < 4) continue;
    if (deadlineCol < 0 || isSeparator(row)) continue;
    const deadline = row[deadlineCol] ?? '';
    const stt = stripTags(row[0] ?? '');
    const text = stripTags(row.slice(1).join(' '));
    const continues = stt === '' && cells.length > 0 && (afterHeader || /^\p{Ll}/u.test(text));
    afterHeader = false;
    if (continues) {
      if (stripTags(deadline) !== '') cells[cells.length - 1]!.text += ` ${deadline}`;
      continue;
    }
    const isGroup = stripTags(deadline) === '' && stripTags(row[leadCol] ?? '') === '';
    if (isGroup) continue;
    cells.push({ seed: prefix, line: i + 1, text: deadline });
  }
  return cells;
}

/** "- Thời hạn: …" / "- Thời gian hoàn thành: …" lines of the body work items. */
function bodyDeadlineCells(prefix: string): Cell[] {
  return seed(prefix)
    .split(/\r?\n/)
    .flatMap((line, i) => {
      const m = /^\s*-\s*(?:Thời hạn|Thời gian hoàn thành)\s*:\s*(.*)$/.exec(line);
      return m ? [{ seed: prefix, line: i + 1, text: m[1]! }] : [];
    });
}

/** The PDF-extracted seed: deadline strings are recognisable on their own lines, sometimes broken in two. */
function pdfDeadlineCells(prefix: string): Cell[] {
  const text = seed(prefix);
  const start = text.indexOf('PHỤ LỤC');
  const appendix = text.slice(start);
  const offset = text.slice(0, start).split('\n').length - 1;
  const re = /Nhiệm vụ thường\s*\n\s*xuyên|Tháng \d{1,2}\/\d{4}|Hàng tháng|(?<!ngày\s*)\b\d{1,2}\/\d{1,2}\/\d{4}(?=[ \t]*$)/gm;
  return [...appendix.matchAll(re)].map((m) => ({
    seed: prefix,
    line: offset + appendix.slice(0, m.index).split('\n').length,
    text: m[0],
  }));
}

const tables = ['000', '002', '003', '004'].flatMap(tableDeadlineCells);
const bodies = ['000', '003'].flatMap(bodyDeadlineCells);
const pdf = pdfDeadlineCells('001');
const all = [...tables, ...bodies, ...pdf];

describe('deadline corpus (seed plans)', () => {
  it('finds the appendix deadline cells the seeds README counts', () => {
    const per = (p: string) => tables.filter((c) => c.seed === p).length;
    expect(per('000')).toBe(23 + 14 + 12);
    expect(per('002')).toBe(83);
    expect(per('003')).toBe(61 + 21 + 18);
    expect(per('004')).toBe(64);
    expect(bodies.filter((c) => c.seed === '003')).toHaveLength(36);
    expect(bodies.filter((c) => c.seed === '000')).toHaveLength(4);
    // 37 tasks; the PDF text scatters one deadline beyond recognition.
    expect(pdf.length).toBeGreaterThanOrEqual(36);
  });

  it('gives every cell a kind, and every undated cell a reason', () => {
    const problems = all.flatMap((c) => {
      const d = parseDeadline(c.text);
      const undated = d.kind === 'none' || d.kind === 'conditional';
      const dated = ['date', 'month', 'quarter', 'year', 'span'].includes(d.kind);
      if (undated && !d.reason) return [`${c.seed}:${c.line} ${d.kind} without reason: ${c.text}`];
      if (dated && !d.due) return [`${c.seed}:${c.line} ${d.kind} without due: ${c.text}`];
      if (d.kind === 'recurring' && !d.cadence) return [`${c.seed}:${c.line} recurring without cadence: ${c.text}`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('leaves only blanks and page-break fragments unread', () => {
    const unread = all.filter((c) => parseDeadline(c.text).kind === 'none').map((c) => `${c.seed}:${c.line} ${c.text.trim()}`);
    // Each of these is a real "no deadline" in the plan, not a parser gap.
    expect(unread).toEqual([
      expect.stringMatching(/^000:150 $/),
      expect.stringMatching(/^000:47 Theo Quy chế/),
    ]);
  });
});

describe('deadline corpus: spot checks of seed cells', () => {
  const at = (prefix: string, line: number) => {
    const cell = all.find((c) => c.seed === prefix && c.line === line);
    if (!cell) throw new Error(`no deadline cell at ${prefix}:${line}`);
    return parseDeadline(cell.text);
  };
  it('Lào Cai Q4/2025', () => {
    expect(at('000', 140)).toMatchObject({ kind: 'date', due: '2025-12-31' });
    expect(at('000', 148)).toMatchObject({ kind: 'quarter', due: '2025-12-31' });
    // Phụ lục I group 4, second row: the plan leaves the deadline blank.
    expect(at('000', 150)).toMatchObject({ kind: 'none' });
    expect(at('000', 162)).toMatchObject({ kind: 'recurring', cadence: 'monthly' });
    expect(at('000', 55)).toMatchObject({ kind: 'month', due: '2025-12-31' });
    expect(at('000', 63)).toMatchObject({ kind: 'recurring', cadence: 'weekly' });
  });
  it('Thái Nguyên KH 44', () => {
    expect(at('002', 67)).toMatchObject({ kind: 'date', due: '2025-12-15' });
    const p = tables.find((c) => c.seed === '002' && c.text.startsWith('<p>'));
    expect(p && parseDeadline(p.text).kind).toBe('date');
  });
  it('Lào Cai 2026', () => {
    expect(at('003', 83)).toMatchObject({ kind: 'conditional', trigger: 'hướng dẫn của Bộ Công an' });
    expect(at('003', 336)).toMatchObject({ kind: 'quarter', due: '2026-12-31' });
    const span = tables.find((c) => c.seed === '003' && c.text.startsWith('Q3/2025'));
    expect(span && parseDeadline(span.text)).toMatchObject({ kind: 'span', start: '2025-07-01', due: '2026-06-30' });
    const offset = tables.find((c) => c.seed === '003' && c.text.startsWith('Chậm nhất 10'));
    expect(offset && parseDeadline(offset.text)).toMatchObject({ kind: 'conditional', offsetDays: 10 });
    const before = tables.filter((c) => c.seed === '003' && c.text.startsWith('Trước ngày 30/4/2026'));
    expect(before).toHaveLength(4);
    for (const c of before) expect(parseDeadline(c.text)).toMatchObject({ due: '2026-04-30', flags: ['before-date'] });
  });
  it('Thanh Hóa Đề án 06, including cells broken by page breaks', () => {
    expect(at('004', 150)).toMatchObject({ kind: 'month', due: '2025-07-31' });
    expect(at('004', 152)).toMatchObject({ kind: 'date', due: '2025-07-01', flags: ['before-date'] });
    expect(at('004', 161)).toMatchObject({ kind: 'month', due: '2025-03-31' });
    expect(at('004', 163)).toMatchObject({ kind: 'conditional', trigger: 'lộ trình và hướng dẫn của Văn phòng Chính phủ' });
    expect(at('004', 173)).toMatchObject({ kind: 'year', due: '2025-12-31', cadence: 'ongoing' });
    expect(at('004', 196)).toMatchObject({ kind: 'conditional', trigger: 'chỉ đạo của Bộ Công an' });
    // "Phấn đấu hoàn thành …" continues after the page break with "… Hoàn thành trước ngày 20/6/2025".
    expect(at('004', 208)).toMatchObject({ kind: 'date', due: '2025-06-20' });
    expect(at('004', 208).flags).toContain('target-sentence');
    expect(at('004', 224)).toMatchObject({ kind: 'recurring' });
  });
  it('Bình Lư (PDF text)', () => {
    const kinds = new Set(pdf.map((c) => parseDeadline(c.text).kind));
    expect([...kinds].sort()).toEqual(['date', 'month', 'recurring']);
    expect(parseDeadline(pdf.find((c) => c.text.startsWith('Nhiệm vụ thường'))!.text)).toMatchObject({ kind: 'recurring' });
  });
});
