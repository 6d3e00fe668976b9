// The server's own heavy work, in a worker thread: reading pasted or uploaded plan text, building a plan
// from the tables an importer plugin read, and reading a board backup to restore. The request thread
// only routes meanwhile.
import { ImportLimitError, NoTableError, planFromTablesAndBody, readPlanText, type ImportOptions, type ImportTables } from '@dondoc/shared';
import type { WorkerAnswer } from '../plugins/guard.ts';
import { serve } from './thread.ts';
import { readBackup } from './backup-read.ts';

export type HostJob =
  | { kind: 'import-text'; text: string; options: ImportOptions }
  | { kind: 'import-tables'; read: ImportTables; options: ImportOptions }
  /** The uploaded file's bytes in shared memory (shared with this thread, not copied to it). */
  | { kind: 'backup-read'; body: SharedArrayBuffer; boardId: string; at: string };

function run(job: HostJob) {
  switch (job.kind) {
    case 'import-text': {
      // Text that is no plan is the person's mistake, not a crash: answered as a refusal the route words.
      try {
        const { plan, form, tables } = readPlanText(job.text, job.options);
        return { plan, form, tables };
      } catch (e) {
        if (e instanceof ImportLimitError) return { refused: { status: 413 as const, message: e.message, messageEn: e.messageEn } };
        if (e instanceof NoTableError) return { refused: { status: 400 as const, message: e.message, messageEn: e.messageEn } };
        throw e;
      }
    }
    case 'import-tables': {
      try {
        const { plan, tables } = planFromTablesAndBody(job.read, job.options);
        return { plan, tables };
      } catch (e) {
        if (e instanceof ImportLimitError) return { refused: { status: 413 as const, message: e.message, messageEn: e.messageEn } };
        if (e instanceof NoTableError) return { refused: { status: 400 as const, message: e.message, messageEn: e.messageEn } };
        throw e;
      }
    }
    case 'backup-read':
      return readBackup(new Uint8Array(job.body), { boardId: job.boardId, at: job.at });
  }
}

export default serve<HostJob>((job): WorkerAnswer => {
  try {
    return { ok: true, value: run(job) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  }
});
