import { describe, expect, it } from 'vitest';
import { compareVietnamese, fold, matchesQuery, prepareHaystack, prepareQuery } from './fold.ts';

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
