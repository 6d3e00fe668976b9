// A plugin's text in the UI's language, falling back to the Vietnamese a plugin always gives.
import { describe, expect, it } from 'vitest';
import { checklistIn, inLocale, labelIn } from './inLocale.ts';

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
});
