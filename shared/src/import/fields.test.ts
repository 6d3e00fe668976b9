// Header synonyms in both directions — header → field for every synonym of plans and progress
// reports as documents print them, field → header for every field — in any column order.
import { describe, expect, it } from 'vitest';
import { detectMapping, fieldForHeader, HEADER_SYNONYMS, TASK_FIELD_LABELS, TASK_FIELDS, type TaskField } from './fields.ts';
import { planFromTables } from './tables.ts';

/** The ways documents print a header: case, decomposed diacritics, a note after it, a line break inside. */
function printings(header: string): string[] {
  const words = header.split(' ');
  return [
    header,
    header.toUpperCase(),
    header.normalize('NFD'),
    `${header} (1)`,
    `${header}\n(ghi chú)`,
    words.length > 1 ? `${words.slice(0, -1).join(' ')}\n${words.at(-1)}` : header,
    `  ${header}  `,
  ];
}

// DOMAIN.md "A task, field by field" (plans) and "Documents that come in" (progress reports), as printed there.
const PLAN_HEADERS: Array<[string, TaskField]> = [
  ['STT', 'ordinal'],
  ['TT', 'ordinal'],
  ['Nhóm nhiệm vụ', 'group'],
  ['Nội dung nhiệm vụ', 'content'],
  ['Nhiệm vụ cụ thể', 'content'],
  ['Tên nhiệm vụ', 'content'],
  ['Nội dung cụ thể', 'content'],
  ['Cơ quan chủ trì', 'leads'],
  ['Đơn vị chủ trì', 'leads'],
  ['Cơ quan chủ trì/tham mưu', 'leads'],
  ['Cơ quan phối hợp', 'partners'],
  ['Đơn vị phối hợp', 'partners'],
  ['Thời hạn', 'deadline'],
  ['Thời hạn hoàn thành', 'deadline'],
  ['Thời gian hoàn thành', 'deadline'],
  ['Kết quả đầu ra', 'output'],
  ['Kết quả dự kiến', 'output'],
  ['Kết quả', 'output'],
  ['Văn bản giao nhiệm vụ', 'sourceDoc'],
];
const REPORT_HEADERS: Array<[string, TaskField]> = [
  ['Tiến độ', 'status'],
  ['Đánh giá', 'status'],
  ['Tình hình thực hiện', 'progressNote'],
  ['Kết quả thực hiện', 'progressNote'],
  ['Kết quả hiện nay', 'progressNote'],
  ['Cơ quan thực hiện', 'leads'],
  ['Đơn vị thực hiện', 'leads'],
  ['Cơ quan chủ trì thực hiện', 'leads'],
  ['Cơ quan chủ trì, tham mưu', 'leads'],
  ['Kết quả yêu cầu', 'output'],
  ['Sản phẩm', 'output'],
  ['Sản phẩm đầu ra', 'output'],
  ['Thời gian thực hiện', 'deadline'],
  ['Thời gian hoàn thành', 'deadline'],
  ['Khó khăn, vướng mắc', 'difficulties'],
  ['Đề xuất, kiến nghị', 'proposals'],
];

describe('header → field', () => {
  it.each([
    ['plans', PLAN_HEADERS],
    ['progress reports', REPORT_HEADERS],
  ] as const)('reads every header DOMAIN.md lists for %s, however it is printed', (_, headers) => {
    for (const [header, field] of headers) for (const printed of printings(header)) expect(fieldForHeader(printed), JSON.stringify(printed)).toBe(field);
  });

  it('reads every synonym of the table as its own field (no synonym is shadowed by a shorter one)', () => {
    for (const field of TASK_FIELDS) for (const synonym of HEADER_SYNONYMS[field]) for (const printed of printings(synonym)) expect(fieldForHeader(printed), printed).toBe(field);
  });

  it('leaves headers that name no field unplaced', () => {
    for (const header of ['Ghi chú', 'Mã số', 'Kinh phí', '', 'Ngày cập nhật']) expect(fieldForHeader(header), header).toBeUndefined();
  });
});

describe('field → header', () => {
  it('every field has synonyms, and its label in the mapping UI reads back as that field', () => {
    for (const field of TASK_FIELDS) {
      expect(HEADER_SYNONYMS[field].length, field).toBeGreaterThan(0);
      expect(fieldForHeader(TASK_FIELD_LABELS[field]), TASK_FIELD_LABELS[field]).toBe(field);
    }
  });
});

/** Every ordering of a row's columns, by Heap's algorithm. */
function permutations<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  const a = [...items];
  const c = a.map(() => 0);
  out.push([...a]);
  let i = 1;
  while (i < a.length) {
    if (c[i]! < i) {
      const k = i % 2 === 0 ? 0 : c[i]!;
      [a[k], a[i]] = [a[i]!, a[k]!];
      out.push([...a]);
      c[i]!++;
      i = 1;
    } else c[i++] = 0;
  }
  return out;
}

