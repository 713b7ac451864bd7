/**
 * What the Group Details panel shows, built from what the tree's store knows about a group: its lag
 * over the sampled history, the catch-up status of the group and of each topic. Pure, no vscode
 * (test/unit/group-details.test.ts).
 */
import type { GroupLag, GroupState } from '../core/types';
import { catchUp, formatRate, lagSeries, type OffsetSample } from '../core/catchUp';
import { tpKey } from '../core/tp';
import type { GroupDetails } from '../protocol';
import { statusWords } from './tree/catchUpView';

export interface DetailsSource {
  clusterName: string;
  group: string;
  state: GroupState | undefined;
  lag: GroupLag | undefined;
  error: string | undefined;
  history: readonly OffsetSample[];
}

export function groupDetails(s: DetailsSource): GroupDetails {
  const c = catchUp(s.history);
  const newest = s.history[s.history.length - 1];
  const details: GroupDetails = {
    clusterName: s.clusterName,
    group: s.group,
    state: s.state ?? 'Unknown',
    lag: newest && c.lag !== null ? c.lag.toString() : null,
    status: statusWords(c.status),
    statusKind: c.status.kind,
    consumeRate: formatRate(c.consumeRate),
    produceRate: formatRate(c.produceRate),
    series: lagSeries(s.history),
    topics: (s.lag?.topics ?? []).map((tl) => {
      const tc = catchUp(s.history, { scope: tl.partitions.map((p) => tpKey(p.topic, p.partition)) });
      return { topic: tl.topic, lag: tl.lag === null ? null : tl.lag.toString(), status: statusWords(tc.status) };
    }),
  };
  if (s.error) details.error = s.error;
  return details;
}
