import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../deadline.ts';
import { splitAgencies } from '../import/agencies.ts';
import type { RoVariant } from '../model.ts';
import { RO_CRITERIA, checkScore, checkTask, failedLabel, isCollectiveAgency, type JudgedTask } from './rules.ts';

const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const seedLine = (prefix: string, line: number): string[] => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return readFileSync(new URL(name, SEEDS), 'utf8').split(/\r?\n/)[line - 1]!.split('\t');
};
const agencies = (cell: string) => splitAgencies(cell);

const base: JudgedTask = { content: 'Xây dựng Kế hoạch chuyển đổi số năm 2026', leads: ['Sở KH&CN'], partners: ['Sở Tư pháp'], owner: '', deadline: parseDeadline('Quý II/2026'), output: 'Kế hoạch được ban hành', approver: '' };
/** Passes every criterion of every variant, so a test changes one field and sees one failure. */
const clear: JudgedTask = { ...base, approver: 'Chủ tịch UBND tỉnh' };
const failed = (r: ReturnType<typeof checkTask>) => r.filter((c) => !c.pass).map((c) => c.id);
const reasonOf = (r: ReturnType<typeof checkTask>, id: string) => r.find((c) => c.id === id)!.reason;
const VARIANTS: RoVariant[] = ['4ro', '5ro', '6ro'];
/** The criterion id a variant uses for the output: 6 rõ says "rõ sản phẩm". */
const outputId = (v: RoVariant) => (v === '6ro' ? 'ro-san-pham' : 'ro-ket-qua');

/** Lào Cai Q4/2025 (000): STT, group, content, leads, partners, deadline — the plan has no output column. */
const laoCaiQ4 = (line: number): JudgedTask => {
  const [, , content, leads, partners, deadline] = seedLine('000', line);
  return { ...clear, content: content!, leads: agencies(leads!), partners: agencies(partners ?? ''), deadline: parseDeadline(deadline ?? '') };
};
/** Lào Cai 2026 (003): STT, content, leads, partners, deadline, output. */
const laoCai2026 = (line: number): JudgedTask => {
  const [, content, leads, partners, deadline, output] = seedLine('003', line);
  return { ...clear, content: content!, leads: agencies(leads!), partners: agencies(partners ?? ''), deadline: parseDeadline(deadline ?? ''), output: output ?? '' };
};
/** Thái Nguyên (002): STT, content, source document, deadline, leads, partners. */
const thaiNguyen = (line: number): JudgedTask => {
  const [, content, , deadline, leads, partners] = seedLine('002', line);
  return { ...clear, content: content!, leads: agencies(leads!), partners: agencies(partners ?? ''), deadline: parseDeadline(deadline!), output: 'Báo cáo kết quả thực hiện' };
};

