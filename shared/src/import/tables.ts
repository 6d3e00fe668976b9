// planFromTables: turns tables of raw cells (from any reader) into a plan draft — header
// recognition, group rows and nesting, sub-rows versus page-break continuations, cleaning,
// agencies, deadlines — and reports per table what it understood, for the import preview.
//
// ImportResult = { plan, tables }: `plan` is the draft a board is created from (its
// `warnings` point at source lines); `tables` has one entry per input table with the
// headers as printed, the column mapping used (detected or given), the kind of table,
// its track and how many tasks or indicators it gave, so the web app can show the mapping
// and let the user correct it through `options.mapping`.
import type { Agency, Deadline, ImportWarning, Indicator, Plan, PlanSection, TaskDraft, Track, TrackId } from '../model.ts';
import { parseDeadline } from '../deadline.ts';
import { fold } from '../fold.ts';
import type { GridRow, TableSource } from './grid.ts';
import { cleanCell, cleanInline, taskContent } from './clean.ts';
import { detectMapping, type ColumnMapping, type TaskField } from './fields.ts';
import { indexAgencies, readAgencyCell, readTaskAgencies, type AgencyCell, type AgencyIndex } from './agencies.ts';
import { guessColumns } from './column-guess.ts';
import { PROVINCIAL_AGENCIES } from './directory.ts';
import { MAX_CELL_CHARS, MAX_TABLES, MAX_TABLE_ROWS, ImportLimitError, tooManyRows } from './limits.ts';
import { readReport } from './report.ts';
import { unknownOwnersWarning } from './people.ts';
import { percentProblem, percentScale, readDay, readPercent, type PercentScale } from './values.ts';
import { formatDateVi } from '../dates.ts';
import { guessSectionTrack, guessTrack, trackFromCell } from './tracks.ts';
import { BUILTIN_TRACKS } from '../vocabulary.ts';

export interface ImportOptions {
  /** Plan id; default "imported". */
  id?: string;
  /** Plan title when the document prints none. */
  title?: string;
  /** Agency directory to match against; default the agencies every province has. */
  agencies?: readonly Agency[];
  /** Manual column mapping per table index (0-based), column index → field; overrides detection. */
  mapping?: Record<number, Record<number, TaskField | 'ignore'>>;
  /**
   * Track per table or section, overriding the guess. Keys: a table title ("Phụ lục II"),
   * a section as "<table title>/<roman>" ("Phụ lục II/IV"), or a section title as printed.
   */
  trackBySection?: Record<string, TrackId>;
  /** Track when nothing names one; default "khcn-cds". */
  defaultTrack?: TrackId;
  /** The board's tracks, so a "Lĩnh vực" column can name a plugin's track by its label (the built-in three are always known). */
  tracks?: readonly Track[];
  /**
   * People the board knows (its users' names, the owners already on it). "Người phụ trách" cells
   * naming others are kept as printed, and one warning names them all; without a list nobody is warned about.
   */
  people?: readonly string[];
}

/** A person's name longer than a task keeps (TASK_LIMITS.person) is cut, with a warning. */
const MAX_PERSON_CHARS = 200;

/**
 * How dondoc's CSV export joins a task's group path into its "Nhóm" cell. A group cell holding
 * it is a whole path: it replaces the table title and section rows and is not carried down.
 */
export const GROUP_PATH_SEPARATOR = ' › ';

export type TableKind = 'tasks' | 'indicators' | 'skipped';

export interface TableReport {
  title: string;
  caption: string;
  kind: TableKind;
  /** Header cells as printed, cleaned. */
  headers: string[];
  mapping: ColumnMapping;
  track: TrackId;
  /** Tasks (or indicators) the table gave. */
  count: number;
  /** Columns the table has (its widest row), so every one can be given a field, header or not. */
  width: number;
  /** The first rows under the header (or the first rows, with none), cells cut short: what a column holds, for the mapping UI. */
  sample: string[][];
  /** For a table skipped for want of a header: the fields its columns seem to hold (column-guess.ts), offered to the user, not applied. */
  suggested?: ColumnMapping;
}

