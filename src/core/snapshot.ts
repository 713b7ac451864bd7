/**
 * Snapshots: the committed offsets of the planned partitions, saved before any commit so a reset can
 * be undone. One JSON file (what undo reads; it also records partitions that had no committed
 * offset) and, beside it, the same offsets as a kafka-consumer-groups CSV for use with Apache's tool.
 * Both are written to a temporary name, fsynced, then renamed, so a crash never leaves half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KafkaOffsetsError } from './errors';
import { formatCsvPlan } from './csv';
import { parseInt64 } from './numbers';
import type { GroupType } from './types';
import { validateGroupId, validateTopicName } from './names';
import { ErrorList, clip } from './bounded';

export interface SnapshotEntry {
  topic: string;
  partition: number;
  /** null = the group had no committed offset for this partition. */
  offset: bigint | null;
}

export interface Snapshot {
  group: string;
  /** The bootstrap list the snapshot was taken through. */
  brokers: string[];
  /**
   * Kafka's cluster id (from Metadata) of the cluster the snapshot was taken on; undo refuses another
   * cluster. Absent in snapshots written before it was recorded (then undo compares brokers).
   */
  clusterId?: string;
  /** When the offsets were read (ms). */
  takenAt: number;
  /** What the snapshot was taken before, e.g. "reset to earliest". */
  reason: string;
  entries: SnapshotEntry[];
  /** 'share': the offsets are share-partition start offsets (undo with AlterShareGroupOffsets). Absent: committed offsets. */
  groupType?: GroupType;
}

const FORMAT = 'kafka-offsets-snapshot/1';

function safeName(s: string): string {
  return s.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 80) || 'group';
}

function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Before an undo writes, the offsets it overwrites are saved like any reset's, so the undo can itself
 * be undone: same group and type as the snapshot being restored, on the cluster it is restored to.
 */
export function saveUndoSnapshot(dir: string, undone: Snapshot, now: { brokers: string[]; clusterId?: string | null; entries: SnapshotEntry[] }): string {
  return saveSnapshot(dir, {
    group: undone.group,
    brokers: now.brokers,
    ...(now.clusterId ? { clusterId: now.clusterId } : {}),
    takenAt: Date.now(),
    reason: `undo of the snapshot taken ${new Date(undone.takenAt).toISOString()}`,
    entries: now.entries,
    ...(undone.groupType ? { groupType: undone.groupType } : {}),
  });
}

/** Save; returns the JSON file's absolute path. */
export function saveSnapshot(dir: string, snap: Snapshot): string {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date(snap.takenAt).toISOString().replace(/[:.]/g, '-');
    let base = path.join(path.resolve(dir), `${stamp}_${safeName(snap.group)}`);
    for (let i = 1; fs.existsSync(`${base}.json`); i++) base = `${base.replace(/~\d+$/, '')}~${i}`;
    const json = {
      format: FORMAT,
      group: snap.group,
      brokers: snap.brokers,
      ...(snap.clusterId ? { clusterId: snap.clusterId } : {}),
      takenAt: new Date(snap.takenAt).toISOString(),
      reason: snap.reason,
      ...(snap.groupType ? { groupType: snap.groupType } : {}),
      offsets: snap.entries.map((e) => ({ topic: e.topic, partition: e.partition, offset: e.offset === null ? null : e.offset.toString() })),
    };
    writeAtomic(`${base}.json`, JSON.stringify(json, null, 2) + '\n');
    const committed = snap.entries.filter((e) => e.offset !== null) as Array<SnapshotEntry & { offset: bigint }>;
    writeAtomic(`${base}.csv`, formatCsvPlan(committed));
    return `${base}.json`;
  } catch (e) {
    throw new KafkaOffsetsError('kafka', `Could not save the undo snapshot in ${dir}: ${(e as Error).message}. Nothing was committed.`);
  }
}

/**
 * No snapshot of a real group comes near this: about 100 bytes per partition, so 64 MiB is over half
 * a million partitions. Checked before reading, so a huge file costs nothing.
 */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/** Read and validate a snapshot file; every problem is a 'validation' error naming the file. */
export function loadSnapshot(file: string): Snapshot {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_SNAPSHOT_BYTES) throw new KafkaOffsetsError('validation', `Snapshot ${file} is ${size} bytes: too large to be a Kafka Offsets snapshot (at most ${MAX_SNAPSHOT_BYTES}).`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof KafkaOffsetsError) throw e;
    throw new KafkaOffsetsError('validation', `Cannot read snapshot ${file}: ${(e as Error).message}`);
  }
  return parseSnapshot(text, file);
}

