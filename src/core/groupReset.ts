/**
 * Which engine a group's reset goes through, decided in one place from the group's type
 * (KIP-1043): share groups (KIP-932) move share-partition start offsets (shareReset.ts); classic,
 * consumer and streams groups commit offsets (reset.ts) — a streams group on the input topics named,
 * as kafka-streams-groups does. The plan carries the type, so applyPlan and the equivalent command
 * follow it without asking again.
 */
import type { GroupDescription, GroupType, Plan, ResetRequest, TopicPartitionRef } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import { planFromCluster } from './reset';
import { planShareReset } from './shareReset';
import { topicsOf } from './lag';

/** Plan a reset of the request's group, by its type (one DescribeGroups/…Describe first unless given). */
export async function planForGroup(client: KafkaEngine, request: ResetRequest, o: CallOptions & { now?: number; description?: GroupDescription; targetTimestamps?: boolean } = {}): Promise<Plan> {
  const d = o.description ?? (await client.describeGroup(request.group, o));
  if (d.groupType === 'share') return planShareReset(client, request, o);
  const plan = await planFromCluster(client, request, o);
  return d.groupType === 'streams' ? { ...plan, groupType: 'streams' } : plan;
}

/**
 * Whether an Empty group's offsets are worth watching for commits before a reset. Consumers with
 * manually assigned partitions commit without joining; share consumers cannot fetch without joining,
 * so an Empty share group has nobody moving its start offsets.
 */
export function watchesCommits(groupType: GroupType | undefined): boolean {
  return groupType !== 'share';
}

/** What a reset of this group type would overwrite: committed offsets, or share start offsets. */
export async function currentOffsets(client: KafkaEngine, group: string, partitions: TopicPartitionRef[], groupType: GroupType | undefined, o: CallOptions = {}): Promise<Map<string, bigint | null>> {
  if (groupType !== 'share') return client.committedOffsets(group, topicsOf(partitions), o);
  const starts = await client.shareStartOffsets(group, partitions, o);
  return new Map([...starts].map(([key, s]) => [key, s.startOffset]));
}
