/**
 * The nodes of the "Consumer Groups" view (Cluster → Group → Topic → Partition, plus placeholders) and
 * the cache that gives each node id one object.
 *
 * Why a cache: VS Code matches onDidChangeTreeData events to the nodes it holds by object identity, so
 * "group g changed" must fire the very object getChildren() returned earlier. No vscode import.
 */

export interface ClusterNode {
  kind: 'cluster';
  id: string;
  clusterId: string;
}
export interface GroupNode {
  kind: 'group';
  id: string;
  clusterId: string;
  groupId: string;
}
export interface TopicNode {
  kind: 'topic';
  id: string;
  clusterId: string;
  groupId: string;
  topic: string;
}
export interface PartitionNode {
  kind: 'partition';
  id: string;
  clusterId: string;
  groupId: string;
  topic: string;
  partition: number;
}
/** A placeholder with a reason: an error (with Retry) or "nothing here". */
export interface MessageNode {
  kind: 'message';
  id: string;
  clusterId: string;
  groupId?: string;
  severity: 'error' | 'info';
  text: string;
}
/** A topic with committed offsets of the group that the cluster does not describe (deleted / unauthorized). */
export interface HiddenTopicNode {
  kind: 'hiddenTopic';
  id: string;
  clusterId: string;
  groupId: string;
  topic: string;
}
/** The last row of a cluster with more shown groups than the view hands VS Code at once: "Show 1,000 more". */
export interface MoreNode {
  kind: 'more';
  id: string;
  clusterId: string;
  /** Groups not shown yet. */
  hidden: number;
}
export type TreeNode = ClusterNode | GroupNode | TopicNode | PartitionNode | MessageNode | HiddenTopicNode | MoreNode;

/** One object per node id (JSON arrays, so no separator inside a group id or topic can collide). */
export class NodeCache {
  private readonly nodes = new Map<string, TreeNode>();

  private node<T extends TreeNode>(n: T): T {
    const existing = this.nodes.get(n.id);
    if (existing && existing.kind === n.kind) {
      // Message nodes with the same id may carry a new text: update in place, keep the identity.
      if (n.kind === 'message' || n.kind === 'more') Object.assign(existing, n);
      return existing as T;
    }
    this.nodes.set(n.id, n);
    return n;
  }

  cluster(clusterId: string): ClusterNode {
    return this.node({ kind: 'cluster', id: JSON.stringify(['c', clusterId]), clusterId });
  }

  group(clusterId: string, groupId: string): GroupNode {
    return this.node({ kind: 'group', id: JSON.stringify(['g', clusterId, groupId]), clusterId, groupId });
  }

  topic(clusterId: string, groupId: string, topic: string): TopicNode {
    return this.node({ kind: 'topic', id: JSON.stringify(['t', clusterId, groupId, topic]), clusterId, groupId, topic });
  }

  hiddenTopic(clusterId: string, groupId: string, topic: string): HiddenTopicNode {
    return this.node({ kind: 'hiddenTopic', id: JSON.stringify(['h', clusterId, groupId, topic]), clusterId, groupId, topic });
  }

  partition(clusterId: string, groupId: string, topic: string, partition: number): PartitionNode {
    return this.node({ kind: 'partition', id: JSON.stringify(['p', clusterId, groupId, topic, partition]), clusterId, groupId, topic, partition });
  }

  message(clusterId: string, groupId: string | undefined, severity: 'error' | 'info', text: string): MessageNode {
    return this.node({ kind: 'message', id: JSON.stringify(['m', clusterId, groupId ?? null]), clusterId, groupId, severity, text });
  }

  more(clusterId: string, hidden: number): MoreNode {
    return this.node({ kind: 'more', id: JSON.stringify(['more', clusterId]), clusterId, hidden });
  }

  clear(): void {
    this.nodes.clear();
  }
}
