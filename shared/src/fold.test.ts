import { describe, expect, it } from 'vitest';
import { compareVietnamese, fold, foldWhole, matchesQuery, prepareHaystack, prepareQuery } from './fold.ts';
import { prng } from './testing/prng.ts';

describe('fold', () => {
  it('strips diacritics, đ, case and punctuation', () => {
    expect(fold('Sở KH&CN')).toBe('so kh cn');
    expect(fold('  Đề án 06/QĐ-TTg. ')).toBe('de an 06 qd ttg');
    expect(fold('Ủy ban nhân dân')).toBe('uy ban nhan dan');
  });
  it('treats decomposed (NFD) input like composed input', () => {
    expect(fold('Sở Nội vụ'.normalize('NFD'))).toBe('so noi vu');
  });
  it('collapses whitespace, tabs and line breaks', () => {
    expect(fold('Công\tan\n\ntỉnh')).toBe('cong an tinh');
  });

  // The table folds a character at a time; the rule is written for the whole text. They must agree.
  it('folds every character of the table as the whole-text rule does, alone and inside a word', () => {
    for (let c = 0; c < 0x2500; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}b`, `Đ${ch}${ch} x`]) expect(fold(text), `U+${c.toString(16)}`).toBe(foldWhole(text));
    }
  });
  it('folds a text as long as a whole document, and the short ones after it, the same as the rule', () => {
    const long = 'Sở Khoa học và Công nghệ; '.repeat(4000);
    for (const text of [long, 'Ủy ban nhân dân', long.slice(0, 50_000), 'Đề án 06']) {
      const hay = prepareHaystack(text);
      expect(fold(text)).toBe(foldWhole(text));
      expect(hay.text).toBe(` ${foldWhole(text)}`);
      expect(hay.initials).toBe(hay.starts.map((at) => hay.text[at]).join(''));
      expect(hay.initials.length).toBe(foldWhole(text).split(' ').length);
    }
  });
  it('folds generated text as the whole-text rule does: Vietnamese composed and decomposed, marks in any order, punctuation, other scripts, astral characters', () => {
    const rand = prng(20251130);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ', ...'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ', ...'ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬỀẾỂỄỆỜỚỞỠỢỪỨỬỮỰ'];
    const marks = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b'];
    const others = [' ', '  ', '\t', '\n', '\u00a0', '&', '/', '-', '.', ',', '“', '”', '–', '…', '(', ')', '0', '6', '½', 'ß', 'İ', 'Σ', 'Ω', 'Ж', 'ı', 'ﬁ', '中', '한', '😀', '\ud800', 'Ⅻ', '²'];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(rand() * 24);
      for (let i = 0; i < length; i++) {
        const r = rand();
        if (r < 0.55) text += pick(letters);
        else if (r < 0.65) text += pick(letters).normalize('NFD');
        else if (r < 0.75) text += pick(marks) + (rand() < 0.5 ? pick(marks) : '');
        else if (r < 0.97) text += pick(others);
        else text += String.fromCharCode(Math.floor(rand() * 0x2500));
      }
      const whole = foldWhole(text);
      expect(fold(text), JSON.stringify(text)).toBe(whole);
      const hay = prepareHaystack(text);
      expect(hay.text).toBe(whole === '' ? '' : ` ${whole}`);
      // Each word starts after a space, and its initial is kept in order.
      expect(hay.starts.map((at) => hay.text.slice(at - 1, hay.text.indexOf(' ', at) < 0 ? undefined : hay.text.indexOf(' ', at)))).toEqual(whole === '' ? [] : whole.split(' ').map((w) => ` ${w}`));
      expect(hay.initials).toBe(hay.starts.map((at) => hay.text[at]).join(''));
    }
  });
});

describe('matchesQuery', () => {
  const khcnShort = 'Sở KH&CN';
  const khcnLong = 'Sở Khoa học và Công nghệ';
  it('finds the abbreviated and the spelt-out agency with one query', () => {
    for (const q of ['so khcn', 'khcn', 'kh&cn', 'KH&CN', 'sở khoa', 'so kh', 'khoa hoc']) {
      expect(matchesQuery(khcnShort, q) || matchesQuery(khcnLong, q), q).toBe(true);
    }
    expect(matchesQuery(khcnShort, 'so khcn')).toBe(true);
    expect(matchesQuery(khcnLong, 'so khcn')).toBe(true);
    expect(matchesQuery(khcnLong, 'kh&cn')).toBe(true);
    expect(matchesQuery(khcnShort, 'kh&cn')).toBe(true);
  });
  it('matches word prefixes without diacritics, in any order', () => {
    expect(matchesQuery('Văn phòng Ủy ban nhân dân tỉnh', 'ubnd')).toBe(true);
    expect(matchesQuery('Văn phòng Ủy ban nhân dân tỉnh', 'tinh van')).toBe(true);
    expect(matchesQuery('Trung tâm Phục vụ hành chính công tỉnh', 'pvhcc')).toBe(true);
  });
  it('rejects when any query word finds nothing', () => {
    expect(matchesQuery(khcnLong, 'so tu phap')).toBe(false);
    expect(matchesQuery('Công an tỉnh', 'khcn')).toBe(false);
    expect(matchesQuery('Sở Nội vụ', 'noi vy')).toBe(false);
    // a word's inside is not a prefix
    expect(matchesQuery('Sở Nội vụ', 'oi')).toBe(false);
  });
  it('matches everything with an empty query', () => {
    expect(matchesQuery('bất kỳ', '  ')).toBe(true);
  });
  it('matches generated haystacks and queries as the rule over a list of words does', () => {
    // The rule as first written, over the haystack's words: the matcher reads the folded text instead.
    const SKIPPABLE = new Set(['va', 'cua', 'voi']);
    const spells = (q: string, pos: number, words: readonly string[], i: number): boolean => {
      if (pos === q.length) return true;
      const w = words[i];
      if (w === undefined) return false;
      if (w.startsWith(q.slice(pos))) return true;
      if (w.length > 1 && q.startsWith(w, pos) && spells(q, pos + w.length, words, i + 1)) return true;
      if (w[0] === q[pos] && spells(q, pos + 1, words, i + 1)) return true;
      return pos > 0 && SKIPPABLE.has(w) && spells(q, pos, words, i + 1);
    };
    const rule = (haystack: string, query: string): boolean => {
      const words = fold(haystack).split(' ').filter((w) => w !== '');
      return fold(query)
        .split(' ')
        .filter((q) => q !== '')
        .every((q) => words.some((w, i) => w[0] === q[0] && spells(q, 0, words, i)));
    };
    const rand = prng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const vocabulary = ['Sở', 'Khoa', 'học', 'và', 'Công', 'nghệ', 'KH&CN', 'số', 'hóa', 'hồ', 'sơ', 'Đề', 'án', '06', 'của', 'với', 'UBND', 'tỉnh', 'Văn', 'phòng', 'chuyển', 'đổi', 'kết', 'nối', 'dữ', 'liệu', 'a', 'k', 'vaa', 'cuaa'];
    let matched = 0;
    const cases = 4000;
    for (let n = 0; n < cases; n++) {
      const haystack = Array.from({ length: Math.floor(rand() * 12) }, () => pick(vocabulary)).join(rand() < 0.8 ? ' ' : ', ');
      const words = fold(haystack).split(' ').filter((w) => w !== '');
      const query = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => {
        const r = rand();
        // Cut from the haystack's own words (so many match), its initials, or anything.
        const from = Math.floor(rand() * Math.max(1, words.length));
        const run = words.slice(from, from + 1 + Math.floor(rand() * 4));
        if (r < 0.4) return run.map((w) => (rand() < 0.6 ? w[0] : w)).join('').slice(0, 1 + Math.floor(rand() * 6));
        if (r < 0.7) return (run[0] ?? 'x').slice(0, 1 + Math.floor(rand() * 5));
        return pick(vocabulary).slice(0, 1 + Math.floor(rand() * 4));
      }).join(' ');
      const expected = rule(haystack, query);
      if (expected) matched++;
      expect(matchesQuery(haystack, query), `${JSON.stringify(query)} in ${JSON.stringify(haystack)}`).toBe(expected);
      expect(matchesQuery(prepareHaystack(haystack), prepareQuery(query))).toBe(expected);
    }
    // Both answers are common, so neither half is vacuous.
    expect(matched).toBeGreaterThan(cases / 4);
    expect(matched).toBeLessThan((cases * 3) / 4);
  });
  it('accepts prepared haystacks and queries', () => {
    const hs = prepareHaystack(khcnLong);
    expect(matchesQuery(hs, prepareQuery('so khcn'))).toBe(true);
    expect(matchesQuery(hs, prepareQuery('cong an'))).toBe(false);
  });
  // Its speed is the web bench's search-per-keystroke figure; here, only that every prepared card is matched.
  it('matches a query against 10,000 prepared cards', () => {
    const cards = Array.from({ length: 10_000 }, (_, i) =>
      prepareHaystack(`Nhiệm vụ ${i}: Triển khai nền tảng số dùng chung, Sở Khoa học và Công nghệ chủ trì, phối hợp UBND cấp xã ${i % 7}`),
    );
    const q = prepareQuery('so khcn xa');
    let hits = 0;
    for (const c of cards) if (matchesQuery(c, q)) hits++;
    expect(hits).toBe(10_000);
    expect(cards.filter((c) => matchesQuery(c, prepareQuery('cong an'))).length).toBe(0);
  });
});

describe('compareVietnamese', () => {
  it('sorts names in Vietnamese alphabetical order: Đ after D, Ô after O, not by code point', () => {
    const names = ['Sở Y tế', 'Đài Phát thanh', 'Sở Công Thương', 'Ông Văn A', 'Sở Du lịch', 'Ban Dân tộc', 'Dân tộc', 'Ủy ban nhân dân'];
    expect([...names].sort(compareVietnamese)).toEqual(['Ban Dân tộc', 'Dân tộc', 'Đài Phát thanh', 'Ông Văn A', 'Sở Công Thương', 'Sở Du lịch', 'Sở Y tế', 'Ủy ban nhân dân']);
    // By code point, Đ (U+0110) and Ô (U+00D4) would come after every plain letter.
    expect([...names].sort()).not.toEqual([...names].sort(compareVietnamese));
  });
});
