// Reads the .docx files back (the XML inside the zip) and checks what NĐ 30 asks of them: page size
// and orientation, margins, Times New Roman, header rows repeated, group rows spanning, STT centred,
// page numbers from page 2, the header block, and every task's text.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { PluginManifest, STATUS_LABELS, emptyFilters, classifyTask, countByStatus, leadsText, periodOf, type BoardSnapshot } from '@dondoc/shared';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { template as thaiNguyen } from '../../template-thai-nguyen/src/index.ts';
import { q4_2025 } from '../../template-lao-cai/src/index.ts';
import plugin, { appendixDocx, minutesDocx, reportDocx } from './index.ts';

const TODAY = '2025-12-10';
const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

async function open(bytes: Uint8Array): Promise<{ document: string; styles: string; headers: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)!.async('string');
  const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map(read));
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), headers };
}

/** The text of each paragraph, in order. */
const paragraphs = (xml: string): string[] =>
  xml.split(/<\/w:p>/).map((p) => decode([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));

/** Table rows as arrays of cell texts (cells' paragraphs joined by \n). */
function tableRows(xml: string): Array<{ xml: string; cells: string[] }> {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => ({
    xml: m[0],
    cells: [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphs(c[0]).filter((_, i, a) => i < a.length - 1).join('\n')),
  }));
}

const thai = snapshotFromPlan(thaiNguyen.plan, { today: TODAY, agencies: thaiNguyen.agencies ?? [], settings: SAMPLE_SETTINGS });

describe('export-docx plugin', () => {
  it('declares three exporters with their options (API 1.3)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(PluginManifest.parse(pkg.dondoc).provides).toEqual(['exporters']);
    expect(pkg.engines.dondoc).toBe('^1.3.0');
    expect(plugin.exporters.map((e) => [e.id, e.extension, e.options?.periods?.length ?? 0, e.options?.meeting ?? false])).toEqual([
      ['phu-luc', 'docx', 0, false],
      ['bao-cao', 'docx', 5, false],
      ['thong-bao-ket-luan', 'docx', 0, true],
    ]);
  });
});

describe.each([
  { name: 'Thái Nguyên', snapshot: thai },
  { name: 'Lào Cai Q4/2025', snapshot: snapshotFromPlan(q4_2025.plan, { today: TODAY, agencies: q4_2025.agencies ?? [] }) },
])('Phụ lục of $name', ({ snapshot }) => {
  it('is landscape A4 with NĐ 30 margins, Times New Roman, page numbers from page 2', async () => {
    const { document, styles, headers } = await open(await appendixDocx(snapshot));
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    // 20 mm top and bottom, 30 mm left, 15 mm right.
    expect(document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/);
    expect(document).toContain('<w:titlePg/>');
    expect(headers.some((h) => /PAGE/.test(h))).toBe(true);
    expect(headers.some((h) => !/PAGE/.test(h))).toBe(true);
  });

  it('repeats a bold centred header row, spans group rows, centres STT and holds every task', async () => {
    const { document } = await open(await appendixDocx(snapshot));
    const rows = tableRows(document);
    expect(rows[0]!.xml).toContain('<w:tblHeader/>');
    expect(rows[0]!.cells).toEqual(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành', 'Kết quả đầu ra', 'Tình trạng']);
    expect(rows[0]!.xml).toMatch(/<w:b\/>/);
    expect(rows[0]!.xml).toMatch(/<w:jc w:val="center"\/>/);
    const groups = rows.filter((r) => r.xml.includes('<w:gridSpan w:val="7"/>'));
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.xml).toContain('<w:b/>');
    const tasks = rows.slice(1).filter((r) => r.cells.length === 7);
    expect(tasks).toHaveLength(snapshot.tasks.length);
    // STT cells are centred.
    for (const r of tasks) expect(r.xml.split('</w:tc>')[0]).toMatch(/<w:jc w:val="center"\/>/);
    // Every task's text, lead and status is in the table, in Vietnamese as written.
    const byContent = new Map(tasks.map((r) => [r.cells[1], r]));
    for (const t of snapshot.tasks) {
      const row = byContent.get(t.content);
      expect(row, t.content).toBeDefined();
      expect(row!.cells[2]).toBe(leadsText(t));
      expect(row!.cells[6]).toContain(STATUS_LABELS[classifyTask(t, TODAY).category].vi);
    }
  });

  it('prints the filter it holds, so a partial page says so', async () => {
    const few: BoardSnapshot = { ...snapshot, tasks: snapshot.tasks.slice(0, 3), view: { scope: 'filter', filters: { ...emptyFilters(), time: 'late', q: 'số hóa' }, boardTotal: snapshot.tasks.length } };
    const text = paragraphs((await open(await appendixDocx(few))).document).join('\n');
    expect(text).toContain(`3/${snapshot.tasks.length} nhiệm vụ của bảng, theo bộ lọc: quá hạn; từ khóa “số hóa”`);
  });
});

