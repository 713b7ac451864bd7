/**
 * Walks the record bytes of one partition of a Fetch answer (message format v2, Kafka 0.11+).
 *
 * The broker answers from the start of the batch that holds the fetch offset, cut at the partition's
 * byte limit — so the last batch is often incomplete. A complete batch is decoded by kafkajs (which
 * also decompresses it); an incomplete uncompressed batch is read record by record as far as its
 * bytes go, so a small byte limit still yields the record at the offset unless that one record does
 * not fit. When nothing at or after the offset could be read, `needBytes` says how many bytes the
 * next Fetch must allow.
 */
import { ByteDecoder, decodeRecord, decodeRecordBatch, KjsRecord } from './internals';

export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface BatchRecord {
  offset: bigint;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface BatchInfo {
  baseOffset: bigint;
  lastOffset: bigint;
  /** A control batch holds transaction markers (COMMIT / ABORT), which no consumer ever receives. */
  isControl: boolean;
  inTransaction: boolean;
  producerId: bigint;
  timestampType: TimestampType;
}

export interface WalkedBatch {
  batch: BatchInfo;
  /** Records at or after `from` that were read (all of them for a complete batch). */
  records: BatchRecord[];
  /** For a control batch: the marker type of each record (0 ABORT, 1 COMMIT). */
  markerTypes?: number[];
  /** Offset after the last record read from this batch (lastOffset + 1 when complete). */
  readTo: bigint;
}

export interface Walk {
  batches: WalkedBatch[];
  /** Set when nothing at or after `from` could be read: the partition byte limit the next Fetch needs. */
  needBytes?: number;
}

const BATCH_HEADER = 61;
const LOG_OVERHEAD = 12; // base offset (8) + batch length (4)
const CONTROL_FLAG = 0x20;
const TRANSACTIONAL_FLAG = 0x10;
const LOG_APPEND_TIME_FLAG = 0x08;
const COMPRESSION_MASK = 0x07;

export class RecordFormatError extends Error {}

export async function walkBatches(buf: Buffer, from: bigint): Promise<Walk> {
  const batches: WalkedBatch[] = [];
  const progressed = () => batches.some((b) => b.readTo > from);
  let pos = 0;
  while (buf.length - pos >= LOG_OVERHEAD) {
    const baseOffset = buf.readBigInt64BE(pos);
    const total = LOG_OVERHEAD + buf.readInt32BE(pos + 8);
    if (buf.length - pos < BATCH_HEADER) return stop(batches, progressed(), pos + total);
    const magic = buf.readInt8(pos + 16);
    if (magic !== 2) throw new RecordFormatError(`the log holds message format v${magic} (before Kafka 0.11), which this tool does not read`);
    const attributes = buf.readInt16BE(pos + 21);
    const info: BatchInfo = {
      baseOffset,
      lastOffset: baseOffset + BigInt(buf.readInt32BE(pos + 23)),
      isControl: (attributes & CONTROL_FLAG) !== 0,
      inTransaction: (attributes & TRANSACTIONAL_FLAG) !== 0,
      producerId: buf.readBigInt64BE(pos + 43),
      timestampType: (attributes & LOG_APPEND_TIME_FLAG) !== 0 ? 'LogAppendTime' : 'CreateTime',
    };
    const complete = buf.length - pos >= total;
    if (info.lastOffset < from && complete) {
      pos += total;
      continue;
    }
    if (complete) {
      batches.push(await wholeBatch(buf.subarray(pos, pos + total), info, from));
      pos += total;
      continue;
    }
    // Cut short by the byte limit. Compressed and control batches can only be read whole.
    if ((attributes & COMPRESSION_MASK) !== 0 || info.isControl) return stop(batches, progressed(), pos + total);
    const partial = partialBatch(buf.subarray(pos), info, from, buf.readBigInt64BE(pos + 27), buf.readBigInt64BE(pos + 35));
    if (partial.batch.records.length > 0) batches.push(partial.batch);
    return stop(batches, progressed(), pos + partial.needBytes);
  }
  return { batches };
}

function stop(batches: WalkedBatch[], progressed: boolean, needBytes: number): Walk {
  return progressed ? { batches } : { batches, needBytes };
}

async function wholeBatch(bytes: Buffer, info: BatchInfo, from: bigint): Promise<WalkedBatch> {
  let decoded;
  try {
    decoded = await decodeRecordBatch(new ByteDecoder(bytes));
  } catch (e) {
    // kafkajs reads gzip itself; snappy, lz4 and zstd need codecs registered that we do not ship.
    const name = (e as Error)?.name;
    if (name === 'KafkaJSNotImplemented') throw new RecordFormatError(`the records at offset ${info.baseOffset} are compressed with a codec this tool cannot read (${(e as Error).message})`);
    throw e;
  }
  const records = decoded.records.map(toRecord).filter((r) => r.offset >= from);
  const walked: WalkedBatch = { batch: info, records, readTo: info.lastOffset + 1n };
  if (info.isControl) walked.markerTypes = records.map((r) => (r.key && r.key.length >= 4 ? r.key.readInt16BE(2) : -1));
  return walked;
}

/** Records of an uncompressed batch whose tail is missing, as far as whole records go. */
function partialBatch(bytes: Buffer, info: BatchInfo, from: bigint, firstTimestamp: bigint, maxTimestamp: bigint): { batch: WalkedBatch; needBytes: number } {
  const context = {
    firstOffset: info.baseOffset.toString(),
    firstTimestamp: firstTimestamp.toString(),
    maxTimestamp: maxTimestamp.toString(),
    magicByte: 2,
    isControlBatch: false,
    timestampType: info.timestampType === 'LogAppendTime' ? 1 : 0,
  };
  const records: BatchRecord[] = [];
  let pos = BATCH_HEADER;
  let readTo = info.baseOffset;
  for (;;) {
    const length = readVarint(bytes, pos);
    if (!length) return { batch: { batch: info, records, readTo }, needBytes: Math.max(bytes.length * 2, pos + 16) };
    const end = pos + length.size + length.value;
    if (end > bytes.length) return { batch: { batch: info, records, readTo }, needBytes: end };
    const record = toRecord(decodeRecord(new ByteDecoder(bytes.subarray(pos + length.size, end)), context));
    readTo = record.offset + 1n;
    if (record.offset >= from) records.push(record);
    pos = end;
  }
}

/** A zig-zag varint (a record's length prefix), or null when its bytes are not all there. */
function readVarint(bytes: Buffer, pos: number): { value: number; size: number } | null {
  let raw = 0;
  for (let i = 0; i < 5; i++) {
    if (pos + i >= bytes.length) return null;
    const b = bytes[pos + i];
    raw |= (b & 0x7f) << (7 * i);
    if ((b & 0x80) === 0) return { value: (raw >>> 1) ^ -(raw & 1), size: i + 1 };
  }
  throw new RecordFormatError('a record length is not a valid varint');
}

function toRecord(r: KjsRecord): BatchRecord {
  const headers: RecordHeader[] = [];
  for (const [key, v] of Object.entries(r.headers ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) headers.push({ key, value });
  }
  return { offset: BigInt(r.offset), timestamp: Number(r.timestamp), key: r.key, value: r.value, headers };
}
