// `pnpm dondoc audit verify`: checks the audit trail of a data folder (or an exported copy) with the
// same verifier as GET /api/audit/verify, optionally against a signed checkpoint someone kept. Reads
// only: it never creates a key or touches the folder, so it is safe beside a running server.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkpointSigned, verifyAuditFile, type Checkpoint } from '../store/audit-log.ts';
import { AUDIT_FILE, AUDIT_KEY_FILE } from '../store/lowdb-store.ts';
import { CheckpointBody } from '../routes/audit.ts';
import type { CliIo } from './main.ts';

export interface AuditVerifyOptions {
  data?: string;
  log?: string;
  checkpoint?: string;
}

/** The data folder as the server would find it: --data, else DONDOC_DATA, else ./data, from where the command was typed. */
export function dataDirOf(opts: AuditVerifyOptions, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const start = env.INIT_CWD || cwd;
  return resolve(start, opts.data ?? (env.DONDOC_DATA?.trim() || 'data'));
}

/** The server's public key from its signing key, if the folder has one (never created here). */
async function serverPublicKey(dir: string): Promise<string | undefined> {
  try {
    const pem = await readFile(join(dir, AUDIT_KEY_FILE), 'utf8');
    return createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return undefined;
  }
}

async function readCheckpoint(file: string): Promise<Checkpoint | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return `Không đọc được điểm kiểm tra "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'không có tệp này' : (e as Error).message}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `Điểm kiểm tra "${file}" không phải JSON`;
  }
  const parsed = CheckpointBody.safeParse(json);
  if (!parsed.success) return `Điểm kiểm tra "${file}" thiếu hoặc sai trường "${parsed.error.issues[0]?.path.join('.')}" (cần entries, head, at, publicKey, signature)`;
  return parsed.data;
}

/** Runs the check and prints the verdict; 0 when the log holds, 1 when it does not or cannot be read. */
export async function runAuditVerify(opts: AuditVerifyOptions, io: CliIo): Promise<number> {
  const dir = dataDirOf(opts);
  const file = opts.log ? resolve(process.env.INIT_CWD || process.cwd(), opts.log) : join(dir, AUDIT_FILE);
  if (opts.log) {
    try {
      await access(file);
    } catch {
      io.err(`Không đọc được nhật ký "${file}".`);
      return 1;
    }
  }
  let checkpoint: Checkpoint | undefined;
  let trusted: string | undefined;
  if (opts.checkpoint) {
    const read = await readCheckpoint(resolve(process.env.INIT_CWD || process.cwd(), opts.checkpoint));
    if (typeof read === 'string') {
      io.err(read);
      return 1;
    }
    checkpoint = read;
    // Signed by this server's key when the folder holds it; else by the key the checkpoint names.
    trusted = opts.log && !opts.data ? undefined : await serverPublicKey(dir);
    if (!checkpointSigned(checkpoint, trusted)) {
      io.err(
        trusted && checkpointSigned(checkpoint)
          ? 'Điểm kiểm tra được ký bằng một khóa KHÁC khóa của máy chủ này: không tin được.'
          : 'Chữ ký của điểm kiểm tra không hợp lệ: điểm kiểm tra đã bị sửa hoặc không do dondoc ký.',
      );
      return 1;
    }
  }
  const result = await verifyAuditFile(file, checkpoint);
  io.out(`Nhật ký: ${file}`);
  if (checkpoint)
    io.out(`Điểm kiểm tra: ${checkpoint.entries} mục, lúc ${checkpoint.at}; chữ ký hợp lệ${trusted ? ' (khóa của máy chủ này)' : ' (khóa ghi trong điểm kiểm tra)'}.`);
  if (result.ok) {
    io.out(`Nguyên vẹn: ${result.entries} mục, chuỗi băm không đứt${checkpoint ? `, còn đủ ${checkpoint.entries} mục của điểm kiểm tra` : ''}.`);
    return 0;
  }
  io.out(`KHÔNG nguyên vẹn: hỏng tại mục ${result.brokenAt} — ${result.reason}`);
  io.out(`(${result.entries} mục đầu tiên hợp lệ)`);
  return 1;
}
