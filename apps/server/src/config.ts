// Server configuration from the environment, with every default in one place.
import { resolve } from 'node:path';
import { IsoDate, todayInVietnam } from '@dondoc/shared';
import { DEFAULT_PLUGINS_DIR } from './plugins/host.ts';
import { REPO_ROOT } from './paths.ts';

export interface ServerConfig {
  /** PORT, default 8080. */
  port: number;
  /** HOST, default 127.0.0.1: the board holds unpublished plans and has no login yet, so it is not exposed unless asked. */
  host: string;
  /** DONDOC_DATA, default `./data` relative to where the command was started (pnpm's INIT_CWD, else cwd). */
  dataDir: string;
  /** The repo's `plugins/` folder. */
  pluginsDir: string;
  /** DONDOC_PLUGINS, comma-separated folders or package names. */
  extraPlugins: string[];
  /** DONDOC_DEMO, default on: an empty store gets the Lào Cai Q4/2025 board. */
  demo: boolean;
  /** DONDOC_TODAY, pinned "today" (YYYY-MM-DD) for demos and tests. */
  todayOverride?: string;
  /** DONDOC_WEB_DIST, default apps/web/dist. */
  webDist: string;
  /** DATABASE_URL (postgres://…): the store is PostgreSQL, shared by every server on it; unset, the embedded store in `dataDir`. */
  databaseUrl?: string;
  /** DONDOC_TRUST_PROXY=1 behind a reverse proxy (nginx): the client address comes from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * DONDOC_ALLOWED_HOSTS: host names (optionally with :port) the server answers to besides
   * localhost and IP addresses, comma-separated; `*` turns the Host check off (a proxy does it).
   */
  allowedHosts: string[];
  /** DONDOC_PLUGIN_TIMEOUT_MS, default 10000: loading a plugin, a checklist batch, an export. */
  pluginTimeoutMs: number;
  /** DONDOC_IMPORT_TIMEOUT_MS, default 30000: an importer plugin's call, or reading a plan's text. */
  importTimeoutMs: number;
  /** DONDOC_WORKER_MEMORY_MB, default 512: heap limit of each worker thread (plugins, import parsing). */
  workerMemoryMb: number;
}

export class ConfigError extends Error {}

/** A positive whole number from `env[name]`, or `fallback` when unset; anything else is refused naming the variable. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(`${name} "${raw}" không hợp lệ (cần số nguyên ≥ ${min}) / ${name} "${raw}" is invalid (need a whole number ≥ ${min})`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  // `pnpm start` runs the server from apps/server; INIT_CWD is where the user typed the command.
  const startDir = env.INIT_CWD || cwd;
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT "${env.PORT}" không hợp lệ (cần số 0–65535) / PORT "${env.PORT}" is invalid (need 0–65535)`);
  const today = env.DONDOC_TODAY?.trim();
  if (today && !IsoDate.safeParse(today).success)
    throw new ConfigError(`DONDOC_TODAY "${today}" phải có dạng YYYY-MM-DD / DONDOC_TODAY "${today}" must be YYYY-MM-DD`);
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError(`DATABASE_URL phải bắt đầu bằng postgres:// / DATABASE_URL must start with postgres:// (got "${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}")`);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(startDir, env.DONDOC_DATA?.trim() || 'data'),
    pluginsDir: DEFAULT_PLUGINS_DIR,
    extraPlugins: (env.DONDOC_PLUGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    demo: !['0', 'false', 'no', 'off'].includes((env.DONDOC_DEMO ?? '1').trim().toLowerCase()),
    ...(today ? { todayOverride: today } : {}),
    webDist: env.DONDOC_WEB_DIST?.trim() ? resolve(startDir, env.DONDOC_WEB_DIST.trim()) : resolve(REPO_ROOT, 'apps/web/dist'),
    ...(databaseUrl ? { databaseUrl } : {}),
    trustProxy: ['1', 'true', 'yes', 'on'].includes((env.DONDOC_TRUST_PROXY ?? '').trim().toLowerCase()),
    allowedHosts: (env.DONDOC_ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    pluginTimeoutMs: positiveInt(env, 'DONDOC_PLUGIN_TIMEOUT_MS', 10_000, 100),
    importTimeoutMs: positiveInt(env, 'DONDOC_IMPORT_TIMEOUT_MS', 30_000, 100),
    workerMemoryMb: positiveInt(env, 'DONDOC_WORKER_MEMORY_MB', 512, 32),
  };
}

/** "Today" for the app: the pinned date if any, else the date in Asia/Ho_Chi_Minh. */
export const todayFrom = (config: Pick<ServerConfig, 'todayOverride'>) => (): string => config.todayOverride ?? todayInVietnam();
