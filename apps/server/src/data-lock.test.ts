// The data-folder lock: a live holder refuses a second server in both languages; a lock whose
// process is gone, was reused or is unreadable is taken over; release removes only our own lock.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataLockedError, LOCK_FILE, lockDataDir, processStarted, type LockHolder } from './data-lock.ts';
import { tempDir } from './testing/fixtures.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const folder = async () => {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};
const writeHolder = (dir: string, h: Partial<LockHolder>) =>
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ host: hostname(), since: '2025-11-20T00:00:00.000Z', started: null, ...h }));

/** A pid that certainly belongs to no running process: a child that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('lockDataDir', () => {
  it('refuses while the holder lives, naming the folder and pid in Vietnamese and English', async () => {
    const dir = await folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    cleanups.push(() => void child.kill('SIGKILL'));
    writeHolder(dir, { pid: child.pid!, started: processStarted(child.pid!) });
    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataLockedError);
    const e = error as DataLockedError;
    expect(e.messageVi).toContain(`Thư mục dữ liệu ${dir} đang được một máy chủ dondoc khác dùng (pid ${child.pid}`);
    expect(e.messageEn).toContain(`is in use by another dondoc server (pid ${child.pid}`);
    expect(e.messageVi).toContain('DONDOC_DATA');
  });

  it('a second lock in this process is refused until the first is released', async () => {
    const dir = await folder();
    const first = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataLockedError);
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await folder();
    writeHolder(dir, { pid: deadPid() });
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
  });

  it.runIf(processStarted(process.pid) !== null)('takes over a lock whose pid now belongs to another process (started later)', async () => {
    const dir = await folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    cleanups.push(() => void child.kill('SIGKILL'));
    writeHolder(dir, { pid: child.pid!, started: 'another-boot:1' });
    lockDataDir(dir).release();
  });

  it('takes over an unreadable lock, and release leaves a lock that is not ours alone', async () => {
    const dir = await folder();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    const lock = lockDataDir(dir);
    writeHolder(dir, { pid: 1 });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
