/**
 * Walks the record bytes of one partition of a Fetch answer (message format v2, Kafka 0.11+).
 *
 * The broker answers from the start of the batch that holds the fetch offset, cut at the partition's
 * byte limit — so the last batch is often incomplete. A compressed batch is decoded whole by kafkajs
 * (which also decompresses it); an uncompressed one is read here record by record, stepping over the
 * records before the offset (time lag reads thousands of batches per refresh, and kafkajs's decoder
 * builds 64-bit Long objects per record), and as far as its bytes go when cut short — so a small
 * byte limit still yields the record at the offset unless that one record does not fit. When nothing
 * at or after the offset could be read, `needBytes` says how many bytes the next Fetch must allow.
 */
import { ByteDecoder, decodeRecordBatch, KjsRecord } from './internals';

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
    const compressed = (attributes & COMPRESSION_MASK) !== 0;
    if (complete && compressed) {
      batches.push(await wholeBatch(buf.subarray(pos, pos + total), info, from));
      pos += total;
      continue;
    }
    // Uncompressed: read here, record by record. Cut short by the byte limit, a data batch still
    // gives its whole records; compressed and control batches can only be read whole.
    if (!complete && (compressed || info.isControl)) return stop(batches, progressed(), pos + total);
    const times = { first: Number(buf.readBigInt64BE(pos + 27)), max: Number(buf.readBigInt64BE(pos + 35)) };
    const plain = plainBatch(buf.subarray(pos, complete ? pos + total : buf.length), info, from, times, buf.readInt32BE(pos + 57));
    if (complete) {
      if (plain.needBytes !== undefined) throw new RecordFormatError(`the record batch at offset ${baseOffset} is shorter than its records`);
      batches.push(plain.batch);
      pos += total;
      continue;
    }
    if (plain.batch.records.length > 0) batches.push(plain.batch);
    return stop(batches, progressed(), pos + plain.needBytes!);
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
  return walked(info, records, info.lastOffset + 1n);
}

/**
 * The records of an uncompressed batch (bytes from the batch's start), as far as whole records go;
 * `needBytes` when the bytes end inside one. Records before `from` are stepped over, not decoded.
 */
function plainBatch(bytes: Buffer, info: BatchInfo, from: bigint, times: { first: number; max: number }, count: number): { batch: WalkedBatch; needBytes?: number } {
  const records: BatchRecord[] = [];
  const logAppend = info.timestampType === 'LogAppendTime' && times.max !== 0;
  const r = new Reader(bytes, BATCH_HEADER);
  let readTo = info.baseOffset;
  for (let i = 0; i < count; i++) {
    if (r.pos >= bytes.length) return { batch: walked(info, records, readTo), needBytes: Math.max(bytes.length * 2, r.pos + 16) };
    const start = r.pos;
    const length = r.varint(bytes.length);
    if (length === null) return { batch: walked(info, records, readTo), needBytes: Math.max(bytes.length * 2, start + 16) };
    const end = r.pos + length;
    if (end > bytes.length) return { batch: walked(info, records, readTo), needBytes: end };
    r.pos++; // attributes (unused)
    const timestampDelta = r.varint(end);
    const offsetDelta = r.varint(end);
    if (timestampDelta === null || offsetDelta === null) throw new RecordFormatError(`a record at offset ${readTo} of the batch at ${info.baseOffset} is malformed`);
    const offset = info.baseOffset + BigInt(offsetDelta);
    // Key, value and headers are decoded only if the record is kept (time lag keeps one in hundreds).
    if (offset >= from) records.push(new PlainRecord(offset, logAppend ? times.max : times.first + timestampDelta, bytes, r.pos, end));
    r.pos = end;
    readTo = offset + 1n;
  }
  return { batch: walked(info, records, info.lastOffset + 1n) };
}

function walked(info: BatchInfo, records: BatchRecord[], readTo: bigint): WalkedBatch {
  const out: WalkedBatch = { batch: info, records, readTo };
  if (info.isControl) out.markerTypes = markerTypes(records);
  return out;
}

/** A control record's key is version (int16) then type (int16): 0 ABORT, 1 COMMIT. */
function markerTypes(records: BatchRecord[]): number[] {
  return records.map((r) => (r.key && r.key.length >= 4 ? r.key.readInt16BE(2) : -1));
}

/** A record of an uncompressed batch; its key, value and headers are read from its bytes on first use. */
class PlainRecord implements BatchRecord {
  private body?: { key: Buffer | null; value: Buffer | null; headers: RecordHeader[] };

  constructor(
    readonly offset: bigint,
    readonly timestamp: number,
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get key(): Buffer | null {
    return this.decoded().key;
  }

  get value(): Buffer | null {
    return this.decoded().value;
  }

  get headers(): RecordHeader[] {
    return this.decoded().headers;
  }

  private decoded(): NonNullable<PlainRecord['body']> {
    if (this.body) return this.body;
    const r = new Reader(this.bytes, this.start);
    const key = r.bytes(this.end);
    const value = r.bytes(this.end);
    const headers: RecordHeader[] = [];
    const count = r.varint(this.end) ?? 0;
    for (let h = 0; h < count; h++) {
      const name = r.bytes(this.end);
      headers.push({ key: name ? name.toString('utf8') : '', value: r.bytes(this.end) });
    }
    return (this.body = { key, value, headers });
  }
}

/** Zig-zag varints (as Numbers, exact to 2^53) and length-prefixed bytes of one record. */
class Reader {
  constructor(readonly buf: Buffer, public pos: number) {}

  /** null when the bytes end (at `end`) before the varint does. */
  varint(end: number): number | null {
    let raw = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) return null;
      const b = this.buf[this.pos++];
      raw += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
      scale *= 128;
    }
    throw new RecordFormatError('a record holds an invalid varint');
  }

  /** Length-prefixed bytes; null for length -1. */
  bytes(end: number): Buffer | null {
    const length = this.varint(end);
    if (length === null || this.pos + length > end) throw new RecordFormatError('a record is shorter than its fields');
    if (length < 0) return null;
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

function toRecord(r: KjsRecord): BatchRecord {
  const headers: RecordHeader[] = [];
  for (const [key, v] of Object.entries(r.headers ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) headers.push({ key, value });
  }
  return { offset: BigInt(r.offset), timestamp: Number(r.timestamp), key: r.key, value: r.value, headers };
}
