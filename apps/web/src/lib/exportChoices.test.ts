// The export menu's choices: defaults from the filter and the board's rhythm, the link's query, and
// the count the menu announces, for every combination of what a format offers and what is chosen.
import { describe, expect, it } from 'vitest';
import { REPORT_CADENCES, parsePeriod } from '@dondoc/shared/periods';
import { defaultChoices, exportCount, exportQuery, orderedCadences, periodsFor, type ExportOptionsOffered } from './exportChoices.ts';

const today = '2025-12-10';
const tasks = [
  { task: { id: 'a', leads: ['Công an tỉnh'] } },
  { task: { id: 'b', leads: ['Sở Nội vụ', 'Công an tỉnh'] } },
  { task: { id: 'c', leads: ['Sở Nội vụ'] } },
  { task: { id: 'd', leads: [] } },
];
const filtered = tasks.slice(1, 3);
const offers: ExportOptionsOffered[] = [
  { views: ['filter', 'board'], periods: [], agency: false },
  { views: ['filter', 'board'], periods: [], agency: true },
  { views: ['board', 'filter'], periods: REPORT_CADENCES, agency: true },
  { views: ['board'], periods: ['monthly', 'quarterly'], agency: false },
];

describe('export choices', () => {
  it('start on the filter when the board is filtered, the rhythm’s current period, all agencies', () => {
    for (const o of offers)
      for (const filtering of [true, false])
        for (const rhythm of [null, 'weekly', 'quarterly'] as const) {
          const c = defaultChoices(o, filtering, rhythm, today);
          expect(c.view).toBe(filtering && o.views.includes('filter') ? 'filter' : 'board');
          if (o.periods.length === 0) expect([c.cadence, c.period]).toEqual(['', '']);
          else {
            expect(c.cadence).toBe(rhythm && o.periods.includes(rhythm) ? rhythm : 'monthly');
            const p = parsePeriod(c.period)!;
            expect(p.cadence).toBe(c.cadence);
            expect(p.start <= today && today <= p.end).toBe(true);
          }
          expect(c.agency).toBe('');
        }
  });

  it('put the filter in the link only for the filtered view, and only the choices a format takes', () => {
    const filter = { track: 'cchc', q: 'số hóa' };
    for (const o of offers)
      for (const view of o.views)
        for (const agency of ['', 'Công an tỉnh']) {
          const q = exportQuery({ view, cadence: o.periods[0] ?? '', period: o.periods.length ? '2025-12' : '', agency }, o, filter);
          expect(q.view).toBe(view);
          expect(q.track === 'cchc' && q.q === 'số hóa').toBe(view === 'filter');
          expect('period' in q).toBe(o.periods.length > 0);
          expect(q.agency).toBe(o.agency && agency ? agency : undefined);
        }
  });

  it('count what the file will hold: the view, then the agency', () => {
    for (const o of offers)
      for (const view of o.views)
        for (const agency of ['', 'Công an tỉnh', 'Sở Nội vụ', 'Sở Y tế']) {
          const base = view === 'filter' ? filtered : tasks;
          const expected = o.agency && agency ? base.filter((v) => v.task.leads.includes(agency)).length : base.length;
          expect(exportCount({ view, cadence: '', period: '', agency }, o, tasks, filtered)).toBe(expected);
        }
  });

  it('list cadences in calendar order and eight periods, newest first', () => {
    expect(orderedCadences(['yearly', 'weekly', 'monthly'])).toEqual(['weekly', 'monthly', 'yearly']);
    const months = periodsFor('monthly', today);
    expect(months.map((p) => p.key)).toEqual(['2025-12', '2025-11', '2025-10', '2025-09', '2025-08', '2025-07', '2025-06', '2025-05']);
  });
});
