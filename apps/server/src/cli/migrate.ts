// `pnpm dondoc migrate --from data/ --to postgres://…`: the embedded store into an empty PostgreSQL
// database, all or nothing (exit 0 done, 1 refused or failed with nothing changed).
import { resolve } from 'node:path';
import { resolveCwd } from './paths.ts';
import type { CliIo } from './main.ts';

export async function runMigrate(command: { from: string; to: string; sessions: boolean }, io: CliIo): Promise<number> {
  const { migrateEmbeddedStore, MigrationError } = await import('../store/postgres/import-embedded.ts');
  const { SchemaError } = await import('../store/postgres/schema.ts');
  const from = resolve(resolveCwd(), command.from);
  try {
    const r = await migrateEmbeddedStore({ from, to: command.to, sessions: command.sessions, log: io.out });
    io.out(
      `Đã chuyển / migrated: ${r.boards} bảng, ${r.tasks} nhiệm vụ, ${r.trash} trong thùng rác, ${r.users} người dùng, ${r.passwords} mật khẩu, ${r.sessions} phiên, ${r.files} tệp, ${r.auditEntries} mục kiểm toán (đến thao tác #${r.lastSeq}).`,
    );
    io.out('Chạy dondoc với DATABASE_URL trỏ tới cơ sở dữ liệu này / run dondoc with DATABASE_URL set to this database.');
    return 0;
  } catch (err) {
    if (err instanceof MigrationError || err instanceof SchemaError) {
      io.err(err.message);
      return 1;
    }
    const e = err as { code?: string; message?: string };
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '3D000' || e.code === '28P01') {
      io.err(`Không kết nối được PostgreSQL (${e.message}). Không có gì bị thay đổi.\nCannot connect to PostgreSQL (${e.message}). Nothing was changed.`);
      return 1;
    }
    throw err;
  }
}
