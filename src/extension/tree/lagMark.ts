/**
 * How a group row keeps its lag readable in a narrow side bar. A tree row is "label description", and
 * VS Code cuts the end first: with 60-character group ids at 300 px the description (where the exact
 * lag is) is never seen. So the row leads with a compact lag ("1.2K · payments-…"), which survives any
 * truncation and reads like a column when sorted by lag, and a group with lag and nobody consuming gets
 * its whole label in the list warning colour (a FileDecoration through resourceUri), which a scan down
 * the tree catches even sorted by name. The exact figure stays in the description, tooltip and
 * accessibility label.
 *
 * Why not a FileDecoration badge for the number: VS Code allows two characters, so 100–999 and
 * 10,000–99,999 cannot be written at all. No vscode import: unit-tested as it is.
 */

/** The URI scheme of group rows' resourceUri; its path is the mark, so the decoration needs no lookup. */
export const LAG_MARK_SCHEME = 'kafka-offsets-lag';

/** unconsumed: lag and nobody consuming (warning); stalled: members, lag, and no commit moved (error). */
export type LagMark = 'unconsumed' | 'stalled';

/** 7, 950, 1.2K, 34K, 5.6M: at most four characters plus a unit, always rounded down (never overstates). */
export function compactLag(lag: bigint): string {
  const units: Array<[bigint, string]> = [
    [1_000_000_000_000n, 'T'],
    [1_000_000_000n, 'G'],
    [1_000_000n, 'M'],
    [1_000n, 'K'],
  ];
  for (const [size, unit] of units) {
    if (lag < size) continue;
    const whole = lag / size;
    if (whole >= 100n) return `${whole}${unit}`;
    const tenths = (lag * 10n) / size - whole * 10n;
    return whole >= 10n || tenths === 0n ? `${whole}${unit}` : `${whole}.${tenths}${unit}`;
  }
  return String(lag);
}

/**
 * The label of a group row: the compact lag first when there is any, then the id (already made
 * visible). `change` is the marker of what changed since the last refresh ("↑120", ./changeMark): it
 * follows the lag, so it survives the same truncation; a group that just caught up reads "0 ↓1.2K".
 */
export function groupLabel(shownId: string, lag: bigint | null | undefined, change?: string): string {
  if (lag === undefined || lag === null || (lag <= 0n && !change)) return shownId;
  return `${compactLag(lag > 0n ? lag : 0n)}${change ? ` ${change}` : ''} · ${shownId}`;
}

/** Where ids are split into words: a shared prefix is only cut after one of these. */
const SEPARATORS = new Set(['-', '.', '_', ':', '/']);
/** A shorter shared start leaves room for the rest of the id in a 300 px row: not worth an ellipsis. */
const MIN_SHARED = 20;

/**
 * The start that every group shown in a cluster has in common, up to and including its last separator
 * ("payments-reconciliation-service-eu-west-1-"), or '' when there is none worth cutting. Teams name
 * groups by service, so a filtered view is often a family whose ids differ only at the end — exactly
 * the part a narrow side bar cuts off. The rows then show "…billing", the cluster row the prefix.
 */
export function sharedPrefix(ids: readonly string[]): string {
  if (ids.length < 2) return '';
  let n = ids[0].length;
  for (const id of ids) {
    n = Math.min(n, id.length);
    for (let i = 0; i < n; i++)
      if (id[i] !== ids[0][i]) {
        n = i;
        break;
      }
  }
  let cut = n;
  while (cut > 0 && !SEPARATORS.has(ids[0][cut - 1])) cut--;
  // Every id must keep something after the cut.
  if (cut < MIN_SHARED || ids.some((id) => id.length === cut)) return '';
  return ids[0].slice(0, cut);
}

/** An id without the shared prefix, marked with an ellipsis so nobody takes it for the whole id. */
export function withoutPrefix(shownId: string, prefix: string): string {
  return prefix && shownId.startsWith(prefix) && shownId.length > prefix.length ? `…${shownId.slice(prefix.length)}` : shownId;
}

/**
 * Lag with no member consuming it: nothing will bring it down until someone starts a consumer (often
 * on purpose: a stopped job), a warning. Lag with members whose commits have not moved over the
 * catch-up window (`stalled`, core/catchUp): a consumer that runs but is stuck, the worst case, an
 * error. A group without members never gets the error: its not moving is what "unconsumed" says.
 */
export function lagMark(lag: bigint | null | undefined, members: number | undefined, stalled = false): LagMark | undefined {
  if (lag === undefined || lag === null || lag <= 0n) return undefined;
  if ((members ?? 0) === 0) return 'unconsumed';
  return stalled ? 'stalled' : undefined;
}

/**
 * The decoration for a mark (the theme colour id of the label), read back from the row's resourceUri
 * path. Our own colour (package.json contributes.colors) rather than list.warningForeground itself:
 * VS Code leaves that one unset in both high-contrast themes (hcDark and hcLight are null in its colour
 * registry), so the label lost its colour there; ours falls back to editorWarning.foreground, which
 * both define (#FFD370 on black, #895503 on white: 14.8:1 and 6.3:1).
 */
export function markColor(path: string): string | undefined {
  if (path === '/unconsumed') return 'kafkaOffsets.unconsumedLagForeground';
  // The same for list.errorForeground: editorError.foreground in high contrast (#F48771, #B5200D: 8.5:1, 6.6:1).
  if (path === '/stalled') return 'kafkaOffsets.stalledLagForeground';
  return undefined;
}
