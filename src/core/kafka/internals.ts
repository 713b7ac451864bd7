/**
 * The kafkajs 2.2.4 internals this project relies on, required by path and given the narrow types we
 * use. kafkajs is frozen upstream and pinned exactly in package.json, so these paths cannot move under
 * us; test/integration/wire.test.ts exercises every one of them against a real broker.
 *
 * Why internals at all: the public admin API either writes when asked to read (fetchOffsets with
 * resolveOffsets), commits sentinels (resetOffsets), joins the group (setOffsets) or reads with
 * READ_COMMITTED. The protocol layer lets us send exactly the requests Kafka's own tools send.
 */
/* eslint-disable @typescript-eslint/no-var-requires */

export interface KjsLogEntry {
  namespace: string;
  level: number;
  label: string;
  log: { message: string; [k: string]: unknown };
}

export interface KjsProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string };
  response: { decode(raw: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
  requestTimeout?: number;
}

export interface KjsRequestDefinition {
  versions: string[];
  protocol(opts: { version: number }): (args: any) => KjsProtocolRequest;
}

export interface KjsBroker {
  nodeId: number | null;
  brokerAddress: string;
  versions: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { host: string; port: number; send(req: KjsProtocolRequest): Promise<any> };
  lookupRequest(apiKey: number, definition: KjsRequestDefinition): (args: any) => KjsProtocolRequest;
  connect(): Promise<void>;
  isConnected(): boolean;
  metadata(topics: string[] | null): Promise<any>;
  findGroupCoordinator(args: { groupId: string; coordinatorType: number }): Promise<any>;
}

export interface KjsCluster {
  brokerPool: {
    metadata: { brokers: Array<{ nodeId: number; host: string; port: number }>; controllerId?: number; clusterId?: string | null } | null;
    brokers: Record<string, KjsBroker>;
    seedBroker?: KjsBroker;
    findConnectedBroker(): Promise<KjsBroker>;
    versions: Record<number, { minVersion: number; maxVersion: number }> | null;
  };
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(args: { nodeId: number | string }): Promise<KjsBroker>;
  getNodeIds(): number[];
}

export interface KjsEmitter {
  addListener(event: string, fn: (e: { payload: any }) => void): () => void;
}

// Literal paths (not base + name): esbuild bundles only what it can see, and the vsix ships no node_modules.

export const Cluster: new (opts: Record<string, unknown>) => KjsCluster = require('kafkajs/src/cluster');
export const createLogger: (opts: {
  level: number;
  logCreator: (level: number) => (entry: KjsLogEntry) => void;
}) => unknown = require('kafkajs/src/loggers').createLogger;
export const LOG_LEVELS: { NOTHING: 0; ERROR: 1; WARN: 2; INFO: 4; DEBUG: 5 } = require('kafkajs/src/loggers').LEVELS;
export const InstrumentationEmitter: new () => KjsEmitter = require('kafkajs/src/instrumentation/emitter');
export const socketFactory: () => unknown = require('kafkajs/src/network/socketFactory');
export const ISOLATION_LEVEL: { READ_UNCOMMITTED: 0; READ_COMMITTED: 1 } = require('kafkajs/src/protocol/isolationLevel');
export const COORDINATOR_TYPES: { GROUP: 0 } = require('kafkajs/src/protocol/coordinatorTypes');
export const apiKeys: Record<string, number> = require('kafkajs/src/protocol/requests/apiKeys');
export const requests: Record<string, KjsRequestDefinition> = require('kafkajs/src/protocol/requests').requests;
export const errorCodes: Array<{ type: string; code: number; retriable: boolean; message: string }> =
  require('kafkajs/src/protocol/error').errorCodes;
export const MemberAssignment: { decode(buf: Buffer): { version: number; assignment: Record<string, number[]> } | null } =
  require('kafkajs').AssignerProtocol.MemberAssignment;

export interface KjsEncoder {
  writeString(v: string): KjsEncoder;
  writeUVarInt(v: number): KjsEncoder;
  writeUVarIntString(v: string | null): KjsEncoder;
  writeUVarIntArray(items: unknown[] | null, type?: string): KjsEncoder;
  writeBoolean(v: boolean): KjsEncoder;
  writeInt32(v: number): KjsEncoder;
  writeArray(items: unknown[], type?: string): KjsEncoder;
  writeInt8(v: number): KjsEncoder;
  writeInt16(v: number): KjsEncoder;
  writeBuffer(b: Buffer): KjsEncoder;
  /** The bytes written so far. */
  readonly buffer: Buffer;
}
export interface KjsDecoder {
  readInt16(): number;
  readInt32(): number;
  readString(): string;
  readArray<T>(reader: (d: KjsDecoder) => T): T[];
  readInt8(): number;
  readBytes(n: number): Buffer;
  readUVarIntString(): string | null;
  readUVarIntArray<T>(reader: (d: KjsDecoder) => T): T[] | null;
  readTaggedFields(): unknown;
}
export const Encoder: new (initialSize?: number) => KjsEncoder = require('kafkajs/src/protocol/encoder');
export const Decoder: new (buf: Buffer) => KjsDecoder = require('kafkajs/src/protocol/decoder');

/** kafkajs's decoder positioned at a byte buffer (the subset the record reader uses). */
export interface KjsByteDecoder {
  buffer: Buffer;
  offset: number;
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readInt64(): bigint;
  readVarInt(): number;
  readBytes(n?: number): Buffer | null;
  readArray<T>(reader: (d: KjsByteDecoder) => T): T[];
  canReadBytes(n: number): boolean;
}
/** A record as kafkajs decodes it: offsets and timestamps as decimal strings, headers folded by key. */
export interface KjsRecord {
  timestamp: string;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | Array<Buffer | null>>;
}
export interface KjsRecordBatch {
  firstOffset: string;
  lastOffsetDelta: number;
  inTransaction: boolean;
  isControlBatch: boolean;
  producerId: string;
  timestampType: number;
  records: KjsRecord[];
}
/** One whole record batch (magic 2), decompressing it with kafkajs's codecs. */
export const decodeRecordBatch: (d: KjsByteDecoder) => Promise<KjsRecordBatch> = require('kafkajs/src/protocol/recordBatch/v0/decoder');
/** One record of a batch, given the batch's context (first offset and timestamp as strings). */
export const decodeRecord: (d: KjsByteDecoder, batch: Record<string, unknown>) => KjsRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder');
export const ByteDecoder: new (buf: Buffer) => KjsByteDecoder = require('kafkajs/src/protocol/decoder');