describe('Báo cáo tiến độ', () => {
  const snapshot: BoardSnapshot = {
    ...thai,
    period: periodOf(TODAY, 'monthly'),
    checkpoint: { entries: 1284, head: 'ab'.repeat(32), signature: 'c2lnbmF0dXJl', publicKey: 'cHVibGljS2V5', at: '2025-12-10T08:30:00.000Z' },
  };

  it('is portrait A4 with the NĐ 30 header block filled from the board settings', async () => {
    const { document } = await open(await reportDocx(snapshot));
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    const text = paragraphs(document);
    for (const line of [
      'UBND TỈNH THÁI NGUYÊN',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số:        /BC-SKHCN',
      'Thái Nguyên, ngày 10 tháng 12 năm 2025',
      'BÁO CÁO',
      'Tiến độ thực hiện Kế hoạch số 44/KH-UBND ngày 15/11/2025 của UBND tỉnh Thái Nguyên, tháng 12/2025',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Nơi nhận:',
      '- UBND tỉnh (b/c);',
      '- Lưu: VT.',
    ])
      expect(text, line).toContain(line);
  });

  it('counts tasks in DOMAIN.md’s crossed classification, and lists late tasks, recurring reports, extensions and the checkpoint', async () => {
    const { document } = await open(await reportDocx(snapshot));
    const rows = tableRows(document);
    const counts = countByStatus(snapshot.tasks, TODAY);
    const total = rows.find((r) => r.cells[1] === 'Tổng cộng')!;
    // Tổng số, then done on time/late, doing on time/late, todo on time/late, recurring/undated.
    expect(total.cells.slice(2).map(Number)).toEqual([
      snapshot.tasks.length,
      counts['done-on-time'],
      counts['done-late'],
      counts['doing-on-time'],
      counts['doing-late'],
      counts['todo-on-time'],
      counts['todo-late'],
      counts['recurring-undated'],
    ]);
    const text = paragraphs(document).join('\n');
    const late = snapshot.tasks.filter((t) => t.column !== 'done' && t.deadline.due && t.deadline.due < TODAY && !t.deadline.cadence);
    expect(late.length).toBeGreaterThan(0);
    for (const t of late) expect(text).toContain(t.content);
    expect(text).toContain('Chưa bố trí được kinh phí');
    expect(text).toContain('Đề nghị Sở Tài chính tham mưu bố trí kinh phí');
    expect(text).toContain('Chờ hướng dẫn của Bộ Khoa học và Công nghệ');
    expect(text).toContain(`Mã băm bản ghi cuối (head): ${'ab'.repeat(32)}`);
    expect(text).toContain('1.284 bản ghi');
    // Header rows repeat on every page.
    expect(rows.filter((r) => r.xml.includes('<w:tblHeader/>')).length).toBeGreaterThan(3);
  });
});

describe('Thông báo kết luận of a meeting', () => {
  it('prints the header block, who met, each conclusion under its task\'s address with the new deadline and follow-up, and the signature', async () => {
    const base = snapshotFromPlan(q4_2025.plan, { today: TODAY, agencies: q4_2025.agencies ?? [], settings: SAMPLE_SETTINGS });
    const [a, b, c] = base.tasks;
    const conclusion = { id: 'k1', meetingId: 'm1', text: 'Giao Sở KH&CN hoàn thành trước Tết', newDue: '2026-01-31', followUp: 'Văn phòng UBND tỉnh', at: '2025-12-10T03:00:00.000Z' };
    const extended = { ...a!, conclusions: [conclusion], extensions: [{ id: 'x1', previousDue: '2025-12-31', due: '2026-01-31', reason: conclusion.text, approvedBy: 'Lê Quang Huy', conclusionId: 'k1', at: conclusion.at }] };
    const meeting = { kind: 'meeting' as const, id: 'm1', boardId: base.board.id, title: 'Ban Chỉ đạo tháng 12/2025', date: '2025-12-10', chair: 'đồng chí Lê Quang Huy, Phó Chủ tịch UBND tỉnh', attendees: ['Sở Khoa học và Công nghệ', 'Công an tỉnh'], filter: {}, agenda: 'track' as const, reviewed: [], version: 3, createdAt: '', updatedAt: '' };
    const snapshot: BoardSnapshot = { ...base, tasks: [extended, b!, c!], meeting: { meeting, conclusions: [{ task: extended, conclusion: { ...conclusion, followUp: conclusion.followUp } }], reviewedOnly: [b!] } };
    const { document } = await open(await minutesDocx(snapshot));
    const text = paragraphs(document);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('Kết luận của đồng chí Lê Quang Huy, Phó Chủ tịch UBND tỉnh tại cuộc họp Ban Chỉ đạo tháng 12/2025');
    expect(text.some((p) => p.startsWith('Ngày 10 tháng 12 năm 2025, đồng chí Lê Quang Huy'))).toBe(true);
    expect(text).toContain('Tham dự cuộc họp có: Sở Khoa học và Công nghệ; Công an tỉnh.');
    expect(text.some((p) => p.startsWith(`1. Nhiệm vụ PL I · ${a!.ordinal}:`))).toBe(true);
    expect(text).toContain('Kết luận: Giao Sở KH&CN hoàn thành trước Tết. Gia hạn thời hạn hoàn thành đến ngày 31/01/2026 (thời hạn trước: 31/12/2025). Giao Văn phòng UBND tỉnh theo dõi, đôn đốc.');
    expect(text.some((p) => p.startsWith('- Nhiệm vụ') && p.includes(b!.content))).toBe(true);
    expect(text).toContain(SAMPLE_SETTINGS.signerName);
    expect(text.join('\n')).toContain('Số:        /');
  });

  it('refuses a snapshot without a meeting', async () => {
    await expect(minutesDocx(thai)).rejects.toThrow(/cuộc họp/);
  });
});
