// Why the store refused to open, worded for the person starting the server, in Vietnamese and English.
export type StoreOpenProblem = 'corrupt-snapshot' | 'newer-schema' | 'corrupt-journal' | 'replay-failed';

export class StoreOpenError extends Error {
  readonly problem: StoreOpenProblem;
  readonly file: string;
  readonly messageVi: string;
  readonly messageEn: string;

  constructor(problem: StoreOpenProblem, file: string, messageVi: string, messageEn: string) {
    super(`${messageVi}\n${messageEn}`);
    this.name = 'StoreOpenError';
    this.problem = problem;
    this.file = file;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

/**
 * A journal append failed and could not be cut back, so the store refuses every further write (reads still
 * work from memory): appending after a line whose write was refused could lose or reorder acknowledged writes.
 */
export class StoreFailedError extends Error {
  readonly messageVi: string;
  readonly messageEn: string;

  constructor(file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const messageVi = `Không ghi được nhật ký ${file} (${detail}). Kho dữ liệu ngừng nhận thay đổi để không mất dữ liệu đã lưu; vẫn xem được. Hãy kiểm tra ổ đĩa rồi khởi động lại máy chủ.`;
    const messageEn = `Cannot write journal ${file} (${detail}). The store refuses further changes so saved data is not lost; reads still work. Check the disk, then restart the server.`;
    super(`${messageVi}\n${messageEn}`, { cause });
    this.name = 'StoreFailedError';
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}