describe('column order', () => {
  it('maps a plan header and a report header the same in every column order', () => {
    const plan = ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành', 'Kết quả dự kiến'];
    const report = ['STT', 'Nhiệm vụ', 'Thời gian thực hiện', 'Cơ quan thực hiện', 'Tiến độ', 'Kết quả thực hiện'];
    for (const headers of [plan, report])
      for (const order of permutations(headers)) {
        const mapping = detectMapping(order)!;
        expect(mapping, order.join(' | ')).toBeDefined();
        order.forEach((h, c) => expect(mapping[c]).toBe(fieldForHeader(h)));
      }
  });

  it('reads a report whose deadline comes before its agency, with its status and result columns', () => {
    const rows = [
      ['STT', 'Nhiệm vụ', 'Thời gian thực hiện', 'Cơ quan thực hiện', 'Tiến độ', 'Kết quả thực hiện'],
      ['1', 'Ban hành kế hoạch chuyển đổi số', 'Quý I/2026', 'Sở KH&CN', 'Hoàn thành', 'Đã ban hành Kế hoạch số 12/KH-UBND'],
      ['2', 'Số hóa hồ sơ TTHC', 'Tháng 6/2026', 'Văn phòng UBND tỉnh', 'Đang thực hiện, chậm tiến độ', 'Đạt 60% hồ sơ'],
      ['3', 'Khảo sát mức độ hài lòng', 'Quý IV/2026', 'Sở Nội vụ', 'Chưa thực hiện', ''],
    ].map((cells, i) => ({ cells, line: i + 1 }));
    const { plan, tables } = planFromTables([{ title: 'Phụ lục', rows }]);
    expect(tables[0]!.mapping).toEqual(['ordinal', 'content', 'deadline', 'leads', 'status', 'progressNote']);
    expect(plan.kind).toBe('report');
    expect(plan.tasks.map((t) => t.leads)).toEqual([['Sở Khoa học và Công nghệ'], ['Văn phòng Ủy ban nhân dân tỉnh'], ['Sở Nội vụ']]);
    expect(plan.tasks.map((t) => t.report)).toEqual([
      { statusText: 'Hoàn thành', column: 'done', late: false, progress: 100, note: 'Đã ban hành Kế hoạch số 12/KH-UBND' },
      { statusText: 'Đang thực hiện, chậm tiến độ', column: 'doing', late: true, note: 'Đạt 60% hồ sơ' },
      { statusText: 'Chưa thực hiện', column: 'todo', late: false, note: '' },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('takes a "Tiến độ" column of deadlines in a plan for the deadline, and names a column it cannot place', () => {
    const rows = [
      ['STT', 'Nội dung', 'Chủ trì', 'Tiến độ thực hiện', 'Kinh phí'],
      ['1', 'Xây dựng CSDL', 'Sở Y tế', 'Quý III/2026', '200 triệu'],
      ['2', 'Tập huấn', 'Sở Nội vụ', 'Tháng 9/2026', ''],
    ].map((cells, i) => ({ cells, line: i + 1 }));
    const { plan, tables } = planFromTables([{ title: 'Bảng 1', rows }]);
    expect(tables[0]!.mapping).toEqual(['ordinal', 'content', 'leads', 'deadline', 'ignore']);
    expect(plan.kind).toBeUndefined();
    expect(plan.tasks.map((t) => t.deadline.due)).toEqual(['2026-09-30', '2026-09-30']);
    expect(plan.warnings).toEqual([expect.objectContaining({ code: 'unknown-column', subject: 'Kinh phí', message: expect.stringContaining('"Kinh phí"') })]);
  });
});

describe('a report\'s percent column', () => {
  // The words a percent column is headed by, with and without the sign, and the sign alone.
  const PERCENT_HEADERS = ['Phần trăm', 'Phần trăm hoàn thành', 'Tỷ lệ hoàn thành', 'Tỉ lệ hoàn thành', 'Tỷ lệ thực hiện'];
  const WITH_SIGN = ['%', '% hoàn thành', 'Tiến độ (%)', 'Tỷ lệ (%)', 'Tỉ lệ (%)', 'Tỷ lệ hoàn thành (%)', 'Tiến độ thực hiện (%)', 'Mức độ hoàn thành (%)', 'Phần trăm (%)', 'Tỷ lệ % hoàn thành', '% thực hiện'];

  it('is the percent, however its header is printed; without the sign "Tiến độ" stays the status', () => {
    for (const header of [...PERCENT_HEADERS, ...WITH_SIGN]) for (const printed of printings(header)) expect(fieldForHeader(printed), JSON.stringify(printed)).toBe('progress');
    expect(fieldForHeader('Tiến độ')).toBe('status');
    expect(fieldForHeader('Mức độ hoàn thành')).toBe('status');
    // A percent an indicator counts is not the task's.
    expect(fieldForHeader('Tỷ lệ hồ sơ trực tuyến (%)')).toBeUndefined();
  });

  it('sets each task\'s progress, places it when no status says where, and warns about a cell that is no percent', () => {
    for (const header of ['Tỷ lệ hoàn thành', '% hoàn thành', 'Tiến độ (%)', 'Phần trăm']) {
      const rows = [
        ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', header],
        ['1', 'Việc một', 'Sở Nội vụ', '80%'],
        ['2', 'Việc hai', 'Sở Nội vụ', '80'],
        ['3', 'Việc ba', 'Sở Nội vụ', '80 %'],
        ['4', 'Việc bốn', 'Sở Nội vụ', 'Hoàn thành'],
        ['5', 'Việc năm', 'Sở Nội vụ', '0'],
        ['6', 'Việc sáu', 'Sở Nội vụ', 'gần xong'],
        ['7', 'Việc bảy', 'Sở Nội vụ', ''],
      ].map((cells, i) => ({ cells, line: i + 1 }));
      const { plan, tables } = planFromTables([{ title: 'Báo cáo', rows }]);
      expect(tables[0]!.mapping[3], header).toBe('progress');
      expect(plan.kind, header).toBe('report');
      expect(plan.tasks.map((t) => [t.progress, t.report?.progress, t.report?.column]), header).toEqual([
        [80, 80, 'doing'],
        [80, 80, 'doing'],
        [80, 80, 'doing'],
        [100, 100, 'done'],
        [0, 0, 'todo'],
        [undefined, undefined, undefined],
        [undefined, undefined, undefined],
      ]);
      expect(plan.warnings.filter((w) => w.field === 'progress').map((w) => [w.line, w.message]), header).toEqual([
        [7, 'Nhiệm vụ 6: phần trăm hoàn thành "gần xong" không đọc được (cần một số từ 0 đến 100, ví dụ 80, 80%, 0,8 hoặc "Hoàn thành"); để trống.'],
      ]);
    }
  });

  it('reads a column of fractions ("0,8") as percents, and keeps the status where one is printed', () => {
    const rows = [
      ['STT', 'Nội dung nhiệm vụ', 'Tiến độ', 'Tỷ lệ hoàn thành'],
      ['1', 'Việc một', 'Đang thực hiện', '0,8'],
      ['2', 'Việc hai', 'Hoàn thành', '1'],
      ['3', 'Việc ba', '', '0,25'],
      ['4', 'Việc bốn', 'Hoàn thành', '0,95'],
    ].map((cells, i) => ({ cells, line: i + 1 }));
    const { plan, tables } = planFromTables([{ title: 'Báo cáo', rows }]);
    expect(tables[0]!.mapping).toEqual(['ordinal', 'content', 'status', 'progress']);
    expect(plan.tasks.map((t) => [t.report?.progress, t.report?.column])).toEqual([
      [80, 'doing'],
      [100, 'done'],
      [25, 'doing'],
      // The unit said done; its percent is kept as printed.
      [95, 'done'],
    ]);
  });
});

describe('"Ngày hoàn thành"', () => {
  it('is when a finished task finished: kept for a finished row, warned about on a row that is not', () => {
    const rows = [
      ['STT', 'Nội dung nhiệm vụ', 'Thời hạn', 'Tiến độ', 'Ngày hoàn thành'],
      ['1', 'Việc một', '31/12/2025', 'Hoàn thành', '15/11/2025'],
      ['2', 'Việc hai', '31/12/2025', 'Đang thực hiện', '20/11/2025'],
      ['3', 'Việc ba', '31/12/2025', 'Hoàn thành', 'chưa rõ'],
    ].map((cells, i) => ({ cells, line: i + 1 }));
    const { plan, tables } = planFromTables([{ title: 'Báo cáo', rows }]);
    expect(tables[0]!.mapping).toEqual(['ordinal', 'content', 'deadline', 'status', 'completedAt']);
    expect(plan.tasks.map((t) => t.completedAt)).toEqual(['2025-11-15', '2025-11-20', undefined]);
    expect(plan.warnings.filter((w) => w.field === 'completedAt').map((w) => [w.line, w.message])).toEqual([
      [3, 'Nhiệm vụ 2 ghi ngày hoàn thành 20/11/2025 nhưng không ở tiến độ "Hoàn thành"; ngày chỉ được giữ khi nhiệm vụ hoàn thành.'],
      [4, 'Nhiệm vụ 3: ngày hoàn thành "chưa rõ" không đọc được (cần một ngày như 15/11/2025); để trống.'],
    ]);
  });

  it('is the deadline of a plan that heads its deadlines so and says nothing of progress: no date is lost', () => {
    const rows = [
      ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Ngày hoàn thành'],
      ['1', 'Việc một', 'Sở Nội vụ', '15/11/2026'],
    ].map((cells, i) => ({ cells, line: i + 1 }));
    const { plan, tables } = planFromTables([{ title: 'Kế hoạch', rows }]);
    expect(tables[0]!.mapping).toEqual(['ordinal', 'content', 'leads', 'deadline']);
    expect([plan.tasks[0]!.deadline.due, plan.tasks[0]!.completedAt]).toEqual(['2026-11-15', undefined]);
  });
});
