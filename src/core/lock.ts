/**
 * A per-group lock across processes on this machine (the CLI, the extension, two terminals), so two
 * resets of the same group never overlap: the second is refused at once with who holds the lock.
 * Across machines the stale-preview check and the read-back still catch a concurrent commit.
 * The lock is a file created with O_EXCL; one left by a dead process (or older than 10 minutes) is
 * taken over.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaOffsetsError } from './errors';

const STALE_MS = 10 * 60_000;

function lockDir(): string {
  return process.env.KAFKA_OFFSETS_LOCK_DIR ?? path.join(os.tmpdir(), 'kafka-offsets-locks');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Hold the lock of (cluster, group) while fn runs. */
export async function withGroupLock<T>(brokers: string[], group: string, fn: () => Promise<T>): Promise<T> {
  const dir = lockDir();
  fs.mkdirSync(dir, { recursive: true });
  const id = crypto.createHash('sha256').update(`${[...brokers].sort().join(',')}\u0000${group}`).digest('hex').slice(0, 32);
  const file = path.join(dir, `${id}.lock`);
  const mine = JSON.stringify({ pid: process.pid, group, since: Date.now() });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw busy(group, file);
        throw new KafkaOffsetsError('kafka', `Cannot take the reset lock for group "${group}" in ${dir}: ${(e as Error).message}`);
      }
      // Someone holds it: take it over only if its holder is gone or it is stale.
      let holder: { pid?: number; since?: number } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        // Unreadable (being written right now): treat as held.
      }
      const stale = holder.pid !== undefined && (!alive(holder.pid) || Date.now() - (holder.since ?? 0) > STALE_MS);
      if (!stale) throw busy(group, file, holder.pid);
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
    `Another reset of group "${group}" is in progress on this machine${pid ? ` (process ${pid})` : ''}. Nothing was committed; try again when it has finished (lock: ${file}).`,
    details,
  );
}
