/** Display helpers for decimal strings (offsets, lag and counts arrive as strings: they are int64). */

/** "1234567" → "1,234,567"; "-5" → "-5"; null → the `none` text. */
export function count(v: string | null | undefined, none = 'none'): string {
  if (v === null || v === undefined) return none;
  const neg = v.startsWith('-');
  const digits = neg ? v.slice(1) : v;
  if (!/^\d+$/.test(digits)) return v;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${grouped}` : grouped;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(String(n))} ${n === 1 ? one : many}`;
}

export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