describe('checkTask with seed rows', () => {
  it('Lào Cai Q4/2025 Phụ lục I group 4, second row: no deadline, no output', () => {
    const [, , content, leads, partners, deadline] = seedLine('000', 150);
    const r = checkTask({ ...base, content: content!, leads: agencies(leads!), partners: agencies(partners!), deadline: parseDeadline(deadline!), output: '' }, '5ro');
    expect(failed(r)).toEqual(['ro-thoi-gian', 'ro-ket-qua']);
    expect(reasonOf(r, 'ro-thoi-gian')).toBe('Chưa ghi thời hạn — nhập ngày hoàn thành, hoặc chu kỳ báo cáo nếu là việc thường xuyên');
    expect(checkScore(r)).toBe('3/5');
  });
  it('Lào Cai 2026 Phụ lục II row 1 is clear on all five points', () => {
    const [, content, leads, partners, deadline, output] = seedLine('003', 434);
    const r = checkTask({ ...base, content: content!, leads: agencies(leads!), partners: agencies(partners!), deadline: parseDeadline(deadline!), output: output! }, '5ro');
    expect(failed(r)).toEqual([]);
    expect(checkScore(r)).toBe('5/5');
  });

  describe('rõ người: Lào Cai Q4/2025 Phụ lục I rows with three leads', () => {
    const schools = laoCaiQ4(148); // Trường CĐ Lào Cai; Trường CĐ nghề Yên Bái; Phân hiệu ĐH Thái Nguyên
    const training = laoCaiQ4(157); // Sở Nội vụ, Sở KH&CN, UBND các xã, phường
    it('read three leads from the seed', () => {
      expect(schools.leads).toHaveLength(3);
      expect(training.leads).toEqual(['Sở Nội vụ', 'Sở KH&CN', 'UBND các xã, phường']);
    });
    it.each(VARIANTS)('fail rõ người under %s without an owner, saying to pick one lead', (variant) => {
      for (const row of [schools, training]) {
        const r = checkTask(row, variant);
        expect(failed(r)).toEqual(['ro-nguoi']);
        expect(reasonOf(r, 'ro-nguoi')).toMatch(/^Có 3 cơ quan chủ trì .* chọn một đơn vị chủ trì/);
      }
    });
    it('pass with a named owner under 4 and 5 rõ, never under 6 rõ (one task, one lead)', () => {
      for (const row of [schools, training]) {
        const owned = { ...row, owner: 'Nguyễn Văn An' };
        expect(failed(checkTask(owned, '4ro'))).toEqual([]);
        expect(failed(checkTask(owned, '5ro'))).toEqual([]);
        const r = checkTask(owned, '6ro');
        expect(failed(r)).toEqual(['ro-nguoi']);
        expect(reasonOf(r, 'ro-nguoi')).toMatch(/Kết luận 226, một việc chỉ giao một đầu mối/);
      }
    });
  });

  describe('rõ trách nhiệm: Thái Nguyên rows with no partner', () => {
    // Rows 4, 30, 33, 35, 67: only collective leads and no partner — nobody named leads, nobody coordinates.
    const collective = [70, 105, 110, 112, 162].map(thaiNguyen);
    // Rows 68 and 83: two named leads and no partner.
    const twoLeads = [165, 193].map(thaiNguyen);
    it('read rows with no partner from the seed', () => {
      for (const row of [...collective, ...twoLeads]) expect(row.partners).toEqual([]);
      expect(collective.map((r) => r.leads.every((l) => isCollectiveAgency(l)))).toEqual([true, true, true, true, true]);
      expect(twoLeads.map((r) => r.leads)).toEqual([['Văn phòng Tỉnh ủy', 'Sở KH&CN'], ['Ban Tổ chức Tỉnh ủy', 'Sở Nội vụ']]);
    });
    it.each(['5ro', '6ro'] as const)('collective leads alone fail rõ trách nhiệm under %s', (variant) => {
      for (const row of collective) {
        const r = checkTask(row, variant);
        expect(failed(r)).toContain('ro-trach-nhiem');
        expect(reasonOf(r, 'ro-trach-nhiem')).toMatch(/^Chủ trì chỉ ghi tập thể .* chọn một đơn vị chủ trì cụ thể/);
      }
    });
    it('collective leads alone also fail rõ người (4 rõ has no rõ trách nhiệm), until an owner holds the task', () => {
      for (const row of collective) {
        expect(failed(checkTask(row, '4ro'))).toEqual(['ro-nguoi']);
        expect(reasonOf(checkTask(row, '4ro'), 'ro-nguoi')).toMatch(/(tập thể|chọn một đơn vị chủ trì)/);
        expect(failed(checkTask({ ...row, owner: 'Trần Thị Bình' }, '4ro'))).toEqual([]);
        // The owner answers "who", not "which agency leads": rõ trách nhiệm still fails.
        expect(failed(checkTask({ ...row, owner: 'Trần Thị Bình' }, '5ro'))).toEqual(['ro-trach-nhiem']);
      }
    });
    it('no partner is not itself a failure: named leads without partners fail only rõ người (several leads)', () => {
      for (const variant of VARIANTS) for (const row of twoLeads) expect(failed(checkTask(row, variant))).toEqual(['ro-nguoi']);
      expect(failed(checkTask({ ...clear, partners: [] }, '5ro'))).toEqual([]);
    });
    it('Lào Cai 2026 Phụ lục III no. 15 names the same collective to lead and to coordinate', () => {
      const row = laoCai2026(538);
      expect(row.leads).toEqual(row.partners);
      expect(failed(checkTask(row, '5ro'))).toEqual(['ro-nguoi', 'ro-trach-nhiem']);
    });
  });

  describe('rõ thời gian', () => {
    it.each(VARIANTS)('Lào Cai 2026 Phụ lục III "Thường xuyên" rows fail under %s: state the reporting cadence', (variant) => {
      for (const line of [529, 531, 532]) {
        const row = laoCai2026(line);
        expect(row.deadline).toMatchObject({ raw: 'Thường xuyên', kind: 'recurring', cadence: 'ongoing' });
        const r = checkTask(row, variant);
        expect(failed(r)).toEqual(['ro-thoi-gian']);
        expect(reasonOf(r, 'ro-thoi-gian')).toBe("Thời hạn 'Thường xuyên' chưa nêu chu kỳ — ghi rõ chu kỳ báo cáo (hằng tuần, hằng tháng, hằng quý…)");
      }
    });
    it.each(VARIANTS)('Thanh Hóa no. 5 (conditional) fails under %s: enter the date when guidance comes', (variant) => {
      const [, content, , partners, deadline] = seedLine('004', 158);
      const r = checkTask({ ...clear, content: content!, partners: agencies(partners!), deadline: parseDeadline(deadline!) }, variant);
      expect(failed(r)).toEqual(['ro-thoi-gian']);
      expect(reasonOf(r, 'ro-thoi-gian')).toBe("Thời hạn 'Theo chỉ đạo của cơ quan Trung ương' là có điều kiện, chưa có ngày — nhập ngày khi có hướng dẫn");
    });
  });

  describe('rõ kết quả / rõ sản phẩm', () => {
    it.each(VARIANTS)('Lào Cai 2026 Phụ lục III rows with no output fail under %s', (variant) => {
      for (const line of [536, 537, 545]) {
        const row = laoCai2026(line);
        expect(row.output).toBe('');
        const r = checkTask(row, variant);
        expect(failed(r)).toContain(outputId(variant));
        expect(reasonOf(r, outputId(variant))).toMatch(/^Chưa ghi kết quả đầu ra — ghi sản phẩm cụ thể/);
      }
    });
    it.each(VARIANTS)('Lào Cai 2026 rows whose output is an activity fail under %s', (variant) => {
      // Phụ lục III's outputs are all products or blank; its activity outputs sit in Phụ lục II (III.1, III.2, VII.1).
      for (const line of [462, 463, 506]) {
        const row = laoCai2026(line);
        expect(row.output).toMatch(/^(Triển khai|Lồng ghép)/);
        const r = checkTask(row, variant);
        expect(failed(r)).toContain(outputId(variant));
        expect(reasonOf(r, outputId(variant))).toMatch(/là hoạt động, chưa phải sản phẩm — ghi sản phẩm tạo ra/);
      }
    });
    it('Lào Cai 2026 Phụ lục III products pass: "Kế hoạch được ban hành", "Văn bản đôn đốc, báo cáo rà soát", "Tổ CNSCĐ được duy trì"', () => {
      for (const line of [523, 524, 535]) expect(failed(checkTask(laoCai2026(line), '5ro'))).not.toContain('ro-ket-qua');
    });
  });
});

