// The one guard around every call into plugin code: catches, applies a time limit, and stamps the
// plugin id and extension point on the error so a user (and a log) can tell whose fault it was.
import type { ExtensionPoint } from '@dondoc/shared';

/** Where in a plugin's life the call happened: an extension point, or loading the module itself. */
export type PluginCallPoint = ExtensionPoint | 'load';

export class PluginCallError extends Error {
  readonly pluginId: string;
  readonly point: PluginCallPoint;
  readonly timedOut: boolean;
  readonly messageVi: string;
  readonly messageEn: string;

  constructor(pluginId: string, point: PluginCallPoint, cause: unknown, timedOut: boolean, timeoutMs: number) {
    const why = timedOut ? `không trả lời sau ${timeoutMs} ms` : describe(cause);
    const whyEn = timedOut ? `did not answer within ${timeoutMs} ms` : describe(cause);
    const messageVi = `Plugin "${pluginId}" lỗi tại ${point}: ${why}`;
    const messageEn = `Plugin "${pluginId}" failed at ${point}: ${whyEn}`;
    super(messageEn, { cause });
    this.name = 'PluginCallError';
    this.pluginId = pluginId;
    this.point = point;
    this.timedOut = timedOut;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message || cause.name : String(cause)).slice(0, 500);

export type PluginCallResult<T> = { ok: true; value: T } | { ok: false; error: PluginCallError };

export const DEFAULT_PLUGIN_TIMEOUT_MS = 5000;

/**
 * Runs `fn` (plugin code) and never throws: a throw, a rejection or a timeout becomes a typed failure.
 * A synchronous endless loop cannot be interrupted in-process; that needs a worker and is not attempted here.
 */
export async function callPlugin<T>(
  plugin: { id: string },
  point: PluginCallPoint,
  fn: () => T | Promise<T>,
  timeoutMs: number = DEFAULT_PLUGIN_TIMEOUT_MS,
): Promise<PluginCallResult<Awaited<T>>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = fn();
    if (!(value instanceof Promise)) return { ok: true, value: value as Awaited<T> };
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(TIMEOUT), timeoutMs);
      timer.unref();
    });
    return { ok: true, value: await Promise.race([value, timeout]) };
  } catch (err) {
    return { ok: false, error: new PluginCallError(plugin.id, point, err, err === TIMEOUT, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

const TIMEOUT = Symbol('plugin timeout');