/** Rows and characters per cell the table report shows of each column. */
const SAMPLE_ROWS = 3;
const SAMPLE_CHARS = 80;
const sampleCell = (text: string): string => {
  const t = cleanInline(text);
  return t.length > SAMPLE_CHARS ? `${t.slice(0, SAMPLE_CHARS - 1)}…` : t;
};

export interface ImportResult {
  plan: Plan;
  tables: TableReport[];
}

const ROMAN = '[IVXLC]+';
const SECTION_ONLY = new RegExp(`^(${ROMAN})\\.?$`);
const SECTION_WITH_TITLE = new RegExp(`^(${ROMAN})\\.?\\s+(\\S.*)$`, 's');
const SUBSECTION_WITH_TITLE = new RegExp(`^(${ROMAN}\\.\\d+)\\.?\\s+(\\S.*)$`, 's');
/** A row naming an appendix: "Phụ lục III", "PHỤ LỤC 2 - …". */
const APPENDIX_ROW = /^ph[ụu]\s*l[ụu]c\b/iu;
const NHOM = /^Nhóm\s+[\dIVX]+\s*[-–:.]/u;
const DECLARED_COUNT = /\((\d+)\s+nhiệm vụ\)/iu;

/** A task still being read: raw cells, so page-break continuations can be appended. */
interface PendingTask {
  cells: string[];
  ordinal: string;
  group: string[];
  track: TrackId;
  line: number;
  table: string;
  mapping: ColumnMapping;
  /** How the table's percent column writes its numbers (80 or 0,8), judged over the whole column. */
  percentScale: PercentScale;
}

interface Section {
  ordinal: string;
  title: string;
  level: number;
  track?: TrackId;
  declared?: number;
  line: number;
  count: number;
}

function isIndicatorHeader(headers: readonly string[]): boolean {
  const f = headers.map((h) => fold(h));
  return f.some((h) => h.startsWith('muc tieu') || h.startsWith('chi tieu')) && f.some((h) => h === 'don vi' || h.startsWith('don vi tinh')) && f.some((h) => h.startsWith('ket qua') || h.startsWith('chi tieu'));
}

