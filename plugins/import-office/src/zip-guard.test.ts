// Hostile and mislabelled uploads, built here: zip bombs (honest and lying about their sizes), a
// document with more rows than any plan, and Office files whose names lie about their format.
import { describe, expect, it } from 'vitest';
import { Deflate, strToU8, zipSync } from 'fflate';
import { MAX_TABLE_ROWS } from '@dondoc/shared/import/limits';
import { buildDocx, buildXlsx, seedTable } from './fixtures.ts';
import { OfficeFileError, OfficeLimitError } from './errors.ts';
import { checkZip, MAX_ENTRY_INFLATED, MAX_TOTAL_INFLATED } from './zip-guard.ts';
import { readOfficeTables } from './plan.ts';

/** Deflates `repeat` copies of `chunk` without ever holding the inflated whole. */
function deflateRepeated(chunk: Uint8Array, repeat: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (data) => parts.push(data));
  for (let i = 0; i < repeat; i++) deflate.push(chunk, i === repeat - 1);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip of deflated entries, each declaring the inflated size given (which may lie). */
function buildZip(entries: Array<{ name: string; data: Uint8Array; declared: number }>): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declared, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declared, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const MiB = 1024 * 1024;
const paragraphs = new TextEncoder().encode('<w:p><w:r><w:t>Nội dung</w:t></w:r></w:p>'.repeat(25_000)); // ~1 MB

describe('zip bombs', () => {
  it('refuses a .docx whose document.xml inflates past the limit, reading only up to the limit', () => {
    const inflated = MAX_ENTRY_INFLATED + 8 * MiB;
    const data = deflateRepeated(paragraphs, Math.ceil(inflated / paragraphs.length));
    expect(data.length).toBeLessThan(2 * MiB);
    const honest = buildZip([{ name: 'word/document.xml', data, declared: inflated }]);
    expect(() => checkZip(honest)).toThrow(OfficeLimitError);
    expect(() => checkZip(honest)).toThrow(/giải nén ra quá lớn/);
    // The same bomb declaring a tiny size is caught while inflating.
    const lying = buildZip([{ name: 'word/document.xml', data, declared: 1000 }]);
    expect(() => checkZip(lying)).toThrow(OfficeLimitError);
  });

  it('refuses many entries that each pass but together inflate past the total', () => {
    const per = Math.floor(MAX_ENTRY_INFLATED / 2);
    const data = deflateRepeated(paragraphs, Math.ceil(per / paragraphs.length));
    const count = Math.ceil(MAX_TOTAL_INFLATED / per) + 1;
    const zip = buildZip(Array.from({ length: count }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, data, declared: 10 })));
    expect(() => checkZip(zip)).toThrow(/tổng|vượt/);
  });

  it('refuses a truncated archive as broken, not as a crash', async () => {
    const real = await buildDocx(seedTable('000_90562d8295c9ca09.txt', 'Phụ lục II'), ['PHỤ LỤC II']);
    expect(() => checkZip(real.subarray(0, real.length - 30))).toThrow(OfficeFileError);
  });
});

describe('rows', () => {
  it('refuses a Word table with more rows than any plan has', async () => {
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const row = (cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;
    const body = [row(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn']), ...Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => row([String(i + 1), 'Việc', 'Sở Y tế', '2025']))];
    const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>${body.join('')}</w:tbl></w:body></w:document>`;
    const bytes = zipSync({ 'word/document.xml': strToU8(xml) });
    await expect(readOfficeTables('lon.docx', bytes)).rejects.toThrow(OfficeLimitError);
  });
});

describe('names that lie', () => {
  const seed = seedTable('000_90562d8295c9ca09.txt', 'Phụ lục II');
  it('reads a Word file called .xlsx as Word, and a workbook called .docx as a workbook', async () => {
    const docx = await buildDocx(seed, ['PHỤ LỤC II']);
    const xlsx = await buildXlsx(seed, ['PHỤ LỤC II']);
    const asXlsx = await readOfficeTables('ke-hoach.xlsx', docx);
    expect(asXlsx.bodyLines).toBeDefined();
    expect(asXlsx.tables[0]!.title).toBe('Phụ lục II');
    const asDocx = await readOfficeTables('ke-hoach.docx', xlsx);
    expect(asDocx.sheets).toEqual(['Nhiệm vụ']);
    expect(asDocx.tables[0]!.rows.length).toBe(seed.rows.length);
  });
});
