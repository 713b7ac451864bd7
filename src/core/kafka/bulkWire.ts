/**
 * The bodies of the requests that carry one entry per partition (ListOffsets, OffsetFetch,
 * OffsetCommit), written into one buffer of the exact size. kafkajs builds such a body from one
 * encoder per partition, each a fresh zeroed 512-byte buffer: a 10,000-partition reset sent about
 * 60,000 of them (30 MB to allocate, fill and collect) before the broker saw a byte, which was most
 * of its CPU time. The wire format is unchanged; only the versions written here are replaced, any
 * other version kafkajs negotiates keeps its own encoder.
 */

/** Per topic, the per-partition values in the order they are written. */
export type TopicEntries<P> = Array<{ topic: string; partitions: P[] }>;

/** A classic (non-flexible) Kafka body: big-endian integers and int16-length strings. */
class Body {
  private readonly buf: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  int8(v: number): this {
    this.at = this.buf.writeInt8(v, this.at);
    return this;
  }

  int32(v: number): this {
    this.at = this.buf.writeInt32BE(v, this.at);
    return this;
  }

  int64(v: bigint): this {
    this.at = this.buf.writeBigInt64BE(v, this.at);
    return this;
  }

  /** A STRING; null writes Kafka's null NULLABLE_STRING (length -1). */
  string(s: string | null): this {
    if (s === null) {
      this.at = this.buf.writeInt16BE(-1, this.at);
      return this;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.at = this.buf.writeInt16BE(n, this.at);
    this.at += this.buf.write(s, this.at, n, 'utf8');
    return this;
  }

  /** The written bytes; a size computed wrong is a bug, never a malformed request on the wire. */
  done(): Buffer {
    if (this.at !== this.buf.length) throw new Error(`request body is ${this.at} bytes, ${this.buf.length} were computed`);
    return this.buf;
  }
}

const stringSize = (s: string): number => 2 + Buffer.byteLength(s, 'utf8');

/** Size of an array of topics, each a name and an array of fixed-size partition entries. */
function topicsSize(topics: TopicEntries<unknown>, perPartition: number): number {
  let n = 4;
  for (const t of topics) n += stringSize(t.topic) + 4 + t.partitions.length * perPartition;
  return n;
}

function writeTopics<P>(b: Body, topics: TopicEntries<P>, writePartition: (b: Body, p: P) => void): Body {
  b.int32(topics.length);
  for (const t of topics) {
    b.string(t.topic).int32(t.partitions.length);
    for (const p of t.partitions) writePartition(b, p);
  }
  return b;
}

/**
 * ListOffsets v1–v3: replica_id, (v2+) isolation_level, topics [name, partitions [partition,
 * timestamp]]. Null for a version not written here (v0 has max_num_offsets).
 */
export function listOffsetsBody(apiVersion: number, isolationLevel: number, timestamp: bigint, topics: TopicEntries<number>): Buffer | null {
  if (apiVersion < 1 || apiVersion > 3) return null;
  const b = new Body(4 + (apiVersion >= 2 ? 1 : 0) + topicsSize(topics, 12)).int32(-1);
  if (apiVersion >= 2) b.int8(isolationLevel);
  return writeTopics(b, topics, (w, partition) => w.int32(partition).int64(timestamp)).done();
}

/** OffsetFetch v1–v5 for named partitions: group_id, topics [name, partitions [partition]]. */
export function offsetFetchBody(apiVersion: number, groupId: string, topics: TopicEntries<number>): Buffer | null {
  if (apiVersion < 1 || apiVersion > 5) return null;
  const b = new Body(stringSize(groupId) + topicsSize(topics, 4)).string(groupId);
  return writeTopics(b, topics, (w, partition) => w.int32(partition)).done();
}

/**
 * OffsetCommit v2–v5 as Admin.alterConsumerGroupOffsets sends it (generation -1, no member id, no
 * metadata): group_id, generation_id, member_id, (v2–v4) retention_time -1, topics [name,
 * partitions [partition, offset, metadata]].
 */
export function offsetCommitBody(apiVersion: number, groupId: string, topics: TopicEntries<{ partition: number; offset: bigint }>): Buffer | null {
  if (apiVersion < 2 || apiVersion > 5) return null;
  const b = new Body(stringSize(groupId) + 4 + stringSize('') + (apiVersion <= 4 ? 8 : 0) + topicsSize(topics, 4 + 8 + 2))
    .string(groupId)
    .int32(-1)
    .string('');
  if (apiVersion <= 4) b.int64(-1n);
  return writeTopics(b, topics, (w, p) => w.int32(p.partition).int64(p.offset).string(null)).done();
}