function startsLowercase(text: string): boolean {
  const ch = text.trim().charAt(0);
  return ch !== '' && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Join a page-break fragment to the cell it continues. */
function appendFragment(cell: string, fragment: string): string {
  if (fragment.trim() === '') return cell;
  if (cell.trim() === '') return fragment;
  return /^\s*(-|<ul|<li|<p)/.test(fragment) ? `${cell}\n${fragment}` : `${cell} ${fragment}`;
}

export function planFromTables(tables: readonly TableSource[], options: ImportOptions = {}): ImportResult {
  if (tables.length > MAX_TABLES) throw new ImportLimitError(`Tài liệu có ${tables.length} bảng, vượt giới hạn ${MAX_TABLES} bảng`, `The document has ${tables.length} tables; the limit is ${MAX_TABLES}`);
  let rowCount = 0;
  for (const t of tables) rowCount += t.rows.length;
  if (rowCount > MAX_TABLE_ROWS) throw tooManyRows();
  const index = indexAgencies(options.agencies ?? PROVINCIAL_AGENCIES);
  const warnings: ImportWarning[] = [];
  tables = tables.map((t) => capCells(t, warnings));
  const reports: TableReport[] = [];
  const pending: PendingTask[] = [];
  const indicators: Indicator[] = [];
  const sections: PlanSection[] = [];
  const defaultTrack = options.defaultTrack ?? 'khcn-cds';
  const overrides = options.trackBySection ?? {};
  let previousMapping: ColumnMapping | undefined;

  tables.forEach((table, tableIndex) => {
    const caption = table.caption ?? '';
    const tableTrack = overrides[table.title] ?? guessTrack(`${table.title} ${caption}`) ?? defaultTrack;
    const manual = options.mapping?.[tableIndex];
    const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
    const report: TableReport = { title: table.title, caption, kind: 'skipped', headers: [], mapping: [], track: tableTrack, count: 0, width, sample: [] };
    reports.push(report);

    // Header: the first row whose cells name task fields (or indicator fields).
    let headerKey = '';
    let mapping: ColumnMapping | undefined;
    let indicatorTable = false;
    let start = 0;
    for (let r = 0; r < Math.min(table.rows.length, 5); r++) {
      const headers = table.rows[r]!.cells.map(cleanInline);
      if (isIndicatorHeader(headers)) indicatorTable = true;
      const detected = indicatorTable ? undefined : detectMapping(headers);
      if (indicatorTable || detected) {
        report.headers = headers;
        headerKey = fold(headers.join(' '));
        mapping = detected;
        start = r + 1;
        break;
      }
    }
    report.sample = table.rows
      .slice(start)
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .slice(0, SAMPLE_ROWS)
      .map((r) => r.cells.map(sampleCell));
    if (manual) {
      mapping = Array.from({ length: Math.max(width, report.headers.length) }, (_, c) => manual[c] ?? mapping?.[c] ?? 'ignore');
      indicatorTable = false;
    }
    if (indicatorTable) {
      report.kind = 'indicators';
      report.count = readIndicators(table, start, headerKey, indicators, index);
      return;
    }
    if (!mapping && previousMapping && table.rows[0]?.cells.length === previousMapping.length) {
      // A table cut by a page break and printed without its header: same columns as before.
      mapping = previousMapping;
    }
    if (!mapping) {
      const suggested = guessColumns(table.rows, width, index);
      if (suggested) report.suggested = suggested;
      const ask = suggested ? 'hãy xem cách đọc đề xuất theo nội dung các cột, hoặc chọn cột cho từng trường' : 'hãy chọn cột cho từng trường';
      warnings.push({ code: 'unknown-column', message: `Không nhận ra dòng tiêu đề của bảng "${table.title}"; ${ask}.`, line: table.rows[0]?.line });
      return;
    }
    if (!manual) mapping = refineMapping(mapping, table.rows.slice(start));
    previousMapping = mapping;
    report.kind = 'tasks';
    report.mapping = mapping;
    // Columns nobody reads are said out loud, with their headers, rather than silently dropped.
    const ignored = report.headers.filter(
      (header, c) => header !== '' && (mapping![c] ?? 'ignore') === 'ignore' && table.rows.slice(start).some((r) => (r.cells[c] ?? '').trim() !== ''),
    );
    if (ignored.length > 0) {
      warnings.push({
        code: 'unknown-column',
        message: `Bảng "${table.title}" có ${ignored.length} cột không ứng với trường nào của nhiệm vụ nên bị bỏ qua: ${ignored.map((h) => `"${h}"`).join(', ')}; hãy chọn trường cho cột nếu cần.`,
        line: table.rows[start - 1]?.line,
        field: 'mapping',
        subject: ignored.join(', '),
      });
    }
    const col = (field: TaskField): number => mapping!.indexOf(field);
    const cOrdinal = col('ordinal');
    const cGroup = col('group');
    const cContent = col('content');
    const cLeads = col('leads');
    const cDeadline = col('deadline');
    const cell = (row: GridRow, c: number): string => (c < 0 ? '' : cleanInline(row.cells[c] ?? ''));
    // A table whose group cells hold whole paths (dondoc's export): each row names its own group.
    const pathGroups = cGroup >= 0 && table.rows.slice(start).some((row) => (row.cells[cGroup] ?? '').includes(GROUP_PATH_SEPARATOR));
    const cProgress = col('progress');
    const scale = cProgress < 0 ? 'percent' : percentScale(table.rows.slice(start).map((row) => cleanInline(row.cells[cProgress] ?? '')));

    const stack: Section[] = [];
    let groupCell = '';
    let afterHeader = false;
    let last: PendingTask | undefined;
    const allSections: Section[] = [];

    const groupPath = (): string[] =>
      pathGroups ? groupCell.split(GROUP_PATH_SEPARATOR).filter((g) => g !== '') : [table.title, ...stack.map((s) => s.title), ...(groupCell ? [groupCell] : [])];
    /** A track a bold row of its own named ("ĐỀ ÁN 06", as dondoc's Phụ lục prints one per track). */
    let rowTrack: TrackId | undefined;
    const currentTrack = (): TrackId => {
      for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.track) return stack[i]!.track!;
      return rowTrack ?? tableTrack;
    };
    const openSection = (level: number, ordinal: string, title: string, line: number): void => {
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      const declared = DECLARED_COUNT.exec(title);
      const track =
        overrides[`${table.title}/${ordinal}`] ?? overrides[title] ?? guessSectionTrack(title) ?? (level === 1 ? undefined : undefined);
      const section: Section = { ordinal, title, level, line, count: 0, ...(track ? { track } : {}), ...(declared ? { declared: Number(declared[1]) } : {}) };
      stack.push(section);
      allSections.push(section);
      groupCell = '';
      if (level === 1) sections.push({ id: `${table.title}/${ordinal}`, title, track: track ?? tableTrack });
    };

    for (let r = start; r < table.rows.length; r++) {
      const row = sharedCells(table.rows[r]!, mapping);
      const texts = row.cells.map(cleanInline);
      if (texts.every((t) => t === '')) continue;
      // A repeated header: only fold the row when its first cell could start one.
      if (headerKey && texts[0] === report.headers[0] && fold(texts.join(' ')) === headerKey) {
        afterHeader = true; // repeated header: a page break follows
        continue;
      }
      const ordinal = cell(row, cOrdinal);
      const content = cell(row, cContent);
      const leads = cell(row, cLeads);
      const deadline = cell(row, cDeadline);
      const filled = texts.filter((t) => t !== '').length;
      const others = mapping.some((f, c) => f !== 'ordinal' && f !== 'content' && f !== 'group' && (texts[c] ?? '') !== '');

      // Group rows: "I", "I. Title", "I.1 Nhóm 8 - …", bold one-cell rows. (An exported table has none: every row is a task.)
      if (!pathGroups && !others && filled <= 2) {
        const sub = SUBSECTION_WITH_TITLE.exec(ordinal);
        const withTitle = SECTION_WITH_TITLE.exec(ordinal);
        if (sub) {
          openSection(2, sub[1]!, sub[2]!.trim(), row.line);
          afterHeader = false;
          continue;
        }
        if (SECTION_ONLY.test(ordinal) && content) {
          openSection(1, ordinal.replace(/\.$/, ''), `${ordinal.replace(/\.$/, '')}. ${content}`, row.line);
          afterHeader = false;
          continue;
        }
        if (withTitle && !content) {
          openSection(1, withTitle[1]!, `${withTitle[1]}. ${withTitle[2]!.trim()}`, row.line);
          afterHeader = false;
          continue;
        }
        if (!ordinal && NHOM.test(content)) {
          openSection(2, '', content, row.line);
          afterHeader = false;
          continue;
        }
        // A bold row of one cell with no number of its own is a group row too (DOMAIN.md: group rows are
        // bold and span the table): a track's name sets the track; "Phụ lục III" opens the outermost
        // group; other text a section. Dropped as unreadable, dondoc's own Phụ lục lost every group.
        if (row.bold && filled === 1) {
          const text = texts.find((x) => x !== '')!;
          const track = BUILTIN_TRACKS.find((tr) => fold(tr.label) === fold(text))?.id;
          afterHeader = false;
          if (track) {
            rowTrack = track;
            stack.length = 0;
            groupCell = '';
          } else openSection(APPENDIX_ROW.test(text) ? 0 : 1, '', text, row.line);
          continue;
        }
      }

      if (cGroup >= 0 && (texts[cGroup] || pathGroups)) groupCell = texts[cGroup] ?? '';
      if (!ordinal) {
        const continuation =
          !pathGroups &&
          last !== undefined &&
          (afterHeader || content === '' || startsLowercase(content) || ((leads === '' || !!row.merged?.[cLeads]) && (deadline === '' || !!row.merged?.[cDeadline])));
        afterHeader = false;
        if (continuation && last) {
          row.cells.forEach((raw, c) => {
            // A merged cell's text is the task's already (it came from the row that started the merge).
            if (c === cOrdinal || c === cGroup || row.merged?.[c]) return;
            last!.cells[c] = appendFragment(last!.cells[c] ?? '', raw);
          });
          continue;
        }
        if (!content) {
          warnings.push({ code: 'unreadable-row', message: `Dòng không đọc được: không có số thứ tự và nội dung nhiệm vụ.`, line: row.line });
          continue;
        }
      }
      afterHeader = false;
      if (!content && !leads) {
        warnings.push({ code: 'unreadable-row', message: `Dòng "${ordinal}" không có nội dung nhiệm vụ lẫn cơ quan chủ trì.`, line: row.line });
        continue;
      }
      last = { cells: [...row.cells], ordinal: ordinal.replace(/\.$/, ''), group: groupPath(), track: trackFor(), line: row.line, table: table.title, mapping, percentScale: scale };
      pending.push(last);
      report.count++;
      for (const s of stack) s.count++;
    }

    function trackFor(): TrackId {
      return currentTrack();
    }

    for (const s of allSections) {
      if (s.declared !== undefined && s.declared !== s.count) {
        warnings.push({
          code: 'count-mismatch',
          message: `Nhóm "${s.title}" ghi ${s.declared} nhiệm vụ nhưng bảng có ${s.count} nhiệm vụ.`,
          line: s.line,
        });
      }
    }
  });

  const unknown = new Map<string, { line: number; count: number; field: 'leads' | 'partners' }>();
  const unknownTracks = new Map<string, number>();
  const tasks = pending.map((p) => finishTask(p, index, warnings, unknown, (text) => {
    const track = trackFromCell(text, options.tracks);
    if (!track && text.trim() !== '' && !unknownTracks.has(text)) unknownTracks.set(text, p.line);
    return track;
  }));
  if (unknownTracks.size > 0) {
    // One warning for the column, not one per row: such tasks stay on their table's track.
    const names = [...unknownTracks.keys()];
    warnings.push({
      code: 'other',
      message: `Cột "Lĩnh vực" có ${names.length} giá trị không phải nhóm nào trên bảng (${names.slice(0, 3).map((n) => `"${n}"`).join(', ')}${names.length > 3 ? ', …' : ''}); các nhiệm vụ đó giữ nhóm của bảng.`,
      line: unknownTracks.values().next().value,
      field: 'track',
    });
  }
  // One warning for the import, not one per name: see unknownOwnersWarning.
  const strangers = unknownOwnersWarning(tasks.map((t) => t.owner), options.people);
  if (strangers) warnings.push(strangers);
  for (const [name, { line, count, field }] of unknown) {
    warnings.push({ code: 'unknown-agency', message: `Cơ quan "${name}" không có trong danh bạ cơ quan (gặp ${count} lần); hãy chọn cơ quan đúng hoặc thêm vào danh bạ.`, line, field, subject: name });
  }
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  const plan: Plan = {
    id: options.id ?? 'imported',
    title: options.title ?? '',
    issuer: '',
    number: '',
    province: '',
    sections: [...reports.filter((r) => r.kind === 'tasks').map((r) => ({ id: r.title, title: [r.title, r.caption].filter(Boolean).join(' — ').slice(0, 300), track: r.track })), ...sections],
    tasks,
    indicators,
    rhythm: [],
    roVariant: '5ro',
    warnings,
  };
  if (tasks.some((t) => t.report)) plan.kind = 'report';
  return { plan, tables: reports };
}

