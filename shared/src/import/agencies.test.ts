// Agency cells: splitting on "và" and sentence forms, one spelling per collective, directory
// matching through aliases and abbreviations — on rules generated from the directory and on the
// seed cells that hold "và các đơn vị liên quan".
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../fold.ts';
import { collectiveName, indexAgencies, matchAgency, readAgencyCell, readTaskAgencies, splitAgencies, startsLikeAgency } from './agencies.ts';
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

// Cells generated from the directory: every named agency, every role form, every slash spacing.
describe('the role printed beside an agency is not part of its name', () => {
  const roles = ['chủ trì', 'phối hợp', 'tham mưu', 'chủ trì, tham mưu', 'chủ trì thực hiện', 'cơ quan chủ trì'];
  const forms = (name: string, role: string): string[] => [
    `${name} (${role})`,
    `${name} (${role.charAt(0).toUpperCase()}${role.slice(1)})`,
    `${name}( ${role} )`,
    `${name} ${role}`,
    `${name}, ${role}`,
    `${name} - ${role}`,
    `${role.charAt(0).toUpperCase()}${role.slice(1)}: ${name}`,
  ];

  it('reads every directory agency with a role in brackets, after it or before a colon as that agency alone', () => {
    for (const a of named)
      for (const role of roles)
        for (const cell of forms(a.name, role)) {
          // "Sở X chủ trì" after a name is a role only in lower case; "Chủ trì:" before it in any case.
          expect(readAgencyCell(cell, index).names, cell).toEqual([a.name]);
          expect(readAgencyCell(cell, index).sentence, cell).toBeUndefined();
        }
  });

  it('drops the role of each agency when a cell lists several', () => {
    for (const a of named)
      for (const b of named.slice(0, 5)) {
        if (a === b) continue;
        const cell = `${a.name} (chủ trì); ${b.name} (phối hợp)`;
        expect(readAgencyCell(cell, index).names, cell).toEqual([a.name, b.name]);
      }
  });

  it('keeps capitalised words that are part of a name, and a sentence stays a sentence', () => {
    for (const name of ['Phòng Tổng hợp', 'Cơ quan thường trực Ban Chỉ đạo', 'Tổ giúp việc Ban Chỉ đạo', 'Văn phòng Chủ trì']) expect(splitAgencies(name)).toEqual([name]);
    const cell = readAgencyCell('Sở KH&CN chủ trì, chỉ đạo các doanh nghiệp viễn thông', index);
    expect(cell.names).toEqual(['Sở Khoa học và Công nghệ']);
    expect(cell.sentence).toBeDefined();
    expect(splitAgencies('Chủ trì')).toEqual([]);
    // "được giao chủ trì" assigns a role in a sentence: the sentence is quoted as printed.
    for (const collective of ['các sở, ban, ngành cấp tỉnh', 'các đơn vị liên quan'])
      expect(readAgencyCell(`Công an tỉnh; ${collective} được giao chủ trì`, index).sentence).toBe(`${collective} được giao chủ trì`);
  });
});

describe('a "/" separates two agencies only when both sides begin like an agency', () => {
  const slashes = ['/', ' / ', '/ ', ' /'];

  it('every directory name starts with an agency head word, so the rule covers the directory', () => {
    for (const a of named) expect(startsLikeAgency(a.name), a.name).toBe(true);
  });

  it('splits every pair of directory agencies printed with a slash, with any spacing', () => {
    for (const a of named)
      for (const b of named) {
        if (a === b) continue;
        for (const slash of slashes) {
          const cell = `${a.name}${slash}${b.name}`;
          expect(readAgencyCell(cell, index).names, cell).toEqual([a.name, b.name]);
        }
      }
  });

  it('keeps one name whose slash joins words that are not agencies ("xã/phường", "KH&CN")', () => {
    const inside = ['xã/phường', 'huyện/thị xã', 'xã/phường/thị trấn', 'thành phố/thị xã', 'Kinh tế/Hạ tầng', 'KH&CN', 'NN&MT'];
    const heads = ['UBND', 'UBND các', 'Ủy ban nhân dân', 'Phòng', 'Công an', 'Sở'];
    for (const head of heads)
      for (const words of inside)
        for (const slash of slashes) {
          const name = `${head} ${words.replace('/', slash)}`;
          expect(splitAgencies(name), name).toEqual([name]);
        }
    expect(readAgencyCell('Sở KH&CN/Sở NN&MT', index).names).toEqual(['Sở Khoa học và Công nghệ', 'Sở Nông nghiệp và Môi trường']);
    expect(readAgencyCell('UBND xã/phường', index).names).toEqual(['Ủy ban nhân dân các xã, phường']);
  });
});

