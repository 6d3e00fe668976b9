// The request thread's handle on the server's own heavy work (reading a plan from text or from an
// importer's tables, reading a backup to restore): each job runs in a worker thread through the plugin
// guard, with a time and a memory limit, and a job over its limits is answered as "too large" instead
// of stalling everyone.
import type { ImportOptions, ImportTables, Plan, PlanTextForm, TableReport } from '@dondoc/shared';
import type { BackupRead, BackupRefused } from './backup-read.ts';
import { apiError } from '../http/api-error.ts';
import { callPlugin, type HostPoint, type PluginCallError } from '../plugins/guard.ts';
import type { HostJob } from './host-worker.ts';
import { WorkerPool } from './pool.ts';
import { Slicer } from './snapshot-wire.ts';
import { workerModule } from '../paths.ts';

export interface HostWorkLimits {
  /** Per job (default 30 s). */
  timeoutMs: number;
  /** Heap limit of the thread in MB (default 512; a 10 MB, 64,000-row paste needs under 256). */
  memoryMb: number;
}

export const DEFAULT_HOST_WORK_LIMITS: HostWorkLimits = { timeoutMs: 30_000, memoryMb: 512 };

const HOST_WORKER = workerModule('host-worker');
/** The thread ends after this long without a job. */
const HOST_WORK_IDLE_MS = 5 * 60_000;

export class HostWork {
  readonly limits: HostWorkLimits;
  #pool: WorkerPool | undefined;

  constructor(limits: Partial<HostWorkLimits> = {}) {
    this.limits = { ...DEFAULT_HOST_WORK_LIMITS, ...limits };
  }

  // Started on first use and kept for a few minutes: an import is a preview, its corrections and the
  // confirmation, which should not wait for a thread to boot each time; a server that imported once
  // should not carry the thread (and the heap a 10 MB paste grew in it) for the rest of its life.
  get #party() {
    // Its jobs run for seconds at full speed: the thread gives way to the request thread when cores are short.
    this.#pool ??= new WorkerPool({ name: 'dondoc', module: HOST_WORKER, startNow: true, idleTimeoutMs: HOST_WORK_IDLE_MS, niceIncrement: 10, memoryMb: this.limits.memoryMb });
    return { id: 'dondoc', host: true, pool: this.#pool };
  }

  async #run<T>(point: HostPoint, job: HostJob, field: string): Promise<T> {
    const r = await callPlugin<T>(this.#party, point, job, this.limits.timeoutMs);
    if (r.ok) return r.value;
    throw httpErrorFor(r.error, field);
  }

  /**
   * `readPlanText` (shared/import) in the worker: the plan draft, the form the content was read as and
   * the table report. Text with no table is a 400, text over the reader's limits a 413, naming `field`.
   */
  async readPlanText(text: string, options: ImportOptions, field = 'text'): Promise<{ plan: Plan; form: PlanTextForm; tables: TableReport[] }> {
    const r = await this.#run<{ plan: Plan; form: PlanTextForm; tables: TableReport[] } | Refused>('import-text', { kind: 'import-text', text, options }, field);
    if ('refused' in r) throw refusal(r, field);
    return r;
  }

  /** `planFromTablesAndBody` (shared/import) in the worker, on tables an importer plugin read. */
  async planFromTablesAndBody(read: ImportTables, options: ImportOptions): Promise<{ plan: Plan; tables: TableReport[] }> {
    const r = await this.#run<{ plan: Plan; tables: TableReport[] } | Refused>('import-tables', { kind: 'import-tables', read, options }, 'file');
    if ('refused' in r) throw refusal(r, 'file');
    return r;
  }

  /**
   * `readBackup` in the worker: the uploaded file (JSON bytes, in the chunks they arrived in) checked and turned into the board it
   * restores to as `boardId`, or why it cannot be (the route answers a 400 naming the field).
   */
  async readBackup(body: readonly Uint8Array[], o: { boardId: string; at: string }): Promise<BackupRead | BackupRefused> {
    // The chunks as received, copied once into shared memory: posting them would copy them again inside
    // the message. A turn for other requests now and then: 48 MB copied in one go held them ~0.1 s.
    const shared = new SharedArrayBuffer(body.reduce((n, chunk) => n + chunk.byteLength, 0));
    const view = new Uint8Array(shared);
    const slicer = new Slicer();
    let at = 0;
    for (const chunk of body) {
      view.set(chunk, at);
      at += chunk.byteLength;
      if (slicer.due) await slicer.turn();
    }
    return this.#run('backup-read', { kind: 'backup-read', body: shared, ...o }, '(body)');
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }
}

/**
 * Over the limits, the input was too much to read: 413 naming the limit. Busy or shutting down: 503.
 * A throw in the server's own parser is a bug: rethrown for the error handler's logged 500.
 */
function httpErrorFor(error: PluginCallError, field: string): Error {
  switch (error.kind) {
    case 'timeout':
    case 'memory':
      return apiError(413, { code: 'too-large', field, message: `${error.messageVi}. Hãy chia kế hoạch thành nhiều phần nhỏ hơn.`, messageEn: `${error.messageEn}. Split the plan into smaller parts.` });
    case 'busy':
    case 'closed':
    case 'exit':
      return apiError(503, { code: 'internal', message: error.messageVi, messageEn: error.messageEn });
    default:
      return error.cause instanceof Error ? error.cause : error;
  }
}

/** What a job answers when the input, not the server, was at fault. */
interface Refused {
  refused: { status: 400 | 413; message: string; messageEn: string };
}
const refusal = (r: Refused, field: string) =>
  apiError(r.refused.status, { code: r.refused.status === 413 ? 'too-large' : 'bad-request', field, message: r.refused.message, messageEn: r.refused.messageEn });

let shared: HostWork | undefined;

/** One HostWork for apps built without their own (tests, benches): its thread starts on first use. */
export const defaultHostWork = (): HostWork => (shared ??= new HostWork());
