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
  return foldSpaced(text).slice(1);
}

/** `fold` as its rule is written, each step over the whole text: for text the table below does not take. */
export function foldWhole(text: string): string {
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
 * What each UTF-16 code unit below TABLE_END folds to on its own, learnt as characters are met: the
 * code of its bare lower-case letter (32 for what is not a letter or digit), or one of the markers
 * below. Folding a character at a time is folding the text: a composed letter and its decomposed
 * spelling have the same canonical decomposition, whose marks go. Not so for surrogates (characters
 * outside the BMP) and capital sigma (lower-cased by its place in a word); plans need no script past
 * U+24FF, and text with any of these takes `foldWhole`.
 */
const TABLE_END = 0x2500;
const UNKNOWN = -1;
/** A combining mark: dropped, and the letter it sits on stays one word. */
const DROPPED = -2;
const WHOLE = -3;
const SPACE = 32;
const FOLDED_CODES = new Int32Array(TABLE_END).fill(UNKNOWN);

function learn(c: number): number {
  let folded = WHOLE;
  if (c !== 0x3a3 && (c < 0xd800 || c > 0xdfff)) {
    const alone = String.fromCharCode(c).normalize('NFD').replace(/[đĐ]/g, 'd').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_WORD, ' ');
    // None below TABLE_END folds to two characters; one that did would take the whole-text rule.
    if (alone === '') folded = DROPPED;
    else if (alone.length === 1) folded = alone.charCodeAt(0);
  }
  FOLDED_CODES[c] = folded;
  return folded;
}

/** Where folded text is written before it becomes one string; grown as needed. */
const KEPT_BUFFER = 1 << 15;
let out = new Uint16Array(1024);
/** The last folded text's words: where each starts in it, and its first letter. */
let initials = new Uint16Array(1024);
const starts: number[] = [];
const UTF16 = new TextDecoder('utf-16le');

/**
 * The folded words, each after one space (" so khoa hoc"), or '' for none: read through the table a
 * character at a time into one buffer. The board folds every task's search text (~600 characters)
 * once; each step of the rule over the whole text took ~30 µs a task, 0.3 s of a 10,000-task
 * board's first keystroke, and this takes ~3.
 */
function foldSpaced(text: string): string {
  if (out.length < 2 * text.length + 1) out = new Uint16Array(2 * text.length + 1);
  if (initials.length < text.length) initials = new Uint16Array(text.length);
  starts.length = 0;
  let n = 0;
  let gap = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let folded = c < TABLE_END ? FOLDED_CODES[c]! : WHOLE;
    if (folded === UNKNOWN) folded = learn(c);
    if (folded === SPACE) gap = true;
    else if (folded >= 0) {
      if (gap) {
        out[n++] = SPACE;
        initials[starts.length] = folded;
        starts.push(n);
        gap = false;
      }
      out[n++] = folded;
    } else if (folded === WHOLE) return spacedWhole(text);
  }
  const spaced = UTF16.decode(out.subarray(0, n));
  // A long text (a whole document) does not leave its buffer's size to the search texts that follow.
  if (out.length > KEPT_BUFFER) out = new Uint16Array(KEPT_BUFFER);
  return spaced;
}

/** `foldSpaced` by the whole-text rule, its words' starts and initials read off the result. */
function spacedWhole(text: string): string {
  const whole = foldWhole(text);
  const spaced = whole === '' ? '' : ` ${whole}`;
  starts.length = 0;
  if (initials.length < spaced.length) initials = new Uint16Array(spaced.length);
  for (let at = spaced.indexOf(' '); at >= 0; at = spaced.indexOf(' ', at + 1)) {
    initials[starts.length] = spaced.charCodeAt(at + 1);
    starts.push(at + 1);
  }
  return spaced;
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
  /** Its folded words, each after one space: " so khoa hoc va cong nghe". */
  readonly text: string;
  /** Each word's first letter, in order ("skhvcn"): a query word can only start where its own does. */
  readonly initials: string;
  /** Where each word starts in `text`. */
  readonly starts: readonly number[];
}

/** A query folded once and matched against many haystacks: its words. */
export type PreparedQuery = readonly string[];

export function prepareHaystack(text: string): PreparedHaystack {
  const haystack = { text: foldSpaced(text), initials: UTF16.decode(initials.subarray(0, starts.length)), starts: starts.slice() };
  if (initials.length > KEPT_BUFFER) initials = new Uint16Array(KEPT_BUFFER);
  return haystack;
}

export function prepareQuery(query: string): PreparedQuery {
  const folded = fold(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Connectives that abbreviations leave out: "KH&CN" stands for "Khoa học và Công nghệ",
 * "VP UBND" for "Văn phòng Ủy ban nhân dân".
 */
const SKIPPABLE = ['va', 'cua', 'voi'];

/** Whether the word of `text` at `start`, `length` long, is a connective. */
function isConnective(text: string, start: number, length: number): boolean {
  for (const w of SKIPPABLE) if (w.length === length && text.startsWith(w, start)) return true;
  return false;
}

/** Whether `a` from `at` holds the `n` characters of `b` from `from`. */
function sameRun(a: string, at: number, b: string, from: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(at + k) !== b.charCodeAt(from + k)) return false;
  return true;
}

/**
 * Can the rest of `q` (from `pos`) be spelt by consecutive words of `hay` from its `i`th? Each word
 * gives either its initial or its whole self ("kh" + "cn"); the last word may give any prefix, so a
 * half-typed word still matches. Connectives may be skipped.
 */
function spells(q: string, pos: number, hay: PreparedHaystack, i: number): boolean {
  if (pos === q.length) return true;
  const { text, starts } = hay;
  if (i >= starts.length) return false;
  const start = starts[i]!;
  const length = (i + 1 < starts.length ? starts[i + 1]! - 1 : text.length) - start;
  const rest = q.length - pos;
  if (rest <= length && sameRun(text, start, q, pos, rest)) return true;
  if (length > 1 && length <= rest && sameRun(text, start, q, pos, length) && spells(q, pos + length, hay, i + 1)) return true;
  if (text.charCodeAt(start) === q.charCodeAt(pos) && spells(q, pos + 1, hay, i + 1)) return true;
  return pos > 0 && isConnective(text, start, length) && spells(q, pos, hay, i + 1);
}

/** Whether a query word begins a word of `hay` or abbreviates a run of them, trying only the words with its initial. */
function wordMatches(word: string, hay: PreparedHaystack): boolean {
  const initial = word[0]!;
  for (let i = hay.initials.indexOf(initial); i >= 0; i = hay.initials.indexOf(initial, i + 1)) if (spells(word, 0, hay, i)) return true;
  return false;
}

/**
 * True when every query word is a prefix of some haystack word or abbreviates a run of
 * consecutive haystack words. An empty query matches everything. Pass prepared values
 * when matching many haystacks: folding dominates the cost.
 */
export function matchesQuery(haystack: string | PreparedHaystack, query: string | PreparedQuery): boolean {
  const hay = typeof haystack === 'string' ? prepareHaystack(haystack) : haystack;
  const words = typeof query === 'string' ? prepareQuery(query) : query;
  for (const word of words) if (!wordMatches(word, hay)) return false;
  return true;
}
