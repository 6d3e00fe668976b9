import { describe, expect, it } from 'vitest';
import { parseDeadline } from '@dondoc/shared/deadline';
import { deadlineReading } from './reading.ts';

describe('deadlineReading (import preview)', () => {
  it('tells a deadline counted from an event apart from a plain conditional one, whatever the unit', () => {
    for (const unit of ['ngày', 'ngày làm việc', 'tuần', 'tháng', 'năm'])
      for (const lead of ['Trong', 'Chậm nhất', '']) {
        const text = `${lead} 30 ${unit} kể từ khi Luật có hiệu lực`.trim();
        expect(deadlineReading(parseDeadline(text)).key, text).toBe('import.deadline.conditionalOffset');
      }
    expect(deadlineReading(parseDeadline('Theo hướng dẫn của Bộ Công an')).key).toBe('import.deadline.conditional');
    // Before an event: said so, not "counted from" it.
    for (const text of ['30 ngày trước kỳ họp', 'Trước kỳ họp HĐND tỉnh 15 ngày', 'chậm nhất 05 ngày làm việc trước ngày tổ chức hội nghị'])
      expect(deadlineReading(parseDeadline(text)).key, text).toBe('import.deadline.conditionalBefore');
    // With the date printed, the deadline is counted: a plain due date.
    expect(deadlineReading(parseDeadline('Trong 30 ngày kể từ ngày 01/3/2026'))).toEqual({ key: 'import.deadline.due', params: { date: '31/03/2026' } });
  });
});
