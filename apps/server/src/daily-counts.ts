// The server keeps each board's counts day by day — the dashboard's trend. Once a day (the first
// check after the day begins in Vietnam, or at start-up) every open board's counts are recorded as one
// `board.recordDay` by the system; a day already recorded is left as it was, so several servers, or a
// restart, record it once.
import { dailyCountsOf, systemActor } from '@dondoc/shared';
import type { AppDeps } from './deps.ts';

/** How often the server looks whether a new day has begun (a record a day; the check is a lookup per board). */
export const DAILY_CHECK_MS = 10 * 60 * 1000;

/** Records today's counts of every board that has none yet; returns how many it recorded. */
export async function recordDailyCounts(deps: Pick<AppDeps, 'repository' | 'config'>): Promise<number> {
  const today = deps.config.today();
  let recorded = 0;
  for (const board of await deps.repository.listBoards()) {
    // An archived board does not change: its trend ends where it was archived.
    if (board.archived || (await deps.repository.getRecord(board.id, 'daily', today))) continue;
    const tasks = (await deps.repository.getTasks(board.id)) ?? [];
    const at = new Date().toISOString();
    const r = await deps.repository.apply({ type: 'board.recordDay', boardId: board.id, day: dailyCountsOf(board, tasks, today, at), actor: systemActor('daily-counts'), via: 'daily counts', at });
    if (r.ok && r.effects.records?.length) recorded++;
  }
  return recorded;
}

/** Records now and then every `everyMs`; returns the stop function. Failures are logged and retried at the next check. */
export function startDailyCounts(deps: Pick<AppDeps, 'repository' | 'config'>, everyMs = DAILY_CHECK_MS, log: (message: string, err: unknown) => void = console.error): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => recordDailyCounts(deps)).catch((err) => log('[dondoc] không ghi được số liệu ngày / daily counts failed:', err));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
