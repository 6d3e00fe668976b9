import { describe, expect, it } from 'vitest';
import { judgeOutput } from './output.ts';

const kind = (s: string) => judgeOutput(s).kind;

describe('judgeOutput', () => {
  it('reads the head of each item: product noun, activity verb, outcome word', () => {
    expect(judgeOutput('')).toEqual({ kind: 'empty', item: '' });
    expect(judgeOutput(' <br> ')).toEqual({ kind: 'empty', item: '' });
    expect(judgeOutput('Quyết định phê duyệt Đề án')).toEqual({ kind: 'product', item: 'Quyết định phê duyệt Đề án' });
    expect(judgeOutput('Triển khai hiệu quả nền tảng Bình dân học vụ số')).toEqual({ kind: 'activity', item: 'Triển khai hiệu quả nền tảng Bình dân học vụ số' });
    expect(judgeOutput('Hoàn thành')).toEqual({ kind: 'vague', item: 'Hoàn thành' });
    expect(kind('Trạm quan trắc tự động')).toBe('unknown');
  });
  it('is indifferent to case, diacritics typed or not, HTML and list markers', () => {
    for (const s of ['BÁO CÁO KẾT QUẢ', 'bao cao ket qua', '<ul><li>Báo cáo kết quả</li></ul>', '- Báo cáo kết quả.', '+ Báo cáo kết quả;']) expect(kind(s), s).toBe('product');
    for (const s of ['TRIỂN KHAI THỰC HIỆN', 'trien khai thuc hien', '<p>Triển khai thực hiện</p>', '- Tổ chức thực hiện.']) expect(kind(s), s).toBe('activity');
  });
  it('follows a verb chain to the verb that acts on the object', () => {
    expect(kind('Tham mưu ban hành Kế hoạch')).toBe('product');
    expect(kind('Triển khai xây dựng Bộ tiêu chí')).toBe('product');
    expect(kind('Tổ chức thực hiện Kế hoạch')).toBe('activity');
    expect(kind('Tiếp tục triển khai, nhân rộng mô hình')).toBe('activity');
  });
  it('keeps document numbers whole: "12/KH-UBND" is no list of two items', () => {
    expect(kind('Triển khai Kế hoạch 12/KH-UBND')).toBe('activity');
    expect(kind('Kế hoạch/đề án hỗ trợ')).toBe('product');
  });
});
