/**
 * Sending requests kafkajs does not know (the Kafka 4 group APIs), all of them "flexible" versions
 * (KIP-482: compact strings and arrays, tagged fields). kafkajs writes the request header up to the
 * client id; a flexible header also ends with a tagged-field byte, which — as in kafkajs's own
 * flexible requests — the body writes first. The response header's tagged fields are read first too.
 */
import { KjsBroker, KjsDecoder, KjsEncoder, Encoder, Decoder } from './internals';

export interface FlexibleApi<T> {
  apiKey: number;
  apiName: string;
  version: number;
  /** Write the request body (after the header's tagged-field byte, before the body's own). */
  body: (e: KjsEncoder) => KjsEncoder;
  /** Read the response body (the header's tagged fields are already read; the body's are left). */
  read: (d: KjsDecoder) => T;
}

/** Highest version of `apiKey` both this broker and we support, or null when the broker has none ≥ `min`. */
export async function agreedVersion(broker: KjsBroker, apiKey: number, min: number, max: number): Promise<number | null> {
  if (!broker.isConnected()) await broker.connect();
  const v = broker.versions?.[apiKey];
  if (!v || v.maxVersion < min || v.minVersion > max) return null;
  return Math.min(v.maxVersion, max);
}

export async function sendFlexible<T>(broker: KjsBroker, api: FlexibleApi<T>): Promise<T> {
  if (!broker.isConnected()) await broker.connect();
  const request = {
    apiKey: api.apiKey,
    apiVersion: api.version,
    apiName: api.apiName,
    encode: async () => api.body(new Encoder().writeUVarInt(0)).writeUVarInt(0),
  };
  const response = {
    decode: async (raw: Buffer) => {
      const d = new Decoder(raw);
      d.readTaggedFields();
      return api.read(d);
    },
    parse: async (x: unknown) => x,
  };
  return broker.connectionPool.send({ request, response } as any);
}

/** Encoding helpers for compact types the kafkajs Encoder has no single call for. */
export const put = {
  strings: (e: KjsEncoder, xs: string[]) => e.writeUVarIntArray(xs.map((x) => new Encoder().writeUVarIntString(x))),
  int32s: (e: KjsEncoder, xs: number[]) => e.writeUVarIntArray(xs.map((x) => new Encoder().writeInt32(x))),
  int64: (e: KjsEncoder, v: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    return e.writeBuffer(b);
  },
};

/** Decoding helpers: compact types kafkajs's Decoder reads only piecewise. */
export const get = {
  int64: (d: KjsDecoder): bigint => d.readBytes(8).readBigInt64BE(0),
  uint16: (d: KjsDecoder): number => d.readBytes(2).readUInt16BE(0),
  skipUuid: (d: KjsDecoder): void => void d.readBytes(16),
  string: (d: KjsDecoder): string => d.readUVarIntString() ?? '',
  strings: (d: KjsDecoder): string[] => (d.readUVarIntArray((x) => x.readUVarIntString() ?? '') ?? []),
  int32s: (d: KjsDecoder): number[] => d.readUVarIntArray((x) => x.readInt32()) ?? [],
  array: <T>(d: KjsDecoder, item: (x: KjsDecoder) => T): T[] => d.readUVarIntArray(item) ?? [],
  /** A nullable struct: one signed byte, -1 for null, then the struct. */
  nullable: <T>(d: KjsDecoder, item: (x: KjsDecoder) => T): T | null => (d.readInt8() < 0 ? null : item(d)),
};
