// Login attempts are limited per account and per address (rate-limiter-flexible), so guessing a
// password costs hours, not seconds, and a person who mistyped a few times is told when to try again.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract, type IRateLimiterOptions } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed attempts per account in `windowMinutes` before it is paused (default 5). */
  perAccount: number;
  /** Failed attempts per client address in `windowMinutes` (default 30: an office shares one address). */
  perAddress: number;
  windowMinutes: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowMinutes: 15 };

/** Builds a limiter on a store: in memory for one server; the database's for several (counts shared). */
export type LimiterStore = (opts: IRateLimiterOptions) => RateLimiterAbstract;
const inMemory: LimiterStore = (opts) => new RateLimiterMemory(opts);

export class LoginLimiter {
  readonly #account: RateLimiterAbstract;
  readonly #address: RateLimiterAbstract;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, store: LimiterStore = inMemory) {
    const duration = limits.windowMinutes * 60;
    this.#account = store({ keyPrefix: 'login-account', points: limits.perAccount, duration, blockDuration: duration });
    this.#address = store({ keyPrefix: 'login-address', points: limits.perAddress, duration, blockDuration: duration });
  }

  /** Seconds until this login from this address may be tried again, or 0 when it may be tried now. */
  async retryAfter(login: string, address: string): Promise<number> {
    const [a, b] = await Promise.all([this.#account.get(login), this.#address.get(address)]);
    const wait = (r: RateLimiterRes | null, points: number) => (r && r.consumedPoints >= points ? Math.ceil(r.msBeforeNext / 1000) : 0);
    return Math.max(wait(a, this.#account.points), wait(b, this.#address.points));
  }

  /** Counts a failed attempt against both the account and the address. */
  async failed(login: string, address: string): Promise<void> {
    await Promise.all([this.#account.penalty(login, 1), this.#address.penalty(address, 1)]);
  }

  /** A successful sign-in clears the account's count (not the address's). */
  async succeeded(login: string): Promise<void> {
    await this.#account.delete(login);
  }
}
