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
import { runLeadersBench } from './leaders.ts';

await runServerBench();
await runScaleBench();
await runWebBench();
await runLeadersBench();
await runImportBench();
runDomainBench();
await runExportBench();
await runPostgresBench();
await runPluginBench();