describe('a dash inside one name', () => {
  it('keeps the name whole when no agency follows the dash, and splits two agencies it stands between', () => {
    const names = ['Sở Lao động - Thương binh và Xã hội', 'Phòng Kinh tế - Hạ tầng', 'Trung tâm Văn hóa - Thể thao', 'Ban Quản lý dự án - Đầu tư xây dựng'];
    for (const name of names)
      for (const dash of [' - ', ' – ']) {
        const printed = name.replace(' - ', dash);
        expect(splitAgencies(printed), printed).toEqual([printed]);
        expect(splitAgencies(`${printed}; Sở Tư pháp`), printed).toEqual([printed, 'Sở Tư pháp']);
        expect(splitAgencies(`- ${printed}\n- Sở Tư pháp`), printed).toEqual([printed, 'Sở Tư pháp']);
        expect(splitAgencies(`Sở Tư pháp${dash}${printed}`), printed).toEqual(['Sở Tư pháp', printed]);
      }
  });
});

describe('two agencies, printed by name or short form, with every separator', () => {
  it('reads every pair of directory agencies apart, whatever separates them', () => {
    const separators = [', ', ',', '; ', ';', '\n', '\n- ', ' - ', ' và ', ', và ', '/', ' / '];
    const wrong: string[] = [];
    for (const sep of separators)
      for (const a of named)
        for (const b of named) {
          if (a === b) continue;
          // The name, and the first short form the directory knows ("SNV", "CA tỉnh", "Sở KH&CN").
          for (const [x, y] of [[a.name, b.name], [a.aliases[0] ?? a.name, b.aliases[0] ?? b.name]]) {
            const cell = `${x}${sep}${y}`;
            const names = readAgencyCell(cell, index).names;
            if (JSON.stringify(names) !== JSON.stringify([a.name, b.name])) wrong.push(`${JSON.stringify(cell)} → ${JSON.stringify(names)}`);
          }
        }
    expect(wrong).toEqual([]);
  });
});

describe('hostile agency cells', () => {
  // Each "và" or "/" of an entry could be a separator or part of a name: trying every way would double
  // the work with each one (3 s for 300 "SNV /" before MAX_JOINED). These read in the runner's time
  // only because at most MAX_JOINED of them are tried; each still gives the agencies it names.
  it('are read however many "và", "/" and roles they repeat', () => {
    for (const cell of [`${'SNV / '.repeat(3000)}abc`, `${'Sở Nội vụ và '.repeat(1500)}X`, `${'Sở Nội vụ/'.repeat(1500)}x`, 'Sở Nội vụ (chủ trì)'.repeat(1000)]) {
      const { names } = readAgencyCell(cell, index);
      expect(names.length, cell.slice(0, 40)).toBeGreaterThan(0);
    }
    // Role words alone name nobody.
    expect(readAgencyCell('chủ trì, '.repeat(2000), index).names).toEqual([]);
    // Hundreds of roles, each heading or closing a list, still give each agency its column.
    const headed = readTaskAgencies(`Chủ trì: Sở Nội vụ; ${'Phối hợp: Sở Tư pháp, '.repeat(900)}`, '', index);
    expect([headed.leads, headed.partners]).toEqual([['Sở Nội vụ'], ['Sở Tư pháp']]);
    const closed = readTaskAgencies(`Sở Nội vụ; ${'Công an tỉnh (phối hợp); '.repeat(800)}`, '', index);
    expect([closed.leads, closed.partners]).toEqual([['Sở Nội vụ'], ['Công an tỉnh']]);
  });
});

