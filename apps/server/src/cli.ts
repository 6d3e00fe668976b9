// Entry point of `pnpm dondoc` (node --import tsx apps/server/src/cli.ts): see cli/args.ts for usage.
import { runCli } from './cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
