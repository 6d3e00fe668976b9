import { describe, expect, it } from 'vitest';
import { detectCsvDelimiter, encodeCsv, guardFormula, parseCsv, parseCsvRecords, unguardFormula } from './csv.ts';

describe('encodeCsv / parseCsv', () => {
  it('quotes the chosen delimiter and reads it back', () => {
    const rows = [['a;b', 'c,d', 'e'], ['"x"', 'y\nz', ' f']];
    expect(encodeCsv(rows, ';')).toBe('\uFEFF"a;b";c,d;e\r\n"""x""";"y\nz";" f"\r\n');
    expect(parseCsv(encodeCsv(rows, ';'), ';')).toEqual(rows);
    expect(parseCsv(encodeCsv(rows))).toEqual(rows);
  });
  it('numbers each record by the line it starts on, counting breaks inside quoted cells', () => {
    const recs = parseCsvRecords('h1,h2\r\n"a\r\nb\nc",d\r\ne,f\r\n');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(recs[1]!.cells).toEqual(['a\r\nb\nc', 'd']);
  });
  it('keeps a quote that does not open a field as a literal character', () => {
    expect(parseCsv('Mô hình "Một cửa" điện tử,x')).toEqual([['Mô hình "Một cửa" điện tử', 'x']]);
  });
});

describe('detectCsvDelimiter', () => {
  it('counts separators of the header line, outside quotes', () => {
    expect(detectCsvDelimiter('\uFEFFSTT;Nội dung;"Cơ quan chủ trì, phối hợp"\n1;a,b,c,d;x')).toBe(';');
    expect(detectCsvDelimiter('STT,Nội dung,"a;b;c"\n')).toBe(',');
  });
  it('honours the "sep=" line Excel writes', () => {
    expect(detectCsvDelimiter('sep=;\r\nSTT,Nội dung,x,y\r\n')).toBe(';');
  });
});

describe('guardFormula', () => {
  it('prefixes cells a spreadsheet would run as formulas, and only those', () => {
    expect(['=SUM(A1)', '+84 912', '- Tập huấn', '@x', '\tx', '\rx', 'Sở Y tế', '', "'quoted", '5-10%'].map(guardFormula)).toEqual([
      "'=SUM(A1)", "'+84 912", "'- Tập huấn", "'@x", "'\tx", "'\rx", 'Sở Y tế', '', "'quoted", '5-10%',
    ]);
  });
  it('is undone exactly, including text that already starts with apostrophes', () => {
    for (const cell of ['- a', "'- a", "''=b", "'plain", "'", 'x', '@']) expect(unguardFormula(guardFormula(cell))).toBe(cell);
    expect(unguardFormula("'plain")).toBe("'plain");
  });
});
