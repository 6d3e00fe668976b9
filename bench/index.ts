// `pnpm bench`: runs every bench and prints each figure beside its target.
import { runServerBench } from './server.ts';

await runServerBench();
