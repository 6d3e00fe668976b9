// The one guard around every call into plugin code, and around the server's own heavy work: the call
// runs as a job in the caller's worker pool with a time limit, and whatever goes wrong there (a throw,
// a timeout, a memory overrun, process.exit(), a replaced built-in) comes back as a typed failure
// stamped with whose code it was and where, in Vietnamese and English. It never throws.
import type { ExtensionPoint } from '@dondoc/shared';
import { WorkerFailure, type JobPool } from '../workers/pool.ts';

/** The server's own heavy jobs, guarded the same way as plugin calls. */
export type HostPoint = 'import-text' | 'import-tables' | 'backup-read';

/** Where the call happened: an extension point, loading the plugin's module, or a host job. */
export type PluginCallPoint = ExtensionPoint | 'load' | HostPoint;

/** Whose code runs: a plugin (by id), or the server itself (`host`). */
export interface GuardedParty {
  id: string;
  pool: JobPool;
  host?: boolean;
}

export type PluginFailureKind = 'threw' | 'timeout' | 'memory' | 'exit' | 'globals' | 'busy' | 'closed';

/** What a worker module answers: a value, or what went wrong (a throw, replaced built-ins). */
export type WorkerAnswer<T = unknown> = { ok: true; value: T } | { ok: false; message: string; stack?: string; replaced?: string[]; added?: string[] };

const HOST_WORK: Record<HostPoint, { vi: string; en: string }> = {
  'import-text': { vi: 'đọc kế hoạch', en: 'reading the plan' },
  'import-tables': { vi: 'dựng kế hoạch từ bảng', en: 'building the plan from its tables' },
  'backup-read': { vi: 'đọc tệp sao lưu', en: 'reading the backup file' },
};

export class PluginCallError extends Error {
  readonly pluginId: string;
  readonly point: PluginCallPoint;
  readonly kind: PluginFailureKind;
  readonly timedOut: boolean;
  readonly messageVi: string;
  readonly messageEn: string;

  constructor(party: { id: string; host?: boolean }, point: PluginCallPoint, kind: PluginFailureKind, why: { vi: string; en: string }, cause?: unknown) {
    const work = party.host ? HOST_WORK[point as HostPoint] : undefined;
    const messageVi = work ? `Máy chủ dừng việc ${work.vi}: ${why.vi}` : `Plugin "${party.id}" lỗi tại ${point}: ${why.vi}`;
    const messageEn = work ? `The server stopped ${work.en}: ${why.en}` : `Plugin "${party.id}" failed at ${point}: ${why.en}`;
    super(messageEn, { cause });
    this.name = 'PluginCallError';
    this.pluginId = party.id;
    this.point = point;
    this.kind = kind;
    this.timedOut = kind === 'timeout';
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

export type PluginCallResult<T> = { ok: true; value: T } | { ok: false; error: PluginCallError };

export const DEFAULT_PLUGIN_TIMEOUT_MS = 10_000;

function why(failure: WorkerFailure, timeoutMs: number, memoryMb: number): { vi: string; en: string } {
  switch (failure.kind) {
    case 'timeout':
      return { vi: `không trả lời sau ${timeoutMs} ms (đã dừng)`, en: `did not answer within ${timeoutMs} ms (stopped)` };
    case 'memory':
      return { vi: `vượt giới hạn bộ nhớ ${memoryMb} MB (đã dừng)`, en: `went over its ${memoryMb} MB memory limit (stopped)` };
    case 'exit':
      return { vi: `tự kết thúc bằng process.exit() (mã ${failure.exitCode ?? '?'}), đã dừng`, en: `ended itself with process.exit() (code ${failure.exitCode ?? '?'}), stopped` };
    case 'busy':
      return { vi: 'đang bận, không nhận thêm việc; hãy thử lại sau', en: 'busy and taking no more work; try again later' };
    case 'closed':
      return { vi: 'đã dừng (máy chủ đang tắt hoặc plugin bị vô hiệu)', en: 'stopped (the server is shutting down or the plugin was disabled)' };
    case 'threw':
      return { vi: failure.message, en: failure.message };
  }
}

/** What a plugin did to the thread's built-ins, in words: the first few of each kind. */
function tampered(replaced: string[], added: string[]): { vi: string; en: string } {
  const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ', …' : '');
  const vi = [replaced.length ? `thay thế đối tượng dựng sẵn ${list(replaced)}` : '', added.length ? `thêm khóa vào ${list(added)}` : ''].filter(Boolean).join('; ');
  const en = [replaced.length ? `replaced built-ins ${list(replaced)}` : '', added.length ? `added keys to ${list(added)}` : ''].filter(Boolean).join('; ');
  return { vi: `${vi} (luồng hoặc tiến trình đã được thay mới)`, en: `${en} (its thread or process was replaced)` };
}

/**
 * Runs `job` in `party`'s pool. Resolves with the worker's value, or with a failure naming the party
 * and the point; a timeout ends the thread running the job, so a synchronous endless loop stops too.
 */
export async function callPlugin<T>(party: GuardedParty, point: PluginCallPoint, job: unknown, timeoutMs: number = DEFAULT_PLUGIN_TIMEOUT_MS): Promise<PluginCallResult<T>> {
  const fail = (kind: PluginFailureKind, text: { vi: string; en: string }, cause?: unknown): PluginCallResult<T> => ({
    ok: false,
    error: new PluginCallError(party, point, kind, text, cause),
  });
  let answer: WorkerAnswer<T>;
  try {
    answer = await party.pool.run<WorkerAnswer<T>>(job, timeoutMs);
  } catch (err) {
    const failure = err instanceof WorkerFailure ? err : new WorkerFailure('threw', err instanceof Error ? err.message : String(err), err);
    return fail(failure.kind, why(failure, timeoutMs, party.pool.memoryMb), failure);
  }
  if (answer.ok) return { ok: true, value: answer.value };
  if (answer.replaced?.length || answer.added?.length) return fail('globals', tampered(answer.replaced ?? [], answer.added ?? []));
  const cause = Object.assign(new Error(answer.message), answer.stack ? { stack: answer.stack } : {});
  return fail('threw', { vi: answer.message, en: answer.message }, cause);
}
