/**
 * What a command is about — cluster, group, topic, partition — taken from the tree node it was invoked
 * on, from a plain argument object (other commands, tests), or asked for with quick picks.
 */
import * as vscode from 'vscode';
import type { GroupListing } from '../core/types';
import { validateGroupId } from '../core/validate';
import type { ClusterEntry } from './services';
import type { ClusterServices } from './clusters';
import type { TreeNode } from './tree/nodes';
import { BACK, type Back, pick, type StepInfo } from './quickInput';
import { clusterDescription } from './clusterSettings';
import { groupIcon, groupPickDescription } from './groupLabels';
import { pickText } from './markdown';
import { formatCount } from '../core/numbers';

export interface Target {
  cluster?: ClusterEntry;
  group?: string;
  topic?: string;
  /** -1 or undefined = all partitions. */
  partition?: number;
}

/** Plain arguments accepted by every command besides tree nodes (e.g. from the Undo button, or tests). */
export interface TargetArg {
  clusterId?: string;
  group?: string;
  topic?: string;
  partition?: number;
}

export function targetFromArg(services: ClusterServices, arg: unknown): Target {
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Partial<TreeNode> & TargetArg & { groupId?: string };
  const clusterId = typeof a.clusterId === 'string' ? a.clusterId : undefined;
  const cluster = clusterId ? services.cluster(clusterId) : undefined;
  const group = typeof a.groupId === 'string' ? a.groupId : typeof a.group === 'string' ? a.group : undefined;
  const topic = typeof a.topic === 'string' ? a.topic : undefined;
  const partition = typeof a.partition === 'number' && Number.isInteger(a.partition) ? a.partition : undefined;
  return { cluster, group, topic, partition };
}

/** The only cluster, or a quick pick. */
export async function pickCluster(services: ClusterServices, info: StepInfo): Promise<ClusterEntry | Back | undefined> {
  const clusters = services.clusters();
  if (clusters.length === 1) return clusters[0];
  const r = await pick({
    ...info,
    placeholder: vscode.l10n.t('Cluster'),
    items: clusters.map((c) => ({ label: pickText(c.name), description: pickText(clusterDescription(c)), iconPath: new vscode.ThemeIcon('server-environment'), cluster: c })),
  });
  return r === undefined || r === BACK ? r : r.cluster;
}

type GroupItem = vscode.QuickPickItem & { groupId: string };

/** Groups of the cluster with their state; a typed id that is not listed can be used too (a new group). */
export async function pickGroup(services: ClusterServices, cluster: ClusterEntry, info: StepInfo & { allowNew?: boolean; active?: string }): Promise<string | Back | undefined> {
  const items: Promise<GroupItem[]> = services.client(cluster.id).then(async (client) => {
    const groups: GroupListing[] = await client.listGroups();
    return groups.map((g) => ({
      label: pickText(g.groupId),
      description: withLag(services.knownLag(cluster.id, g.groupId), groupPickDescription(g.groupId, g.state)),
      iconPath: new vscode.ThemeIcon(groupIcon(g.state, undefined, undefined).id),
      groupId: g.groupId,
    }));
  });
  const r = await pick<GroupItem>({
    ...info,
    placeholder: info.allowNew ? vscode.l10n.t('Consumer group (or type a new group id)') : vscode.l10n.t('Consumer group'),
    items,
    active: info.active ? (i) => i.groupId === info.active : undefined,
    custom: info.allowNew
      ? (value, listed) => {
          if (!value || listed.some((i) => i.groupId === value) || validateGroupId(value)) return undefined;
          return { label: pickText(value), description: vscode.l10n.t('new group: no committed offsets yet'), iconPath: new vscode.ThemeIcon('add'), groupId: value, alwaysShow: true };
        }
      : undefined,
  });
  return r === undefined || r === BACK ? r : r.groupId;
}

/** "Empty · lag 1,234" (or "· no commit") when the tree has read the group's lag; the state alone otherwise. */
function withLag(lag: bigint | null | undefined, state: string): string {
  if (lag === undefined) return state;
  return `${state} · ${lag === null ? vscode.l10n.t('no commit') : vscode.l10n.t('lag {0}', formatCount(lag))}`;
}

/** Cluster and group, from the target or asked for. undefined = the user cancelled. */
export async function needGroup(services: ClusterServices, target: Target, title: string): Promise<{ cluster: ClusterEntry; group: string } | undefined> {
  let cluster = target.cluster;
  if (!cluster) {
    const c = await pickCluster(services, { title });
    if (!c || c === BACK) return undefined;
    cluster = c;
  }
  let group = target.group;
  if (!group) {
    const g = await pickGroup(services, cluster, { title });
    if (!g || g === BACK) return undefined;
    group = g;
  }
  return { cluster, group };
}

export async function needCluster(services: ClusterServices, target: Target, title: string): Promise<ClusterEntry | undefined> {
  if (target.cluster) return target.cluster;
  const c = await pickCluster(services, { title });
  return !c || c === BACK ? undefined : c;
}
