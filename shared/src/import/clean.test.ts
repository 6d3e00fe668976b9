import { describe, expect, it } from 'vitest';
import { cleanCell } from './clean.ts';
import { splitAgencies } from './agencies.ts';
import { detectMapping } from './fields.ts';

describe('cleanCell', () => {
  it('turns list items into "- " lines and LaTeX into symbols', () => {
    expect(cleanCell('<ul style="x"> <li>- Một;</li> <li>- Hai $\\geq 80\\%$.</li> </ul>')).toBe('- Một;\n- Hai ≥ 80%.');
    expect(cleanCell('<p>Văn bản</p>  <b>đậm</b>')).toBe('Văn bản\nđậm');
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
