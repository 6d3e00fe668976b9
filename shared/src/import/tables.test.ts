// planFromTables on hand-made tables: recurring marks in the task text, limits on rows and cells.
import { describe, expect, it } from 'vitest';
import type { TableSource } from './grid.ts';
import { ImportLimitError, MAX_CELL_CHARS, MAX_TABLE_ROWS } from './limits.ts';
import { planFromTables } from './tables.ts';
import { readFileSync } from 'node:fs';
import { parsePlanText } from './parse.ts';
import { buildAppendix } from '../documents/appendix.ts';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '../testing/snapshots.ts';

const table = (rows: string[][]): TableSource => ({ title: 'Phụ lục', rows: rows.map((cells, i) => ({ cells, line: i + 1 })) });
const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn'];

describe('"Nhiệm vụ thường xuyên" in the task text', () => {
  it('makes a dated task recur, with or without brackets, but not when it is only words in a sentence', () => {
    const { plan } = planFromTables([
      table([
        HEADER,
        ['1', 'Tuyên truyền về chuyển đổi số (Nhiệm vụ thường xuyên)', 'Sở KH&CN', '31/12/2025'],
        ['2', 'Tuyên truyền về chuyển đổi số. Nhiệm vụ thường xuyên', 'Sở KH&CN', '31/12/2025'],
        ['3', 'Tuyên truyền về chuyển đổi số\n*Nhiệm vụ thường xuyên*', 'Sở KH&CN', '31/12/2025'],
        ['4', 'Rà soát nhiệm vụ thường xuyên của các sở để báo cáo', 'Sở KH&CN', '31/12/2025'],
        ['5', 'Cập nhật dữ liệu. Nhiệm vụ thường xuyên', 'Sở KH&CN', ''],
      ]),
    ]);
    expect(plan.tasks.map((t) => t.deadline.cadence)).toEqual(['ongoing', 'ongoing', 'ongoing', undefined, 'ongoing']);
    expect(plan.tasks[4]!.deadline.kind).toBe('recurring');
  });
});

describe('limits', () => {
  it('refuses a document with more table rows than any plan has, before reading them', () => {
    const rows = [HEADER, ...Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => [String(i + 1), 'Việc', 'Sở Y tế', '2025'])];
    expect(() => planFromTables([table(rows)])).toThrow(ImportLimitError);
    expect(() => planFromTables([table(rows)])).toThrow(/vượt giới hạn/);
  });
  it('cuts an overlong cell with a warning on its line instead of refusing the plan', () => {
    const { plan } = planFromTables([table([HEADER, ['1', 'Việc '.repeat(MAX_CELL_CHARS), 'Sở Y tế', '1'.repeat(200_000)]])]);
    expect(plan.tasks).toHaveLength(1);
    expect(plan.tasks[0]!.content.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(plan.tasks[0]!.deadline.kind).toBe('none');
    expect(plan.warnings.map((w) => [w.code, w.line])).toContainEqual(['cell-too-long', 2]);
  });
});