/** Cells longer than any plan prints are cut, once, with a warning on their line. */
function capCells(table: TableSource, warnings: ImportWarning[]): TableSource {
  if (!table.rows.some((r) => r.cells.some((c) => c.length > MAX_CELL_CHARS))) return table;
  return {
    ...table,
    rows: table.rows.map((row) => {
      if (!row.cells.some((c) => c.length > MAX_CELL_CHARS)) return row;
      warnings.push({
        code: 'cell-too-long',
        message: `Dòng có ô dài hơn ${MAX_CELL_CHARS.toLocaleString('vi-VN')} ký tự; chỉ giữ phần đầu của ô.`,
        line: row.line,
      });
      return { ...row, cells: row.cells.map((c) => (c.length > MAX_CELL_CHARS ? c.slice(0, MAX_CELL_CHARS) : c)) };
    }),
  };
}

/** The detected mapping, corrected by what its columns hold and lack. */
function refineMapping(mapping: ColumnMapping, rows: readonly GridRow[]): ColumnMapping {
  return completionAsDeadline(statusAsDeadline(mapping, rows));
}

/**
 * "Ngày hoàn thành" is when a finished task finished, in dondoc's exports and in reports, which also
 * say where each task stands. A table with that column, no deadline and nothing about progress is a
 * plan that heads its deadlines so: its dates are when the tasks are due, and read as deadlines rather
 * than lost (the board keeps a completion date only for a finished task).
 */
