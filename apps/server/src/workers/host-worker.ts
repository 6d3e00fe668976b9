// The server's own heavy work, in a worker thread: reading pasted or uploaded plan text, and building
// a plan from the tables an importer plugin read. The request thread only routes meanwhile.
import { planFromTablesAndBody, type ImportOptions, type ImportTables } from '@dondoc/shared';
import { readPlanText, type PastedForm } from '../import-text.ts';
import type { WorkerAnswer } from '../plugins/guard.ts';
import { serve } from './thread.ts';

export type HostJob =
  | { kind: 'import-text'; text: string; options: ImportOptions; form?: PastedForm | undefined }
  | { kind: 'import-tables'; read: ImportTables; options: ImportOptions };

function run(job: HostJob) {
  switch (job.kind) {
    case 'import-text': {
      const { plan, form, tables } = readPlanText(job.text, job.options, job.form);
      return { plan, form, tables };
    }
    case 'import-tables': {
      const { plan, tables } = planFromTablesAndBody(job.read, job.options);
      return { plan, tables };
    }
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
