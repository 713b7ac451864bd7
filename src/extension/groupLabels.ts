/**
 * How a group, its topics and its partitions read in the tree and the quick pick: state words and
 * icons, contextValues for menus, descriptions, Markdown tooltips, accessibility labels. Plain
 * strings and objects (no vscode import): tree/items.ts wraps them in TreeItems.
 */
import type { GroupDescription, GroupMember, GroupState, HiddenTopic, PartitionLag, TopicLag } from '../core/types';
import { formatCount } from '../core/numbers';
import { hasInvisible } from '../core/display';
import { plural, t } from './l10n';
import { code, md } from './markdown';

export type StateKind = 'stable' | 'empty' | 'rebalancing' | 'dead' | 'unknown';

export function stateKind(s: GroupState): StateKind {
  switch (s) {
    case 'Stable':
      return 'stable';
    case 'Empty':
      return 'empty';
    case 'Dead':
      return 'dead';
    case 'PreparingRebalance':
    case 'CompletingRebalance':
    case 'Assigning':
    case 'Reconciling':
    case 'NotReady': // a streams group whose internal topics are missing
      return 'rebalancing';
    default:
      return 'unknown';
  }
}

/** Menus match these with `viewItem =~ /^group:/` (any group) or `viewItem == group:empty`. */
export function groupContextValue(s: GroupState): string {
  return `group:${stateKind(s)}`;
}

export interface IconSpec {
  /** Codicon id. */
  id: string;
  /** Theme colour id, when the icon should stand out. */
  color?: string;
}

const STATE_ICONS: Record<StateKind, string> = {
  stable: 'pass',
  empty: 'circle-large-outline',
  rebalancing: 'sync',
  dead: 'circle-slash',
  unknown: 'question',
};

/**
 * A group with lag and nobody consuming is the case a debugging user is looking for: the same state
 * icon, in the warning colour.
 */
export function groupIcon(state: GroupState, lag: bigint | null | undefined, members: number | undefined): IconSpec {
  const id = STATE_ICONS[stateKind(state)];
  if (lag !== undefined && lag !== null && lag > 0n && (members ?? 0) === 0) return { id, color: 'problemsWarningIcon.foreground' };
  return { id };
}

export function stateLabel(s: GroupState): string {
  switch (stateKind(s)) {
    case 'stable':
      return t('stable');
    case 'empty':
      return t('empty');
    case 'rebalancing':
      return t('rebalancing');
    case 'dead':
      return t('dead');
    default:
      return t('unknown state');
  }
}

export interface GroupView {
  state: GroupState;
  /** undefined until the group's lag has been read; null when no partition has a committed offset. */
  lag?: bigint | null;
  members?: number;
  loading?: boolean;
  error?: string;
  /** Partitions the group reads (or has read) with no committed offset: their lag is not the whole story. */
  noCommit?: number;
  /** Catch-up status words ("catching up (~3 min)"), when worth a place in the row (tree/catchUpView.ts). */
  status?: string;
  /** "42 min behind" (tree/timeLagView.ts), when the next record is older than now. */
  behind?: string;
}

/** "lag 12,345 · 2 members", "lag 300 · 1 without commit · empty", "lag … · stable" while loading. */
export function groupDescription(g: GroupView): string {
  const parts: string[] = [];
  if (g.lag === null) parts.push(t('no commit'));
  else if (g.lag !== undefined) parts.push(t('lag {0}', formatCount(g.lag)));
  else if (g.error) parts.push(t('lag unavailable'));
  else parts.push(t('lag …'));
  // Right after the lag: a narrow side bar cuts the end of the row, and these matter most.
  if (g.behind) parts.push(g.behind);
  if (g.status) parts.push(g.status);
  // Some partitions without a commit (all of them is the 'no commit' above).
  if (g.noCommit && g.lag !== null) parts.push(t('{0} without commit', g.noCommit));
  if (g.members !== undefined && g.members > 0) parts.push(plural(g.members, '{0} member', '{0} members'));
  if (stateKind(g.state) !== 'stable' || g.members === undefined) parts.push(stateLabel(g.state));
  return parts.join(' · ');
}

export function memberText(m: GroupMember): string {
  return `${m.clientId || '?'} (${m.host || '?'})`;
}

/** "a (10.0.0.1), b (10.0.0.2) and 3 more" — for messages that must stay one line. */
export function membersText(members: GroupMember[], max = 5): string {
  const shown = members.slice(0, max).map(memberText).join(', ');
  return members.length > max ? t('{0} and {1} more', shown, members.length - max) : shown;
}

