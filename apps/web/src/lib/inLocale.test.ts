// A plugin's text in the UI's language, falling back to the Vietnamese a plugin always gives.
import { describe, expect, it } from 'vitest';
import { checklistIn, checksIn, inLocale, labelIn, reasonIn } from './inLocale.ts';

const checklist = {
  address: 'checklist-5ro:5ro',
  label: '5 rõ',
  labelEn: '5 clear points',
  criteria: [
    { id: 'ro-viec', label: 'Rõ việc', labelEn: 'Clear task' },
    { id: 'x', label: 'Tiêu chí riêng' },
  ],
};

describe('inLocale', () => {
  it('shows the English in the English UI and the Vietnamese otherwise', () => {
    expect(inLocale('en', 'Lịch (.ics)', 'Calendar (.ics)')).toBe('Calendar (.ics)');
    expect(inLocale('vi', 'Lịch (.ics)', 'Calendar (.ics)')).toBe('Lịch (.ics)');
  });
  it('falls back to the Vietnamese when a plugin gives no English, or a blank one', () => {
    expect(inLocale('en', 'Lịch (.ics)', undefined)).toBe('Lịch (.ics)');
    expect(inLocale('en', 'Lịch (.ics)', '  ')).toBe('Lịch (.ics)');
    expect(labelIn('en', { label: 'Phụ lục (Word)' })).toBe('Phụ lục (Word)');
  });
  it('turns a checklist and its criteria into the UI language, keeping ids and the Vietnamese where no English is given', () => {
    expect(checklistIn('en', checklist)).toEqual({
      address: 'checklist-5ro:5ro',
      label: '5 clear points',
      criteria: [
        { id: 'ro-viec', label: 'Clear task' },
        { id: 'x', label: 'Tiêu chí riêng' },
      ],
    });
    expect(checklistIn('vi', checklist)).toBe(checklist);
    expect(checklistIn('en', null)).toBeNull();
  });
  it('gives a failed criterion\'s reason in English where the checklist gives one (plugin API 1.6), else in Vietnamese', () => {
    const results = [
      { id: 'ro-viec', label: 'Clear task', pass: true, reason: '' },
      { id: 'ro-ket-qua', label: 'Clear result', pass: false, reason: 'Chưa ghi kết quả đầu ra', reasonEn: 'No output' },
      { id: 'x', label: 'Tiêu chí riêng', pass: false, reason: 'Thiếu' },
      { id: 'y', label: 'Tiêu chí khác', pass: false, reason: 'Thiếu nữa', reasonEn: ' ' },
    ];
    expect(checksIn('en', results).map((r) => r.reason)).toEqual(['', 'No output', 'Thiếu', 'Thiếu nữa']);
    expect(checksIn('vi', results)).toBe(results);
    expect(reasonIn('en', results[1]!)).toBe('No output');
    expect(reasonIn('vi', results[1]!)).toBe('Chưa ghi kết quả đầu ra');
    expect(reasonIn('en', results[2]!)).toBe('Thiếu');
  });
});
