// Command-line arguments of `pnpm dondoc`, parsed with node:util and checked before any file is read.
import { parseArgs } from 'node:util';
import { TrackId } from '@dondoc/shared';

export type CliCommand =
  | { command: 'help' }
  | {
      command: 'migrate';
      /** The embedded store's folder. */
      from: string;
      /** postgres://… (default DATABASE_URL). */
      to: string;
      /** Copy sign-in sessions too (default: users sign in again). */
      sessions: boolean;
    }
  | {
      command: 'import';
      file: string;
      /** Where to write the plan as JSON (for a template plugin). */
      json?: string;
      /** Sheet of an .xlsx: its name or 1-based position. */
      sheet?: string;
      /** `--track "Phụ lục II=cchc"`: track per table or section, as `ImportOptions.trackBySection`. */
      trackBySection: Record<string, string>;
    }
  | {
      command: 'audit-verify';
      /** The store's folder (its audit.jsonl and signing key); default DONDOC_DATA or ./data. */
      data?: string;
      /** An exported log to check instead of the data folder's. */
      log?: string;
      /** A checkpoint (JSON) a second party kept: the log must still hold it. */
      checkpoint?: string;
    };

/** A mistake in how the command was called: exit code 2, with the usage shown. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Cách dùng:
  pnpm dondoc import TỆP [--json RA.json] [--sheet TÊN] [--track MỤC=LUỒNG]...
      Đọc kế hoạch từ .txt, .md, .tsv, .csv, .docx hoặc .xlsx và in tóm tắt.
      --json RA.json     ghi kế hoạch (Plan) ra tệp JSON, dùng cho plugin mẫu
      --sheet TÊN        trang tính của tệp .xlsx (tên hoặc số thứ tự; mặc định trang đầu)
      --track MỤC=LUỒNG  gán luồng cho một phụ lục hoặc mục, ví dụ --track "Phụ lục II=cchc"
                         (luồng: de-an-06, cchc, khcn-cds hoặc luồng của plugin)
  pnpm dondoc audit verify [--data THƯ-MỤC] [--log TỆP.jsonl] [--checkpoint TỆP.json]
      Kiểm tra nhật ký kiểm toán: chuỗi băm nguyên vẹn, không mục nào bị sửa, xóa, chèn
      hay đổi thứ tự; với --checkpoint, nhật ký còn đủ các mục của điểm kiểm tra đã ký.
      --data THƯ-MỤC          thư mục dữ liệu (mặc định DONDOC_DATA hoặc ./data)
      --log TỆP.jsonl         kiểm tra một bản nhật ký đã xuất thay cho audit.jsonl
      --checkpoint TỆP.json   điểm kiểm tra đã lưu (tải ở trang Quản trị › Nhật ký)
  pnpm dondoc migrate --from THƯ_MỤC --to postgres://… [--sessions]
      Chuyển kho dữ liệu nhúng (thư mục data/) sang PostgreSQL trống: bảng, nhiệm vụ, thùng rác,
      người dùng, danh bạ, mật khẩu (đã băm), tệp minh chứng và nhật ký kiểm toán cùng chuỗi băm.
      Kiểm tra số lượng và chuỗi kiểm toán; lỗi thì không thay đổi gì. Dừng máy chủ trước khi chuyển.
      --to mặc định lấy DATABASE_URL; --sessions chuyển cả phiên đăng nhập
  pnpm dondoc help
      In hướng dẫn này.

Mã thoát: 0 thành công (nhật ký nguyên vẹn), 1 không đọc được tệp hoặc nhật ký hỏng,
2 sai cách dùng.`;

/** Parses argv (without node and the script). Throws `UsageError` with a Vietnamese message. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'string' },
        sheet: { type: 'string' },
        track: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        sessions: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        data: { type: 'string' },
        log: { type: 'string' },
        checkpoint: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(`Tham số không hợp lệ: ${(e as Error).message}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { command: 'help' };
  if (command === 'audit') return auditCommand(rest, values);
  for (const option of ['data', 'log', 'checkpoint'] as const)
    if (values[option] !== undefined) throw new UsageError(`--${option} chỉ dùng với "audit verify".`);
  if (command === 'migrate') {
    if (rest.length > 0) throw new UsageError(`migrate không nhận tham số vị trí: ${rest.join(' ')}.`);
    if (!values.from) throw new UsageError('migrate cần --from THƯ_MỤC (thư mục dữ liệu của kho nhúng).');
    const to = values.to ?? env.DATABASE_URL?.trim();
    if (!to) throw new UsageError('migrate cần --to postgres://… (hoặc biến DATABASE_URL).');
    if (!/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to phải bắt đầu bằng postgres://.');
    return { command: 'migrate', from: values.from, to, sessions: values.sessions ?? false };
  }
  if (command !== 'import') throw new UsageError(`Không có lệnh "${command}".`);
  if (rest.length === 0) throw new UsageError('Thiếu tệp cần nhập: pnpm dondoc import TỆP.');
  if (rest.length > 1) throw new UsageError(`Chỉ nhập một tệp mỗi lần; nhận được ${rest.length} tệp.`);
  if (values.json === '') throw new UsageError('--json cần tên tệp ra.');
  const trackBySection: Record<string, string> = {};
  for (const pair of values.track ?? []) {
    const eq = pair.lastIndexOf('=');
    const section = eq > 0 ? pair.slice(0, eq).trim() : '';
    const track = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!section || !track) throw new UsageError(`--track cần dạng MỤC=LUỒNG, ví dụ "Phụ lục II=cchc"; nhận được "${pair}".`);
    if (!TrackId.safeParse(track).success) throw new UsageError(`Luồng "${track}" không hợp lệ: chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ cchc).`);
    trackBySection[section] = track;
  }
  return {
    command: 'import',
    file: rest[0]!,
    ...(values.json !== undefined ? { json: values.json } : {}),
    ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    trackBySection,
  };
}

function auditCommand(rest: string[], values: { json?: string; sheet?: string; track?: string[]; from?: string; to?: string; sessions?: boolean; data?: string; log?: string; checkpoint?: string }): CliCommand {
  const [sub, ...extra] = rest;
  if (sub !== 'verify') throw new UsageError(sub === undefined ? 'Thiếu lệnh con: pnpm dondoc audit verify.' : `Không có lệnh "audit ${sub}"; chỉ có "audit verify".`);
  if (extra.length > 0) throw new UsageError(`"audit verify" không nhận tệp ở vị trí; dùng --log hoặc --checkpoint (nhận được "${extra[0]}").`);
  for (const option of ['json', 'sheet', 'track'] as const) if (values[option] !== undefined) throw new UsageError(`--${option} chỉ dùng với "import".`);
  for (const option of ['from', 'to', 'sessions'] as const) if (values[option] !== undefined) throw new UsageError(`--${option} chỉ dùng với "migrate".`);
  for (const option of ['data', 'log', 'checkpoint'] as const) if (values[option] === '') throw new UsageError(`--${option} cần một đường dẫn.`);
  return {
    command: 'audit-verify',
    ...(values.data !== undefined ? { data: values.data } : {}),
    ...(values.log !== undefined ? { log: values.log } : {}),
    ...(values.checkpoint !== undefined ? { checkpoint: values.checkpoint } : {}),
  };
}