/**
 * A snapshot's JSON, validated before anything is written or sent: only what could have come from a
 * real reset is accepted. Refused: a missing or invalid takenAt, an empty group, offsets that are not
 * int64 ≥ 0, a partition listed twice, wrong types. Group ids with spaces or control characters are
 * valid Kafka ids and are kept exactly.
 */
export function parseSnapshot(text: string, file: string): Snapshot {
  let raw: any;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new KafkaOffsetsError('validation', `Cannot read snapshot ${file}: ${clip((e as Error).message, 200)}`);
  }
  if (typeof raw !== 'object' || raw === null || raw.format !== FORMAT) throw new KafkaOffsetsError('validation', `${file} is not a Kafka Offsets snapshot (no "format": "${FORMAT}").`);
  const errors = new ErrorList();
  const groupErr = typeof raw.group === 'string' ? validateGroupId(raw.group) : 'the group is missing.';
  if (groupErr) errors.add(`group: ${groupErr}`);
  const takenAt = typeof raw.takenAt === 'string' && raw.takenAt.length <= 64 ? Date.parse(raw.takenAt) : NaN;
  if (!Number.isFinite(takenAt)) errors.add(`takenAt must be the date-time the snapshot was taken (ISO-8601), got ${clip(JSON.stringify(raw.takenAt) ?? 'nothing')}.`);
  if (raw.brokers !== undefined && (!Array.isArray(raw.brokers) || !raw.brokers.every((b: unknown) => typeof b === 'string' && b.length <= 300)))
    errors.add('brokers must be a list of host:port strings.');
  if (raw.clusterId !== undefined && (typeof raw.clusterId !== 'string' || raw.clusterId.length === 0 || raw.clusterId.length > 100)) errors.add('clusterId must be a short string.');
  if (raw.reason !== undefined && typeof raw.reason !== 'string') errors.add('reason must be a string.');
  if (raw.groupType !== undefined && raw.groupType !== 'share') errors.add(`groupType must be "share" or absent, got ${clip(JSON.stringify(raw.groupType) ?? '')}.`);
  if (!Array.isArray(raw.offsets) || raw.offsets.length === 0) errors.add('offsets must be a non-empty list of {topic, partition, offset}.');
  const entries: SnapshotEntry[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(raw.offsets) ? raw.offsets : []).forEach((o: any, i: number) => {
    const where = `offsets[${i}]`;
    if (typeof o !== 'object' || o === null) return errors.add(`${where} is not an object.`);
    const topicErr = validateTopicName(o.topic);
    if (topicErr) return errors.add(`${where}: ${topicErr}`);
    if (!Number.isInteger(o.partition) || o.partition < 0 || o.partition > 2147483647)
      return errors.add(`${where}: partition must be a whole number ≥ 0, got ${clip(JSON.stringify(o.partition) ?? 'nothing')}.`);
    const key = `${o.topic}:${o.partition}`;
    const first = seen.get(key);
    if (first !== undefined) return errors.add(`${where} repeats ${o.topic} partition ${o.partition} (first at offsets[${first}]).`);
    seen.set(key, i);
    if (o.offset === null) return void entries.push({ topic: o.topic, partition: o.partition, offset: null });
    if (typeof o.offset !== 'string' && typeof o.offset !== 'number') return errors.add(`${where}: offset must be a decimal string or null, got ${typeof o.offset}.`);
    const off = parseInt64(o.offset, 'offset');
    if (!off.ok) return errors.add(`${where}: ${off.error}`);
    if (off.value < 0n) return errors.add(`${where}: offset ${off.value} is negative; a committed offset is ≥ 0.`);
    entries.push({ topic: o.topic, partition: o.partition, offset: off.value });
  });
  if (errors.count) throw new KafkaOffsetsError('validation', `Snapshot ${file} is not valid, nothing was changed: ${errors.list().join(' ')}`);
  return {
    group: raw.group,
    brokers: raw.brokers ?? [],
    ...(raw.clusterId ? { clusterId: raw.clusterId } : {}),
    takenAt,
    reason: raw.reason ?? '',
    entries,
    ...(raw.groupType === 'share' ? { groupType: 'share' as const } : {}),
  };
}

/** Snapshot JSON files beyond the newest `keep` (input newest first, as listSnapshots returns). */
export function snapshotsToPrune(newestFirst: string[], keep = 20): string[] {
  return newestFirst.slice(keep);
}

/** Snapshot JSON files in a directory, newest first. */
export function listSnapshots(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}
