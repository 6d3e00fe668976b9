// `dondoc migrate`: the seeds' boards (every template plugin's plan) with history in an embedded store,
// copied into PostgreSQL and compared record for record, the audit chain verified there (a checkpoint
// signed before the move still verifies after it), and a second run or a broken source refused with
// nothing changed. Skipped, saying so, without DONDOC_TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { systemActor, type Board, type Task } from '@dondoc/shared';
import { runCli } from './main.ts';
import { LowdbStore, AUDIT_FILE } from '../store/lowdb-store.ts';
import { PostgresRepository } from '../store/postgres/postgres-store.ts';
import { freshDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from '../store/postgres/test-database.ts';
import { checkpointSigned, type Checkpoint } from '../store/audit-log.ts';
import { PluginHost, DEFAULT_PLUGINS_DIR } from '../plugins/host.ts';
import { createBoardFromTemplate } from '../board-templates.ts';
import { seedUsers } from '../testing/users.ts';
import { FIXTURE_AT, tempDir } from '../testing/fixtures.ts';

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const everything = async (repo: LowdbStore | PostgresRepository) => {
  const boards = (await repo.listBoards()).sort((a, b) => (a.id < b.id ? -1 : 1));
  const tasks: Record<string, readonly Task[]> = {};
  for (const b of boards) tasks[b.id] = (await repo.getTasks(b.id))!;
  return { boards, tasks, users: (await repo.listUsers()).sort((a, b) => (a.id < b.id ? -1 : 1)), directory: await repo.getDirectory() };
};

if (!TEST_DATABASE_URL) {
  describe('dondoc migrate', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
} else {
  describe('dondoc migrate', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    let db: { url: string; drop: () => Promise<void> };
    let before: Awaited<ReturnType<typeof everything>>;
    let checkpoint: Checkpoint;
    let boards: Board[];
    beforeAll(async () => {
      ({ dir, cleanup } = await tempDir());
      db = await freshDatabase();
      // A generous import limit: this test is about the store, not about a slow machine's plugin imports.
      const plugins = await PluginHost.load({ pluginsDir: DEFAULT_PLUGINS_DIR, extra: [], timeoutMs: 60_000 });
      const store = await LowdbStore.open({ dir });
      const actor = systemActor('test');
      const templates = plugins.all('templates').map((t) => t.address);
      expect(templates.length).toBeGreaterThanOrEqual(5);
      boards = [];
      for (const template of templates) boards.push(await createBoardFromTemplate({ repository: store, plugins }, { template }, { actor, via: 'test' }));
      // History: moves, an edit, a deletion (the trash), evidence with a file, users, a password and a session.
      for (const board of boards) {
        const tasks = (await store.getTasks(board.id))!;
        for (const [i, t] of tasks.slice(0, 6).entries())
          expect(await store.apply({ type: 'task.move', boardId: board.id, taskId: t.id, expectedVersion: t.version, track: t.track, column: i % 2 ? 'doing' : 'done', afterId: null, actor, via: 'test', at: FIXTURE_AT })).toMatchObject({ ok: true });
        const t = tasks[7]!;
        await store.apply({ type: 'task.update', boardId: board.id, taskId: t.id, expectedVersion: t.version, patch: { owner: 'Nguyễn Văn An' }, actor, via: 'test', at: FIXTURE_AT });
        await store.apply({ type: 'task.delete', boardId: board.id, taskId: tasks[8]!.id, expectedVersion: tasks[8]!.version, actor, via: 'test', at: FIXTURE_AT });
      }
      const file = await store.files.put(new TextEncoder().encode('%PDF-1.4 biên bản'), 'bien-ban.pdf', 'application/pdf');
      const t0 = (await store.getTasks(boards[0]!.id))![0]!;
      await store.apply({ type: 'task.evidence.add', boardId: boards[0]!.id, taskId: t0.id, evidence: { id: 'e1', kind: 'file', label: 'Biên bản', file, addedAt: FIXTURE_AT, addedBy: { id: actor.id, name: actor.name } }, actor, via: 'test', at: FIXTURE_AT });
      await seedUsers(store);
      await store.auth.createSession({ idHash: 'a'.repeat(64), userId: 'u-admin', createdAt: FIXTURE_AT, lastSeenAt: FIXTURE_AT });
      await store.apply({ type: 'directory.update', agencies: [{ name: 'Sở Y tế', aliases: ['SYT'], collective: false }], actor, via: 'test', at: FIXTURE_AT });
      checkpoint = await store.audit.checkpoint();
      before = await everything(store);
      await store.close();
    }, 120_000);
    afterAll(async () => {
      await cleanup?.();
      await db?.drop();
    });

    it('copies every board, task, trashed task, user, password, file and audit entry, and the chain verifies in PostgreSQL', async () => {
      const r = await run(['migrate', '--from', dir, '--to', db.url, '--sessions']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Đã chuyển/);
      const pg = await PostgresRepository.open({ url: db.url, maxConnections: 2 });
      try {
        const after = await everything(pg);
        expect(after.boards).toEqual(before.boards);
        expect(after.users).toEqual(before.users);
        expect(after.directory).toEqual(before.directory);
        for (const b of before.boards) expect(after.tasks[b.id]).toEqual(before.tasks[b.id]);
        const deleted = (await LowdbStore.open({ dir }).then(async (s) => {
          const found = await s.getTrashedTask(boards[0]!.id, (await s.getTasks(boards[0]!.id))![0]!.id);
          await s.close();
          return found;
        }));
        expect(deleted).toBeUndefined();
        // The trash, a password, the session and the evidence file came along.
        const sql = postgres(db.url, { max: 1, onnotice: () => {} });
        const [{ n }] = (await sql`SELECT count(*)::int AS n FROM trash`) as unknown as [{ n: number }];
        await sql.end();
        expect(n).toBe(boards.length);
        expect(await pg.auth.passwordHash('u-admin')).toMatch(/^\$argon2/);
        expect(await pg.auth.session('a'.repeat(64))).toMatchObject({ userId: 'u-admin' });
        const ev = before.tasks[boards[0]!.id]!.flatMap((t) => t.evidence).find((e) => e.id === 'e1')!;
        expect(Buffer.from((await pg.files.get(ev.file!.sha256))!).toString()).toBe('%PDF-1.4 biên bản');
        // The same chain: a checkpoint signed by the embedded store verifies here, with the same key.
        expect(await pg.audit.verify(checkpoint)).toEqual({ ok: true, entries: checkpoint.entries });
        expect(checkpointSigned(checkpoint, pg.audit.publicKey)).toBe(true);
        // Work goes on, numbered after the last migrated operation.
        const last = await pg.lastSeq();
        const t = after.tasks[boards[1]!.id]![0]!;
        expect(await pg.apply({ type: 'task.move', boardId: boards[1]!.id, taskId: t.id, expectedVersion: t.version, track: t.track, column: 'done', afterId: null, actor: systemActor('test'), via: 'test', at: FIXTURE_AT })).toMatchObject({ ok: true });
        expect(await pg.lastSeq()).toBe(last + 1);
        expect(await pg.audit.verify(checkpoint)).toEqual({ ok: true, entries: checkpoint.entries + 1 });
      } finally {
        await pg.close();
      }
    }, 120_000);

    it('refuses a target that is not empty, and a source whose audit chain is broken, changing nothing', async () => {
      const again = await run(['migrate', '--from', dir, '--to', db.url]);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/đã có dữ liệu/);
      const other = await freshDatabase();
      try {
        const file = join(dir, AUDIT_FILE);
        const lines = (await readFile(file, 'utf8')).split('\n');
        lines[3] = lines[3]!.replace('"via":"test"', '"via":"sửa"');
        await writeFile(file, lines.join('\n'));
        const broken = await run(['migrate', '--from', dir, '--to', other.url]);
        expect(broken.code).toBe(1);
        expect(broken.err).toMatch(/hỏng ở mục 4/);
        const sql = postgres(other.url, { max: 1, onnotice: () => {} });
        const [{ exists }] = (await sql`SELECT to_regclass('boards') IS NOT NULL AS exists`) as unknown as [{ exists: boolean }];
        await sql.end();
        expect(exists).toBe(false);
      } finally {
        await other.drop();
      }
      expect((await run(['migrate', '--to', db.url])).code).toBe(2);
    }, 60_000);
  });
}
