// One server per data folder: `dondoc.lock` names the server holding the folder (pid, the process's
// start time, host). A second server refuses to start while that process lives; a lock left by a
// killed server (kill -9, power loss) names a process that is gone and is taken over at once.
//
// Why not proper-lockfile: its staleness is an mtime the holder must refresh every few seconds, so
// a killed server would block a restart for the stale period, and a holder whose event loop stalls
// past it loses the lock to a second server. A pid plus the process's start time answers at once.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'dondoc.lock';

export interface LockHolder {
  pid: number;
  /** Linux: the process's start time in clock ticks since boot plus the boot id, so a reused pid is not mistaken for the holder. */
  started: string | null;
  host: string;
  /** When the holder took the lock (ISO). */
  since: string;
}

export class DataLockedError extends Error {
  readonly holder: LockHolder;
  readonly messageVi: string;
  readonly messageEn: string;
  constructor(dir: string, holder: LockHolder) {
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} trên máy ${holder.host}`;
    const whereEn = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
    const messageVi = `Thư mục dữ liệu ${dir} đang được một máy chủ dondoc khác dùng (${where}, từ ${holder.since}). Hãy dừng máy chủ đó, hoặc đặt DONDOC_DATA sang thư mục khác.`;
    const messageEn = `The data folder ${dir} is in use by another dondoc server (${whereEn}, since ${holder.since}). Stop that server, or set DONDOC_DATA to another folder.`;
    super(`${messageVi}\n${messageEn}`);
    this.name = 'DataLockedError';
    this.holder = holder;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

/** The start time of process `pid` (Linux /proc), or null where that cannot be read. */
export function processStarted(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}:${fields[19]}`;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while the process that wrote `holder` still runs (on another host: assumed so). */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return holder.started === processStarted(process.pid);
  if (!alive(holder.pid)) return false;
  // Same pid but another start time: the holder died and the pid was given to a new process.
  const started = processStarted(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return null;
    return { pid: h.pid, started: typeof h.started === 'string' ? h.started : null, host: h.host, since: String(h.since ?? '') };
  } catch {
    return null;
  }
}

export interface DataLock {
  readonly path: string;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/**
 * Takes the data folder for this process, or throws `DataLockedError` naming the live holder.
 * The lock file appears whole or not at all (written aside, then hard-linked into place).
 */
export function lockDataDir(dir: string): DataLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, started: processStarted(process.pid), host: hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, text);
  let taken = false;
  try {
    for (let attempt = 0; attempt < 3 && !taken; attempt++) {
      try {
        linkSync(aside, path);
        taken = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = readHolder(path);
        if (holder && holderAlive(holder)) throw new DataLockedError(dir, holder);
        // Left by a server that is gone (or unreadable): move it aside and try again.
        try {
          renameSync(path, `${path}.stale`);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    }
  } finally {
    unlinkSync(aside);
  }
  if (!taken) throw new Error(`Không lấy được khóa ${path} / could not take the lock ${path}`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(path, 'utf8') === text) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  // A crash (an uncaught exception) still runs 'exit' handlers: only kill -9 leaves the file behind.
  process.once('exit', release);
  return { path, release };
}
