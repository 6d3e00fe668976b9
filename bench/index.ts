// `pnpm bench`: runs every bench and prints each figure beside its target (medians from one run;
// the machine is noisy, so compare ratios, not single numbers).
import { runDomainBench } from './domain.ts';
import { runImportBench } from './import.ts';
import { runPluginBench } from './plugins.ts';
import { runServerBench } from './server.ts';
import { runScaleBench } from './scale.ts';
import { runWebBench } from './web.ts';
import { runExportBench } from './exports.ts';
import { runPostgresBench } from './postgres.ts';
import { runTrustBench } from './trust.ts';
import { runLeadersBench } from './leaders.ts';

// One failing bench must not hide the others' figures.
for (const [name, run] of [
  ['server', runServerBench],
  ['scale', runScaleBench],
  ['web', runWebBench],
  ['leaders', runLeadersBench],
  ['import', runImportBench],
  ['domain', runDomainBench],
  ['export', runExportBench],
  ['postgres', runPostgresBench],
  ['plugins', runPluginBench],
  ['trust', runTrustBench],
] as const) {
  try {
    await run();
  } catch (err) {
    process.exitCode = 1;
    console.error(`${name} bench failed: ${(err as Error).stack ?? err}`);
  }
}
