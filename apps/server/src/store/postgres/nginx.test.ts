// deploy/nginx/dondoc.conf as the README tells to use it: Debian's nginx in front of two dondoc
// servers on one database. Signing in, moving and reading through the one address work, and they
// keep working when one server is killed. Skipped, saying so, without PostgreSQL or nginx.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Task } from '@dondoc/shared';
import { PostgresRepository } from './postgres-store.ts';
import { freshDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from './test-database.ts';
import { createBoardOp, tempDir } from '../../testing/fixtures.ts';
import { seedUsers } from '../../testing/users.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../testing/server-process.ts';
import { boardOf } from '../../testing/payload.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const CONF = resolve(import.meta.dirname, '../../../../../deploy/nginx/dondoc.conf');

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

if (!TEST_DATABASE_URL || !NGINX) {
  describe('nginx in front of two servers', () => {
    it.skip(!TEST_DATABASE_URL ? SKIP_MESSAGE : 'nginx test skipped: nginx is not installed (apt-get install nginx; .ci/run installs it)', () => {});
  });
} else {
  describe('nginx in front of two servers (deploy/nginx/dondoc.conf)', () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c().catch(() => {});
    });

    it('serves sign-in, moves and board reads through one address, and keeps serving when one server is killed', async () => {
      const db = await freshDatabase();
      cleanups.push(db.drop);
      const repo = await PostgresRepository.open({ url: db.url, maxConnections: 2 });
      cleanups.push(() => repo.close());
      await repo.apply(createBoardOp(20));
      await seedUsers(repo);
      const servers: ServerProcess[] = await Promise.all([startServerProcess({ DATABASE_URL: db.url, DONDOC_TRUST_PROXY: '1' }), startServerProcess({ DATABASE_URL: db.url, DONDOC_TRUST_PROXY: '1' })]);
      cleanups.push(() => Promise.all(servers.map((s) => stopServerProcess(s))));
      // The committed site file, pointed at this test's ports, inside a minimal main config.
      const { dir, cleanup } = await tempDir('dondoc-nginx-');
      cleanups.push(cleanup);
      const port = await freePort();
      let site = await readFile(CONF, 'utf8');
      expect(site).toMatch(/server 127\.0\.0\.1:8081 [^;]*;\s*server 127\.0\.0\.1:8082/);
      site = site.replace('127.0.0.1:8081', `127.0.0.1:${servers[0]!.port}`).replace('127.0.0.1:8082', `127.0.0.1:${servers[1]!.port}`).replace('listen 8080;', `listen 127.0.0.1:${port};`);
      await mkdir(join(dir, 'logs'));
      await writeFile(
        join(dir, 'nginx.conf'),
        `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;\n${site}\n}\n`,
      );
      const nginx: ChildProcess = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let nginxLog = '';
      nginx.stderr!.on('data', (b: Buffer) => (nginxLog += b.toString()));
      cleanups.push(async () => {
        nginx.kill('SIGQUIT');
        await new Promise((r) => setTimeout(r, 300));
      });
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
        if (up) break;
        if (i > 50) throw new Error(`nginx did not start:\n${nginxLog}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'thuongtruc', password: 'dondoc-demo' }) });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      let version = 1;
      for (let i = 0; i < 6; i++) {
        const r = await fetch(`${base}/api/boards/b1/tasks/t1/move`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ version, track: 'khcn-cds', column: i % 2 ? 'todo' : 'done', afterId: null }) });
        expect(r.status).toBe(200);
        version = ((await r.json()) as { task: Task }).task.version;
        // Read back at once through the same address: whichever server answers has it.
        const read = (await (await fetch(`${base}/api/boards/b1/tasks/t1`, { headers: { cookie } })).json()) as { task: Task };
        expect(read.task.version).toBe(version);
      }
      servers[0]!.child.kill('SIGKILL');
      for (let i = 0; i < 6; i++) {
        const r = await fetch(`${base}/api/boards/b1`, { headers: { cookie, 'accept-encoding': 'gzip' } });
        expect(r.status).toBe(200);
        expect(boardOf(await r.json()).tasks.find((t) => t.id === 't1')!.version).toBe(version);
      }
      const r = await fetch(`${base}/api/boards/b1/tasks/t1/move`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ version, track: 'khcn-cds', column: 'doing', afterId: null }) });
      expect(r.status).toBe(200);
    }, 90_000);
  });
}