function completionAsDeadline(mapping: ColumnMapping): ColumnMapping {
  const c = mapping.indexOf('completedAt');
  if (c < 0 || mapping.some((f) => f === 'deadline' || f === 'status' || f === 'progress' || f === 'progressNote')) return mapping;
  const out = [...mapping];
  out[c] = 'deadline';
  return out;
}

/**
 * "Tiến độ (thực hiện)" heads a report's status column, but some plans print their deadlines
 * under it: a status column whose cells read as deadlines, in a table with no deadline column,
 * is the deadline.
 */
function statusAsDeadline(mapping: ColumnMapping, rows: readonly GridRow[]): ColumnMapping {
  const c = mapping.indexOf('status');
  if (c < 0 || mapping.includes('deadline')) return mapping;
  const cells = rows.map((r) => cleanInline(r.cells[c] ?? '')).filter((t) => t !== '').slice(0, 50);
  if (cells.length === 0) return mapping;
  const dated = cells.filter((t) => parseDeadline(t).kind !== 'none' && readReport({ status: t, note: '' })?.column === undefined).length;
  if (dated * 2 <= cells.length) return mapping;
  const out = [...mapping];
  out[c] = 'deadline';
  return out;
}

/** Clean, split and parse the cells of a task that is complete (all its continuations read). */
function finishTask(
  p: PendingTask,
  index: AgencyIndex,
  warnings: ImportWarning[],
  unknown: Map<string, { line: number; count: number; field: 'leads' | 'partners' }>,
  trackOf: (text: string) => TrackId | undefined,
): TaskDraft {
  const cell = (field: TaskField): string => {
    const c = p.mapping.indexOf(field);
    return c < 0 ? '' : (p.cells[c] ?? '');
  };
  const get = (field: TaskField): string => cleanCell(cell(field));
  const content = taskContent(cell('content'));
  const leadsText = get('leads');
  const partnersText = get('partners');
  const deadlineText = get('deadline').replace(/\n/g, ' ');
  const where = p.ordinal ? `Nhiệm vụ ${p.ordinal}` : 'Nhiệm vụ (dòng phụ)';
  // Both cells at once: a role printed in one ("Sở Tư pháp (phối hợp)" under "Cơ quan chủ trì") moves an agency to the other.
  const read = readTaskAgencies(leadsText, partnersText, index);
  const noteCell = (cell: AgencyCell, field: 'leads' | 'partners'): void => {
    for (const m of cell.matches) {
      if (!m.known && !m.collective) {
        const seen = unknown.get(m.printed);
        if (seen) seen.count++;
        else unknown.set(m.printed, { line: p.line, count: 1, field });
      }
    }
    if (cell.sentence) {
      warnings.push({
        code: 'agency-sentence',
        message: `Ô ${field === 'leads' ? 'cơ quan chủ trì' : 'cơ quan phối hợp'} ghi một câu ("${cell.sentence.length > 80 ? `${cell.sentence.slice(0, 79)}…` : cell.sentence}"); chỉ lấy cơ quan được nêu: ${cell.names.join('; ')}.`,
        line: p.line,
        field,
      });
    }
  };
  noteCell(read.leadCell, 'leads');
  noteCell(read.partnerCell, 'partners');
  const deadline = readDeadline(deadlineText, content);
  if (!content) warnings.push({ code: 'empty-cell', message: `${where} không có nội dung.`, line: p.line, field: 'content' });
  if (read.leads.length === 0) {
    const why = !leadsText ? '' : read.toPartners.length > 0 ? `: ô chủ trì chỉ ghi cơ quan phối hợp (${read.toPartners.join('; ')})` : `: ô chủ trì không ghi cơ quan nào ("${leadsText}")`;
    warnings.push({ code: 'empty-cell', message: `${where} chưa có cơ quan chủ trì${why}.`, line: p.line, field: 'leads' });
  }
  for (const name of read.contested) {
    warnings.push({
      code: 'agency-role',
      message: `${where}: ô cơ quan phối hợp ghi ${name} chủ trì, nhưng ô cơ quan chủ trì đã ghi ${read.leads.join('; ')}; ${name} được giữ ở cơ quan phối hợp — hãy xem lại ai chủ trì.`,
      line: p.line,
      field: 'partners',
      subject: name,
    });
  }
  if (deadline.kind === 'none') {
    warnings.push({
      code: 'deadline-unresolved',
      message: deadlineText ? `${where}: thời hạn "${deadlineText}" không xác định được ngày.` : `${where} không ghi thời hạn.`,
      line: p.line,
      field: 'deadline',
    });
  }
  const task: TaskDraft = {
    track: trackOf(get('track')) ?? p.track,
    ordinal: p.ordinal,
    group: p.group,
    content,
    leads: read.leads,
    leadsText,
    partners: read.partners,
    partnersText,
    deadline,
    output: get('output'),
    sourceDoc: get('sourceDoc'),
    source: { line: p.line, ref: p.table },
  };
  // The board's own fields, when the table has their columns (dondoc's exports): kept as printed.
  const person = (field: 'owner' | 'approver'): string | undefined => {
    const text = cleanInline(get(field));
    if (text === '') return undefined;
    if (text.length <= MAX_PERSON_CHARS) return text;
    const label = field === 'owner' ? 'Người phụ trách' : 'Người phê duyệt';
    warnings.push({ code: 'cell-too-long', message: `${where}: ô "${label}" dài hơn ${MAX_PERSON_CHARS} ký tự; chỉ giữ phần đầu.`, line: p.line, field });
    return text.slice(0, MAX_PERSON_CHARS).trim();
  };
  const owner = person('owner');
  if (owner) task.owner = owner;
  const approver = person('approver');
  if (approver) task.approver = approver;
  const progressText = cleanInline(get('progress'));
  let progress: number | undefined;
  if (progressText !== '') {
    progress = readPercent(progressText, p.percentScale);
    if (progress === undefined) warnings.push({ code: 'other', message: `${where}: ${percentProblem(progressText)}; để trống.`, line: p.line, field: 'progress' });
    else task.progress = progress;
  }
  // A percent column alone makes a report row too: "Tỷ lệ hoàn thành" says where the task stands.
  const reported = (['status', 'progressNote', 'difficulties', 'proposals', 'progress'] as const).some((f) => p.mapping.includes(f));
  const report = reported
    ? readReport({ status: get('status'), note: get('progressNote'), difficulties: get('difficulties'), proposals: get('proposals'), ...(progress !== undefined ? { progress } : {}) })
    : undefined;
  if (report) task.report = report;
  const doneText = cleanInline(get('completedAt'));
  if (doneText !== '') {
    const day = readDay(doneText);
    if (!day) {
      warnings.push({ code: 'other', message: `${where}: ngày hoàn thành "${doneText}" không đọc được (cần một ngày như 15/11/2025); để trống.`, line: p.line, field: 'completedAt' });
    } else {
      // Kept on the draft; the board keeps it only for a task in "Hoàn thành" (taskFromDraft), so say so when the row is not.
      task.completedAt = day;
      if (report?.column !== 'done') {
        warnings.push({
          code: 'other',
          message: `${where} ghi ngày hoàn thành ${formatDateVi(day)} nhưng không ở tiến độ "Hoàn thành"; ngày chỉ được giữ khi nhiệm vụ hoàn thành.`,
          line: p.line,
          field: 'completedAt',
        });
      }
    }
  }
  return task;
}


