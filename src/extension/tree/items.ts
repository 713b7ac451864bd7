/**
 * What each node of the view shows, as plain data: label, description, Markdown tooltip text, icon,
 * contextValue (what the menus match on), accessibility label, click command. No vscode import: the
 * provider turns an ItemSpec into a TreeItem in one place, and node:test can check these directly.
 */
import type { GroupType, HiddenTopic, PartitionLag, TopicLag } from '../../core/types';
import type { ClusterEntry } from '../services';
import { type GroupView, type IconSpec, groupAccessibilityLabel, groupContextValue, groupDescription, groupIcon, groupTooltip, hiddenTopicView, partitionDescription, partitionLabel, partitionTooltip, topicDescription } from '../groupLabels';
import { clusterDescription, clusterTooltip } from '../clusterSettings';
import { md } from '../markdown';
import { t } from '../l10n';
import { visible } from '../../core/display';
import { formatCount } from '../../core/numbers';
import type { ClusterNode, GroupNode, HiddenTopicNode, MessageNode, MoreNode, PartitionNode, TopicNode, TreeNode } from './nodes';
import type { GroupModel } from './model';
import { catchUpOf, rowStatus, tooltipLine } from './catchUpView';
import { behindText, partitionTimeLines } from './timeLagView';
import { LAG_MARK_SCHEME, groupLabel, lagMark, withoutPrefix } from './lagMark';
import { changeArrow, changeTooltipLine, changeWords, lagChange } from './changeMark';
import { topicScope } from './model';

export interface ItemSpec {
  label: string;
  id: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  description?: string;
  /** Markdown text (untrusted content already escaped), or plain text. */
  tooltip?: { markdown: string } | string;
  icon?: IconSpec;
  contextValue?: string;
  accessibilityLabel?: string;
  command?: { command: string; title: string; arguments: unknown[] };
  /** Only for a FileDecoration (./lagMark): `scheme:/mark`. */
  resourceUri?: string;
}

/** Where the items read what they show (the store and the cluster settings). */
export interface ItemSource {
  clusterEntry(clusterId: string): ClusterEntry | undefined;
  clusterCount(): number;
  implicit(): boolean;
  clusterFailed(clusterId: string): boolean;
  /** Why the cluster failed (its listing, or a command that could not reach it), if it did. */
  clusterError?(clusterId: string): string | undefined;
  /** The start all shown group ids of the cluster share (./lagMark sharedPrefix), '' if none. */
  sharedPrefix?(clusterId: string): string;
  group(clusterId: string, groupId: string): Readonly<GroupModel> | undefined;
}

export function itemFor(el: TreeNode, src: ItemSource, o: { groupTooltip?: boolean } = {}): ItemSpec {
  switch (el.kind) {
    case 'cluster':
      return clusterItem(el, src);
    case 'group':
      return groupItem(el, src.group(el.clusterId, el.groupId), src.sharedPrefix?.(el.clusterId) ?? '', o.groupTooltip ?? true);
    case 'topic':
      {
      const g = src.group(el.clusterId, el.groupId);
      const tl = g?.lag?.topics.find((x) => x.topic === el.topic);
      const change = tl && lagChange(g?.history, topicScope(tl.topic, tl.partitions));
      return topicItem(el, tl, g?.listing.groupType, change && changeArrow(change));
    }
    case 'partition':
      {
      const g = src.group(el.clusterId, el.groupId);
      return partitionItem(el, partitionOf(g, el), g?.listing.groupType);
    }
    case 'message':
      return messageItem(el);
    case 'hiddenTopic':
      return hiddenTopicItem(el, src.group(el.clusterId, el.groupId)?.lag?.hiddenTopics?.find((x) => x.topic === el.topic));
    case 'more':
      return moreItem(el);
  }
}

/** The last row of a long cluster: more rows on request; the filter is the quicker way to one group. */
export function moreItem(el: MoreNode): ItemSpec {
  const next = Math.min(el.hidden, GROUPS_PER_PAGE);
  const label = t('Show {0} more groups', formatCount(next));
  const description = t('{0} not shown · Filter Groups finds any', formatCount(el.hidden));
  return {
    label,
    id: el.id,
    collapsible: 'none',
    description,
    icon: { id: 'ellipsis' },
    contextValue: 'more',
    tooltip: t('The view lists groups {0} at a time: thousands of rows at once keep VS Code busy for seconds. Every group\'s lag is read either way.', formatCount(GROUPS_PER_PAGE)),
    accessibilityLabel: `${label}, ${description}`,
    command: { command: 'kafkaOffsets.showMoreGroups', title: label, arguments: [el.clusterId] },
  };
}

/** Group rows handed to VS Code per cluster at first, and added by each "Show more". */
export const GROUPS_PER_PAGE = 500;

function partitionOf(g: Readonly<GroupModel> | undefined, el: PartitionNode): PartitionLag | undefined {
  return g?.lag?.topics.find((tl) => tl.topic === el.topic)?.partitions.find((p) => p.partition === el.partition);
}

export function clusterItem(el: ClusterNode, src: ItemSource): ItemSpec {
  const c = src.clusterEntry(el.clusterId);
  const item: ItemSpec = { label: c?.name ?? el.clusterId, id: el.id, collapsible: src.clusterCount() === 1 ? 'expanded' : 'collapsed' };
  if (c) {
    const prefix = src.sharedPrefix?.(el.clusterId);
    item.description = clusterDescription(c) + (prefix ? ` · ${prefix}…` : '');
    const error = src.clusterError?.(el.clusterId);
    item.tooltip = { markdown: clusterTooltip(c, src.implicit()) + (error ? `\n\n${t('Failed: {0}', md(error))}` : '') };
  }
  item.icon = src.clusterFailed(el.clusterId) ? { id: 'debug-disconnect', color: 'problemsErrorIcon.foreground' } : { id: 'server-environment' };
  item.contextValue = src.implicit() ? 'cluster:implicit' : 'cluster';
  item.accessibilityLabel = t('Kafka cluster {0}, brokers {1}', c?.name ?? el.clusterId, c ? clusterDescription(c) : '');
  return item;
}

