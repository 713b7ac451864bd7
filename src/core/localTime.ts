/**
 * The local time zone, written the same way wherever a date-time is shown or prefilled (the quick
 * pick, the form): offsets as ±hh:mm, the zone as "Europe/Berlin, UTC+01:00". Pure (Date and Intl
 * only): the webview loads it too, where "local" is the browser's zone.
 */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "+01:00", "-05:30", "+00:00" for minutes east of UTC. */
export function offsetText(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as an ISO-8601 date-time in the given zone offset (minutes east of UTC; 0 is written Z), to prefill a value. */
export function localIsoWithOffset(ms: number, offsetMinutesEast: number): string {
  const shifted = new Date(ms + offsetMinutesEast * 60_000);
  const zone = offsetMinutesEast === 0 ? 'Z' : offsetText(offsetMinutesEast);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}${zone}`
  );
}

/** "Europe/Berlin, UTC+01:00" — the local zone with its offset at `at` (daylight saving time included). */
export function zoneLabel(at: number = Date.now()): string {
  let name = '';
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    // Older engines: the offset alone still says it.
  }
  const off = `UTC${offsetText(-new Date(at).getTimezoneOffset())}`;
  return name ? `${name}, ${off}` : off;
}