// Cells generated from the rule: every spelling of the two roles that name a column, in every place a
// plan prints one, between every separator, over agencies from the directory.
describe('a role printed inside a cell puts the agency in its column', () => {
  const LEAD = ['chủ trì', 'Chủ trì', 'CHỦ TRÌ', 'cơ quan chủ trì', 'Đơn vị chủ trì', 'chủ trì thực hiện', 'là cơ quan chủ trì', 'chủ trì, tham mưu', 'tham mưu', 'đầu mối'];
  const PARTNER = ['phối hợp', 'Phối hợp', 'PHỐI HỢP', 'cơ quan phối hợp', 'Đơn vị phối hợp', 'phối hợp thực hiện', 'là đơn vị phối hợp'];
  const lowerCase = (role: string): boolean => role === role.toLowerCase() && !role.startsWith('là');
  /** A list of agencies with its role, in each place a role is printed; after a name only a lower-case verb is a role. */
  const placed = (list: string, role: string): string[] => [
    `${list} (${role})`,
    `${list}( ${role} )`,
    `(${role}) ${list}`,
    `${role}: ${list}`,
    `${role.toUpperCase()}: ${list}`,
    ...(lowerCase(role) ? [`${list} ${role}`, `${list}, ${role}`, `${list} - ${role}`, `${list}: ${role}`] : []),
    ...(/^(?:chủ trì|phối hợp)$/iu.test(role) ? [`${role} ${list}`] : []),
  ];
  const WITHIN = [', ', ' và ', '/', ' / '];
  const BETWEEN = ['; ', ';', '\n', ';\n'];
  const bullets = (lines: string[]): string => lines.map((l) => `- ${l}`).join('\n');
  // Triples of directory agencies, each name in several pairs.
  const triples = named.slice(0, 12).map((a, i): [string, string, string] => [a.name, named[(i + 5) % 12]!.name, named[(i + 9) % 12]!.name]);

  it('moves the agencies a lead cell marks as partners among the partners, however the roles are printed', () => {
    const wrong: string[] = [];
    for (const [lead, p1, p2] of triples)
      for (const within of WITHIN)
        for (const partnerRole of PARTNER)
          for (const partners of placed(`${p1}${within}${p2}`, partnerRole))
            for (const leadPart of [lead, ...placed(lead, LEAD[(p1.length + within.length) % LEAD.length]!)])
              // ", " only separates a lead whose role follows it: "A, B, C (phối hợp)" makes all three partners,
              // and "Chủ trì: A, B, C (phối hợp)" heads all three.
              for (const between of [...BETWEEN, ...(leadPart.startsWith(lead) && leadPart !== lead ? [', '] : [])]) {
                const cell = `${leadPart}${between}${partners}`;
                const read = readTaskAgencies(cell, '', index);
                if (JSON.stringify([read.leads, read.partners]) !== JSON.stringify([[lead], [p1, p2]])) wrong.push(`${JSON.stringify(cell)} → ${JSON.stringify([read.leads, read.partners])}`);
              }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('reads a cell that labels both roles, on one line or one agency a line, in any order', () => {
    const wrong: string[] = [];
    for (const [lead, p1, p2] of triples)
      for (const leadRole of LEAD)
        for (const partnerRole of PARTNER) {
          const L = `${leadRole.charAt(0).toUpperCase()}${leadRole.slice(1)}`;
          const P = `${partnerRole.charAt(0).toUpperCase()}${partnerRole.slice(1)}`;
          const cells = [
            `${L}: ${lead}; ${P}: ${p1}, ${p2}`,
            `${L}: ${lead}, ${P}: ${p1}, ${p2}`,
            `${L}: ${lead}\n${P}: ${p1}, ${p2}`,
            `${P}: ${p1}, ${p2}; ${L}: ${lead}`,
            `${L}:\n${lead}\n${P}:\n${p1}\n${p2}`,
            `${L}:\n${bullets([lead])}\n${P}:\n${bullets([p1, p2])}`,
            bullets([`${lead} (${leadRole})`, `${p1}, ${p2} (${partnerRole})`]),
          ];
          for (const cell of cells)
            for (const column of ['leads', 'partners'] as const) {
              const read = column === 'leads' ? readTaskAgencies(cell, '', index) : readTaskAgencies('', cell, index);
              if (JSON.stringify([read.leads, read.partners]) !== JSON.stringify([[lead], [p1, p2]])) wrong.push(`${column} ${JSON.stringify(cell)} → ${JSON.stringify([read.leads, read.partners])}`);
            }
        }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('makes the agency a partner cell marks as lead the lead when the lead cell is empty or names it, and keeps it a partner, contested, when the lead cell names another', () => {
    const wrong: string[] = [];
    for (const [lead, other] of triples)
      for (const role of LEAD)
        for (const marked of placed(lead, role))
          for (const between of [', ', ...BETWEEN])
            for (const rest of ['các sở ngành', 'Các sở, ban, ngành', 'UBND các xã, phường']) {
              if (between === ', ' && !marked.startsWith(lead)) continue;
              const cell = `${marked}${between}${rest}`;
              const collective = matchAgency(rest, index).name;
              const cases: Array<[string, string[], string[], string[]]> = [
                ['', [lead], [collective], []],
                [lead, [lead], [collective], []],
                [`${other} (phối hợp)`, [lead], [other, collective], []],
                [other, [other], [lead, collective], [lead]],
              ];
              for (const [leadCell, leads, partners, contested] of cases) {
                const read = readTaskAgencies(leadCell, cell, index);
                const got = [read.leads, read.partners, read.contested];
                if (JSON.stringify(got) !== JSON.stringify([leads, partners, contested])) wrong.push(`${JSON.stringify(leadCell)} | ${JSON.stringify(cell)} → ${JSON.stringify(got)}`);
              }
            }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('leaves agencies no role reaches in their column, and a role naming neither column moves nothing', () => {
    const [a, b, c] = triples[0]!;
    // ";" ends the list a role after it reaches back over.
    expect(readTaskAgencies(`${a}; ${b} (phối hợp)`, c, index)).toMatchObject({ leads: [a], partners: [b, c] });
    // "," does not: the role is printed after the whole list.
    expect(readTaskAgencies(`${a}, ${b} (phối hợp)`, '', index)).toMatchObject({ leads: [], partners: [a, b] });
    for (const neutral of ['thường trực', 'tổng hợp', 'chủ trì, phối hợp'])
      for (const column of ['leads', 'partners'] as const) {
        const read = column === 'leads' ? readTaskAgencies(`${a} (${neutral})`, '', index) : readTaskAgencies('', `${a} (${neutral})`, index);
        expect(read[column], neutral).toEqual([a]);
      }
    // A role before a list heads it up to ";": past it, agencies stay in the column they were printed in.
    expect(readTaskAgencies('', `Chủ trì: ${a}; ${b}`, index)).toMatchObject({ leads: [a], partners: [b] });
    expect(readTaskAgencies(`Phối hợp: ${b}; ${a}`, '', index)).toMatchObject({ leads: [a], partners: [b] });
    // The other cell's own agencies stay, after those moved into it.
    expect(readTaskAgencies(`${a} (chủ trì); ${b} (phối hợp)`, c, index)).toMatchObject({ leads: [a], partners: [b, c], toPartners: [b] });
    // An agency printed in both cells is not listed twice.
    expect(readTaskAgencies(`${a}; ${b} (phối hợp)`, b, index).partners).toEqual([b]);
  });
});
