// `pnpm bench`: runs every bench and prints each figure beside its target.
import { runServerBench } from './server.ts';
import { runWebBench } from './web.ts';

await runServerBench();
await runWebBench();
