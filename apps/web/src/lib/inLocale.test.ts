// A plugin's text in the UI's language, falling back to the Vietnamese a plugin always gives.
import { describe, expect, it } from 'vitest';
import { expandChecks } from '@dondoc/shared/api';
import { triage } from '@dondoc/shared/triage';
import { checklistIn, checksIn, inLocale, labelIn, reasonIn, triageIn } from './inLocale.ts';

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
  it('names the host\'s own criterion, a checklist plugin that failed on a task, in English too', () => {
    // As the payload carries it: an id outside the criteria, with the host's Vietnamese label.
    const failures = [{ id: 'plugin-error', label: 'Lỗi plugin kiểm tra', reason: 'Plugin "x" lỗi tại checklists: hỏng', reasonEn: 'Plugin "x" failed at checklists: broken' }];
    const results = expandChecks([{ id: 'ro-viec', label: 'Clear task' }], failures);
    expect(checksIn('en', results).map((r) => [r.label, r.reason])).toEqual([
      ['Clear task', ''],
      ['Checklist plugin error', 'Plugin "x" failed at checklists: broken'],
    ]);
    expect(checksIn('vi', results)[1]!.label).toBe('Lỗi plugin kiểm tra');
    const grouped = triage([{ id: 't1' }], { t1: failures }, [{ id: 'ro-viec', label: 'Clear task' }]);
    expect(triageIn('en', grouped).groups.map((g) => [g.id, g.label, g.count])).toEqual([
      ['ro-viec', 'Unclear task', 0],
      ['plugin-error', 'Checklist plugin error', 1],
    ]);
    expect(triageIn('vi', grouped)).toBe(grouped);
    expect(grouped.groups[1]!.label).toBe('Lỗi plugin kiểm tra');
  });
});