describe("dondoc's own Phụ lục read back", () => {
  it('takes bold one-cell rows as groups: a track name sets the track, "Phụ lục III" and plain titles open groups; every task comes back in its track and group', () => {
    const plan = parsePlanText(readFileSync(new URL('../../../../shared/seeds/000_90562d8295c9ca09.txt', import.meta.url), 'utf8')).plan;
    const snapshot = snapshotFromPlan(plan, { today: '2025-12-10', settings: SAMPLE_SETTINGS });
    const doc = buildAppendix(snapshot);
    expect(doc.rows.filter((r) => r.kind === 'group' && r.level === 0).length).toBeGreaterThan(1);
    // As the Word export prints it: group rows bold and spanning the table (one cell), task rows cell by cell.
    const rows = [
      { cells: doc.columns.map((c) => c.header), line: 1, bold: true },
      ...doc.rows.map((r, i) => (r.kind === 'group' ? { cells: [r.text], line: i + 2, bold: true } : { cells: r.cells, line: i + 2 })),
    ];
    const read = planFromTables([{ title: doc.heading, rows }]);
    expect(read.plan.warnings.filter((w) => w.code === 'unreadable-row')).toEqual([]);
    const byId = new Map(snapshot.tasks.map((t) => [t.id, t]));
    const exported = doc.rows.flatMap((r) => (r.kind === 'task' ? [byId.get(r.taskId)!] : []));
    expect(read.plan.tasks).toHaveLength(exported.length);
    read.plan.tasks.forEach((t, i) => {
      const original = exported[i]!;
      expect(t.content, `task ${i + 1}`).toBe(original.content);
      expect(t.track, `task ${i + 1} ${original.content.slice(0, 30)}`).toBe(original.track);
      expect((t.group ?? []).slice(-original.group.length), `task ${i + 1}`).toEqual(original.group);
    });
  });
});

describe('a table with no header the importer recognises', () => {
  const rows = [
    ['1', 'Làm việc A', 'Sở Nội vụ', '31/12/2026'],
    ['2', 'Làm việc B', 'Sở Tư pháp', 'Quý III/2026'],
  ];

  it('is skipped, but says how wide it is and what its first rows hold, so each column can be given a field', () => {
    const { plan, tables } = planFromTables([table(rows)]);
    expect(plan.tasks).toEqual([]);
    expect(tables[0]).toMatchObject({ kind: 'skipped', headers: [], mapping: [], width: 4, sample: rows });
    expect(plan.warnings.map((w) => w.message)).toContain('Không nhận ra dòng tiêu đề của bảng "Phụ lục"; hãy chọn cột cho từng trường.');
  });

  it('offers the fields its columns seem to hold, without reading it by them', () => {
    const plain = [
      ['1', 'Rà soát quy trình nội bộ giải quyết thủ tục hành chính', 'Sở Nội vụ', '31/12/2026'],
      ['2', 'Số hóa hồ sơ lưu trữ tại bộ phận một cửa', 'Sở Tư pháp', 'Quý III/2026'],
    ];
    const { plan, tables } = planFromTables([table(plain)]);
    expect(plan.tasks).toEqual([]);
    expect(tables[0]).toMatchObject({ kind: 'skipped', suggested: ['ordinal', 'content', 'leads', 'deadline'] });
    expect(plan.warnings.map((w) => w.message)).toContain('Không nhận ra dòng tiêu đề của bảng "Phụ lục"; hãy xem cách đọc đề xuất theo nội dung các cột, hoặc chọn cột cho từng trường.');
  });

  it('is read with the mapping the user chose, from its first row', () => {
    const { plan, tables } = planFromTables([table(rows)], { mapping: { 0: { 0: 'ordinal', 1: 'content', 2: 'leads', 3: 'deadline' } } });
    expect(tables[0]).toMatchObject({ kind: 'tasks', count: 2, mapping: ['ordinal', 'content', 'leads', 'deadline'], width: 4 });
    expect(plan.tasks.map((t) => [t.ordinal, t.content, t.leads, t.deadline.due])).toEqual([
      ['1', 'Làm việc A', ['Sở Nội vụ'], '2026-12-31'],
      ['2', 'Làm việc B', ['Sở Tư pháp'], '2026-09-30'],
    ]);
  });

  it('shows the rows under a header it did recognise, cut short', () => {
    const long = 'x'.repeat(200);
    const { tables } = planFromTables([table([HEADER, ['1', long, 'Sở Nội vụ', '2026'], ['2', 'B', 'Sở Tư pháp', '2026'], ['3', 'C', '', ''], ['4', 'D', '', '']])]);
    expect(tables[0]!.sample).toHaveLength(3);
    expect(tables[0]!.sample[0]![1]).toBe(`${'x'.repeat(79)}…`);
  });
});

