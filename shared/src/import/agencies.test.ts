// Agency cells: splitting on "và" and sentence forms, one spelling per collective, directory
// matching through aliases and abbreviations — on rules generated from the directory and on the
// seed cells that hold "và các đơn vị liên quan".
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../fold.ts';
import { collectiveName, indexAgencies, matchAgency, readAgencyCell, splitAgencies } from './agencies.ts';
import { PROVINCIAL_AGENCIES } from './directory.ts';

const index = indexAgencies(PROVINCIAL_AGENCIES);
const named = PROVINCIAL_AGENCIES.filter((a) => !a.collective);
const RELATED = ['các đơn vị liên quan', 'các đơn vị có liên quan', 'Các cơ quan có liên quan', 'các cơ quan, đơn vị liên quan', 'các sở, ngành liên quan'];

describe('splitting agency cells on "và"', () => {
  it('splits every directory agency from a collective after "và", names with "và" inside included', () => {
    for (const a of named)
      for (const c of RELATED) {
        const cell = readAgencyCell(`${a.name} và ${c}`, index);
        expect(cell.names, `${a.name} và ${c}`).toEqual([a.name, 'Các cơ quan liên quan']);
        expect(cell.matches.every((m) => m.known || m.collective)).toBe(true);
      }
  });

  it('splits two named agencies joined by "và", and keeps a name whose "và" is its own', () => {
    for (const a of named)
      for (const b of named.slice(0, 6)) {
        if (a === b) continue;
        expect(readAgencyCell(`${a.name} và ${b.name}`, index).names, `${a.name} và ${b.name}`).toEqual([a.name, b.name]);
      }
    for (const a of named.filter((x) => / và /.test(x.name))) expect(splitAgencies(a.name)).toEqual([a.name]);
  });

  it('reads the seed cells that hold "và các … liên quan": the named agency first, then the collective, nothing unknown', () => {
    const seeds = new URL('../../../../shared/seeds/', import.meta.url);
    const cells: string[] = [];
    for (const file of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const lines = readFileSync(new URL(file, seeds), 'utf8').split('\n');
      let agencyColumns: number[] = [];
      for (const line of lines) {
        const row = line.split('\t').map((c) => c.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
        if (row.length < 3) continue;
        const heads = row.map((c, i) => (/^(Cơ quan|Đơn vị) (chủ trì|phối hợp)/u.test(c) ? i : -1)).filter((i) => i >= 0);
        if (heads.length) {
          agencyColumns = heads;
          continue;
        }
        for (const c of agencyColumns) if (/\svà các [^;]*liên quan/u.test(row[c] ?? '')) cells.push(row[c]!);
      }
    }
    expect(cells.length).toBeGreaterThanOrEqual(6);
    for (const text of cells) {
      const cell = readAgencyCell(text, index);
      const last = cell.matches.at(-1)!;
      expect(last.collective, text).toBe(true);
      expect(fold(last.name), text).toMatch(/lien quan/);
      // The agency named before "và" is its own entry, not swallowed by the collective.
      expect(cell.matches.length, text).toBeGreaterThanOrEqual(2);
      expect(cell.matches.some((m) => / và các /u.test(m.printed)), text).toBe(false);
    }
  });
});

describe('collectives: one spelling per meaning', () => {
  it('case and "có liên quan" do not make another agency', () => {
    const spellings = ['Các đơn vị có liên quan', 'các đơn vị liên quan', 'Đơn vị có liên quan', 'CÁC ĐƠN VỊ LIÊN QUAN'.toLowerCase(), 'các  đơn vị   có liên quan'];
    expect(new Set(spellings.map((s) => matchAgency(s, index).name)).size).toBe(1);
    expect(new Set(['Các sở, ngành, đơn vị có liên quan', 'các sở, ngành, đơn vị liên quan', 'Các Sở, ngành, đơn vị liên quan'].map(collectiveName)).size).toBe(1);
    expect(collectiveName('Các, sở, ngành có liên quan')).toBe('Các sở, ngành liên quan');
    expect(collectiveName('Sở, ban, ngành cấp tỉnh')).toBe('Các sở, ban, ngành cấp tỉnh');
    // Names inside keep their case.
    expect(collectiveName('các doanh nghiệp viễn thông (Viettel, VNPT,...)')).toBe('Các doanh nghiệp viễn thông (Viettel, VNPT,...)');
  });
  it('a collective is never reported as an unknown agency', () => {
    for (const c of ['các địa phương', 'Các cơ quan đảng tỉnh', 'UBND các xã', 'UBND cấp huyện', 'các tổ chức đoàn thể']) {
      const m = matchAgency(c, index);
      expect(m.known || m.collective, c).toBe(true);
    }
  });
});

describe('matching the directory', () => {
  it('finds every directory entry by its name, its aliases, with the province named, and in any case', () => {
    for (const a of PROVINCIAL_AGENCIES)
      for (const n of [a.name, ...a.aliases]) {
        expect(matchAgency(n, index).name, n).toBe(a.name);
        expect(matchAgency(n.toUpperCase(), index).name, n).toBe(a.name);
      }
    expect(matchAgency('Sở Tư pháp tỉnh Lào Cai', index).name).toBe('Sở Tư pháp');
    expect(matchAgency('Công an tỉnh Thái Nguyên', index).name).toBe('Công an tỉnh');
  });

  it('reads abbreviations made from the initials of a directory name', () => {
    const cases: Array<[string, string]> = [
      ['Sở GDĐT', 'Sở Giáo dục và Đào tạo'],
      ['Sở NNMT', 'Sở Nông nghiệp và Môi trường'],
      ['VP UBND tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh'],
      ['BHXH tỉnh', 'Bảo hiểm xã hội tỉnh'],
      ['Trung tâm PV HCC tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh'],
      ['Bộ CHQS tỉnh', 'Bộ Chỉ huy Quân sự tỉnh'],
      ['Sở VHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
    ];
    for (const [short, full] of cases) expect(matchAgency(short, index), short).toMatchObject({ name: full, known: true });
    // Every multi-word name abbreviated word by word after its head reads back to itself, unless two entries would fit.
    for (const a of named) {
      const [head, ...rest] = a.name.split(' ').filter((w) => !/^(và|,)$/u.test(w));
      if (rest.length < 2) continue;
      const short = `${head} ${rest.map((w) => w.replace(/,$/, '').charAt(0).toUpperCase()).join('')}`;
      const m = matchAgency(short, index);
      if (m.known) expect(m.name, short).toBe(a.name);
    }
    // A real unknown name stays unknown and whole.
    expect(matchAgency('Ban Quản lý khu kinh tế', index)).toMatchObject({ known: false, name: 'Ban Quản lý khu kinh tế' });
  });
});

describe('agency cells that hold a sentence', () => {
  it('give the agency they name and mark the cell, never an agency made of the sentence', () => {
    const cell = readAgencyCell('Sở KH&CN chủ trì, chỉ đạo các doanh nghiệp viễn thông trên địa bàn tỉnh', index);
    expect(cell.names).toEqual(['Sở Khoa học và Công nghệ']);
    expect(cell.sentence).toMatch(/^Sở KH&CN chủ trì/);
    const districts = readAgencyCell('Sở NN&MT; UBND các huyện đã hoàn thành số hóa dữ liệu đất đai', index);
    expect(districts.names).toEqual(['Sở Nông nghiệp và Môi trường', 'Ủy ban nhân dân cấp huyện']);
    // A capitalised name with the same words is a name, not a sentence.
    expect(readAgencyCell('Ban Chỉ đạo tỉnh', index).sentence).toBeUndefined();
  });
});
