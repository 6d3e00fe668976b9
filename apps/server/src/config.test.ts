// Environment → config: defaults, INIT_CWD for `pnpm start` from the repo root, and refusals naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, todayFrom } from './config.ts';

describe('configFromEnv', () => {
  it('has safe defaults, data relative to where the command was typed', () => {
    const c = configFromEnv({ INIT_CWD: '/repo' }, '/repo/apps/server');
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/repo/data', demo: true, extraPlugins: [] });
    expect(c.todayOverride).toBeUndefined();
    expect(configFromEnv({}, '/somewhere').dataDir).toBe('/somewhere/data');
  });

  it('reads every variable', () => {
    const c = configFromEnv({ PORT: '9000', HOST: '0.0.0.0', DONDOC_DATA: '/var/dondoc', DONDOC_PLUGINS: ' a , ./b,', DONDOC_DEMO: '0', DONDOC_TODAY: '2025-12-01', DONDOC_WEB_DIST: 'web' }, '/x');
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/var/dondoc', extraPlugins: ['a', './b'], demo: false, todayOverride: '2025-12-01', webDist: '/x/web' });
    expect(todayFrom(c)()).toBe('2025-12-01');
  });

  it('reads the Host allow-list and the worker limits, with defaults', () => {
    expect(configFromEnv({}, '/x')).toMatchObject({ allowedHosts: [], pluginTimeoutMs: 10_000, importTimeoutMs: 30_000, workerMemoryMb: 512 });
    const c = configFromEnv({ DONDOC_ALLOWED_HOSTS: ' Dondoc.LaoCai.gov.vn , board.local:8443,', DONDOC_PLUGIN_TIMEOUT_MS: '2000', DONDOC_IMPORT_TIMEOUT_MS: '60000', DONDOC_WORKER_MEMORY_MB: '256' }, '/x');
    expect(c).toMatchObject({ allowedHosts: ['dondoc.laocai.gov.vn', 'board.local:8443'], pluginTimeoutMs: 2000, importTimeoutMs: 60_000, workerMemoryMb: 256 });
    expect(() => configFromEnv({ DONDOC_WORKER_MEMORY_MB: 'lots' })).toThrow(/DONDOC_WORKER_MEMORY_MB "lots"/);
    expect(() => configFromEnv({ DONDOC_PLUGIN_TIMEOUT_MS: '5' })).toThrow(ConfigError);
  });

  it('refuses a bad PORT or DONDOC_TODAY, naming it', () => {
    expect(() => configFromEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => configFromEnv({ DONDOC_TODAY: '1/12/2025' })).toThrow(/DONDOC_TODAY/);
  });
});