export function groupTooltip(
  groupId: string,
  state: GroupState,
  d: GroupDescription | undefined,
  lag: { lag: bigint | null; topics: number; noCommit?: number; /** Markdown line(s) on catch-up rates and status. */ catchUp?: string } | undefined,
  error?: string,
): string {
  const lines: string[] = [`**${md(groupId)}**`, ''];
  // The type (KIP-1043 words) only when it is not the classic kind every Kafka has: share and streams groups, KIP-848 consumer groups.
  const type = d?.groupType && d.groupType !== 'classic' ? ` · ${t('Type')}: ${d.groupType}` : '';
  lines.push(`${t('State')}: ${md(state)}${type}${d ? ` · ${t('Protocol')}: ${md(d.protocolType || t('none'))}${d.protocol ? ` / ${md(d.protocol)}` : ''}` : ''}`);
  if (lag) lines.push(`${t('Lag')}: ${lag.lag === null ? t('no commit') : formatCount(lag.lag)} · ${plural(lag.topics, '{0} topic', '{0} topics')}`);
  if (lag?.catchUp) lines.push(lag.catchUp);
  // A partition without a commit adds nothing to the lag, yet where the group starts there is decided by
  // its consumers' auto.offset.reset (earliest: everything is still to read): say so on the group.
  if (lag?.noCommit && lag.lag !== null)
    lines.push(
      `${t('Without commit')}: ${plural(lag.noCommit, '{0} partition', '{0} partitions')} — ${t('not counted in the lag; a consumer starts there at its auto.offset.reset (earliest or latest)')}`,
    );
  if (d) lines.push(`${t('Coordinator')}: ${t('broker {0}', d.coordinator.nodeId)} (${code(`${d.coordinator.host}:${d.coordinator.port}`)})`);
  if (error) lines.push(`${t('Error')}: ${md(error)}`);
  if (d) {
    lines.push('', d.members.length ? `${t('Members')} (${d.members.length}):` : t('No members: the group can be reset.'));
    const tooltipLines = lines.join('  \n');
    const memberLines = d.members.slice(0, 20).map((m) => {
      const parts = m.assignment.map((a) => `${a.topic}/${a.partition}`);
      const assigned = parts.length ? ` — ${md(parts.slice(0, 8).join(', '))}${parts.length > 8 ? ' …' : ''}` : '';
      return `- ${code(m.clientId || '?')} ${t('on')} ${code(m.host || '?')}${assigned}`;
    });
    if (d.members.length > 20) memberLines.push(`- ${t('… {0} more', d.members.length - 20)}`);
    return memberLines.length ? `${tooltipLines}\n\n${memberLines.join('\n')}` : tooltipLines;
  }
  return lines.join('  \n');
}

/**
 * A group's quick-pick description: its state, and a warning when the id holds invisible, bidi or
 * control characters (shown as escapes in the label), so a lookalike of a real group stands out.
 */
export function groupPickDescription(groupId: string, state: GroupState): string {
  return hasInvisible(groupId) ? `${stateLabel(state)} · ${t('id has hidden characters (shown as \\u escapes)')}` : stateLabel(state);
}

export function groupAccessibilityLabel(groupId: string, g: GroupView): string {
  return t('Consumer group {0}, {1}', groupId, groupDescription(g));
}

// Topics and partitions under a group

export function topicDescription(tl: TopicLag, behind?: string): string {
  const noCommit = tl.partitions.filter((p) => p.committed === null).length;
  // Every partition without a commit: "no commit", not "lag 0" (which reads as caught up).
  if (tl.lag === null) return [t('no commit'), plural(tl.partitions.length, '{0} partition', '{0} partitions')].join(' · ');
  const parts = [t('lag {0}', formatCount(tl.lag)), ...(behind ? [behind] : []), plural(tl.partitions.length, '{0} partition', '{0} partitions')];
  if (noCommit > 0) parts.push(t('{0} without commit', noCommit));
  return parts.join(' · ');
}

/**
 * A topic of the group (assigned to a member, or with committed offsets) that the cluster does not
 * describe to us: deleted, or no Describe permission. Shown under the group so it does not silently
 * vanish from the lag.
 */
export function hiddenTopicView(h: HiddenTopic): { label: string; description: string; tooltip: string } {
  const why = h.reason === 'deleted' ? t('does not exist') : h.reason === 'unauthorized' ? t('not authorized to describe') : t('Kafka cannot describe it ({0})', h.error ?? 'error');
  const lines = [
    h.reason === 'deleted'
      ? t('Topic {0} does not exist (deleted?), so its lag cannot be read.', md(h.topic))
      : h.reason === 'unauthorized'
        ? t('You are not authorized to describe topic {0} (needs Describe on the topic), so its lag cannot be read. It is not in the group total.', md(h.topic))
        : t('Kafka cannot describe topic {0} ({1}), so its lag cannot be read. It is not in the group total.', md(h.topic), h.error ?? 'error'),
  ];
  if (h.assignedTo.length) lines.push(t('Assigned to: {0}', h.assignedTo.map(md).join(', ')));
  if (h.committed.length) lines.push(t('Committed offsets: {0}', h.committed.map((c) => `p${c.partition} = ${formatCount(c.offset)}`).join(', ')));
  return { label: h.topic, description: `${why} · ${t('lag unknown')}`, tooltip: lines.join('\n\n') };
}

export function partitionLabel(p: { partition: number }): string {
  return `p${p.partition}`;
}

/** "1,200 / 1,500 · lag 300" (committed / log end) or "no commit". */
export function partitionDescription(p: PartitionLag, behind?: string): string {
  if (p.committed === null || p.lag === null) return t('no commit');
  // The transaction note ("caught up: 1 transaction marker") explains a lag that will never go.
  return [`${formatCount(p.committed)} / ${formatCount(p.logEnd)}`, t('lag {0}', formatCount(p.lag)), ...(behind ? [behind] : []), ...(p.note ? [p.note] : [])].join(' · ');
}

export function partitionTooltip(p: PartitionLag, more: string[] = []): string {
  const lines = [
    `**${md(p.topic)}** ${t('partition {0}', p.partition)}`,
    '',
    `${t('Committed offset')}: ${p.committed === null ? t('none (no commit)') : formatCount(p.committed)}`,
    `${t('Log-start offset')}: ${formatCount(p.logStart)}`,
    `${t('Log-end offset')}: ${formatCount(p.logEnd)}`,
    `${t('Lag')}: ${p.lag === null ? t('none') : formatCount(p.lag)}`,
    `${t('Owner')}: ${p.owner ? `${code(p.owner.clientId || '?')} ${t('on')} ${code(p.owner.host || '?')}` : t('no member assigned')}`,
    ...more,
  ];
  return lines.join('  \n');
}
