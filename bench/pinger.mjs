// A health pinger in its own thread (bench/exports.ts): GET /api/health every `everyMs`, one at a time,
// until told to stop. On its own event loop, so the bench's own work beside it (reading a 14 MB backup,
// sending it back as a restore) cannot delay a ping's answer and be counted as the server's stall.
import { Agent, get } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { base, everyMs } = workerData;
let stopped = false;
parentPort.once('message', () => (stopped = true));

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const latencies = [];
let last = performance.now();
let worstGap = 0;
const one = () =>
  new Promise((ok, fail) => {
    get(`${base}/api/health`, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`health: HTTP ${res.statusCode}`))));
    }).on('error', fail);
  });
try {
  while (!stopped) {
    const t0 = performance.now();
    await one();
    const t1 = performance.now();
    latencies.push(t1 - t0);
    worstGap = Math.max(worstGap, t1 - last);
    last = t1;
    const wait = everyMs - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  parentPort.postMessage({ latencies: latencies.sort((a, b) => a - b), worstGap });
} catch (err) {
  parentPort.postMessage({ error: String(err) });
} finally {
  agent.destroy();
}