/** `withTooltip` false: the view asks for it on hover (provider.resolveTreeItem). */
export function groupItem(el: GroupNode, g: Readonly<GroupModel> | undefined, prefix = '', withTooltip = true): ItemSpec {
  // Labels are plain text, but a bidi override or an invisible character in an id would still reorder or
  // hide part of it: show them as escapes, like every other sink (core/display.ts).
  const item: ItemSpec = { label: visible(el.groupId), id: el.id, collapsible: 'collapsed' };
  if (!g) return item;
  const noCommit = g.lag?.topics.reduce((n, tl) => n + tl.partitions.filter((p) => p.committed === null).length, 0);
  const progress = g.lag ? catchUpOf(g.history) : undefined;
  const view: GroupView = {
    state: g.listing.state,
    lag: g.lag?.lag,
    members: g.description?.members.length,
    loading: !!g.loading,
    error: g.error,
    noCommit,
    status: progress && rowStatus(progress),
    behind: behindText(g.lag?.timeLagMs),
  };
  const change = g.lag ? lagChange(g.history) : undefined;
  item.label = groupLabel(withoutPrefix(item.label, prefix), g.lag?.lag, change && changeArrow(change));
  const mark = lagMark(g.lag?.lag, g.description?.members.length, progress?.status.kind === 'stalled');
  if (mark) item.resourceUri = `${LAG_MARK_SCHEME}:/${mark}`;
  item.description = groupDescription(view);
  item.icon = groupIcon(g.listing.state, g.lag?.lag, g.description?.members.length);
  if (withTooltip) item.tooltip = {
    markdown: groupTooltip(
      el.groupId,
      g.listing.state,
      g.description,
      g.lag ? { lag: g.lag.lag, topics: g.lag.topics.length, noCommit, catchUp: progress && tooltipLine(progress) } : undefined,
      g.error,
    ) + (change ? `\n\n${changeTooltipLine(change)}` : ''),
  };
  item.contextValue = groupContextValue(g.listing.state);
  item.accessibilityLabel = groupAccessibilityLabel(visible(el.groupId), view) + (change ? `, ${changeWords(change)}` : '');
  return item;
}

/** `change` is the marker of what changed since the last refresh ("↑20", ./changeMark), shown after the lag. */
export function topicItem(el: TopicNode, tl: TopicLag | undefined, groupType?: GroupType, change?: string): ItemSpec {
  // A share group's topic also offers "Delete Share Offsets" (package.json menus match topic:share).
  const item: ItemSpec = { label: visible(el.topic), id: el.id, collapsible: 'collapsed', icon: { id: 'layers' }, contextValue: groupType === 'share' ? 'topic:share' : 'topic' };
  if (tl) {
    // topicDescription puts its second argument right after the lag: the marker, then the time behind.
    const afterLag = [change, behindText(tl.timeLagMs)].filter(Boolean).join(' · ');
    item.description = topicDescription(tl, afterLag || undefined);
    item.accessibilityLabel = t('Topic {0}, {1}', visible(el.topic), item.description);
  }
  return item;
}

export function partitionItem(el: PartitionNode, p: PartitionLag | undefined, groupType?: GroupType): ItemSpec {
  // A share group's partition has no committed offset to delete: "Delete Committed Offsets…" matches
  // only `partition` (package.json menus); the share group's topic offers "Delete Share Offsets".
  const item: ItemSpec = { label: partitionLabel(el), id: el.id, collapsible: 'none', contextValue: groupType === 'share' ? 'partition:share' : 'partition' };
  if (p) {
    item.description = partitionDescription(p, behindText(p.timeLagMs));
    item.tooltip = { markdown: partitionTooltip(p, partitionTimeLines(p)) };
    item.icon = { id: p.committed === null ? 'circle-small' : 'symbol-field' };
    item.accessibilityLabel = t('Partition {0} of {1}, {2}', el.partition, el.topic, item.description);
  }
  return item;
}

export function hiddenTopicItem(el: HiddenTopicNode, h: HiddenTopic | undefined): ItemSpec {
  const item: ItemSpec = {
    label: visible(el.topic),
    id: el.id,
    collapsible: 'none',
    icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
    contextValue: 'hiddenTopic',
  };
  if (h) {
    const v = hiddenTopicView(h);
    item.description = v.description;
    item.tooltip = { markdown: v.tooltip };
    item.accessibilityLabel = t('Topic {0}, {1}', el.topic, v.description);
  }
  return item;
}

export function messageItem(el: MessageNode): ItemSpec {
  const item: ItemSpec = { label: el.text, id: el.id, collapsible: 'none' };
  if (el.severity === 'error') {
    item.icon = { id: 'error', color: 'problemsErrorIcon.foreground' };
    item.contextValue = 'error';
    item.tooltip = { markdown: `${md(el.text)}\n\n${t('Click to retry.')}` };
    // Clicking the reason retries, so the keyboard path is as short as the inline Retry button.
    item.command = { command: 'kafkaOffsets.refresh', title: t('Retry'), arguments: [el] };
  } else {
    item.icon = { id: 'info' };
    item.contextValue = 'info';
    item.tooltip = el.text;
  }
  return item;
}
