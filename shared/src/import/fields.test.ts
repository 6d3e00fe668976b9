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
