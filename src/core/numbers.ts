/**
 * Strict number parsing for user input. Only decimal integer literals are numbers here: "1e3", "0x10",
 * "12.5", "" and " " are refused rather than converted, because a silently converted offset is a
 * silently wrong reset.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

import { clip } from './bounded';

const INTEGER = /^[+-]?\d+$/;
/**
 * No int64 needs more characters than this (19 digits, a sign, and room for leading zeros). Checked
 * before the pattern and BigInt(), whose cost grows with the length: a 50-million-digit "offset" is
 * refused at once instead of after a minute of CPU.
 */
const MAX_INT64_CHARS = 40;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** A signed int64 from a string, bigint or (safe) JS number. */
export function parseInt64(input: unknown, what: string): Parsed<bigint> {
  if (typeof input === 'bigint') return rangeCheck(input, what);
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return { ok: false, error: `${what} must be a whole number, got ${input}.` };
    if (!Number.isSafeInteger(input))
      return { ok: false, error: `${what} ${input} is too large to be exact as a JSON number (above 2^53); pass it as a string, e.g. "${BigInt(input)}".` };
    return { ok: true, value: BigInt(input) };
  }
  if (typeof input !== 'string') return { ok: false, error: `${what} is required.` };
  if (input.length > MAX_INT64_CHARS * 4) return { ok: false, error: `${what} is ${input.length} characters long: not a 64-bit number.` };
  const s = input.trim();
  if (s === '') return { ok: false, error: `${what} is required.` };
  if (s.length > MAX_INT64_CHARS) return { ok: false, error: `${what} is ${s.length} characters long: not a 64-bit number.` };
  if (!INTEGER.test(s)) return { ok: false, error: `${what} must be a decimal whole number (like 42 or -5), got "${clip(input)}".` };
  return rangeCheck(BigInt(s), what);
}

function rangeCheck(v: bigint, what: string): Parsed<bigint> {
  if (v > INT64_MAX || v < INT64_MIN) return { ok: false, error: `${what} ${v} does not fit in a 64-bit Kafka offset.` };
  return { ok: true, value: v };
}

/** A JS safe integer (partition ids, timestamps in ms). */
export function parseSafeInt(input: unknown, what: string): Parsed<number> {
  const r = parseInt64(input, what);
  if (!r.ok) return r;
  if (r.value > BigInt(Number.MAX_SAFE_INTEGER) || r.value < BigInt(Number.MIN_SAFE_INTEGER))
    return { ok: false, error: `${what} ${r.value} is out of range.` };
  return { ok: true, value: Number(r.value) };
}

/** 1,234,567 — lag and offsets in the UI and CLI tables. */
export function formatCount(v: bigint | number): string {
  const s = (v < 0 ? -v : v).toString();
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return v < 0 ? `-${grouped}` : grouped;
}

/**
 * Sum of the known lags (a negative one counts 0); null when none is known — partitions without a
 * committed offset have no lag, and a topic or group of only those reads "no commit", never "caught up".
 * Nothing at all to sum (a group with no topics) is 0.
 */
export function totalLag(lags: Array<bigint | null>): bigint | null {
  if (lags.length === 0) return 0n;
  let sum: bigint | null = null;
  for (const l of lags) if (l !== null) sum = (sum ?? 0n) + (l > 0n ? l : 0n);
  return sum;
}