describe('the board fields dondoc exports: owner, approver, progress', () => {
  const HEAD = [...HEADER, 'Người phụ trách', 'Người phê duyệt', 'Phần trăm'];

  it('are read from their columns, kept as printed', () => {
    const { plan, tables } = planFromTables([
      table([HEAD, ['1', 'Việc A', 'Sở Nội vụ', '2026', 'Nguyễn Văn An', 'Phó Chủ tịch UBND tỉnh', '60'], ['2', 'Việc B', 'Sở Nội vụ', '2026', '', '', '45 %'], ['3', 'Việc C', 'Sở Nội vụ', '2026', '', '', '']]),
    ]);
    expect(tables[0]!.mapping).toEqual(['ordinal', 'content', 'leads', 'deadline', 'owner', 'approver', 'progress']);
    expect(plan.tasks.map((t) => [t.owner, t.approver, t.progress])).toEqual([
      ['Nguyễn Văn An', 'Phó Chủ tịch UBND tỉnh', 60],
      [undefined, undefined, 45],
      [undefined, undefined, undefined],
    ]);
  });

  it('keep an unknown person and an unreadable percent as warnings, never a failure', () => {
    const { plan } = planFromTables(
      [table([HEAD, ['1', 'Việc A', 'Sở Nội vụ', '2026', 'Trần Thị Lạ', '', 'sáu mươi'], ['2', 'Việc B', 'Sở Nội vụ', '2026', 'Trần Thị Lạ', '', '140'], ['3', 'Việc C', 'Sở Nội vụ', '2026', 'nguyễn văn an', '', '']])],
      { people: ['Nguyễn Văn An'] },
    );
    expect(plan.tasks.map((t) => [t.owner, t.progress])).toEqual([
      ['Trần Thị Lạ', undefined],
      ['Trần Thị Lạ', undefined],
      ['nguyễn văn an', undefined],
    ]);
    const messages = plan.warnings.filter((w) => w.field === 'owner' || w.field === 'progress').map((w) => w.message);
    expect(messages).toEqual([
      '1 người phụ trách (2 nhiệm vụ) không có trong danh sách người dùng: Trần Thị Lạ (2 nhiệm vụ); tên được giữ như ghi.',
      'Nhiệm vụ 1: phần trăm hoàn thành "sáu mươi" không đọc được (cần một số từ 0 đến 100, ví dụ 80, 80%, 0,8 hoặc "Hoàn thành"); để trống.',
      'Nhiệm vụ 2: phần trăm hoàn thành "140" không đọc được (cần một số từ 0 đến 100, ví dụ 80, 80%, 0,8 hoặc "Hoàn thành"); để trống.',
    ]);
  });

  it('cut a name longer than a task keeps, with a warning', () => {
    const { plan } = planFromTables([table([HEAD, ['1', 'Việc A', 'Sở Nội vụ', '2026', 'A'.repeat(250), '', '']])]);
    expect(plan.tasks[0]!.owner).toHaveLength(200);
    expect(plan.warnings.some((w) => w.code === 'cell-too-long' && w.field === 'owner')).toBe(true);
  });
});

