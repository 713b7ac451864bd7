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

export interface SnapshotEntry {
  topic: string;
  partition: number;
  /** null = the group had no committed offset for this partition. */
  offset: bigint | null;
}

export interface Snapshot {
  group: string;
  brokers: string[];
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

export function loadSnapshot(file: string): Snapshot {
  let raw: any;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KafkaOffsetsError('validation', `Cannot read snapshot ${file}: ${(e as Error).message}`);
  }
  if (raw?.format !== FORMAT || typeof raw.group !== 'string' || !Array.isArray(raw.offsets))
    throw new KafkaOffsetsError('validation', `${file} is not a Kafka Offsets snapshot.`);
  const entries: SnapshotEntry[] = raw.offsets.map((o: any, i: number) => {
    if (typeof o?.topic !== 'string' || !Number.isInteger(o?.partition)) throw new KafkaOffsetsError('validation', `Snapshot ${file}: entry ${i + 1} is malformed.`);
    if (o.offset === null) return { topic: o.topic, partition: o.partition, offset: null };
    const off = parseInt64(o.offset, 'offset');
    if (!off.ok) throw new KafkaOffsetsError('validation', `Snapshot ${file}: entry ${i + 1}: ${off.error}`);
    return { topic: o.topic, partition: o.partition, offset: off.value };
  });
  const groupType = raw.groupType === 'share' ? { groupType: 'share' as const } : {};
  return { group: raw.group, brokers: raw.brokers ?? [], takenAt: Date.parse(raw.takenAt), reason: raw.reason ?? '', entries, ...groupType };
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
