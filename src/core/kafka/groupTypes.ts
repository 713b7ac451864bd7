/**
 * Share (KIP-932) and streams (KIP-1071) groups as the engine's plain GroupDescription: the classic
 * DescribeGroups calls them Dead with no members, so each type is described with its own API, and
 * its state kept in that type's own words. On brokers without the APIs (Kafka 3.x) nothing here
 * sends anything: those brokers have no such groups.
 */
import type { BrokerRef, GroupDescription, GroupState, GroupType, StreamsSubtopology, TopicPartitionRef } from '../types';
import type { KjsBroker } from './internals';
import * as wire from './wire';
import { listGroupsTyped, shareGroupDescribe, streamsGroupDescribe, WireShareGroup, WireStreamsGroup } from './groupTypesWire';

const STATES: GroupState[] = ['Empty', 'Stable', 'PreparingRebalance', 'CompletingRebalance', 'Dead', 'Assigning', 'Reconciling', 'NotReady'];
const BY_LOWER = new Map(STATES.map((s) => [s.toLowerCase().replace(/_/g, ''), s]));

/** A state word from any group API ('Stable', 'stable', 'NOT_READY', 'NotReady') in the engine's spelling. */
export function normalizeGroupState(s: string | undefined): GroupState {
  return (s && BY_LOWER.get(s.toLowerCase().replace(/_/g, ''))) || 'Unknown';
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  /** '' when the broker does not say (ListGroups < v5) and the protocol type does not tell either. */
  groupType: GroupType | '';
  /** The state the listing gave (ListGroups v4+, e.g. "Empty"); absent when it does not say. */
  state?: string;
}

/** The type of a listed group: v5 says it; before, the protocol type of share and streams groups does. */
export function typeOfListed(g: { protocolType: string; type?: string }): GroupType | '' {
  const t = (g.type ?? '').toLowerCase();
  if (t === 'classic' || t === 'consumer' || t === 'share' || t === 'streams') return t;
  if (g.protocolType === 'share' || g.protocolType === 'streams') return g.protocolType;
  return '';
}

/** ListGroups on one broker, with each group's type where the broker tells it (v5) or it follows. */
export async function listGroupsOn(broker: KjsBroker): Promise<{ errorCode: number; groups: ListedGroup[] }> {
  const typed = await listGroupsTyped(broker);
  if (typed) return { errorCode: typed.errorCode, groups: typed.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupType: typeOfListed(g), ...(g.state ? { state: g.state } : {}) })) };
  const lg = await wire.listGroups(broker);
  return { errorCode: lg.errorCode, groups: lg.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupType: typeOfListed(g) })) };
}

export function isShareOrStreams(t: GroupType | '' | undefined): t is 'share' | 'streams' {
  return t === 'share' || t === 'streams';
}

export function fromShareGroup(g: WireShareGroup, coordinator: BrokerRef): GroupDescription {
  return {
    groupId: g.groupId,
    state: normalizeGroupState(g.state),
    protocolType: 'share',
    protocol: g.assignor,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost.replace(/^\//, ''),
      assignment: m.assignment.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
    })),
    coordinator,
    groupType: 'share',
  };
}

/**
 * A streams member works on tasks (subtopology, partition); the partitions it reads are that
 * partition of each source topic of the subtopology, user and repartition topics alike.
 */
export function fromStreamsGroup(g: WireStreamsGroup, coordinator: BrokerRef): GroupDescription {
  const subtopologies: StreamsSubtopology[] = (g.subtopologies ?? []).map((s) => ({
    id: s.id,
    sourceTopics: s.sourceTopics,
    repartitionSourceTopics: s.repartitionSourceTopics,
    repartitionSinkTopics: s.repartitionSinkTopics,
    stateChangelogTopics: s.stateChangelogTopics,
  }));
  const byId = new Map(subtopologies.map((s) => [s.id, s]));
  return {
    groupId: g.groupId,
    state: normalizeGroupState(g.state),
    protocolType: 'streams',
    protocol: '',
    members: g.members.map((m) => {
      const assignment: TopicPartitionRef[] = [];
      for (const task of m.activeTasks) {
        const s = byId.get(task.subtopology);
        for (const topic of [...(s?.sourceTopics ?? []), ...(s?.repartitionSourceTopics ?? [])]) for (const partition of task.partitions) assignment.push({ topic, partition });
      }
      return {
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost.replace(/^\//, ''),
        assignment,
        activeTasks: m.activeTasks.flatMap((t) => t.partitions.map((p) => `${t.subtopology}_${p}`)),
      };
    }),
    coordinator,
    groupType: 'streams',
    subtopologies,
  };
}

/** GROUP_ID_NOT_FOUND (69): the API's "no such group of this type". */
const GROUP_ID_NOT_FOUND = 69;

/**
 * Describe share and streams groups listed on this coordinator, each with its own API. A group the
 * API does not find any more (deleted between listing and describing) is Dead.
 */
export async function describeTypedGroups(broker: KjsBroker, groups: ListedGroup[], coordinator: BrokerRef): Promise<GroupDescription[]> {
  const share = groups.filter((g) => g.groupType === 'share').map((g) => g.groupId);
  const streams = groups.filter((g) => g.groupType === 'streams').map((g) => g.groupId);
  const [sh, st] = await Promise.all([share.length ? shareGroupDescribe(broker, share) : null, streams.length ? streamsGroupDescribe(broker, streams) : null]);
  const out: GroupDescription[] = [];
  const add = (ids: string[], type: 'share' | 'streams', found: Map<string, GroupDescription>) => {
    for (const id of ids) out.push(found.get(id) ?? { groupId: id, state: 'Dead', protocolType: type, protocol: '', members: [], coordinator, groupType: type });
  };
  add(share, 'share', new Map((sh ?? []).filter((g) => g.errorCode === 0).map((g) => [g.groupId, fromShareGroup(g, coordinator)])));
  add(streams, 'streams', new Map((st ?? []).filter((g) => g.errorCode === 0).map((g) => [g.groupId, fromStreamsGroup(g, coordinator)])));
  return out;
}

/**
 * One group the classic and consumer APIs call Dead: a share or a streams group, or really no group.
 * Returns null for the last (or when the broker has neither API).
 */
export async function describeAsShareOrStreams(broker: KjsBroker, groupId: string, coordinator: BrokerRef): Promise<GroupDescription | null> {
  const share = await shareGroupDescribe(broker, [groupId]);
  const s = share?.find((g) => g.groupId === groupId);
  if (s && s.errorCode === 0) return fromShareGroup(s, coordinator);
  const streams = await streamsGroupDescribe(broker, [groupId]);
  const t = streams?.find((g) => g.groupId === groupId);
  if (t && t.errorCode === 0) return fromStreamsGroup(t, coordinator);
  return null;
}
