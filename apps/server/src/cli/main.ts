// `pnpm dondoc`: runs one command and returns its exit code (0 ok, 1 unreadable input or a broken audit trail, 2 usage).
import { writeFile } from 'node:fs/promises';
import type { TrackId } from '@dondoc/shared';
import { parseCliArgs, USAGE, UsageError } from './args.ts';
import { InputError, readPlanFile } from './read-plan.ts';
import { formatSummary } from './summary.ts';
import { runAuditVerify } from './audit.ts';
import { runMigrate } from './migrate.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command.command === 'audit-verify') return runAuditVerify(command, io);
  if (command.command === 'migrate') return runMigrate(command, io);
  try {
    const result = await readPlanFile(command.file, {
      trackBySection: command.trackBySection as Record<string, TrackId>,
      ...(command.sheet !== undefined ? { sheet: command.sheet } : {}),
    });
    io.out(formatSummary(result));
    if (command.json !== undefined) {
      try {
        await writeFile(command.json, `${JSON.stringify(result.plan, null, 2)}\n`);
      } catch (e) {
        throw new InputError(`Không ghi được "${command.json}": ${(e as Error).message}`);
      }
      io.out(`\nĐã ghi kế hoạch ra ${command.json}.`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(e.message);
    return 1;
  }
}
