// Cell cleaning: turns the HTML fragments, LaTeX and stray whitespace that plan documents
// carry into plain text a person can read on a card.

const LATEX_SYMBOLS: Array<[RegExp, string]> = [
  [/\\geq?\b/g, '≥'],
  [/\\leq?\b/g, '≤'],
  [/\\times\b/g, '×'],
  [/\\pm\b/g, '±'],
  [/\\%/g, '%'],
  [/\\,/g, ' '],
  [/\\;/g, ' '],
];

/** `$\geq 80\%$` → "≥ 80%": plans typeset thresholds as inline maths. */
export function replaceLatex(text: string): string {
  return text.replace(/\$([^$]{1,80})\$/g, (_m, body: string) => {
    let out = body;
    for (const [re, sym] of LATEX_SYMBOLS) out = out.replace(re, sym);
    return out.replace(/[{}]/g, '').trim();
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&([a-z]+);/g, (m, name: string) => ENTITIES[name] ?? m);
}

/**
 * Plain text of a raw cell: list items become "- " lines, paragraphs and `<br>` line breaks,
 * other tags vanish; Markdown emphasis is dropped; spaces collapse within lines; NFC.
 */
/** What a cell needs the full cleaning for: markup, maths, entities, emphasis, line breaks, runs of spaces, inline bullets. */
const NEEDS_CLEANING = /[<>$&*_\n\r\t\u00a0]| {2}| - /;

export function cleanCell(raw: string): string {
  let text = raw.normalize('NFC');
  // Most cells are plain words: skip the dozen passes below (a 500-task preview cleans ~10,000 cells).
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  text = text
    // Markdown autolinks ("<http://…>") are addresses, not tags: keep them.
    .replace(/<((?:https?|ftp):\/\/[^<>\s]*|www\.[^<>\s]*|[^<>\s@]+@[^<>\s@]+\.[a-z]{2,})>/gi, '$1')
    .replace(/<li[^<>]*>\s*(?:[-–—+•·]\s*)?/gi, '\n- ')
    .replace(/<\/li>|<\/?ul[^<>]*>|<\/?ol[^<>]*>/gi, '\n')
    .replace(/<br\s*\/?>|<\/p>|<p[^<>]*>/gi, '\n')
    // `[^<>]` keeps this linear on a cell of unclosed "<"s.
    .replace(/<[^<>]+>/g, '');
  text = decodeEntities(replaceLatex(text));
  text = text.replace(/\*\*|__/g, '').replace(/(^|\s)\*([^*\n]+)\*(?=\s|$|[.,;:)])/g, '$1$2');
  // Inline bullets ("… tỉnh. - Tổ chức …") are list items the extraction flattened.
  text = text.replace(/([.;:!?])[ \t]+-[ \t]+(?=[\p{Lu}\d≥≤>(“"])/gu, '$1\n- ');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** A list item's marker at the start of a line: "- ", "– ", "+ ", "• ". */
const ITEM_MARKER = /^[-–—+•·]\s+/u;

/**
 * A task's content: the cell's text, less the marker of a lone list item. A row that is one item of
 * a list ("- Phổ cập kỹ năng số …", a task printed under its heading row) is that item's words; a
 * cell that lists several items keeps them as a list, one item a line.
 */
export function taskContent(raw: string): string {
  const text = cleanCell(raw);
  const lines = text.split('\n');
  const items = lines.filter((line) => ITEM_MARKER.test(line)).length;
  return items === 1 && ITEM_MARKER.test(lines[0]!) ? text.replace(ITEM_MARKER, '') : text;
}

/** One line of text: for titles and agency names, where line breaks carry no meaning. */
export function cleanInline(raw: string): string {
  const cell = cleanCell(raw);
  return cell.includes('\n') ? cell.replace(/\n/g, ' ').replace(/ +/g, ' ').trim() : cell;
}
