// Headerless tables generated from the rule: every order of a plan's columns, agencies printed in full
// or short, deadlines in each printed class of DOMAIN.md, with group rows between the tasks. The guess
// names each column by what it holds, and a table that is not tasks gets no guess.
import { describe, expect, it } from 'vitest';
import type { GridRow } from './grid.ts';
import type { ColumnMapping, TaskField } from './fields.ts';
import { indexAgencies } from './agencies.ts';
import { PROVINCIAL_AGENCIES } from './directory.ts';
import { guessColumns } from './column-guess.ts';

const index = indexAgencies(PROVINCIAL_AGENCIES);
const VERBS = ['Triển khai', 'Rà soát, cập nhật', 'Xây dựng và ban hành', 'Tổ chức tập huấn', 'Số hóa', 'Kiểm tra, đánh giá'];
const OBJECTS = ['quy trình nội bộ giải quyết thủ tục hành chính', 'cơ sở dữ liệu chuyên ngành của tỉnh', 'kế hoạch chuyển đổi số năm 2026', 'hồ sơ lưu trữ tại bộ phận một cửa', 'dịch vụ công trực tuyến toàn trình'];
const LEADS = ['Sở Nội vụ', 'Sở KH&CN', 'Công an tỉnh', 'Sở Tư pháp', 'Văn phòng UBND tỉnh', 'UBND các xã, phường'];
const PARTNERS = ['Các sở, ban, ngành', 'Sở Tài chính; Sở Nội vụ', 'Sở Tư pháp và các đơn vị liên quan', 'Công an tỉnh', 'UBND cấp xã'];
const DEADLINES = ['31/12/2026', 'Tháng 6/2026', 'Quý IV/2026', 'Trước ngày 30/4/2026', 'Năm 2026', 'Hằng tháng', 'Quý II-III/2026'];
const OUTPUTS = ['Báo cáo kết quả', 'Quyết định ban hành', 'Kế hoạch được phê duyệt', 'Cơ sở dữ liệu vận hành', 'Văn bản hướng dẫn'];

type Column = Exclude<TaskField, 'group'>;
const CELL: Partial<Record<Column, (i: number) => string>> = {
  ordinal: (i) => `${i + 1}`,
  content: (i) => `${VERBS[i % VERBS.length]} ${OBJECTS[(i * 7) % OBJECTS.length]}`,
  leads: (i) => LEADS[i % LEADS.length]!,
  partners: (i) => PARTNERS[(i * 3) % PARTNERS.length]!,
  deadline: (i) => DEADLINES[(i * 5) % DEADLINES.length]!,
  output: (i) => OUTPUTS[(i * 2) % OUTPUTS.length]!,
};

/** A table of `n` tasks with `columns` in that order, a group row before every fourth task. */
function table(columns: readonly Column[], n = 12): GridRow[] {
  const rows: GridRow[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) rows.push({ cells: [`${'IVX'[i / 4] ?? 'I'}. Nhóm nhiệm vụ ${i / 4 + 1}`, ...columns.slice(1).map(() => '')], line: rows.length + 1 });
    rows.push({ cells: columns.map((col) => CELL[col]!(i)), line: rows.length + 1 });
  }
  return rows;
}

/** Every order of `items`. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}

describe('guessColumns', () => {
  it("names a plan's columns in whatever order they are printed (STT first, the result after the task)", () => {
    const middle: Column[] = ['content', 'leads', 'deadline'];
    let checked = 0;
    for (const order of orders(middle)) {
      // The leads come before the partners, as plans print them; the output follows the task.
      const withPartners = order.flatMap((c): Column[] => (c === 'leads' ? ['leads', 'partners'] : c === 'content' ? ['content', 'output'] : [c]));
      const columns: Column[] = ['ordinal', ...withPartners];
      expect(guessColumns(table(columns), columns.length, index), columns.join(', ')).toEqual(columns satisfies ColumnMapping);
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('guesses with only some of the columns, and leaves an unknown one alone', () => {
    expect(guessColumns(table(['content', 'leads']), 2, index)).toEqual(['content', 'leads']);
    expect(guessColumns(table(['deadline', 'content']), 2, index)).toEqual(['deadline', 'content']);
    const rows = table(['ordinal', 'content', 'leads', 'deadline']).map((r, i) => ({ ...r, cells: [...r.cells, `ghi chú ${i % 3 === 0 ? '' : 'x'}`] }));
    expect(guessColumns(rows, 5, index)?.slice(0, 4)).toEqual(['ordinal', 'content', 'leads', 'deadline']);
  });

  it('offers nothing for a table that is not tasks', () => {
    const signatures: GridRow[] = [
      { cells: ['Nơi nhận:', 'KT. CHỦ TỊCH'], line: 1 },
      { cells: ['- Như trên;', 'PHÓ CHỦ TỊCH'], line: 2 },
      { cells: ['- Lưu: VT.', 'Nguyễn Văn A'], line: 3 },
    ];
    expect(guessColumns(signatures, 2, index)).toBeUndefined();
    expect(guessColumns(table(['ordinal', 'content']), 2, index)).toBeUndefined();
    expect(guessColumns([], 3, index)).toBeUndefined();
  });
});
