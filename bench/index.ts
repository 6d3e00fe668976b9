// `pnpm bench`: runs every bench and prints each figure beside its target (medians from one run;
// the machine is noisy, so compare ratios, not single numbers).
import { runImportBench } from './import.ts';
import { runServerBench } from './server.ts';
import { runWebBench } from './web.ts';
import { runTrustBench } from './trust.ts';

// One failing bench must not hide the others' figures.
for (const [name, run] of [
  ['server', runServerBench],
  ['web', runWebBench],
  ['import', runImportBench],
  ['trust', runTrustBench],
] as const) {
  try {
    await run();
  } catch (err) {
    process.exitCode = 1;
    console.error(`${name} bench failed: ${(err as Error).stack ?? err}`);
  }
}
