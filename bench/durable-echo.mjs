// The control for a durable move's latency (bench/scale.ts): a plain Node HTTP server with no dondoc code.
// Each POST's JSON body is parsed, a line the size of a move's journal line is appended and fdatasync'd,
// and an answer the size of a move's is sent. What the bench's client measures against it is the floor
// this machine gives any durable write over HTTP; a move's figure is that plus what dondoc does.
import { createServer } from 'node:http';
import { writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

const [dir] = process.argv.slice(2);
const journal = await open(join(dir, 'journal.jsonl'), 'a');
const LINE = Buffer.from(`${'x'.repeat(700)}\n`);
const ANSWER = JSON.stringify({ task: { id: 't00001', version: 2, note: 'y'.repeat(1400) } });

createServer((req, res) => {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', async () => {
    JSON.parse(Buffer.concat(parts).toString());
    writeSync(journal.fd, LINE);
    await journal.datasync();
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(ANSWER);
  });
}).listen(0, '127.0.0.1', function () {
  console.log(`listening on http://127.0.0.1:${this.address().port}`);
});
