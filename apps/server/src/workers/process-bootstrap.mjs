// Entry of a plugin's process (process-pool.ts): loads the worker module named by its one argument, then
// runs the jobs the server sends over the IPC channel one at a time and answers each with what the
// module's handler returned. A throw outside any job (a plugin's timer) is reported, and ends the
// process. Plain JavaScript, like bootstrap.mjs: nothing can compile TypeScript yet.
import { Socket } from 'node:net';
import { ByteReader, putBytes, takeBytes, writeBytes } from './process-bytes.mjs';

const send = process.send?.bind(process);
if (!send) throw new Error('process-bootstrap.mjs runs only as a child with an IPC channel');
const exit = process.exit.bind(process);
// A job's large byte arrays come on standard input, an answer's go out on descriptor 4 (process-bytes.mjs).
const jobBytes = new ByteReader(process.stdin);
const answerBytes = new Socket({ fd: 4, readable: false });

process.on('uncaughtException', (err) => {
  const message = err instanceof Error ? err.message || err.name : String(err);
  send({ crash: message.slice(0, 500) }, () => exit(70));
});

const moduleUrl = process.argv[2];
if (/\.[cm]?ts$/.test(moduleUrl)) (await import('tsx/esm/api')).register();
const { default: handle } = await import(moduleUrl);

// Jobs come one at a time: the server sends the next only after this one's answer.
process.on('message', async ({ id, job, lengths }) => {
  const whole = putBytes(job, await jobBytes.read(lengths));
  // Sent before the job's own code runs, so a job that never yields still starts its clock.
  const started = () => send({ started: id });
  let answer;
  try {
    answer = await handle({ started, job: whole });
  } catch (err) {
    answer = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const { value, bytes } = takeBytes(answer);
  try {
    send({ answer: id, value, lengths: bytes.map((b) => b.byteLength) });
  } catch (err) {
    send({ answer: id, value: { ok: false, message: `trả về thứ không gửi được / returned what cannot be sent: ${err instanceof Error ? err.message : String(err)}` }, lengths: [] });
    return;
  }
  void writeBytes(answerBytes, bytes);
});
// The server is gone: so is its plugin's process, whatever timers the plugin left.
process.on('disconnect', () => exit(0));
send({ ready: true });
