// Tests for the pasted-TSV reader: Excel's clipboard quoting, line numbers, table splitting.
import { describe, expect, it } from 'vitest';
import { readTsv } from './tsv.ts';

const cellsOf = (text: string) => readTsv(text).map((t) => t.rows.map((r) => r.cells));

describe('readTsv', () => {
  it('reads plain rows with LF or CRLF alike', () => {
    const lf = 'STT\tNội dung\tThời hạn\n1\tRà soát TTHC\t31/12/2025\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(cellsOf(lf)).toEqual([
      [
        ['STT', 'Nội dung', 'Thời hạn'],
        ['1', 'Rà soát TTHC', '31/12/2025'],
      ],
    ]);
    expect(cellsOf(crlf)).toEqual(cellsOf(lf));
  });

  it('unquotes Excel cells holding line breaks, tabs and doubled quotes, keeping start lines', () => {
    const text = [
      'STT\tNội dung\tCơ quan chủ trì',
      '1\t"- Rà soát văn bản.\r\n- Công khai ""kịp thời""."\tSở Nội vụ',
      '2\t"Cột\tcó tab"\t"Sở KH&CN',
      'UBND cấp xã"',
      '3\tTriển khai\tCông an tỉnh',
    ].join('\r\n');
    const [table] = readTsv(text);
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Nội dung', 'Cơ quan chủ trì'],
      ['1', '- Rà soát văn bản.\n- Công khai "kịp thời".', 'Sở Nội vụ'],
      ['2', 'Cột\tcó tab', 'Sở KH&CN\nUBND cấp xã'],
      ['3', 'Triển khai', 'Công an tỉnh'],
    ]);
    expect(table!.rows.map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it('keeps a stray quote that does not open a quoted cell as text', () => {
    const text = 'a\tb\n1\t"Một cửa" điện tử\tx\n2\t"chưa đóng\ty\n3\tz\tw';
    expect(cellsOf(text)[0]).toEqual([
      ['a', 'b', ''],
      ['1', '"Một cửa" điện tử', 'x'],
      ['2', '"chưa đóng', 'y'],
      ['3', 'z', 'w'],
    ]);
  });

  it('drops trailing columns empty everywhere and pads short rows', () => {
    const text = 'STT\tNội dung\t\t\n1\tViệc một\t\t\n2\n';
    const [table] = readTsv(text);
    // "2" alone after the first row is a row of the table (a group or STT-only row), padded.
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Nội dung'],
      ['1', 'Việc một'],
      ['2', ''],
    ]);
  });

  it('splits tables at blank lines and takes leading one-cell rows as title and caption', () => {
    const text = [
      'PHỤ LỤC I\t\t',
      'DANH MỤC NHIỆM VỤ KHCN\t\t',
      'STT\tNội dung\tThời hạn',
      '1\tViệc một\tQuý IV/2025',
      '\t\t', // spacer row inside the copied range: dropped, table continues
      '2\tViệc hai\tHàng tháng',
      '',
      'PHỤ LỤC II',
      '',
      'STT\tNội dung\tThời hạn',
      '1\tViệc ba\t30/11/2025',
    ].join('\n');
    const tables = readTsv(text);
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ title: 'Phụ lục I', caption: 'PHỤ LỤC I DANH MỤC NHIỆM VỤ KHCN' });
    expect(tables[0]!.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [3, 'STT'],
      [4, '1'],
      [6, '2'],
    ]);
    expect(tables[1]!.title).toBe('Phụ lục II');
    expect(tables[1]!.caption).toBe('PHỤ LỤC II');
    expect(tables[1]!.rows[1]).toEqual({ cells: ['1', 'Việc ba', '30/11/2025'], line: 11 });
  });

  it('names untitled tables in order and ignores a trailing newline', () => {
    const tables = readTsv('a\tb\n1\t2\n\nc\td\n3\t4\n');
    expect(tables.map((t) => t.title)).toEqual(['Bảng 1', 'Bảng 2']);
    expect(tables[1]!.rows).toHaveLength(2);
  });

  it('keeps text with no tabs as a one-column table, and empty text as none', () => {
    expect(readTsv('')).toEqual([]);
    expect(readTsv('\n\n')).toEqual([]);
    expect(cellsOf('dòng một\n\ndòng hai')).toEqual([[['dòng một'], ['dòng hai']]]);
  });

  it('ignores a byte-order mark', () => {
    expect(cellsOf('\uFEFFa\tb')).toEqual([[['a', 'b']]]);
  });
});
