// Starts the server: reads the environment, takes the data folder's lock, opens the store, loads
// plugins (each in worker threads), serves the app, prints the address.
//
// There is deliberately no process-wide uncaughtException handler: plugin code runs in worker
// threads, where its errors end the thread, not the server. An uncaught error here is the server's
// own bug; the process exits, and a supervisor starting it again gets every acknowledged write back
// from the journal (each is on disk before it is acknowledged).
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, configFromEnv, todayFrom } from './config.ts';
import { DataLockedError, lockDataDir, type DataLock } from './data-lock.ts';
import { ensureDemoBoard, ensureUsers } from './demo.ts';
import { PluginHost } from './plugins/host.ts';
import { REPO_ROOT } from './paths.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { StoreOpenError } from './store/errors.ts';
import type { Repository } from './store/repository.ts';
import { LoginLimiter } from './auth/rate-limit.ts';
import { SchemaError } from './store/postgres/schema.ts';
import { HostWork } from './workers/host-work.ts';
import { startDailyCounts } from './daily-counts.ts';
import { collectWhenIdle } from './idle-collect.ts';
import { boundHeapGrowth } from './heap-growth.ts';

async function main(): Promise<void> {
  boundHeapGrowth();
  const config = configFromEnv();
  // DATABASE_URL picks PostgreSQL (any number of servers on it); without it, the embedded store.
  let repository: Repository;
  let loginLimiter: LoginLimiter | undefined;
  let lock: DataLock | undefined;
  let firstStart = (setup: () => Promise<void>) => setup();
  if (config.databaseUrl) {
    const { PostgresRepository } = await import('./store/postgres/postgres-store.ts');
    const { postgresLimiterStore } = await import('./store/postgres/login-limits.ts');
    const pg = await PostgresRepository.open({ url: config.databaseUrl });
    repository = pg;
    loginLimiter = new LoginLimiter(undefined, postgresLimiterStore(pg.sql));
    // Two servers starting on an empty database create the first users and the demo board once.
    firstStart = (setup) => pg.withStartupLock(setup);
  } else {
    // Before the store opens: two servers replaying and appending one journal would corrupt it.
    lock = lockDataDir(config.dataDir);
    const opening = performance.now();
    repository = await LowdbStore.open({ dir: config.dataDir });
    console.log(`[dondoc] Mở kho dữ liệu trong / store opened in ${Math.round(performance.now() - opening)} ms (snapshot + journal)`);
  }
  const limits = { timeoutMs: config.pluginTimeoutMs, importTimeoutMs: config.importTimeoutMs, memoryMb: config.workerMemoryMb };
  const plugins = await PluginHost.load({ pluginsDir: config.pluginsDir, extra: config.extraPlugins, cwd: process.env.INIT_CWD || process.cwd(), resolveFrom: REPO_ROOT, ...limits });
  for (const p of plugins.plugins) {
    if (p.state === 'loaded') console.log(`[dondoc] plugin ${p.id}@${p.version}: đã nạp / loaded`);
    else console.warn(`[dondoc] plugin ${p.id}: ${p.state} — ${p.reason}`);
  }
  const work = new HostWork({ timeoutMs: config.importTimeoutMs, memoryMb: config.workerMemoryMb });
  const deps = {
    repository,
    plugins,
    ...(loginLimiter ? { loginLimiter } : {}),
    work,
    config: {
      today: todayFrom(config),
      ...(config.todayOverride ? { todayPinned: config.todayOverride } : {}),
      webDist: config.webDist,
      trustProxy: config.trustProxy,
      allowedHosts: config.allowedHosts,
    },
  };
  await firstStart(async () => {
    await ensureUsers(deps, { demo: config.demo, ...(process.env.DONDOC_DEMO_PASSWORD ? { demoPassword: process.env.DONDOC_DEMO_PASSWORD } : {}) });
    if (config.demo) await ensureDemoBoard(deps);
  });
  const app = createApp(deps);
  // The dashboard's trend: each board's counts, recorded once a day.
  const stopDaily = startDailyCounts(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(`[dondoc] Đang chạy tại / listening on http://${shown}:${info.port}  (dữ liệu / data: ${config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}` : config.dataDir})`);
    if (config.todayOverride) console.log(`[dondoc] Hôm nay được cố định / today pinned: ${config.todayOverride}`);
  });
  const stopCollecting = collectWhenIdle(server);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopDaily();
    stopCollecting();
    console.log(`[dondoc] ${signal}: đang dừng, ghi dữ liệu / stopping, saving data`);
    server.close();
    Promise.all([plugins.close(), work.close()])
      .then(() => repository.close())
      .then(
        () => {
          lock?.release();
          process.exit(0);
        },
        (err) => {
          console.error('[dondoc] lỗi khi lưu lúc dừng / error saving on stop:', err);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof StoreOpenError || err instanceof ConfigError || err instanceof SchemaError || err instanceof DataLockedError) {
    console.error(`[dondoc] Không khởi động được / cannot start:\n${err.message}`);
  } else {
    console.error('[dondoc] Không khởi động được / cannot start:', err);
  }
  process.exit(1);
});