describe('roles printed in agency cells, read by the importer', () => {
  const HEAD = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn'];

  it('moves agencies between the columns, says when the two cells disagree, and when no lead is left', () => {
    const { plan } = planFromTables([
      table([
        HEAD,
        ['1', 'Việc một', 'Sở Nội vụ (chủ trì); Sở Tư pháp, Công an tỉnh (phối hợp)', 'Sở Y tế', '2026'],
        ['2', 'Việc hai', '', 'Sở Tài chính (chủ trì), các sở ngành', '2026'],
        ['3', 'Việc ba', 'Sở Nội vụ', 'Sở Tài chính (chủ trì), các sở ngành', '2026'],
        ['4', 'Việc bốn', 'Sở Tư pháp, Công an tỉnh (phối hợp)', '', '2026'],
        ['5', 'Việc năm', 'Chủ trì: Sở Nội vụ; Phối hợp: Sở Tư pháp, Công an tỉnh', '', '2026'],
      ]),
    ]);
    expect(plan.tasks.map((t) => [t.leads, t.partners])).toEqual([
      [['Sở Nội vụ'], ['Sở Tư pháp', 'Công an tỉnh', 'Sở Y tế']],
      [['Sở Tài chính'], ['Các sở, ngành']],
      [['Sở Nội vụ'], ['Sở Tài chính', 'Các sở, ngành']],
      [[], ['Sở Tư pháp', 'Công an tỉnh']],
      [['Sở Nội vụ'], ['Sở Tư pháp', 'Công an tỉnh']],
    ]);
    // The cells stay as printed.
    expect(plan.tasks[0]!.leadsText).toBe('Sở Nội vụ (chủ trì); Sở Tư pháp, Công an tỉnh (phối hợp)');
    expect(plan.warnings.filter((w) => w.field === 'leads' || w.field === 'partners').map((w) => [w.line, w.code, w.message])).toEqual([
      [4, 'agency-role', 'Nhiệm vụ 3: ô cơ quan phối hợp ghi Sở Tài chính chủ trì, nhưng ô cơ quan chủ trì đã ghi Sở Nội vụ; Sở Tài chính được giữ ở cơ quan phối hợp — hãy xem lại ai chủ trì.'],
      [5, 'empty-cell', 'Nhiệm vụ 4 chưa có cơ quan chủ trì: ô chủ trì chỉ ghi cơ quan phối hợp (Sở Tư pháp; Công an tỉnh).'],
    ]);
  });
});

describe('owners nobody on the board is called', () => {
  const HEAD = [...HEADER, 'Người phụ trách'];
  const rows = (owners: string[]): TableSource => table([HEAD, ...owners.map((o, i) => [String(i + 1), `Việc ${i + 1}`, 'Sở Nội vụ', '2026', o])]);

  it('are named in one warning for the whole import, with how many tasks each holds, however many there are', () => {
    for (let people = 1; people <= 12; people++) {
      const owners = Array.from({ length: people * 3 }, (_, i) => (i % 3 === 2 ? 'Nguyễn Văn An' : `Người thứ ${(i % people) + 1}`));
      const { plan } = planFromTables([rows(owners)], { people: ['Nguyễn Văn An', 'Trần Thị Bình'] });
      const about = plan.warnings.filter((w) => w.field === 'owner');
      expect(about, `${people}`).toHaveLength(1);
      const strangers = new Set(owners.filter((o) => o !== 'Nguyễn Văn An'));
      expect(about[0]!.code).toBe('unknown-person');
      expect(about[0]!.line).toBeUndefined();
      expect(about[0]!.message, `${people}`).toMatch(new RegExp(`^${strangers.size} người phụ trách \\(${people * 2} nhiệm vụ\\) không có trong danh sách người dùng: `));
      // Eight names are spelled out, the rest counted.
      const shown = [...strangers].slice(0, 8);
      for (const name of shown) expect(about[0]!.message).toContain(name);
      if (strangers.size > 8) expect(about[0]!.message).toContain(`và ${strangers.size - 8} người khác`);
      expect(about[0]!.message).not.toContain('Nguyễn Văn An');
    }
  });

  it('are not warned about when every owner is known (case, diacritics and spaces aside) or there is nobody to compare with', () => {
    const owners = ['nguyễn văn an', 'NGUYEN VAN AN', ' Trần  Thị Bình '];
    expect(planFromTables([rows(owners)], { people: ['Nguyễn Văn An', 'Trần Thị Bình'] }).plan.warnings.filter((w) => w.field === 'owner')).toEqual([]);
    for (const people of [undefined, []]) expect(planFromTables([rows(['Người lạ'])], { ...(people ? { people } : {}) }).plan.warnings.filter((w) => w.field === 'owner')).toEqual([]);
  });
});
