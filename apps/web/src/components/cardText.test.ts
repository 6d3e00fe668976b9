// A card's words follow the UI's language, its place in the plan included: the tooltip on "PL II · IV.3"
// says where the task stands in words of the language the page is in.
import { describe, expect, it } from 'vitest';
import { makeTask } from '../testing/factory.ts';
import { buildTaskView } from '../lib/taskView.ts';
import { cardText } from './cardText.ts';

describe('cardText', () => {
  const view = buildTaskView(makeTask({ id: 't3', group: ['Phụ lục II', 'IV. Phát triển dữ liệu'], ordinal: '3' }), [], '2025-11-20');

  it('names the place in the plan in the page language', () => {
    expect(cardText(view, 'vi')).toMatchObject({ place: 'PL II · IV.3', placeTitle: 'Phụ lục II, mục IV, nhiệm vụ 3' });
    expect(cardText(view, 'en')).toMatchObject({ place: 'PL II · IV.3', placeTitle: 'Appendix II, section IV, task 3' });
  });
});
