import { describe, expect, it } from 'vitest';
import { cleanCell, taskContent } from './clean.ts';
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

describe('taskContent', () => {
  const markers = ['- ', '– ', '— ', '+ ', '• ', '· ', '-\t', '-  '];
  const words = ['Phổ cập kỹ năng số cơ bản cho người dân.', '100% xã, phường có Tổ Công nghệ số cộng đồng', 'Sở KH&CN tham mưu; - không phải mục'];
  it('drops the marker of a row that is one list item, on every marker', () => {
    for (const m of markers) for (const w of words) {
      expect(taskContent(`${m}${w}`)).toBe(w);
      expect(taskContent(`<ul><li>${m}${w}</li></ul>`)).toBe(w);
      // An item that runs over a second line is still one item.
      expect(taskContent(`${m}${w}<br>tiếp theo dòng sau`)).toBe(`${w}\ntiếp theo dòng sau`);
    }
  });
  it('keeps a list of several items, and a heading over its items, one item a line', () => {
    for (const m of markers) for (const w of words) {
      const item = `${m.trim()} ${w}`;
      expect(taskContent(`${m}${w}\n${m}Hai`)).toBe(`${item}\n${m.trim()} Hai`);
      expect(taskContent(`Tuyên truyền:\n${m}${w}`)).toBe(`Tuyên truyền:\n${item}`);
    }
  });
  it('leaves words that only start like a marker', () => {
    for (const w of ['-5% chi phí', '+84 đường dây nóng', '–', 'Hoàn thành - đúng hạn']) expect(taskContent(w)).toBe(w);
  });
});
