/**
 * One access-log line per request, on stderr: time, method, target, group, status, ms (and the undo
 * snapshot of a reset). Never the body, never a header (so never the token). Group ids and paths are
 * untrusted: anything outside printable ASCII is escaped (\n, ESC, bidi controls…) and long values
 * are cut, so a crafted group id cannot forge or hide log lines.
 */

const MAX_FIELD = 300;

export function logValue(s: string): string {
  const escaped = s.slice(0, MAX_FIELD).replace(/[^\x20-\x7e]|["\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  // Marked outside the quotes, so a cut value is never mistaken for the whole one.
  return `"${escaped}"${s.length > MAX_FIELD ? '…' : ''}`;
}

export interface AccessEntry {
  method: string;
  target: string;
  group?: string;
  status: number;
  ms: number;
  snapshot?: string;
}

export function accessLine(e: AccessEntry, now = new Date()): string {
  const parts = [now.toISOString(), logValue(e.method), logValue(e.target), `group=${e.group === undefined ? '-' : logValue(e.group)}`, `status=${e.status}`, `ms=${e.ms}`];
  if (e.snapshot) parts.push(`snapshot=${logValue(e.snapshot)}`);
  return parts.join(' ');
}
