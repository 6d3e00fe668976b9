// The audit trail against each kind of tampering, on a real log written by the store: an edited,
// deleted, inserted or reordered entry, a chain an attacker re-hashed after editing, and a log cut
// short — the last two caught only against a signed checkpoint a second party kept. A tampered log
// never stops the server: it opens, serves, keeps appending, and verify says where the chain breaks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import type { ApiError } from '@dondoc/shared';
import { LowdbStore, AUDIT_FILE } from './lowdb-store.ts';
import { AuditLog, GENESIS, checkpointSigned, encodeEntry, verifyAuditFile, type AuditEntry, type Checkpoint } from './audit-log.ts';
import { createBoardOp, moveOp, tempDir } from '../testing/fixtures.ts';
import { trustApp } from '../testing/trust-app.ts';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
/** The checkpoint a second party took when the log held all its entries. */
let checkpoint: Checkpoint;
let lines: string[];
const ENTRIES = 12;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('dondoc-audit-'));
  const store = await LowdbStore.open({ dir });
  expect((await store.apply(createBoardOp(3))).ok).toBe(true);
  for (let v = 1; v < ENTRIES; v++) expect((await store.apply(moveOp('t1', v, { column: v % 2 ? 'doing' : 'todo' }))).ok).toBe(true);
  checkpoint = await store.audit.checkpoint();
  await store.close();
  file = join(dir, AUDIT_FILE);
  lines = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
});
afterEach(() => cleanup());

const write = (ls: string[]) => writeFile(file, ls.map((l) => `${l}\n`).join(''));
const entryOf = (line: string): AuditEntry => JSON.parse(line.slice('{"entry":'.length, line.lastIndexOf(',"hash":'))) as AuditEntry;
const hashOf = (line: string): string => /"hash":"([0-9a-f]{64})"\}$/.exec(line)![1]!;
/** What an attacker who knows the format does: rewrites every entry from `from` on so each hash and link holds. */
function rechain(ls: string[], from = 0): string[] {
  const out = ls.slice(0, from);
  let prev = from === 0 ? GENESIS : hashOf(out[from - 1]!);
  for (const [i, line] of ls.slice(from).entries()) {
    const { line: encoded, hash } = encodeEntry({ ...entryOf(line), n: from + i + 1, prev });
    out.push(encoded.trimEnd());
    prev = hash;
  }
  return out;
}

describe('a log written by the store', () => {
  it('verifies whole, and against the checkpoint taken when it was written', async () => {
    expect(lines).toHaveLength(ENTRIES);
    expect(await verifyAuditFile(file)).toEqual({ ok: true, entries: ENTRIES });
    expect(await verifyAuditFile(file, checkpoint)).toEqual({ ok: true, entries: ENTRIES });
    expect(checkpoint).toMatchObject({ entries: ENTRIES, head: hashOf(lines.at(-1)!) });
    expect(checkpointSigned(checkpoint)).toBe(true);
    // Every entry names who did what through which route, with each field before → after.
    const move = entryOf(lines[1]!);
    expect(move).toMatchObject({ n: 2, prev: hashOf(lines[0]!), op: 'task.move', actor: { kind: 'system', name: 'test' }, via: 'test' });
    expect(move.changes.find((c) => c.entity === 'task')).toMatchObject({ id: 't1', fields: { column: { before: 'todo', after: 'doing' } } });
  });

  it('each hash is the SHA-256 of the entry as canonical JSON (RFC 8785), so anyone can recompute it', () => {
    for (const line of lines) {
      const text = line.slice('{"entry":'.length, line.lastIndexOf(',"hash":'));
      expect(canonicalize(JSON.parse(text))).toBe(text);
      expect(createHash('sha256').update(text).digest('hex')).toBe(hashOf(line));
    }
  });
});

