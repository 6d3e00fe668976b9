import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PluginManifest, blankBoard, blankTask, parseDeadline, type Board, type BoardSnapshot, type Task } from '@dondoc/shared';
import plugin, { CSV_HEADER, parseCsv, unguardFormula } from './index.ts';

const board: Board = blankBoard({
  id: 'lao-cai', title: 'Lào Cai Q4/2025', revision: 3, createdAt: '',
  tracks: [{ id: 'khcn-cds', label: 'KHCN/CĐS' }, { id: 'cchc', label: 'CCHC' }],
});
const task = (over: Partial<Task>): Task =>
  blankTask({ id: 't', boardId: 'lao-cai', track: 'khcn-cds', rank: 1, ordinal: '1', group: ['Phụ lục I', '4. Hỗ trợ doanh nghiệp chuyển đổi số'], content: '', deadline: parseDeadline(''), createdAt: '', ...over });

const snapshot: BoardSnapshot = {
  board,
  today: '2025-12-20',
  tasks: [
    task({
      id: 't-1', content: '- Hỗ trợ doanh nghiệp vừa và nhỏ ứng dụng nền tảng số, "Make in Viet Nam".\n- Đào tạo 200 doanh nghiệp', leads: ['Sở KH&CN'],
      partners: ['Sở Công Thương', 'UBND các xã, phường'], deadline: parseDeadline('Quý IV/2025'), column: 'doing', progress: 60, owner: 'Nguyễn Thị Lan',
      evidence: [{ id: 'e1', kind: 'link', label: 'Báo cáo số 12/BC-SKHCN', url: 'https://example.vn/bc12', addedAt: '2025-12-01' }],
      difficulties: 'Kinh phí, nhân lực; chưa có hướng dẫn', conclusions: [{ id: 'n1', text: 'Hoàn thành trước 31/12', followUp: '', at: '2025-12-05' }],
    }),
    task({ id: 't-2', ordinal: '', content: 'Phát triển thương mại điện tử, logistics thông minh, thanh toán số', leads: ['Sở Công Thương'], track: 'cchc', deadline: parseDeadline('Ngày 15/12/2025') }),
  ],
  checks: {
    't-1': [
      { id: 'ro-viec', label: 'Rõ việc', pass: true, reason: '' },
      { id: 'ro-ket-qua', label: 'Rõ kết quả', pass: false, reason: 'Chưa ghi kết quả đầu ra' },
    ],
  },
};

const exportCsv = async () => {
  const out = await plugin.exporters[0]!.export(snapshot);
  return typeof out === 'string' ? new TextEncoder().encode(out) : out;
};

describe('export-csv plugin', () => {
  it('declares its manifest and exporter', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(PluginManifest.parse(pkg.dondoc).provides).toEqual(['exporters']);
    const { id, label, mediaType, extension } = plugin.exporters[0]!;
    expect({ id, label, mediaType, extension }).toEqual({ id: 'csv', label: 'CSV (Excel)', mediaType: 'text/csv; charset=utf-8', extension: 'csv' });
  });
  it('writes UTF-8 with a BOM and CRLF rows', async () => {
    const bytes = await exportCsv();
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${CSV_HEADER.join(',')}`);
  });
  it('round-trips: one row per task in snapshot order, every field intact', async () => {
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await exportCsv()));
    expect(rows).toHaveLength(3);
    const [header, first, second] = rows;
    const col = (name: string) => header!.indexOf(name);
    expect(header).toEqual([...CSV_HEADER]);
    // The bullet would be a formula in Excel: the cell carries the apostrophe guard, nothing else changes.
    expect(first![col('Nội dung')]).toBe(`'${snapshot.tasks[0]!.content}`);
    expect(unguardFormula(first![col('Nội dung')]!)).toBe(snapshot.tasks[0]!.content);
    expect(second![col('Nội dung')]).toBe(snapshot.tasks[1]!.content);
    expect(first![col('Nhóm')]).toBe('Phụ lục I › 4. Hỗ trợ doanh nghiệp chuyển đổi số');
    expect(first![col('Cơ quan phối hợp')]).toBe('Sở Công Thương; UBND các xã, phường');
    expect(first![col('Thời hạn')]).toBe('Quý IV/2025');
    expect(first![col('Hạn (ngày)')]).toBe('31/12/2025');
    expect(first![col('Lĩnh vực')]).toBe('KHCN/CĐS');
    expect(first![col('Tiến độ')]).toBe('Đang thực hiện');
    expect(first![col('Phần trăm')]).toBe('60');
    expect(first![col('Tình trạng')]).toBe('Đang thực hiện trong hạn');
    expect(first![col('5 rõ')]).toBe('1/2');
    expect(first![col('Chưa rõ')]).toBe('Rõ kết quả: Chưa ghi kết quả đầu ra');
    expect(first![col('Minh chứng')]).toBe('Báo cáo số 12/BC-SKHCN (https://example.vn/bc12)');
    expect(first![col('Khó khăn')]).toBe('Kinh phí, nhân lực; chưa có hướng dẫn');
    expect(first![col('Kết luận')]).toBe('Hoàn thành trước 31/12');
    expect(first![col('Người phụ trách')]).toBe('Nguyễn Thị Lan');
    expect(first![col('Mã')]).toBe('t-1');
    expect(second![col('Mã')]).toBe('t-2');
    expect(second![col('STT')]).toBe('');
    expect(second![col('Lĩnh vực')]).toBe('CCHC');
    expect(second![col('Tình trạng')]).toBe('Chưa thực hiện quá hạn');
    expect(second![col('5 rõ')]).toBe('');
    for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
  });
});
