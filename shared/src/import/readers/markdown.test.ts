// Tests for the Markdown pipe-table reader: cell splitting, escapes, titles and line numbers.
import { describe, expect, it } from 'vitest';
import { readMarkdownTables, splitPipeRow } from './markdown.ts';

describe('splitPipeRow', () => {
  it('drops optional outer pipes and unescapes \\|', () => {
    expect(splitPipeRow('| a | b \\| c | d |')).toEqual(['a', 'b | c', 'd']);
    expect(splitPipeRow('a | b')).toEqual(['a', 'b']);
    expect(splitPipeRow('| a | |')).toEqual(['a', '']);
  });
});

describe('readMarkdownTables', () => {
  const doc = [
    '# KẾ HOẠCH', // line 1
    '',
    'Đoạn mở đầu có ký tự | nhưng không phải bảng.',
    '',
    '**PHỤ LỤC I**  ', // line 5
    '**DANH MỤC NHIỆM VỤ KHCN, ĐMST VÀ CĐS**',
    '*(Kèm theo Kế hoạch số 01/KH-BCĐ)*',
    '',
    '| STT | Nội dung | Cơ quan chủ trì | Thời hạn |', // line 9
    '|---|:--|:--:|--:|',
    '| **I** | **HOÀN THIỆN THỂ CHẾ** | | |',
    '| 1 | Ban hành quy chế<br>- Công khai \\| minh bạch | Sở KH&CN | Quý IV/2025 |',
    '| | Việc con | UBND cấp xã |', // line 13: short row, padded
    '',
    'Đoạn văn giữa hai bảng.',
    '',
    '## Phụ lục II', // line 17
    'Một đoạn văn thường.',
    '',
    'STT | Nội dung',
    '--- | ---',
    '1 | Rà soát TTHC', // line 22
  ].join('\n');

  it('finds each table with its rows, source lines and bold hints', () => {
    const [first, second] = readMarkdownTables(doc);
    expect(first!.rows.map((r) => r.line)).toEqual([9, 11, 12, 13]);
    expect(first!.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn'],
      ['**I**', '**HOÀN THIỆN THỂ CHẾ**', '', ''],
      ['1', 'Ban hành quy chế<br>- Công khai | minh bạch', 'Sở KH&CN', 'Quý IV/2025'],
      ['', 'Việc con', 'UBND cấp xã', ''],
    ]);
    expect(first!.rows.map((r) => r.bold ?? false)).toEqual([true, true, false, false]);
    expect(second!.rows).toEqual([
      { cells: ['STT', 'Nội dung'], line: 20, bold: true },
      { cells: ['1', 'Rà soát TTHC'], line: 22 },
    ]);
  });

  it('titles a table by the nearest heading or bold block above it', () => {
    const [first, second] = readMarkdownTables(doc);
    expect(first!.title).toBe('Phụ lục I');
    expect(first!.caption).toBe('PHỤ LỤC I DANH MỤC NHIỆM VỤ KHCN, ĐMST VÀ CĐS (Kèm theo Kế hoạch số 01/KH-BCĐ)');
    // A plain paragraph between the heading and the table does not hide the heading.
    expect(second!.title).toBe('Phụ lục II');
    expect(second!.caption).toBeUndefined(); // the heading says no more than the title
  });

  it('does not take a heading from above an earlier table', () => {
    const text = '**PHỤ LỤC**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n|---|---|\n| 3 | 4 |';
    expect(readMarkdownTables(text).map((t) => t.title)).toEqual(['Phụ lục', 'Bảng 2']);
  });

  it('ignores pipes without a matching delimiter row and lines only partly bold', () => {
    const text = '**Nhiệm vụ** và **giải pháp**\n\na | b\n|---|---|---|\n\nx | y\n---|---\n1 | 2';
    const tables = readMarkdownTables(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title).toBe('Bảng 1');
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('reads CRLF text and ends a table at a line without a pipe', () => {
    const tables = readMarkdownTables('| a |\r\n|---|\r\n| 1 |\r\nkết thúc\r\n');
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([['a'], ['1']]);
  });

  it('reads the Lào Cai Q4/2025 appendix rewritten as a pipe table', () => {
    const text = [
      '**PHỤ LỤC II**  ',
      '**DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH**',
      '',
      '| <b>STT</b> | <b>Nhóm nhiệm vụ</b> | <b>Nội dung chi tiết</b> | <b>Cơ quan chủ trì</b> | <b>Cơ quan phối hợp</b> | <b>Thời hạn</b> |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 9 | Phòng chống tham nhũng, tiêu cực | <ul> <li>- Thiết lập kênh.</li> </ul> | Thanh tra tỉnh | Sở Nội vụ, Sở KH&CN, UBND cấp xã | Hàng tháng |',
    ].join('\n');
    const [table] = readMarkdownTables(text);
    expect(table).toMatchObject({ title: 'Phụ lục II', caption: 'PHỤ LỤC II DANH SÁCH NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH' });
    expect(table!.rows[1]!.cells[5]).toBe('Hàng tháng');
    expect(table!.rows[1]!.line).toBe(6);
  });
});