describe('checkTask rules', () => {
  it('follows each variant\'s criteria and order', () => {
    expect(checkTask(base, '4ro').map((c) => c.id)).toEqual(RO_CRITERIA['4ro'].map((c) => c.id));
    expect(checkTask(base, '6ro').map((c) => c.label)).toEqual(['Rõ người', 'Rõ việc', 'Rõ thời gian', 'Rõ trách nhiệm', 'Rõ thẩm quyền', 'Rõ sản phẩm']);
    for (const v of VARIANTS) expect(failed(checkTask(clear, v)), v).toEqual([]);
  });
  it('every failed criterion carries a reason', () => {
    const worst: JudgedTask = { content: '', leads: [], partners: [], owner: '', deadline: parseDeadline(''), output: '', approver: '' };
    for (const v of VARIANTS) {
      const r = checkTask(worst, v);
      expect(r.every((c) => !c.pass && c.reason.length > 20 && c.reason.includes(' — ')), v).toBe(true);
    }
  });
  it('rõ việc fails on an empty content or a bare heading', () => {
    expect(failed(checkTask({ ...base, content: ' ' }, '5ro'))).toEqual(['ro-viec']);
    expect(failed(checkTask({ ...base, content: 'Chuyển đổi số' }, '5ro'))).toEqual(['ro-viec']);
  });

  describe('rõ người', () => {
    it.each(VARIANTS)('under %s: one named lead passes; no lead and no owner fails', (variant) => {
      expect(failed(checkTask(clear, variant))).toEqual([]);
      const r = checkTask({ ...clear, leads: [] }, variant);
      expect(failed(r)).toContain('ro-nguoi');
      expect(reasonOf(r, 'ro-nguoi')).toMatch(/giao một đơn vị chủ trì hoặc ghi người phụ trách/);
    });
    it.each(VARIANTS)('under %s: a collective lead fails without an owner, passes with one', (variant) => {
      for (const lead of ['Các sở, ban, ngành', 'UBND cấp xã', 'các địa phương']) {
        const r = checkTask({ ...clear, leads: [lead] }, variant);
        expect(failed(r)).toContain('ro-nguoi');
        expect(reasonOf(r, 'ro-nguoi')).toMatch(/là tập thể, chưa phải một đầu mối — chọn một đơn vị chủ trì cụ thể hoặc giao người phụ trách/);
        expect(failed(checkTask({ ...clear, leads: [lead], owner: 'Lê Văn Cường' }, variant))).not.toContain('ro-nguoi');
      }
    });
    it('several leads: an owner settles it under 4 and 5 rõ only; the count is in the reason', () => {
      for (let n = 2; n <= 5; n++) {
        const leads = Array.from({ length: n }, (_, i) => `Sở số ${i + 1}`);
        for (const variant of VARIANTS) {
          const r = checkTask({ ...clear, leads }, variant);
          expect(failed(r)).toEqual(['ro-nguoi']);
          expect(reasonOf(r, 'ro-nguoi').startsWith(`Có ${n} cơ quan chủ trì`)).toBe(true);
          expect(failed(checkTask({ ...clear, leads, owner: 'Phạm Thị Dung' }, variant))).toEqual(variant === '6ro' ? ['ro-nguoi'] : []);
        }
      }
    });
    it('a named lead beside a collective is still several leads', () => {
      expect(failed(checkTask({ ...clear, leads: ['Sở Y tế', 'các đơn vị liên quan'] }, '5ro'))).toEqual(['ro-nguoi']);
    });
  });

  describe('rõ trách nhiệm', () => {
    it('an agency cannot both lead and coordinate, whatever its spelling in the directory', () => {
      const dir = { agencies: [{ name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN'], collective: false }] };
      const both = { ...base, partners: ['Sở Khoa học và Công nghệ', 'Sở Tư pháp'] };
      expect(failed(checkTask(both, '5ro'))).toEqual([]);
      const r = checkTask(both, '5ro', dir);
      expect(failed(r)).toEqual(['ro-trach-nhiem']);
      expect(reasonOf(r, 'ro-trach-nhiem')).toBe("'Sở Khoa học và Công nghệ' vừa chủ trì vừa phối hợp — bỏ khỏi danh sách phối hợp");
    });
    it('a collective lead passes when a named lead stands beside it (rõ người catches the two leads)', () => {
      expect(failed(checkTask({ ...clear, leads: ['Sở Y tế', 'Các sở, ban, ngành'] }, '5ro'))).toEqual(['ro-nguoi']);
    });
    it('a collective lead alone fails with or without partners', () => {
      for (const partners of [[], ['Sở Tư pháp'], ['Các cơ quan liên quan']]) {
        expect(failed(checkTask({ ...clear, leads: ['Các sở, ban, ngành'], owner: 'A', partners }, '5ro'))).toEqual(['ro-trach-nhiem']);
      }
    });
    it('no lead fails', () => {
      expect(reasonOf(checkTask({ ...clear, leads: [], owner: 'A' }, '5ro'), 'ro-trach-nhiem')).toBe('Chưa ghi cơ quan chủ trì — ghi đơn vị chủ trì để tách vai trò chủ trì và phối hợp');
    });
  });

  describe('rõ thời gian', () => {
    it('dates, periods, spans and recurring deadlines with a cadence pass', () => {
      for (const raw of ['31/12/2025', 'Tháng 12/2025', 'Quý IV/2025', 'Năm 2026', 'Q3/2025 – Q2/2026', 'Hàng tháng', 'hàng tuần', 'Hằng quý', 'Hằng năm', 'Trong năm 2025 và thực hiện thường xuyên', 'Năm 2026 và những năm tiếp theo']) {
        expect(failed(checkTask({ ...base, deadline: parseDeadline(raw) }, '5ro')), raw).toEqual([]);
      }
    });
    it('bare "thường xuyên" in every wording fails, asking for the cadence', () => {
      for (const raw of ['Thường xuyên', 'Nhiệm vụ thường xuyên', 'Thực hiện thường xuyên', 'Định kỳ']) {
        const r = checkTask({ ...base, deadline: parseDeadline(raw) }, '5ro');
        expect(failed(r), raw).toEqual(['ro-thoi-gian']);
        expect(reasonOf(r, 'ro-thoi-gian'), raw).toContain('ghi rõ chu kỳ báo cáo');
      }
    });
    it('conditional deadlines fail, asking for the date when guidance comes; an offset is repeated', () => {
      for (const raw of ['Theo hướng dẫn của Bộ Công an', 'Khi có hướng dẫn của Trung ương', 'Theo chỉ đạo của cơ quan Trung ương']) {
        expect(reasonOf(checkTask({ ...base, deadline: parseDeadline(raw) }, '5ro'), 'ro-thoi-gian'), raw).toMatch(/là có điều kiện, chưa có ngày — nhập ngày khi có hướng dẫn$/);
      }
      expect(reasonOf(checkTask({ ...base, deadline: parseDeadline('Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương') }, '5ro'), 'ro-thoi-gian')).toMatch(
        /nhập ngày khi có hướng dẫn \(hạn là 10 ngày sau đó\)$/,
      );
      // The unit is repeated as printed: working days and months are not calendar days.
      const units: Array<[string, string]> = [['Sau 15 ngày làm việc kể từ ngày nhận hồ sơ', '15 ngày làm việc'], ['2 tháng sau khi Luật có hiệu lực', '2 tháng'], ['Trong 3 tuần kể từ khi có hướng dẫn', '3 tuần']];
      for (const [printed, said] of units) {
        expect(reasonOf(checkTask({ ...base, deadline: parseDeadline(printed) }, '5ro'), 'ro-thoi-gian'), printed).toMatch(new RegExp(`\\(hạn là ${said} sau đó\\)$`));
      }
      // Before an event: the event's date is asked for, and the offset said on its side.
      const before: Array<[string, string]> = [['30 ngày trước kỳ họp HĐND tỉnh', '30 ngày'], ['Trước ngày khai mạc kỳ họp 05 ngày làm việc', '5 ngày làm việc']];
      for (const [printed, said] of before) {
        expect(reasonOf(checkTask({ ...base, deadline: parseDeadline(printed) }, '5ro'), 'ro-thoi-gian'), printed).toMatch(new RegExp(`tính ngược từ một sự kiện chưa có ngày — nhập ngày của sự kiện khi đã định \\(hạn là ${said} trước đó\\)$`));
      }
    });
    it('rules references, unreadable text and blank fail with what to enter', () => {
      expect(reasonOf(checkTask({ ...base, deadline: parseDeadline('Theo quy chế làm việc') }, '5ro'), 'ro-thoi-gian')).toBe("Thời hạn 'Theo quy chế làm việc' không nêu ngày — nhập ngày hoàn thành cụ thể");
      expect(reasonOf(checkTask({ ...base, deadline: parseDeadline('31/4/2026') }, '5ro'), 'ro-thoi-gian')).toContain('có ngày không tồn tại trên lịch — sửa lại ngày');
    });
    it('an extension gives a conditional or recurring task its date', () => {
      const extensions = [{ id: 'e1', due: '2026-03-31', reason: 'Chờ hướng dẫn', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: '2026-01-05T00:00:00Z' }];
      expect(failed(checkTask({ ...base, deadline: parseDeadline('Theo hướng dẫn của Bộ Công an'), extensions }, '5ro'))).toEqual([]);
    });
  });

  describe('rõ kết quả / rõ sản phẩm, on generated phrasings', () => {
    const outputFails = (output: string) => failed(checkTask({ ...clear, output }, '5ro')).includes('ro-ket-qua');
    const products = ['Quyết định', 'Kế hoạch', 'Báo cáo', 'Văn bản', 'Công văn', 'Tờ trình', 'Đề án', 'Chương trình', 'Quy chế', 'Danh mục', 'Bộ tiêu chí', 'Cơ sở dữ liệu', 'CSDL', 'Hệ thống', 'Phần mềm', 'Nền tảng', 'Biên bản', 'Thỏa thuận', 'Mô hình', 'Tài liệu', 'Hướng dẫn', 'Phương án'];
    const topics = ['chuyển đổi số năm 2026', 'về cải cách hành chính', 'số 12/QĐ-UBND', 'của UBND tỉnh', ''];
    const activities = ['Triển khai', 'Thực hiện', 'Tổ chức thực hiện', 'Tiếp tục triển khai', 'Đẩy mạnh', 'Tăng cường', 'Duy trì', 'Phối hợp', 'Tuyên truyền', 'Nâng cao', 'Rà soát', 'Theo dõi, đôn đốc', 'Triển khai hiệu quả', 'Chỉ đạo', 'Lồng ghép'];
    const objects = ['các nhiệm vụ được giao', 'phong trào "Bình dân học vụ số"', 'chuyển đổi số trên địa bàn', 'hiệu quả công tác cải cách hành chính', 'Đề án 06', 'kế hoạch đã ban hành', ''];
    it('a product noun at the head passes, with any topic, plural marker or result after it', () => {
      for (const p of products) {
        for (const topic of topics) expect(outputFails(`${p} ${topic}`.trim()), `${p} ${topic}`).toBe(false);
        expect(outputFails(`${p} được ban hành`), `${p} được ban hành`).toBe(false);
        expect(outputFails(`Các ${p.toLowerCase()} được phê duyệt`)).toBe(false);
      }
    });
    it('an activity verb at the head fails, whatever it acts on', () => {
      for (const a of activities) for (const o of objects) expect(outputFails(`${a} ${o}`.trim()), `${a} ${o}`).toBe(true);
    });
    it('an activity that makes a named product, or a counted result, passes', () => {
      for (const verb of ['Xây dựng', 'Ban hành', 'Xây dựng và ban hành', 'Tham mưu ban hành', 'Lập', 'Trình']) {
        for (const p of ['Kế hoạch', 'Quyết định', 'Đề án', 'Bộ tiêu chí', 'Quy chế']) expect(outputFails(`${verb} ${p} thực hiện năm 2026`), `${verb} ${p}`).toBe(false);
      }
      for (const counted of ['03 lớp được tổ chức', '100% dữ liệu đã số hóa', 'Tổ chức 03 lớp tập huấn', 'Đào tạo 200 cán bộ', 'Tối thiểu 01 mô hình thí điểm', '≥ 80% hồ sơ được xử lý trực tuyến']) {
        expect(outputFails(counted), counted).toBe(false);
      }
    });
    it('"Triển khai …" does not become a product by naming an existing plan', () => {
      for (const p of ['Kế hoạch số 12/KH-UBND', 'Quyết định 06/QĐ-TTg', 'Đề án 06']) expect(outputFails(`Triển khai ${p}`), p).toBe(true);
    });
    it('a list passes when any item names a product; the activity is quoted back when none does', () => {
      expect(outputFails('Triển khai thực hiện; báo cáo kết quả')).toBe(false);
      expect(outputFails('- Tổ chức thực hiện\n- Báo cáo định kỳ')).toBe(false);
      expect(outputFails('Triển khai thực hiện, báo cáo kết quả')).toBe(false);
      const r = checkTask({ ...clear, output: 'Phân công nhiệm vụ của người đứng đầu tại cơ quan, đơn vị.' }, '6ro');
      expect(reasonOf(r, 'ro-san-pham')).toBe("'Phân công nhiệm vụ của người đứng đầu tại cơ quan, đơn vị' là hoạt động, chưa phải sản phẩm — ghi sản phẩm tạo ra (Quyết định, Kế hoạch, Báo cáo, CSDL, \"03 lớp được tổ chức\"…)");
    });
    it('a noun that is also a verb is an activity when people or agencies follow it', () => {
      expect(outputFails('Hướng dẫn các đơn vị triển khai')).toBe(true);
      expect(outputFails('Hướng dẫn người dân sử dụng VNeID')).toBe(true);
      expect(outputFails('Báo cáo UBND tỉnh kết quả thực hiện')).toBe(true);
      expect(outputFails('Hướng dẫn số 12/HD-SKHCN')).toBe(false);
      expect(outputFails('Hướng dẫn triển khai')).toBe(false);
      expect(outputFails('Báo cáo kết quả thực hiện')).toBe(false);
    });
    it('an outcome word with no product fails; an unfamiliar noun phrase gets the benefit of the doubt', () => {
      for (const vague of ['Hoàn thành', 'Đạt yêu cầu', 'Kết quả thực hiện', 'Đúng tiến độ']) expect(outputFails(vague), vague).toBe(true);
      expect(reasonOf(checkTask({ ...clear, output: 'Hoàn thành' }, '5ro'), 'ro-ket-qua')).toMatch(/^'Hoàn thành' chưa nêu sản phẩm/);
      for (const noun of ['Đường truyền số liệu chuyên dùng đến 100% xã', 'Hạ tầng được đảm bảo', 'Kinh phí đầu tư nâng cấp hạ tầng']) expect(outputFails(noun), noun).toBe(false);
    });
  });

  it('rõ thẩm quyền needs an approver (6 rõ only)', () => {
    const r = checkTask({ ...clear, approver: '' }, '6ro');
    expect(failed(r)).toEqual(['ro-tham-quyen']);
    expect(reasonOf(r, 'ro-tham-quyen')).toMatch(/ghi cấp có thẩm quyền/);
    expect(failed(checkTask({ ...clear, approver: '' }, '5ro'))).toEqual([]);
  });
  it('names failed criteria the way triage counts them', () => {
    expect(RO_CRITERIA['6ro'].map((c) => failedLabel(c.label))).toEqual(['Chưa rõ người', 'Chưa rõ việc', 'Chưa rõ thời gian', 'Chưa rõ trách nhiệm', 'Chưa rõ thẩm quyền', 'Chưa rõ sản phẩm']);
  });
  it('gives every criterion an English label, and names a failed one in English as in Vietnamese', () => {
    expect(RO_CRITERIA['5ro'].map((c) => c.labelEn)).toEqual(['Clear task', 'Clear owner', 'Clear responsibility', 'Clear deadline', 'Clear result']);
    expect(RO_CRITERIA['6ro'].map((c) => failedLabel(c.labelEn))).toEqual(['Unclear owner', 'Unclear task', 'Unclear deadline', 'Unclear responsibility', 'Unclear authority', 'Unclear product']);
    // A plugin's own wording in neither form is kept; "Clearance" is not "Clear …".
    expect(['Có phê duyệt', 'Clearance', 'Plugin check failed'].map(failedLabel)).toEqual(['Có phê duyệt', 'Clearance', 'Plugin check failed']);
  });
});

describe('reasons in English (plugin API 1.6)', () => {
  /** One task for every way a criterion fails, each changing `clear` in one or two fields. */
  const failing: Array<[RoVariant, Partial<JudgedTask>]> = [
    ['5ro', { content: ' ' }],
    ['5ro', { content: 'Chuyển đổi số' }],
    ['5ro', { leads: ['Sở Nội vụ', 'Sở KH&CN'] }],
    ['6ro', { leads: ['Sở Nội vụ', 'Sở KH&CN'], owner: 'Nguyễn Văn An' }],
    ['5ro', { leads: [] }],
    ['5ro', { leads: ['Các sở, ban, ngành'] }],
    ['5ro', { partners: ['Sở KH&CN'] }],
    ['5ro', { deadline: parseDeadline('Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương') }],
    ['5ro', { deadline: parseDeadline('Theo hướng dẫn của Bộ Công an') }],
    ['5ro', { deadline: parseDeadline('Thường xuyên') }],
    ['5ro', { deadline: parseDeadline('') }],
    ['5ro', { deadline: parseDeadline('31/02/2026') }],
    ['5ro', { deadline: parseDeadline('Theo quy chế làm việc') }],
    ['5ro', { output: '' }],
    ['5ro', { output: 'Triển khai thực hiện' }],
    ['5ro', { output: 'Hoàn thành' }],
    ['6ro', { approver: '' }],
  ];
  const VIETNAMESE_LETTERS = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
  /** The task's own values a reason quotes ('Sở Nội vụ; Sở KH&CN'), in order. */
  const quoted = (reason: string) => reason.match(/'[^']+'/g) ?? [];

  it('gives every failed criterion its reason in English too, quoting the same values as the Vietnamese', () => {
    const vietnamese = new Set<string>();
    const english = new Set<string>();
    for (const [variant, change] of failing) {
      const results = checkTask({ ...clear, ...change }, variant).filter((c) => !c.pass);
      expect(results.length, JSON.stringify(change)).toBeGreaterThan(0);
      for (const r of results) {
        // Like the Vietnamese: what is wrong, " — ", what to do.
        expect(r.reasonEn, r.reason).toMatch(/^\S.{8,} — \S.{8,}/);
        // English words around the task's values: no Vietnamese outside what it quotes.
        expect(r.reasonEn!.replace(/'[^']+'/g, ''), r.reasonEn).not.toMatch(VIETNAMESE_LETTERS);
        expect(quoted(r.reasonEn!)).toEqual(quoted(r.reason));
        vietnamese.add(r.reason.replace(/'[^']+'/g, "'…'"));
        english.add(r.reasonEn!.replace(/'[^']+'/g, "'…'"));
      }
    }
    // Each way of failing says its own thing, in both languages.
    expect(vietnamese.size).toBeGreaterThanOrEqual(failing.length);
    expect(english.size).toBe(vietnamese.size);
  });
  it('gives the offset of a conditional deadline in English words', () => {
    const r = checkTask({ ...clear, deadline: parseDeadline('Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương') }, '5ro');
    expect(r.find((c) => c.id === 'ro-thoi-gian')!.reasonEn).toMatch(/\(due 10 days after it\)$/);
    // Before an event: the event's date is asked for, and the offset said on its side.
    const before = checkTask({ ...clear, deadline: parseDeadline('Trước ngày khai mạc kỳ họp 05 ngày làm việc') }, '5ro');
    expect(before.find((c) => c.id === 'ro-thoi-gian')!.reasonEn).toMatch(/counts back from an event .* enter the event's date once it is set \(due 5 working days before it\)$/);
  });
  it('leaves both reasons empty on a criterion that passes', () => {
    for (const v of VARIANTS) for (const c of checkTask(clear, v)) expect([c.reason, c.reasonEn]).toEqual(['', '']);
  });
});

describe('isCollectiveAgency', () => {
  it('recognises collective entries of the seeds', () => {
    for (const name of ['Các sở, ban, ngành', 'các địa phương', 'UBND cấp xã', 'UBND các xã, phường', 'Sở, ban, ngành cấp tỉnh', 'Các Sở, ngành, địa phương', 'UBND cấp huyện']) {
      expect(isCollectiveAgency(name), name).toBe(true);
    }
    for (const name of ['Sở KH&CN', 'Công an tỉnh', 'Văn phòng UBND tỉnh', 'UBND tỉnh', 'Sở Nội vụ', 'Trung tâm PVHCC tỉnh']) {
      expect(isCollectiveAgency(name), name).toBe(false);
    }
  });
  it('honours the board directory, by name and alias', () => {
    const dir = [{ name: 'Khối thi đua', aliases: ['Khối TĐ'], collective: true }];
    expect(isCollectiveAgency('Khối thi đua', dir)).toBe(true);
    expect(isCollectiveAgency('khối TĐ', dir)).toBe(true);
    expect(isCollectiveAgency('Sở Y tế', dir)).toBe(false);
  });
});
