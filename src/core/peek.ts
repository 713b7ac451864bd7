/**
 * The next records a group will read (or the records at a given offset): what `kafka-offsets peek`
 * prints and the extension's "Show Next Messages" document shows. Read-only: OffsetFetch for the
 * group's committed offsets, then records.ts. Never joins the group, never commits.
 *
 * Exported: peek(client, request, options) → PeekedPartition[]; PeekRequest; PeekedPartition.
 */
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { PartitionRecords, IsolationLevel } from './kafka/records';
import { KafkaOffsetsError } from './errors';
import { tpKey } from './tp';

export interface PeekRequest {
  topic: string;
  partitions: number[];
  /** Read from this group's committed offset on each partition… */
  group?: string;
  /** …or from this offset (exactly one of group / offset). */
  offset?: bigint;
  /** Records per partition (default 1, at most MAX_PEEK_COUNT). */
  count?: number;
  /** Key and value bytes kept per record (default 16 KiB). */
  maxValueBytes?: number;
  isolation?: IsolationLevel;
}

export interface PeekedPartition {
  topic: string;
  partition: number;
  /** The group's committed offset (null: none); undefined without a group. */
  committed?: bigint | null;
  /** Where reading started; null when the group has no commit here (then `read` is null too). */
  from: bigint | null;
  read: PartitionRecords | null;
}

export const MAX_PEEK_COUNT = 1000;
export const DEFAULT_PEEK_BYTES = 16 * 1024;

export async function peek(client: KafkaEngine, req: PeekRequest, o: CallOptions & { timeoutMs?: number } = {}): Promise<PeekedPartition[]> {
  if ((req.group === undefined) === (req.offset === undefined)) throw new KafkaOffsetsError('validation', 'Peek needs a group (its committed offsets) or an offset, not both.');
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PEEK_COUNT) throw new KafkaOffsetsError('validation', `The record count must be between 1 and ${MAX_PEEK_COUNT}, got ${count}.`);
  if (req.offset !== undefined && req.offset < 0n) throw new KafkaOffsetsError('validation', `The offset must be 0 or more, got ${req.offset}.`);
  const committed = req.group !== undefined ? await client.committedOffsets(req.group, [{ topic: req.topic, partitions: req.partitions }], o) : null;
  const out: PeekedPartition[] = req.partitions.map((partition) => {
    const c = committed ? committed.get(tpKey(req.topic, partition)) ?? null : undefined;
    return { topic: req.topic, partition, ...(committed ? { committed: c } : {}), from: committed ? c ?? null : req.offset!, read: null };
  });
  const toRead = out.filter((p) => p.from !== null);
  const reads = await client.readRecords(
    toRead.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.from!, count })),
    { ...o, isolation: req.isolation, maxValueBytes: req.maxValueBytes ?? DEFAULT_PEEK_BYTES },
  );
  toRead.forEach((p, i) => (p.read = reads[i]));
  return out;
}
