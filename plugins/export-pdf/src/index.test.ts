// Extracts the text of the PDFs (pdf.js through unpdf) and checks the Vietnamese comes back letter
// for letter, the fonts are embedded, the Phụ lục is landscape and the Báo cáo carries its header block.
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { countByStatus, leadsText, periodOf, type BoardSnapshot } from '@dondoc/shared';
import { SAMPLE_SETTINGS, snapshotFromPlan } from '@dondoc/shared/testing/snapshots';
import { template as thaiNguyen } from '../../template-thai-nguyen/src/index.ts';
import { appendixPdf, reportPdf } from './index.ts';

const TODAY = '2025-12-10';
const flat = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

async function text(bytes: Uint8Array): Promise<{ pages: number; text: string; size: [number, number] }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const page = await pdf.getPage(1);
  const [, , w, h] = page.view;
  const out = await extractText(pdf, { mergePages: true });
  return { pages: out.totalPages, text: flat(out.text), size: [Math.round(w!), Math.round(h!)] };
}

const snapshot: BoardSnapshot = snapshotFromPlan(thaiNguyen.plan, { today: TODAY, agencies: thaiNguyen.agencies ?? [], settings: SAMPLE_SETTINGS });

describe('Phụ lục as PDF', () => {
  it('is landscape A4 with Tinos embedded', async () => {
    const bytes = await appendixPdf(snapshot);
    const latin1 = Buffer.from(bytes).toString('latin1');
    expect(latin1).toMatch(/\/FontName \/[A-Z]{6}\+Tinos-Regular/);
    expect(latin1).toMatch(/\/FontName \/[A-Z]{6}\+Tinos-Bold/);
    expect(latin1).toContain('/FontFile2');
    const { size, pages } = await text(bytes);
    expect(size).toEqual([842, 595]);
    expect(pages).toBeGreaterThan(5);
  });

  it('gives back every task’s Vietnamese text, lead agency and the header words', async () => {
    const { text: all } = await text(await appendixPdf(snapshot));
    for (const words of ['Phụ lục', 'DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN', '(Kèm theo Kế hoạch số 44/KH-UBND ngày 15/11/2025 của UBND tỉnh Thái Nguyên)', 'Nội dung nhiệm vụ', 'Cơ quan phối hợp'])
      expect(all).toContain(words);
    // A cell wraps between words (and after "/" in "57-NQ/TW"), and a row cut by a page break has the
    // page number and the repeated header in between: each task's words must come in order, spaces aside.
    const dense = all.replace(/\s/g, '');
    const inOrder = (text: string): boolean => {
      let at = 0;
      for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
        at = dense.indexOf(word, at);
        if (at < 0) return false;
        at += word.length;
      }
      return true;
    };
    for (const t of snapshot.tasks) {
      expect(inOrder(t.content), t.content).toBe(true);
      expect(inOrder(leadsText(t)), leadsText(t)).toBe(true);
    }
    // The table is not silently cut: the last task's last words are there.
    expect(dense).toContain(snapshot.tasks.at(-1)!.content.normalize('NFC').split(/\s+/).slice(-3).join(''));
    // Letters with two marks (ệ, ở, ữ, ặ, ỗ…) come back as the same NFC letters, so none was lost or split.
    const stacked = new Set(snapshot.tasks.flatMap((t) => t.content.normalize('NFC').match(/[ấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]/gu) ?? []));
    expect(stacked.size).toBeGreaterThan(10);
    for (const ch of stacked) expect(all).toContain(ch);
  });
});

describe('Báo cáo as PDF', () => {
  it('carries the NĐ 30 header block, the counts and the signature', async () => {
    const { text: all, size } = await text(await reportPdf({ ...snapshot, period: periodOf(TODAY, 'weekly') }));
    expect(size).toEqual([595, 842]);
    for (const words of [
      'UBND TỈNH THÁI NGUYÊN',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thái Nguyên, ngày 10 tháng 12 năm 2025',
      'BÁO CÁO',
      'tuần 50',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Chưa bố trí được kinh phí',
    ])
      expect(all).toContain(words);
    const c = countByStatus(snapshot.tasks, TODAY);
    expect(all).toContain(`Tổng số ${snapshot.tasks.length} nhiệm vụ: đã hoàn thành ${c['done-on-time'] + c['done-late']}`);
  });
});