/**
 * "Nhiệm vụ thường xuyên" marking the task text — in brackets, or as its own closing phrase or
 * line, italic or not — makes a dated task recur as well. Inside a sentence it is just words.
 */
const RECURRING_MARK = /\(\s*nhiệm vụ thường xuyên\s*\)|(?:^|[.;:\n]\s*|\s-\s*)[*_]*nhiệm vụ thường xuyên[*_]*\s*[.;]?\s*$/imu;

/** Fields a vertically merged cell gives every row it spans: one lead, deadline or output printed once for several tasks. */
const MERGE_SHARED: ReadonlySet<string> = new Set(['group', 'leads', 'partners', 'deadline', 'output', 'sourceDoc']);

/**
 * The row with what its merged cells share: kept in the columns of MERGE_SHARED fields (each task
 * under "Sở Khoa học và Công nghệ" merged down three rows is led by it), dropped elsewhere, where a
 * merge does not make a row's own number or text (those rows read as before, as continuations).
 */
function sharedCells(row: GridRow, mapping: readonly (string | undefined)[]): GridRow {
  const merged = row.merged;
  if (!merged) return row;
  return { ...row, cells: row.cells.map((text, c) => (merged[c] && !MERGE_SHARED.has(mapping[c] ?? '') ? '' : text)) };
}

