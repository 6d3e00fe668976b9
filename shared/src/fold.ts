// Diacritic-insensitive search for Vietnamese: fold text to bare lower-case words and match
// queries by word prefix or abbreviation ("so khcn" finds "Sở KH&CN" and "Sở Khoa học và Công nghệ").

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

let vietnameseCollator: Intl.Collator | undefined;

/**
 * Vietnamese alphabetical order (Đ after D, tones after the bare letter), for sorting names. One
 * collator for every comparison: `localeCompare(…, 'vi')` builds one per call, ~25 ms for a province's
 * directory of agencies. Built at the first comparison, not when the module loads: building it is
 * ~15 ms of a page's start that shows no sorted list.
 */
export function compareVietnamese(a: string, b: string): number {
  vietnameseCollator ??= new Intl.Collator('vi');
  return vietnameseCollator.compare(a, b);
}

/** NFC, đ/Đ → d, marks removed, lower case, `&`, `/` and punctuation to spaces, whitespace collapsed. */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
}

/**
 * Lower case without diacritics (đ → d), one output character per input character, so the
 * indexes of a match in the folded text point into the original and it can be quoted as printed.
 */
export function foldSameLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch === 'đ' || ch === 'Đ' ? 'd' : (ch.normalize('NFD')[0] ?? ch);
    const lower = base.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** A haystack folded once and reused for every keystroke. */
export interface PreparedHaystack {
  readonly words: readonly string[];
}

/** A query folded once and matched against many haystacks. */
export type PreparedQuery = readonly string[];

export function prepareHaystack(text: string): PreparedHaystack {
  const folded = fold(text);
  return { words: folded === '' ? [] : folded.split(' ') };
}

export function prepareQuery(query: string): PreparedQuery {
  const folded = fold(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Connectives that abbreviations leave out: "KH&CN" stands for "Khoa học và Công nghệ",
 * "VP UBND" for "Văn phòng Ủy ban nhân dân".
 */
const SKIPPABLE = new Set(['va', 'cua', 'voi']);

/**
 * Can the rest of `q` (from `pos`) be spelt by consecutive words from `words[i]`?
 * Each word gives either its initial or its whole self ("kh" + "cn"); the last word may give
 * any prefix, so a half-typed word still matches. Connectives may be skipped.
 */
function spells(q: string, pos: number, words: readonly string[], i: number): boolean {
  if (pos === q.length) return true;
  const w = words[i];
  if (w === undefined) return false;
  if (w.startsWith(q.slice(pos))) return true;
  if (w.length > 1 && q.startsWith(w, pos) && spells(q, pos + w.length, words, i + 1)) return true;
  if (w[0] === q[pos] && spells(q, pos + 1, words, i + 1)) return true;
  return pos > 0 && SKIPPABLE.has(w) && spells(q, pos, words, i + 1);
}

function wordMatches(q: string, words: readonly string[]): boolean {
  const first = q[0];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w[0] === first && spells(q, 0, words, i)) return true;
  }
  return false;
}

/**
 * True when every query word is a prefix of some haystack word or abbreviates a run of
 * consecutive haystack words. An empty query matches everything. Pass prepared values
 * when matching many haystacks: folding dominates the cost.
 */
export function matchesQuery(haystack: string | PreparedHaystack, query: string | PreparedQuery): boolean {
  const words = typeof haystack === 'string' ? prepareHaystack(haystack).words : haystack.words;
  const terms = typeof query === 'string' ? prepareQuery(query) : query;
  for (const term of terms) if (!wordMatches(term, words)) return false;
  return true;
}
