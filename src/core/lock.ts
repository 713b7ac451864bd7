/**
 * A per-group lock across processes on this machine (the CLI, the extension, two terminals), so two
 * resets of the same group never overlap: the second is refused at once with who holds the lock.
 * Across machines the stale-preview check and the read-back still catch a concurrent commit.
 *
 * The lock is a file created with O_EXCL in a directory of this user's own, named by the cluster's
 * identity (its cluster id, not the bootstrap string as typed) and the group. A holder records its
 * pid, its process start time and its host. The lock is taken over when it is stale:
 *   - its holder is on this host and that pid is gone, or is a different process now (a reused pid:
 *     its start time differs from the recorded one);
 *   - it is older than MAX_HOLD_MS (an apply takes seconds), or claims a time in the future;
 *   - it cannot be parsed and its file is older than a few seconds (not just being written).
 * So a planted lock with a live unrelated pid and a future time goes stale at once.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaOffsetsError } from './errors';
import { clip } from './bounded';

/** Longest a reset may hold the lock: the apply itself (no waiting happens under the lock). */
export const MAX_HOLD_MS = 10 * 60_000;
/** Clock differences between processes this large are not believed. */
const CLOCK_SLACK_MS = 60_000;

export interface LockHolder {
  pid?: unknown;
  host?: unknown;
  /** When the holder process started (ms since the epoch), to tell a reused pid apart. */
  started?: unknown;
  since?: unknown;
}

function lockDir(): string {
  if (process.env.KAFKA_OFFSETS_LOCK_DIR) return process.env.KAFKA_OFFSETS_LOCK_DIR;
  // Per user: another account cannot plant or remove our locks in a shared /tmp.
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  return path.join(os.tmpdir(), `kafka-offsets-locks-${uid}`);
}

/** Start time of a process on this host in ms since the epoch, when the OS tells (Linux /proc); null otherwise. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // field 22 of stat: starttime in clock ticks after boot
    const uptime = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    if (!Number.isFinite(ticks) || !Number.isFinite(uptime)) return null;
    return Math.round(Date.now() - uptime * 1000 + (ticks / 100) * 1000);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const myStart = (): number => processStartTime(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000);

/**
 * Why a lock record no longer protects anything, or null while it does. Pure apart from asking the
 * OS about the recorded pid (`probe`, replaceable in tests).
 */
export function staleReason(
  holder: LockHolder | null,
  fileAgeMs: number,
  now: number,
  probe: { alive(pid: number): boolean; startTime(pid: number): number | null; host: string } = { alive, startTime: processStartTime, host: os.hostname() },
): string | null {
  if (!holder) return fileAgeMs > 5_000 ? 'unreadable lock file' : null;
  const since = holder.since;
  if (typeof since !== 'number' || !Number.isFinite(since)) return 'no valid time';
  if (since > now + CLOCK_SLACK_MS) return 'its time is in the future';
  if (now - since > MAX_HOLD_MS) return `older than ${MAX_HOLD_MS / 60_000} minutes`;
  const pid = holder.pid;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return 'no valid process id';
  if (holder.host !== probe.host) return null; // another machine's process: trust it until it ages out
  if (!probe.alive(pid)) return `process ${pid} is gone`;
  const actual = probe.startTime(pid);
  if (actual !== null && (typeof holder.started !== 'number' || Math.abs(actual - holder.started) > 2_000)) return `process ${pid} is not the one that took the lock`;
  return null;
}

/** Hold the lock of (cluster, group) while fn runs. `clusterKey` identifies the cluster (see identity.ts). */
export async function withGroupLock<T>(clusterKey: string, group: string, fn: () => Promise<T>): Promise<T> {
  const dir = lockDir();
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new KafkaOffsetsError('kafka', `Cannot create the reset lock directory ${dir}: ${(e as Error).message}. Nothing was committed.`);
  }
  const id = crypto.createHash('sha256').update(`${clusterKey}\u0000${group}`).digest('hex').slice(0, 32);
  const file = path.join(dir, `${id}.lock`);
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), started: myStart(), since: Date.now(), group: clip(group, 200) });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw busy(group, file);
        throw new KafkaOffsetsError('kafka', `Cannot take the reset lock for group "${clip(group)}" in ${dir}: ${(e as Error).message}. Nothing was committed.`);
      }
      // Someone holds it: take it over only if it is stale.
      let holder: LockHolder | null = null;
      let ageMs = 0;
      try {
        ageMs = Date.now() - fs.statSync(file).mtimeMs;
        const text = fs.readFileSync(file, 'utf8');
        holder = text.length < 4096 ? (JSON.parse(text) as LockHolder) : null;
        if (typeof holder !== 'object' || holder === null) holder = null;
      } catch {
        // Unreadable (being written right now, or garbage): judged by the file's age.
      }
      if (staleReason(holder, ageMs, Date.now()) === null) throw busy(group, file, typeof holder?.pid === 'number' ? holder.pid : undefined);
      fs.rmSync(file, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    try {
      if (fs.readFileSync(file, 'utf8') === mine) fs.rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  }
}

/** details of the refusal: callers that answer "busy" (the HTTP server's 409) recognise it by lockFile. */
export interface LockBusy {
  lockFile: string;
  holderPid?: number;
}

export function isLockBusy(e: unknown): boolean {
  return e instanceof KafkaOffsetsError && typeof (e.details as LockBusy | undefined)?.lockFile === 'string';
}

function busy(group: string, file: string, pid?: number): KafkaOffsetsError {
  const details: LockBusy = { lockFile: file, ...(pid ? { holderPid: pid } : {}) };
  return new KafkaOffsetsError(
    'kafka',
    `Another reset of group "${clip(group)}" is in progress on this machine${pid ? ` (process ${pid})` : ''}. Nothing was committed; try again when it has finished (lock: ${file}).`,
    details,
  );
}
