// `pnpm bench`: runs every bench and prints each figure beside its target (medians from one run;
// the machine is noisy, so compare ratios, not single numbers).
import { runImportBench } from './import.ts';
import { runPluginBench } from './plugins.ts';
import { runServerBench } from './server.ts';
import { runWebBench } from './web.ts';

await runServerBench();
await runWebBench();
await runImportBench();
await runPluginBench();
