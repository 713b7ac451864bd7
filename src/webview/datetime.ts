/**
 * The date-time picker's value (<input type="datetime-local">: "2026-11-24T10:00" or with seconds,
 * no zone) as an ISO-8601 instant with the offset of the browser's time zone *at that date* (daylight
 * saving time included), e.g. "2026-11-24T10:00:00+01:00". The core refuses a date-time without a zone,
 * so the zone must be resolved here, where the user's clock is — in code-server that is the browser,
 * not the machine running the extension.
 */

import { offsetText } from '../core/localTime';

export { offsetText, zoneLabel } from '../core/localTime';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export type LocalConversion =
  | {
      ok: true;
      /** ISO-8601 with the local offset, seconds included. */
      iso: string;
      ms: number;
      /** Set when that wall-clock time does not exist (clocks moved forward): what it became. */
      shiftedTo?: string;
    }
  | { ok: false; error: string };

export function localToIso(local: string): LocalConversion {
  const m = LOCAL.exec(local.trim());
  if (!m) return { ok: false, error: 'Pick a date and a time.' };
  const [y, mo, d, hh, mi] = m.slice(1, 6).map(Number);
  const ss = Number(m[6] ?? '0');
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  const bad = { ok: false as const, error: `"${local}" is not a real date and time.` };
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 59) return bad;
  const date = new Date(y, mo - 1, d, hh, mi, ss, ms);
  // Day 31 of a 30-day month rolls into the next month: refuse rather than guess.
  if (Number.isNaN(date.getTime()) || date.getFullYear() !== y || date.getMonth() !== mo - 1) return bad;
  const iso =
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${ms ? `.${pad(ms, 3)}` : ''}${offsetText(-date.getTimezoneOffset())}`;
  const same = date.getDate() === d && date.getHours() === hh && date.getMinutes() === mi;
  return same ? { ok: true, iso, ms: date.getTime() } : { ok: true, iso, ms: date.getTime(), shiftedTo: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
}

/** A datetime-local value for an instant, in the browser's zone (seconds included). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
