import { describe, expect, it } from 'vitest';
import { encodeCsv, parseCsv } from './csv.ts';

describe('encodeCsv', () => {
  it('writes a BOM, CRLF line ends, and quotes only where RFC 4180 needs it', () => {
    expect(encodeCsv([['a', 'b,c', 'say "hi"'], ['x\r\ny', '', 'Sở KH&CN']])).toBe('\uFEFFa,"b,c","say ""hi"""\r\n"x\r\ny",,Sở KH&CN\r\n');
  });
  it('quotes fields with edge spaces so they survive tools that trim', () => {
    expect(encodeCsv([[' a']])).toBe('\uFEFF" a"\r\n');
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside fields', () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"x\r\ny",,z\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['x\r\ny', '', 'z'],
    ]);
  });
  it('accepts LF-only files and a missing final line end', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });
  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,\r\n')).toEqual([['a', '']]);
  });
});