describe('each kind of tampering is found, and where', () => {
  it('an edited entry: its hash no longer matches', async () => {
    await write(lines.map((l, i) => (i === 4 ? l.replace('"name":"test"', '"name":"Người khác"') : l)));
    expect(await verifyAuditFile(file)).toEqual({ ok: false, entries: 4, brokenAt: 5, reason: 'Mục 5 đã bị sửa (mã băm không khớp)', reasonEn: 'Entry 5 was edited (hash mismatch)' });
  });

  it('an edited entry whose own hash was recomputed: the next entry no longer links to it', async () => {
    const edited = entryOf(lines[4]!);
    edited.via = 'POST /api/boards/:boardId/tasks/:taskId/move';
    await write(lines.map((l, i) => (i === 4 ? encodeEntry(edited).line.trimEnd() : l)));
    const r = await verifyAuditFile(file);
    expect(r).toMatchObject({ ok: false, brokenAt: 6, reason: expect.stringContaining('không nối với mục trước') });
  });

  it('an edited entry with the whole chain after it rewritten: only the checkpoint tells, and says the log was rewritten', async () => {
    const ls = [...lines];
    ls[4] = encodeEntry({ ...entryOf(ls[4]!), actor: { kind: 'user', id: 'u1', name: 'Người khác' } }).line.trimEnd();
    await write(rechain(ls, 4));
    expect(await verifyAuditFile(file)).toEqual({ ok: true, entries: ENTRIES });
    expect(await verifyAuditFile(file, checkpoint)).toMatchObject({ ok: false, brokenAt: ENTRIES, reason: `Mục ${ENTRIES} khác với điểm kiểm tra: nhật ký đã bị viết lại` });
  });

  it('a deleted entry: the one after it stands in its place with the wrong number', async () => {
    await write(lines.filter((_, i) => i !== 6));
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, entries: 6, brokenAt: 7, reason: 'Mục ở vị trí 7 mang số 8: có mục bị xóa, chèn hoặc đổi thứ tự' });
  });

  it('a deleted entry with the chain renumbered and re-hashed: the checkpoint finds the log shorter', async () => {
    await write(rechain(lines.filter((_, i) => i !== 6)));
    expect(await verifyAuditFile(file)).toEqual({ ok: true, entries: ENTRIES - 1 });
    expect(await verifyAuditFile(file, checkpoint)).toMatchObject({ ok: false, brokenAt: ENTRIES, reason: expect.stringContaining('đã bị cắt bớt') });
  });

  it('an inserted entry: a copy of another does not fit its new place', async () => {
    await write([...lines.slice(0, 3), lines[8]!, ...lines.slice(3)]);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 4, reason: 'Mục ở vị trí 4 mang số 9: có mục bị xóa, chèn hoặc đổi thứ tự' });
  });

  it('an inserted entry crafted with the right number and link: the entry after it no longer links', async () => {
    const forged = encodeEntry({ ...entryOf(lines[3]!), n: 4, prev: hashOf(lines[2]!), actor: { kind: 'user', id: 'u9', name: 'Giả mạo' } });
    await write([...lines.slice(0, 3), forged.line.trimEnd(), ...lines.slice(3)]);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('two entries swapped: the first out of place is named', async () => {
    const ls = [...lines];
    [ls[5], ls[6]] = [ls[6]!, ls[5]!];
    await write(ls);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 6, reason: 'Mục ở vị trí 6 mang số 7: có mục bị xóa, chèn hoặc đổi thứ tự' });
  });

  it('a truncated log: whole by itself, short of the checkpoint', async () => {
    await write(lines.slice(0, 8));
    expect(await verifyAuditFile(file)).toEqual({ ok: true, entries: 8 });
    expect(await verifyAuditFile(file, checkpoint)).toEqual({
      ok: false,
      entries: 8,
      brokenAt: 9,
      reason: `Nhật ký chỉ còn 8 mục, ít hơn ${ENTRIES} mục của điểm kiểm tra: đã bị cắt bớt`,
      reasonEn: `The log holds 8 entries, fewer than the checkpoint's ${ENTRIES}: it was truncated`,
    });
  });

  it('an emptied or deleted log, against the checkpoint', async () => {
    await write([]);
    expect(await verifyAuditFile(file, checkpoint)).toMatchObject({ ok: false, entries: 0, brokenAt: 1 });
    expect(await verifyAuditFile(join(dir, 'khong-co.jsonl'), checkpoint)).toMatchObject({ ok: false, entries: 0, brokenAt: 1 });
  });

  it('lines that are not entries: blank, garbage, or the same entry written differently', async () => {
    await write([...lines.slice(0, 2), '', ...lines.slice(2)]);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 3, reason: 'Dòng trống ở vị trí 3' });
    await write([...lines.slice(0, 2), 'xin chào', ...lines.slice(2)]);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 3, reason: 'Mục 3 sai định dạng' });
    const text = lines[2]!.slice('{"entry":'.length, lines[2]!.lastIndexOf(',"hash":'));
    const spaced = text.replace('{', '{ ');
    // Same JSON, other bytes (and a hash recomputed for them): the chain is over bytes, so the next entry no longer links.
    await write([...lines.slice(0, 2), `{"entry":${spaced},"hash":"${createHash('sha256').update(spaced).digest('hex')}"}`, ...lines.slice(3)]);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringContaining('không nối với mục trước') });
    // The hash of an entry without its position or link is not enough.
    const bare = '{"op":"task.move"}';
    await write([...lines.slice(0, 2), `{"entry":${bare},"hash":"${createHash('sha256').update(bare).digest('hex')}"}`, ...lines.slice(3)]);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 3, reason: 'Mục 3 sai định dạng' });
    // A nested "prev" cannot stand in for the entry's own: an edited link is an edited entry.
    await write(lines.map((l, i) => (i === 2 ? l.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${GENESIS}"`) : l)));
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 3, reason: 'Mục 3 đã bị sửa (mã băm không khớp)' });
  });
});

