/**
 * The catch-up status of a group in the tree's words: a short phrase for its row (only when it says
 * something the lag alone does not) and a tooltip line with the rates behind it. Pure, no vscode.
 */
import { catchUp, formatEta, formatRate, statusText, type CatchUp, type CatchUpStatus, type OffsetSample } from '../../core/catchUp';
import { t } from '../l10n';

/** The status in the user's language (core's one set of words, through l10n). */
export function statusWords(s: CatchUpStatus): string {
  return statusText(s, { t });
}

/**
 * What the row says after the lag, or nothing: "measuring…" on every first read, "idle" and "keeping
 * up" at lag 0 would only crowd a narrow side bar (the tooltip still says them).
 */
export function rowStatus(c: CatchUp): string | undefined {
  switch (c.status.kind) {
    case 'catching-up':
    case 'falling-behind':
    case 'stalled':
      return statusWords(c.status);
    case 'keeping-up':
      return c.lag !== null && c.lag > 0n ? statusWords(c.status) : undefined;
    default:
      return undefined;
  }
}

/** "Status: catching up (~3 min) · consuming 120/s · producing 80/s over 60 s" (Markdown-safe: no user text). */
export function tooltipLine(c: CatchUp): string {
  const status = `${t('Status')}: ${statusWords(c.status)}`;
  if (c.consumeRate === null || c.produceRate === null) return `${status} · ${t('refresh again to measure rates')}`;
  return `${status} · ${t('consuming {0} · producing {1} over the last {2}', formatRate(c.consumeRate), formatRate(c.produceRate), spanText(c.spanMs))}`;
}

function spanText(ms: number): string {
  return formatEta(ms).replace(/^~/, '');
}

/** The group's catch-up over its history, or undefined before the first sample. */
export function catchUpOf(history: readonly OffsetSample[] | undefined): CatchUp | undefined {
  if (!history?.length) return undefined;
  let c = computed.get(history);
  if (!c) computed.set(history, (c = catchUp(history)));
  return c;
}

/**
 * Per history array (a new one at every sample: recordSample never changes one in place): the row,
 * the row's change check and the tooltip all ask, for thousands of groups at every refresh.
 */
const computed = new WeakMap<readonly OffsetSample[], CatchUp>();
