/**
 * A record shown to a person: the CLI's `peek` and the extension's read-only document use the same
 * rendering. Record contents are hostile input (any bytes a producer chose), so text is only ever
 * text: bytes that are not clean UTF-8 are shown as hex or base64, and every line of the text form
 * passes through `visible()` (display.ts).
 *
 * Exported: renderBytes, recordJson, recordText, prettyJson, RenderedBytes, BytesEncoding.
 */
import type { KafkaRecord } from './kafka/records';
import { visible } from './display';

export type BytesEncoding = 'json' | 'utf8' | 'hex' | 'base64';

export interface RenderedBytes {
  /** json: UTF-8 holding a JSON object or array; utf8: other clean text; hex / base64: anything else. */
  encoding: BytesEncoding;
  /** The bytes shown (at most the read cap) in that encoding; JSON as the producer wrote it. */
  text: string;
  /** The real size in bytes. */
  size: number;
  /** True when `text` shows only the first bytes. */
  truncated: boolean;
}

/** Binary shorter than this reads best as hex; longer as base64 (a third shorter). */
const HEX_UP_TO = 64;
// C0 controls other than tab / LF / CR, and DEL: valid UTF-8, but a sign of binary data.
// eslint-disable-next-line no-control-regex
const BINARY_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as the most readable faithful text; null stays null (no key, or a tombstone). */
export function renderBytes(bytes: Buffer | null, size = bytes?.length ?? 0): RenderedBytes | null {
  if (bytes === null) return null;
  const truncated = size > bytes.length;
  const text = cleanText(truncated ? withoutCutCharacter(bytes) : bytes);
  if (text !== null) {
    const trimmed = text.trimStart();
    if (!truncated && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
      try {
        JSON.parse(text);
        return { encoding: 'json', text, size, truncated };
      } catch {
        // not JSON after all: plain text
      }
    }
    return { encoding: 'utf8', text, size, truncated };
  }
  return bytes.length <= HEX_UP_TO ? { encoding: 'hex', text: bytes.toString('hex'), size, truncated } : { encoding: 'base64', text: bytes.toString('base64'), size, truncated };
}

function cleanText(bytes: Buffer): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  return BINARY_CONTROLS.test(text) ? null : text;
}

/** A cap can cut a multi-byte character in two: drop its first bytes so the rest still decodes. */
function withoutCutCharacter(bytes: Buffer): Buffer {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/** The --json shape of a record: the offset a number (a bigint beyond 2^53, printed exactly by the CLI), time in ms and ISO UTC. */
export function recordJson(r: KafkaRecord): Record<string, unknown> {
  return {
    offset: r.offset <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r.offset) : r.offset,
    timestamp: r.timestamp,
    time: r.timestamp >= 0 ? new Date(r.timestamp).toISOString() : null,
    timestampType: r.timestampType,
    key: renderBytes(r.key, r.keySize),
    headers: r.headers.map((h) => ({ key: h.key, value: renderBytes(h.value) })),
    value: renderBytes(r.value, r.valueSize),
  };
}

/**
 * A record as lines of text, every line safe for a terminal or an editor:
 *
 *   offset 4 · 2026-11-27T11:13:11.000Z (CreateTime)
 *   key      k1
 *   headers  trace: abc
 *   value    json, 20 bytes
 *     {"id":1,"name":"ok"}
 */
export function recordText(r: KafkaRecord): string {
  const lines = [`offset ${r.offset} · ${r.timestamp >= 0 ? new Date(r.timestamp).toISOString() : 'no timestamp'} (${r.timestampType})`];
  const key = renderBytes(r.key, r.keySize);
  lines.push(`key      ${key === null ? '(none)' : inline(key)}`);
  r.headers.forEach((h, i) => lines.push(`${i === 0 ? 'headers ' : '        '} ${visible(h.key)}: ${(() => {
    const v = renderBytes(h.value);
    return v === null ? '(null)' : inline(v);
  })()}`));
  const value = renderBytes(r.value, r.valueSize);
  if (value === null) lines.push('value    (none: a tombstone)');
  else if (value.size === 0) lines.push('value    (empty)');
  else {
    lines.push(`value    ${describe(value)}`);
    const body = value.encoding === 'json' ? prettyJson(value.text) : value.text;
    for (const line of body.split('\n')) lines.push(`  ${visible(line)}`);
    if (value.truncated) lines.push('  …');
  }
  return lines.join('\n');
}

/** "json, 20 bytes", "utf8, 204,800 bytes (first 1,024 shown)". */
function describe(b: RenderedBytes): string {
  const shown = b.encoding === 'hex' ? b.text.length / 2 : b.encoding === 'base64' ? Buffer.from(b.text, 'base64').length : Buffer.byteLength(b.text);
  return `${b.encoding}, ${bytes(b.size)}${b.truncated ? ` (first ${shown.toLocaleString('en-US')} shown)` : ''}`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** Short content on one line: text as is (escaped), binary with its encoding named. */
function inline(b: RenderedBytes): string {
  if (b.size === 0) return '(empty)';
  const text = b.encoding === 'hex' || b.encoding === 'base64' ? `${b.encoding}:${b.text}` : b.text;
  return `${visible(text)}${b.truncated ? ` … (${bytes(b.size)})` : ''}`;
}

/**
 * JSON re-indented without parsing it: JSON.parse would round numbers above 2^53 (ids, offsets),
 * and a record shown must say exactly what the producer wrote. Only whitespace outside strings changes.
 */
export function prettyJson(json: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += json[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (ch === '"') inString = true;
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      let j = i + 1;
      while (j < json.length && ' \t\n\r'.includes(json[j])) j++;
      if (json[j] === close) {
        out += ch + close; // {} and [] stay on one line
        i = j;
        continue;
      }
      depth++;
      out += ch + newline();
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') out += ',' + newline();
    else if (ch === ':') out += ': ';
    else out += ch;
  }
  return out;
}
