/**
 * Where consumption restarts, in time: each plan row's `targetTimestamp` is the timestamp of the
 * first record at or after its target offset (read_committed, values not kept), null when the target
 * is the log end (the group then waits for new records). One Fetch per leader for the whole plan.
 * A row whose record cannot be read keeps no targetTimestamp — the reset itself does not depend on it.
 */
import type { Plan } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';

export async function addTargetTimestamps(client: KafkaEngine, plan: Plan, o: CallOptions = {}): Promise<Plan> {
  const rows = plan.rows.filter((r) => !r.error && r.target >= 0n);
  for (const r of rows) if (r.target >= r.logEnd) r.targetTimestamp = null;
  const toRead = rows.filter((r) => r.target < r.logEnd);
  if (toRead.length === 0) return plan;
  const read = await client.readRecords(toRead.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.target })), { ...o, maxValueBytes: 0 });
  toRead.forEach((r, i) => {
    const p = read[i];
    if (p.error) return;
    const next = p.records[0];
    // Nothing readable after the target (only markers or aborted records): as at the log end.
    r.targetTimestamp = next ? (next.timestamp >= 0 ? next.timestamp : null) : null;
  });
  return plan;
}
