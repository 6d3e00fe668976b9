// Entry of every worker thread: registers tsx, so the worker module and plugins written in
// TypeScript load the same way whether the server runs under tsx, Vitest or a bench, then hands
// piscina the worker module's job handler. Plain JavaScript: nothing can compile TypeScript yet.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { default: handle } = await import(workerData.module);
export default handle;
