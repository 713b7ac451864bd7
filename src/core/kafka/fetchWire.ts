/**
 * One Fetch request to one leader, as a consumer sends it but without a group or a fetch session:
 * kafkajs's own Fetch encoder (version negotiated by broker.lookupRequest, v4–v11), and our own
 * reading of the answer. kafkajs's decoder drops a record batch the byte limit cut short and folds the
 * batches together; the record reader needs both the cut batch (to know how many bytes to ask for)
 * and each batch's transaction attributes, so the partition header is read here and the record bytes
 * are handed over raw (recordBatches.ts walks them).
 */
import { KjsBroker, apiKeys, requests, ByteDecoder, KjsByteDecoder } from './internals';

export type IsolationLevel = 'read_committed' | 'read_uncommitted';

export interface FetchPartitionRequest {
  partition: number;
  fetchOffset: bigint;
  /** partition_max_bytes: the broker returns at most this many bytes of this partition's log. */
  maxBytes: number;
}

export interface FetchedPartition {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  /** -1 when the broker does not say (Fetch v4 answers it; read_uncommitted answers may leave it at -1). */
  lastStableOffset: bigint;
  /** -1 before Fetch v5. */
  logStartOffset: bigint;
  /** read_committed only: transactions aborted in the returned range (producer id, first offset). */
  abortedTransactions: Array<{ producerId: bigint; firstOffset: bigint }>;
  /** The raw record batches, possibly ending in one cut short by maxBytes. */
  records: Buffer;
}

/** Fetch v4 is the first with isolation levels and aborted transactions (Kafka 0.11). */
export const MIN_FETCH_VERSION = 4;

export async function fetchOnce(
  leader: KjsBroker,
  isolation: IsolationLevel,
  topics: Array<{ topic: string; partitions: FetchPartitionRequest[] }>,
  maxBytes: number,
): Promise<FetchedPartition[]> {
  if (!leader.isConnected()) await leader.connect();
  const proto = leader.lookupRequest(apiKeys.Fetch, requests.Fetch)({
    replicaId: -1,
    isolationLevel: isolation === 'read_committed' ? 1 : 0,
    // Answer at once with whatever is there: we read what exists, we do not wait for more.
    maxWaitTime: 0,
    minBytes: 0,
    maxBytes,
    topics: topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({ partition: p.partition, fetchOffset: p.fetchOffset.toString(), maxBytes: p.maxBytes })),
    })),
  });
  const version = proto.request.apiVersion;
  if (version < MIN_FETCH_VERSION) throw new Error(`broker ${leader.brokerAddress} only speaks Fetch v${version}; reading records needs Kafka 0.11 or newer`);
  return leader.connectionPool.send({
    ...proto,
    response: { decode: async (raw: Buffer) => readFetchResponse(raw, version), parse: async (d: unknown) => d },
  } as any);
}

/** The Fetch answer, v4–v11 (the versions kafkajs can ask for at v4 or above). */
export function readFetchResponse(raw: Buffer, version: number): FetchedPartition[] {
  const d = new ByteDecoder(raw);
  d.readInt32(); // throttle_time_ms
  if (version >= 7) {
    const errorCode = d.readInt16();
    d.readInt32(); // session_id
    if (errorCode !== 0) throw Object.assign(new Error(`Fetch failed with error code ${errorCode}`), { type: 'FETCH_ERROR', code: errorCode });
  }
  const out: FetchedPartition[] = [];
  const topicCount = d.readInt32();
  for (let t = 0; t < topicCount; t++) {
    const topic = readString(d);
    const partitionCount = d.readInt32();
    for (let i = 0; i < partitionCount; i++) out.push(readPartition(d, topic, version));
  }
  return out;
}

function readPartition(d: KjsByteDecoder, topic: string, version: number): FetchedPartition {
  const partition = d.readInt32();
  const errorCode = d.readInt16();
  const highWatermark = d.readInt64();
  const lastStableOffset = d.readInt64();
  const logStartOffset = version >= 5 ? d.readInt64() : -1n;
  const abortedCount = d.readInt32();
  const abortedTransactions: FetchedPartition['abortedTransactions'] = [];
  for (let i = 0; i < abortedCount; i++) abortedTransactions.push({ producerId: d.readInt64(), firstOffset: d.readInt64() });
  if (version >= 11) d.readInt32(); // preferred_read_replica
  const size = d.readInt32();
  const records = size > 0 ? d.readBytes(size) ?? Buffer.alloc(0) : Buffer.alloc(0);
  return { topic, partition, errorCode, highWatermark, lastStableOffset, logStartOffset, abortedTransactions, records };
}

function readString(d: KjsByteDecoder): string {
  const length = d.readInt16();
  if (length < 0) return '';
  return (d.readBytes(length) ?? Buffer.alloc(0)).toString('utf8');
}