describe('checkpoints', () => {
  it('a changed count, head or time breaks the signature; a key other than the server’s is not trusted', () => {
    expect(checkpointSigned({ ...checkpoint, entries: checkpoint.entries - 1 })).toBe(false);
    expect(checkpointSigned({ ...checkpoint, head: GENESIS })).toBe(false);
    expect(checkpointSigned({ ...checkpoint, at: '2030-01-01T00:00:00.000Z' })).toBe(false);
    expect(checkpointSigned({ ...checkpoint, signature: 'AAAA' })).toBe(false);
    // Someone else's key signs a checkpoint of a rewritten log: valid under their key, not under the server's.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const body = { entries: 3, head: GENESIS, at: checkpoint.at };
    const forged: Checkpoint = { ...body, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), signature: sign(null, Buffer.from(canonicalize(body)!), privateKey).toString('base64') };
    expect(checkpointSigned(forged)).toBe(true);
    expect(checkpointSigned(forged, checkpoint.publicKey)).toBe(false);
  });

  it('the server keeps its signing key across restarts, readable by its owner only', async () => {
    const { stat } = await import('node:fs/promises');
    const log = await AuditLog.open(file, join(dir, 'audit-key.pem'));
    expect(log.publicKey).toBe(checkpoint.publicKey);
    expect(log.entries).toBe(ENTRIES);
    await log.close();
    expect((await stat(join(dir, 'audit-key.pem'))).mode & 0o077).toBe(0);
  });
});

describe('a tampered log does not stop the server', () => {
  it('opens, serves, keeps recording, and GET /api/audit/verify says where the chain breaks', async () => {
    const first = await trustApp({}, { dir });
    const { board, tasks } = await first.newBoard();
    await first.as('thuongtruc')(`/api/boards/${board.id}/tasks/${tasks.lead.id}/comments`, { method: 'POST', json: { text: 'Trước khi bị sửa' } });
    await first.close();
    const all = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
    const count = all.length;
    await write(all.map((l, i) => (i === 3 ? l.replace('"op":"task.move"', '"op":"task.update"') : l)));

    const again = await trustApp({}, { dir });
    try {
      expect((await again.as('xem')(`/api/boards/${board.id}`)).status).toBe(200);
      const verify = await again.as('admin')('/api/audit/verify');
      expect(verify.status).toBe(200);
      expect(await verify.json()).toEqual({ ok: false, entries: 3, brokenAt: 4, reason: 'Mục 4 đã bị sửa (mã băm không khớp)', reasonEn: 'Entry 4 was edited (hash mismatch)' });
      // Work goes on and is recorded after the break.
      const res = await again.as('thuongtruc')(`/api/boards/${board.id}/tasks/${tasks.lead.id}/comments`, { method: 'POST', json: { text: 'Sau khi bị sửa' } });
      expect(res.status).toBe(201);
      expect((await readFile(file, 'utf8')).split('\n').slice(0, -1).length).toBe(count + 1);
      const history = await again.as('xem')(`/api/boards/${board.id}/tasks/${tasks.lead.id}/history`);
      expect(history.status).toBe(200);
      expect(((await again.as('xem')('/api/audit/verify')).status)).toBe(403);
      expect((((await (await again.as('xem')('/api/audit/verify')).json()) as ApiError).error.message)).toMatch(/^Bạn không có quyền/);
    } finally {
      await again.close();
    }
  });

  it('opens on a log whose last line is garbage, and appends after it', async () => {
    await write([...lines.slice(0, -1), 'không phải JSON']);
    const store = await LowdbStore.open({ dir });
    expect(await store.audit.verify()).toMatchObject({ ok: false, brokenAt: ENTRIES });
    expect((await store.apply(moveOp('t1', ENTRIES, { column: 'doing' }))).ok).toBe(true);
    await store.close();
    expect((await readFile(file, 'utf8')).split('\n').slice(0, -1)).toHaveLength(ENTRIES + 1);
  });
});

