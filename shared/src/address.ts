// A task's place in its plan — appendix, section, number — as one short address ("PL II · IV.3"), so
// "nhiệm vụ số 3" is never ambiguous in a plan whose every section starts again at 1.
import type { Task } from './model.ts';

export interface TaskAddress {
  /** "II" for "Phụ lục II"; '' when the plan has one unnumbered appendix (or none). */
  appendix: string;
  /** Section numbers outermost first: ["IV"], ["I", "8"] for "I. …" › "Nhóm 8 - …"; unnumbered headings give none. */
  sections: string[];
  /** The task's own number as printed, without its trailing dot; '' for a row printed without one. */
  number: string;
  /** "PL II · IV.3", "I.8.1", "PL III · 3"; '' when the task has no place at all. */
  short: string;
  /** The same in words, for screen readers and documents: "Phụ lục II, mục IV, nhiệm vụ 3". */
  long: string;
  /** The words in English, for the English UI: "Appendix II, section IV, task 3". */
  longEn: string;
}

/** "Phụ lục II", "PHỤ LỤC 2", "Phụ lục II — …": the appendix and its number, if printed. */
const APPENDIX = /^\s*ph[ụu]\s*l[ụu]c\b\s*([IVXLCDM]+|\d+)?(?=$|[\s.:,;—–-])/iu;
/** Words a heading may put before its number: "Nhóm 8 - …", "Mục 3: …". */
const NUMBER_WORD = /^\s*(?:nhóm|mục|phần|chương)\s+/iu;

/** The number a section heading starts with ("IV. …", "2. …", "1.2 …", "a) …", "Nhóm 8 - …"), or '' for a heading without one. */
export function sectionNumber(heading: string): string {
  const text = heading.replace(NUMBER_WORD, '').trimStart();
  const dotted = /^(\d+(?:\.\d+)+)\.?(?=\s|$)/u.exec(text);
  if (dotted) return dotted[1]!;
  // Roman numerals are printed in capitals; a capital word ("Về pháp lý") has no dot or dash after its first letters.
  const plain = /^([IVXLCDM]+|\d+)(?:[.)]|\s*[-–:—]|\s*$)/u.exec(text);
  if (plain) return plain[1]!;
  const letter = /^([a-zđ])[.)]\s/u.exec(text);
  return letter ? letter[1]! : '';
}

/** The address of a task from its section path and printed number. */
export function taskAddress(task: Pick<Task, 'group' | 'ordinal'>): TaskAddress {
  const path = task.group.map((g) => g.trim()).filter(Boolean);
  let appendix = '';
  let rest = path;
  const first = path[0] !== undefined ? APPENDIX.exec(path[0]) : null;
  if (first) {
    appendix = first[1]?.toUpperCase() ?? '';
    rest = path.slice(1);
  }
  const sections = rest.map(sectionNumber).filter(Boolean);
  let number = task.ordinal.trim().replace(/[.)]+$/, '');
  // A number printed with its section already ("IV.3" under "IV. …") is not prefixed twice.
  const last = sections.at(-1);
  if (last && number.toUpperCase().startsWith(`${last.toUpperCase()}.`)) number = number.slice(last.length + 1);
  const dotted = [...sections, number].filter(Boolean).join('.');
  const short = appendix ? (dotted ? `PL ${appendix} · ${dotted}` : `PL ${appendix}`) : dotted;
  const inWords = (appendixWord: string, sectionWord: string, taskWord: string) =>
    [appendix ? `${appendixWord} ${appendix}` : '', ...sections.map((s) => `${sectionWord} ${s}`), number ? `${taskWord} ${number}` : ''].filter(Boolean).join(', ');
  return { appendix, sections, number, short, long: inWords('Phụ lục', 'mục', 'nhiệm vụ'), longEn: inWords('Appendix', 'section', 'task') };
}

/** How many characters of a task's content name it when its address has no number of its own. */
const MENTION_CHARS = 48;

/**
 * How a sentence names a task ("Đã gửi xác nhận nhiệm vụ …"): its address when that carries the task's
 * own number ("PL III · 7"), else the address it has and the start of its content in quotes
 * ("PL III «Phổ cập kỹ năng số cho…»"). Never its internal id, and never a bare "7", which every
 * appendix has.
 */
export function taskMention(task: Pick<Task, 'group' | 'ordinal' | 'content'>): string {
  const address = taskAddress(task);
  if (address.number) return address.short;
  const text = task.content.replace(/\s+/g, ' ').trim();
  if (!text) return address.short || '—';
  const quoted = `«${excerpt(text, MENTION_CHARS)}»`;
  return address.short ? `${address.short} ${quoted}` : quoted;
}

/** The start of `text`, at most `max` characters, cut at a space when one is not too far back. */
function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return `${text.slice(0, space > max / 2 ? space : max)}…`;
}
