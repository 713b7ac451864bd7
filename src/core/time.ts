/**
 * Date-time and duration input for resets, ISO-8601 only, resolved to epoch milliseconds.
 * A date-time should carry its zone (Z or ±hh:mm): "10:00" means different instants in different
 * places, and a reset to the wrong hour replays or skips an hour of messages. Without one it is
 * refused, unless the caller says how to read it (the CLI, for scripts written for
 * kafka-consumer-groups); the zone used is then returned so the preview can state it.
 */
import type { Parsed } from './numbers';

/**
 * How to read a date-time typed without a zone. Only 'utc': kafka-consumer-groups (Kafka 4.3.1's
 * Utils.getDateTime) appends "Z" to such a value whatever the machine's zone, so a script written for
 * it means UTC; reading it in the local zone would silently move the reset by hours.
 */
export type ZonelessDateTime = 'utc';

export type ParsedDateTime = { ok: true; value: number; /** Set when the input had no zone. */ zone?: string } | { ok: false; error: string };

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseDateTime(input: string, zoneless?: ZonelessDateTime): ParsedDateTime {
  const s = (input ?? '').trim();
  if (s === '') return { ok: false, error: 'Date-time is required (ISO-8601, e.g. 2026-11-24T10:00:00Z).' };
  const m = DATETIME.exec(s);
  if (!m) return { ok: false, error: `"${input}" is not an ISO-8601 date-time; use e.g. 2026-11-24T10:00:00Z or 2026-11-24T10:00:00+01:00.` };
  const [, y, mo, d, h, mi, sec = '0', frac = '', zone] = m;
  if (!zone && !zoneless)
    return { ok: false, error: `"${input}" has no time zone; add Z for UTC or an offset like +01:00, so the instant is unambiguous.` };
  const year = +y, month = +mo, day = +d, hour = +h, minute = +mi, second = +sec;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59)
    return { ok: false, error: `"${input}" is not a real calendar date-time.` };
  const ms = Number((frac + '000').slice(0, 3));
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (!zone) return { ok: true, value: t, zone: 'UTC' };
  if (zone.toUpperCase() !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offset = (+zm[2] * 60 + +zm[3]) * 60_000;
    if (+zm[2] > 18 || +zm[3] > 59) return { ok: false, error: `"${zone}" is not a valid UTC offset.` };
    t += zm[1] === '+' ? -offset : offset;
  }
  return { ok: true, value: t };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/i;

/**
 * An ISO-8601 duration of days, hours, minutes and seconds (what java.time.Duration accepts and
 * kafka-consumer-groups --by-duration expects), e.g. PT30M, P1DT2H. Negative durations are refused:
 * "back from now" by a negative amount is a time in the future, which is never what was meant.
 */
export function parseDuration(input: string): Parsed<number> {
  const s = (input ?? '').trim();
  if (s === '') return { ok: false, error: 'Duration is required (ISO-8601, e.g. PT30M or P1DT2H).' };
  if (s.startsWith('-') || s.startsWith('+'))
    return { ok: false, error: `Duration "${input}" must not be signed: it is always counted back from now (e.g. PT1H = one hour ago).` };
  const m = DURATION.exec(s);
  if (!m || s.toUpperCase() === 'P' || s.toUpperCase().endsWith('T'))
    return { ok: false, error: `"${input}" is not an ISO-8601 duration; use days/hours/minutes/seconds, e.g. PT30M, PT2H, P1DT12H.` };
  const [, d = '0', h = '0', mi = '0', sec = '0'] = m;
  const ms = ((+d * 24 + +h) * 60 + +mi) * 60_000 + Math.round(+sec * 1000);
  if (!Number.isSafeInteger(ms)) return { ok: false, error: `Duration "${input}" is too long.` };
  return { ok: true, value: ms };
}

/** "2026-11-24T10:00:00.000Z" for logs and tables. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
