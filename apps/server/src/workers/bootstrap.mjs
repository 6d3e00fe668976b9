// Entry of every worker thread: hands piscina the worker module's job handler. Under the sources
// (tsx, Vitest, a bench) the module is TypeScript, so tsx is registered first; the build's worker
// modules are plain JavaScript and start without it (a TypeScript loader costs each thread ~10 MB
// and its start-up). A plugin written in TypeScript registers it when it is imported (plugin-worker).
// Plain JavaScript: nothing can compile TypeScript yet.
import { workerData } from 'node:worker_threads';

if (/\.[cm]?ts$/.test(workerData.module)) (await import('tsx/esm/api')).register();
const { default: handle } = await import(workerData.module);
export default handle;
