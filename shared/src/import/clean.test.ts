import { describe, expect, it } from 'vitest';
import { cleanCell } from './clean.ts';
import { splitAgencies } from './agencies.ts';
import { detectMapping } from './fields.ts';

describe('cleanCell', () => {
  it('turns list items into "- " lines and LaTeX into symbols', () => {
    expect(cleanCell('<ul style="x"> <li>- Một;</li> <li>- Hai $\\geq 80\\%$.</li> </ul>')).toBe('- Một;\n- Hai ≥ 80%.');
    expect(cleanCell('<p>Văn bản</p>  <b>đậm</b>')).toBe('Văn bản\nđậm');
  });
  it('keeps link addresses written as Markdown autolinks, and stays linear on unclosed brackets', () => {
    expect(cleanCell('Cổng thông tin <https://dichvucong.gov.vn/p/home> và <b>nq57.vn</b>')).toBe('Cổng thông tin https://dichvucong.gov.vn/p/home và nq57.vn');
    expect(cleanCell('Hộp thư <sokhcn@laocai.gov.vn>')).toBe('Hộp thư sokhcn@laocai.gov.vn');
    expect(cleanCell('<'.repeat(100_000) + 'a')).toBe('<'.repeat(100_000) + 'a');
  });
});

describe('splitAgencies', () => {
  it('keeps collectives and "Sở Văn hóa, Thể thao và Du lịch" whole', () => {
    expect(splitAgencies('Sở Tư pháp, Các Sở, ngành, địa phương')).toEqual(['Sở Tư pháp', 'Các Sở, ngành, địa phương']);
    expect(splitAgencies('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
    expect(splitAgencies('Công an tỉnh; Bảo hiểm xã hội tỉnh\n- UBND các xã, phường')).toEqual(['Công an tỉnh', 'Bảo hiểm xã hội tỉnh', 'UBND các xã, phường']);
  });
});

describe('detectMapping', () => {
  it('finds fields by synonyms in any order', () => {
    expect(detectMapping(['TT', 'Đơn vị chủ trì', 'Nội dung, nhiệm vụ cụ thể', 'Thời gian hoàn thành'])).toEqual(['ordinal', 'leads', 'content', 'deadline']);
    expect(detectMapping(['STT', 'Ghi chú'])).toBeUndefined();
  });
});
