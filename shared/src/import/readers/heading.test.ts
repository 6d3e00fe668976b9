// Tests for table titling from the heading lines above a table.
import { describe, expect, it } from 'vitest';
import { tableHeading } from './heading.ts';

describe('tableHeading', () => {
  it('names an appendix as the seed-text reader does and keeps its name as caption', () => {
    expect(tableHeading(['Ghi chú', 'PHỤ LỤC II', 'DANH SÁCH NHIỆM VỤ CCHC'], 'Bảng 1')).toEqual({
      title: 'Phụ lục II',
      caption: 'PHỤ LỤC II DANH SÁCH NHIỆM VỤ CCHC',
    });
  });
  it('takes the first line as title when no appendix is named, else the fallback', () => {
    expect(tableHeading(['2. Nhiệm vụ cụ thể'], 'Bảng 1')).toEqual({ title: '2. Nhiệm vụ cụ thể' });
    expect(tableHeading([], 'Trang 1')).toEqual({ title: 'Trang 1' });
  });
});
