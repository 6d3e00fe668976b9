// `pnpm dondoc audit verify` on a real data folder: intact, tampered, truncated against a checkpoint,
// an exported copy, a forged checkpoint; exit codes 0, 1 and 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './main.ts';
import { parseCliArgs, UsageError } from './args.ts';
import { LowdbStore, AUDIT_FILE } from '../store/lowdb-store.ts';
import { createBoardOp, moveOp, tempDir } from '../testing/fixtures.ts';
import type { Checkpoint } from '../store/audit-log.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

let dir: string;
let cleanup: () => Promise<void>;
let checkpointFile: string;
let log: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('dondoc-cli-audit-'));
  const data = join(dir, 'data');
  const store = await LowdbStore.open({ dir: data });
  await store.apply(createBoardOp(2));
  for (let v = 1; v <= 5; v++) await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'todo' }));
  checkpointFile = join(dir, 'checkpoint.json');
  await writeFile(checkpointFile, JSON.stringify(await store.audit.checkpoint()));
  await store.close();
  log = await readFile(join(data, AUDIT_FILE), 'utf8');
});
afterAll(() => cleanup());

const data = () => join(dir, 'data');
const restore = () => writeFile(join(data(), AUDIT_FILE), log);

describe('pnpm dondoc audit verify', () => {
  it('says the log is whole, with and without the checkpoint, and exits 0', async () => {
    expect(await run('audit', 'verify', '--data', data())).toMatchObject({ code: 0, out: expect.stringContaining('Nguyên vẹn: 6 mục, chuỗi băm không đứt.') });
    const r = await run('audit', 'verify', '--data', data(), '--checkpoint', checkpointFile);
    expect(r.code).toBe(0);
    expect(r.out).toContain('chữ ký hợp lệ (khóa của máy chủ này)');
    expect(r.out).toContain('còn đủ 6 mục của điểm kiểm tra');
  });

  it('names where an edited log breaks, and exits 1', async () => {
    await writeFile(join(data(), AUDIT_FILE), log.replace('"column":{"after":"doing"', '"column":{"after":"done"'));
    const r = await run('audit', 'verify', '--data', data());
    expect(r.code).toBe(1);
    expect(r.out).toContain('KHÔNG nguyên vẹn: hỏng tại mục 2 — Mục 2 đã bị sửa (mã băm không khớp)');
    expect(r.out).toContain('(1 mục đầu tiên hợp lệ)');
    await restore();
  });

  it('finds a truncated log only against the checkpoint', async () => {
    await writeFile(join(data(), AUDIT_FILE), log.split('\n').slice(0, 3).join('\n') + '\n');
    expect((await run('audit', 'verify', '--data', data())).code).toBe(0);
    const r = await run('audit', 'verify', '--data', data(), '--checkpoint', checkpointFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain('hỏng tại mục 4 — Nhật ký chỉ còn 3 mục, ít hơn 6 mục của điểm kiểm tra: đã bị cắt bớt');
    await restore();
  });

  it('checks an exported copy with the checkpoint alone (a second party without the data folder)', async () => {
    const copy = join(dir, 'export.jsonl');
    await writeFile(copy, log);
    const r = await run('audit', 'verify', '--log', copy, '--checkpoint', checkpointFile);
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('(khóa ghi trong điểm kiểm tra)') });
  });

  it('refuses a checkpoint whose signature does not hold, or that is not a checkpoint', async () => {
    const cp = JSON.parse(await readFile(checkpointFile, 'utf8')) as Checkpoint;
    const forged = join(dir, 'forged.json');
    await writeFile(forged, JSON.stringify({ ...cp, entries: 3 }));
    expect(await run('audit', 'verify', '--data', data(), '--checkpoint', forged)).toMatchObject({ code: 1, err: expect.stringContaining('Chữ ký của điểm kiểm tra không hợp lệ') });
    await writeFile(forged, '{"entries": "ba"}');
    expect(await run('audit', 'verify', '--data', data(), '--checkpoint', forged)).toMatchObject({ code: 1, err: expect.stringContaining('sai trường "entries"') });
    expect(await run('audit', 'verify', '--data', data(), '--checkpoint', join(dir, 'khong-co.json'))).toMatchObject({ code: 1, err: expect.stringContaining('không có tệp này') });
    expect(await run('audit', 'verify', '--log', join(dir, 'khong-co.jsonl'))).toMatchObject({ code: 1, err: expect.stringContaining('Không đọc được nhật ký') });
  });

  it('usage mistakes exit 2 with the usage shown', async () => {
    expect(await run('audit')).toMatchObject({ code: 2, err: expect.stringContaining('Thiếu lệnh con') });
    expect(await run('audit', 'check')).toMatchObject({ code: 2, err: expect.stringContaining('chỉ có "audit verify"') });
    expect(await run('audit', 'verify', 'audit.jsonl')).toMatchObject({ code: 2, err: expect.stringContaining('dùng --log') });
    expect(await run('import', 'kh.txt', '--data', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('--data chỉ dùng với "audit verify"') });
    expect((await run('help')).out).toContain('pnpm dondoc audit verify');
  });

  it('parses its options', () => {
    expect(parseCliArgs(['audit', 'verify'])).toEqual({ command: 'audit-verify' });
    expect(parseCliArgs(['audit', 'verify', '--data', 'd', '--checkpoint', 'c.json', '--log', 'l.jsonl'])).toEqual({ command: 'audit-verify', data: 'd', checkpoint: 'c.json', log: 'l.jsonl' });
    expect(() => parseCliArgs(['audit', 'verify', '--json', 'x'])).toThrow(UsageError);
  });
});
