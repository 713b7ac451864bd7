/** Names Kafka accepts for groups and topics, checked before anything is sent. */

import { clip } from './bounded';
import { shellQuote } from './equivalent';

/**
 * Kafka accepts any non-empty string as a group id (spaces, control characters, thousands of
 * characters), and a group that exists must be usable, so only what can never be a group is refused:
 * empty, or longer than Kafka can store (a 16-bit length in __consumer_offsets). Ids that look like a
 * paste accident get a warning from groupIdWarning instead.
 */
export function validateGroupId(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return 'Consumer group id is required.';
  const bytes = utf8Length(v);
  if (bytes > MAX_GROUP_ID_BYTES) return `Consumer group id is ${bytes} bytes long; Kafka stores at most ${MAX_GROUP_ID_BYTES}.`;
  return undefined;
}

/** UTF-8 length without Node's Buffer (this module also runs in the webview). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Kafka's string length field is int16. */
export const MAX_GROUP_ID_BYTES = 32767;

/** A sentence when a (valid) group id is probably not what was meant: surrounding whitespace or control characters. */
export function groupIdWarning(v: string): string | undefined {
  // Shown shell-quoted: visible, and typeable back as the exact id.
  if (v.trim() !== v) return `Group id ${shellQuote(clip(v))} starts or ends with whitespace: Kafka treats it as a different group from ${shellQuote(clip(v.trim()))}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) return `Group id ${shellQuote(clip(v))} contains control characters.`;
  return undefined;
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
export function validateTopicName(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return 'Topic is required.';
  if (!TOPIC.test(v)) return `"${clip(v)}" is not a valid Kafka topic name (letters, digits, '.', '_' and '-', at most 249).`;
  if (v === '.' || v === '..') return `"${v}" is not a valid Kafka topic name.`;
  return undefined;
}

