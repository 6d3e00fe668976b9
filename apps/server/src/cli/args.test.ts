// Tests for the CLI's argument parsing: commands, options, and the usage errors (exit code 2).
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './args.ts';

describe('parseCliArgs', () => {
  it('reads an import with every option', () => {
    expect(parseCliArgs(['import', 'kh.xlsx', '--json', 'out.json', '--sheet', 'Phụ lục II', '--track', 'Phụ lục II=cchc', '--track', 'Phụ lục II/IV=de-an-06'])).toEqual({
      command: 'import',
      file: 'kh.xlsx',
      json: 'out.json',
      sheet: 'Phụ lục II',
      trackBySection: { 'Phụ lục II': 'cchc', 'Phụ lục II/IV': 'de-an-06' },
    });
    expect(parseCliArgs(['import', 'a.txt'])).toEqual({ command: 'import', file: 'a.txt', trackBySection: {} });
  });

  it('treats no command, help and --help as help', () => {
    for (const argv of [[], ['help'], ['--help'], ['import', '-h']]) expect(parseCliArgs(argv)).toEqual({ command: 'help' });
  });

  it('rejects unknown commands and options, missing or extra files, and bad --track values', () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'a'], /Không có lệnh "export"/],
      [['import'], /Thiếu tệp/],
      [['import', 'a', 'b'], /một tệp mỗi lần/],
      [['import', 'a', '--bogus'], /Tham số không hợp lệ/],
      [['import', 'a', '--json'], /Tham số không hợp lệ/],
      [['import', 'a', '--track', 'cchc'], /MỤC=LUỒNG/],
      [['import', 'a', '--track', 'Phụ lục II='], /MỤC=LUỒNG/],
      [['import', 'a', '--track', 'Phụ lục II=CCHC'], /Luồng "CCHC" không hợp lệ/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(UsageError);
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(message);
    }
  });
});
