// What the app is built from: injected so tests and benches can hand in a temp store and fixture plugins.
import type { Repository } from './store/repository.ts';
import type { PluginHost } from './plugins/host.ts';
import type { BoardPayloadCache } from './board-payload.ts';
import type { SessionPolicy } from './auth/session.ts';
import type { LoginLimiter, LoginLimits } from './auth/rate-limit.ts';
import type { HostWork } from './workers/host-work.ts';

export interface AppConfig {
  /** Today in Vietnam (or the pinned DONDOC_TODAY), YYYY-MM-DD. */
  today: () => string;
  /** Set when "today" is pinned: moves into done then record this date, not the clock's. */
  todayPinned?: string;
  /** Built web app to serve; null or a missing folder serves a page saying how to build it. */
  webDist?: string | null;
  /** Where unexpected errors are logged (default console.error). */
  logError?: (message: string, err: unknown) => void;
  /** Session idle and absolute lifetimes (defaults: 8 hours idle, 7 days). */
  sessions?: SessionPolicy;
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Failed sign-ins allowed per account and per address (default DEFAULT_LOGIN_LIMITS). */
  loginLimits?: LoginLimits;
  /** The clock sessions are started and expired by (default the system clock; tests move it). */
  clock?: () => Date;
  /** Where a request its client abandoned mid-way is noted (default console.info): not an error. */
  logAborted?: (message: string) => void;
  /** Host names the server answers to besides localhost and IP addresses (DONDOC_ALLOWED_HOSTS); `*` allows any. */
  allowedHosts?: readonly string[];
}

export interface AppDeps {
  repository: Repository;
  plugins: PluginHost;
  config: AppConfig;
  /** Failed sign-ins; default in memory (one server). Several servers share the database's. */
  loginLimiter?: LoginLimiter;
  /** Heavy work off the request thread; default one shared thread started on first use. */
  work?: HostWork;
}

/** Deps plus what the app derives from them once. */
export interface Services extends AppDeps {
  payloads: BoardPayloadCache;
  loginLimiter: LoginLimiter;
  work: HostWork;
}