describe('a big entry (a board created with thousands of tasks), written and read a part at a time', () => {
  it('is the canonical line with its hash, replays from the journal, and reads back in history before and after a restart', async () => {
    const { dir: big, cleanup: done } = await tempDir('dondoc-audit-big-');
    try {
      // Big enough for every sliced path: the record, the audit line (> 256 KB) and the index read.
      const create = createBoardOp(1500, 'b2');
      let store = await LowdbStore.open({ dir: big, compactAfterOps: 1_000_000, compactAfterBytes: 1 << 30 });
      expect((await store.apply(createBoardOp(2))).ok).toBe(true);
      expect((await store.apply(create)).ok).toBe(true);
      expect((await store.apply(moveOp('t1', 1, { boardId: 'b2' }))).ok).toBe(true);
      expect(Object.isFrozen((await store.getTask('b2', 't1500'))!.evidence)).toBe(true);
      const before = await store.audit.history('board:b2', 10);
      expect(before.map((e) => e.op)).toEqual(['task.move', 'board.create']);
      expect(before[1]!.changes).toHaveLength(1501);
      expect(await store.audit.verify()).toEqual({ ok: true, entries: 3 });
      // A copy of the folder as a crash would leave it (no snapshot since): its start replays the big journal line.
      const crashed = `${big}-crashed`;
      await cp(big, crashed, { recursive: true });
      const tasks = await store.getTasks('b2');
      await store.close();
      try {
        const replayed = await LowdbStore.open({ dir: crashed });
        expect(await replayed.getTasks('b2')).toEqual(tasks);
        expect(await replayed.audit.verify()).toEqual({ ok: true, entries: 3 });
        await replayed.close();
      } finally {
        await rm(crashed, { recursive: true, force: true });
      }
      const lines = (await readFile(join(big, AUDIT_FILE), 'utf8')).split('\n').slice(0, -1);
      expect(lines[1]!.length).toBeGreaterThan(256 * 1024);
      const entry = entryOf(lines[1]!);
      expect(lines[1]).toBe(`{"entry":${canonicalize(entry)},"hash":"${createHash('sha256').update(canonicalize(entry)!).digest('hex')}"}`);
      store = await LowdbStore.open({ dir: big });
      expect((await store.getTasks('b2'))!.length).toBe(1500);
      const after = await store.audit.history('board:b2', 10);
      expect(after).toEqual(before);
      expect((await store.audit.history('task:b2/t1', 10)).map((e) => e.op)).toEqual(['task.move', 'board.create']);
      await store.close();
    } finally {
      await done();
    }
  });
  it("reads a task's history newest first across entries from before a restart and after it, up to the limit", async () => {
    const { dir: here, cleanup: done } = await tempDir('dondoc-audit-history-');
    try {
      let store = await LowdbStore.open({ dir: here });
      expect((await store.apply(createBoardOp(2))).ok).toBe(true);
      // Each move to another track (and column), so each entry is told apart by where the task went.
      const tracks = ['cchc', 'de-an-06', 'khcn-cds', 'cchc', 'de-an-06', 'khcn-cds'] as const;
      let version = 1;
      const move = (track: (typeof tracks)[number]) => store.apply(moveOp('t1', version, { track, column: version++ % 2 ? 'doing' : 'todo' }));
      for (const track of tracks.slice(0, 3)) expect((await move(track)).ok).toBe(true);
      await store.close();
      // After a restart the older entries come from the index built by reading the file, the newer from appends.
      store = await LowdbStore.open({ dir: here });
      expect((await store.audit.history('task:b1/t1', 1)).map((e) => e.op)).toEqual(['task.move']);
      for (const track of tracks.slice(3)) expect((await move(track)).ok).toBe(true);
      const trackOf = (e: AuditEntry) => {
        const change = e.changes.find((c) => c.entity === 'task');
        return e.op === 'task.move' && change?.entity === 'task' ? change.fields?.track?.after : e.op;
      };
      expect((await store.audit.history('task:b1/t1')).map(trackOf)).toEqual(['khcn-cds', 'de-an-06', 'cchc', 'khcn-cds', 'de-an-06', 'cchc', 'board.create']);
      expect((await store.audit.history('task:b1/t1', 4)).map(trackOf)).toEqual(['khcn-cds', 'de-an-06', 'cchc', 'khcn-cds']);
      expect((await store.audit.history('task:b1/t2')).map(trackOf)).toEqual(['board.create']);
      expect(await store.audit.history('task:b1/nope')).toEqual([]);
      await store.close();
    } finally {
      await done();
    }
  });
});