/** "(Nhiệm vụ thường xuyên)" in the task text makes a dated task recur as well. */
export function readDeadline(text: string, content: string): Deadline {
  const deadline = parseDeadline(text);
  if (RECURRING_MARK.test(content.slice(-2000)) && !deadline.cadence) {
    return { ...deadline, cadence: 'ongoing', flags: [...deadline.flags, 'Nội dung ghi "Nhiệm vụ thường xuyên"'], ...(deadline.kind === 'none' ? { kind: 'recurring' as const, reason: undefined } : {}) };
  }
  return deadline;
}

function readIndicators(table: TableSource, start: number, headerKey: string, out: Indicator[], index: AgencyIndex): number {
  const headers = table.rows[start - 1]?.cells.map((c) => fold(cleanInline(c))) ?? [];
  const find = (test: (h: string) => boolean): number => headers.findIndex(test);
  const cOrdinal = find((h) => h === 'stt' || h === 'tt');
  const cName = find((h) => h.startsWith('muc tieu') || h.startsWith('chi tieu'));
  const cUnit = find((h) => h.startsWith('don vi'));
  const cTarget = find((h) => h.startsWith('ket qua') || h.startsWith('gia tri'));
  const cMonitors = find((h) => h.startsWith('co quan') || h.startsWith('don vi theo doi'));
  let count = 0;
  for (let r = start; r < table.rows.length; r++) {
    const texts = table.rows[r]!.cells.map(cleanInline);
    if (texts.every((t) => t === '') || fold(texts.join(' ')) === headerKey) continue;
    const at = (c: number): string => (c < 0 ? '' : texts[c] ?? '');
    out.push({
      ordinal: at(cOrdinal),
      name: at(cName),
      unit: at(cUnit),
      target: at(cTarget),
      monitors: readAgencyCell(at(cMonitors), index).names,
      group: [table.title],
    });
    count++;
  }
  return count;
}
