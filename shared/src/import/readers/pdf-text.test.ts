// The PDF-extracted reader on small hand-made extracts: header split by synonyms, repeated
// headers and page numbers dropped, rows rebuilt from what each column holds.
import { describe, expect, it } from 'vitest';
import { detectTextForm } from '../parse.ts';
import { pdfBodyLines, readPdfTextDetailed, splitHeader } from './pdf-text.ts';

/** PDF extraction as seen in seed 001: each printed line followed by an empty line. */
const extract = (...lines: string[]): string => lines.map((l) => `${l} \n`).join('\n');

const HEADER = ['PHỤ LỤC', 'Các nhiệm vụ chuyển đổi số', 'STT Nhiệm vụ cụ thể Đơn vị chủ trì Đơn vị phối hợp Sản phẩm', 'Thời hạn'];

describe('readPdfTextDetailed', () => {
  it('splits a wrapped header into the columns its synonyms name', () => {
    expect(splitHeader('TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả dự kiến Thời gian hoàn thành').map((h) => h.field)).toEqual([
      'ordinal', 'content', 'leads', 'partners', 'output', 'deadline',
    ]);
    expect(splitHeader('STT Nhiệm vụ cụ thể Thời hạn hoàn thành (Trung ương giao)').at(-1)).toEqual({ label: 'Thời hạn hoàn thành (Trung ương giao)', field: 'deadline' });
  });

  it('rebuilds rows across a page number and a repeated header', () => {
    const text = extract(
      ...HEADER,
      'I Hạ tầng số',
      '1 Nâng cấp mạng nội bộ cho các',
      'cơ quan. Phòng Kinh tế',
      '- Công an xã',
      'Mạng nội bộ được',
      '12',
      ...HEADER.slice(2),
      'nâng cấp Trước ngày',
      '30/4/2026',
      '2',
      'Tập huấn kỹ năng số.',
      'Trung tâm Phục vụ hành',
      'chính công',
      '03 lớp được tổ chức Hàng quý',
    );
    const { tables, warnings } = readPdfTextDetailed(text);
    expect(warnings).toEqual([]);
    const [table] = tables;
    expect(table!.title).toBe('Phụ lục');
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Nhiệm vụ cụ thể', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Sản phẩm', 'Thời hạn'],
      ['I', 'Hạ tầng số', '', '', '', ''],
      ['1', 'Nâng cấp mạng nội bộ cho các cơ quan.', 'Phòng Kinh tế', '- Công an xã', 'Mạng nội bộ được nâng cấp', 'Trước ngày 30/4/2026'],
      ['2', 'Tập huấn kỹ năng số.', 'Trung tâm Phục vụ hành chính công', '', '03 lớp được tổ chức', 'Hàng quý'],
    ]);
  });

  it('keeps printed ordinals and warns about a gap', () => {
    const text = extract(...HEADER, 'I Thể chế', '1 Rà soát văn bản.', 'Phòng Kinh tế', 'Tháng 6/2025', '3 Ban hành quy chế.', 'Phòng Kinh tế', 'Năm 2025');
    const { tables, warnings } = readPdfTextDetailed(text);
    expect(tables[0]!.rows.slice(2).map((r) => r.cells[0])).toEqual(['1', '3']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/nhảy từ 1 lên 3/);
  });

  it('a line ending in "của" keeps the next capitalised line in the content', () => {
    const text = extract(...HEADER, 'I Chỉ đạo', '1 Báo cáo kết quả theo chỉ đạo của', 'Ban Chỉ đạo.', 'Phòng Kinh tế', 'Báo cáo Thường xuyên');
    const row = readPdfTextDetailed(text).tables[0]!.rows[2]!;
    expect(row.cells.slice(1)).toEqual(['Báo cáo kết quả theo chỉ đạo của Ban Chỉ đạo.', 'Phòng Kinh tế', '', 'Báo cáo', 'Thường xuyên']);
  });
});

describe('PDF body and form', () => {
  it('detects the form: no tab rows, a line then an empty line', () => {
    expect(detectTextForm(extract(...HEADER))).toBe('pdf-text');
    expect(detectTextForm('TT\tNội dung\tChủ trì\n1\tA\tB\n')).toBe('seed-text');
  });

  it('puts wrapped paragraphs back on their first line, keeping line numbers', () => {
    const lines = pdfBodyLines(extract('KẾ HOẠCH', 'Thực hiện Chương trình số 63 của Ban', 'Thường vụ Tỉnh ủy', ' ', '1. Mục đích', 'Báo cáo định kỳ.'));
    expect(lines[0]).toBe('KẾ HOẠCH');
    expect(lines[2]).toBe('Thực hiện Chương trình số 63 của Ban Thường vụ Tỉnh ủy');
    expect(lines[4]).toBe('');
    expect(lines.filter((l) => l !== '')).toEqual(['KẾ HOẠCH', 'Thực hiện Chương trình số 63 của Ban Thường vụ Tỉnh ủy', '1. Mục đích', 'Báo cáo định kỳ.']);
  });
});
