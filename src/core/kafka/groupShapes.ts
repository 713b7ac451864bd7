/**
 * Group answers from the wire as the engine's plain data: states in the engine's spelling, members
 * with decoded assignments, KIP-848 descriptions, and one group's OffsetFetch answer as offsets or
 * the sentence saying why not. Pure functions; share and streams groups are in groupTypes.ts.
 */
import type { BrokerRef, GroupDescription, GroupMember, GroupState, GroupType, TopicPartitionRef } from '../types';
import { KafkaOffsetsError } from '../errors';
import { tpKey } from '../tp';
import { MemberAssignment } from './internals';
import type * as wire from './wire';
import { KafkaCode, codeInfo } from './codes';

const KNOWN_STATES = new Set(['Empty', 'Stable', 'PreparingRebalance', 'CompletingRebalance', 'Dead', 'Assigning', 'Reconciling']);

/** A classic or consumer group state as sent, or 'Unknown' for a word this engine does not know. */
export function normalizeState(s: string | undefined): GroupState {
  return s && KNOWN_STATES.has(s) ? (s as GroupState) : 'Unknown';
}

/** KIP-848 group states are the same words; the broker may send them lower-case. */
export function fromConsumerGroup(m: wire.WireConsumerGroup, coordinator: BrokerRef): GroupDescription {
  const state = m.state.charAt(0).toUpperCase() + m.state.slice(1).toLowerCase();
  return {
    groupId: m.groupId,
    state: normalizeState(state === 'Not_ready' ? 'Empty' : state),
    protocolType: 'consumer',
    protocol: m.assignor,
    members: m.members.map((x) => ({ memberId: x.memberId, clientId: x.clientId, host: x.clientHost.replace(/^\//, ''), assignment: x.assignment })),
    coordinator,
    groupType: 'consumer',
  };
}

export function toMember(m: wire.WireGroup['members'][number], protocolType: string): GroupMember {
  const assignment: TopicPartitionRef[] = [];
  if (protocolType === 'consumer' && m.memberAssignment && m.memberAssignment.length > 0) {
    try {
      const decoded = MemberAssignment.decode(m.memberAssignment);
      for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
        for (const partition of partitions) assignment.push({ topic, partition });
      }
    } catch {
      // An assignment we cannot decode (a custom assignor's format) just shows no partitions.
    }
  }
  return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost.replace(/^\//, ''), assignment };
}

/** A classic DescribeGroups answer as a description ('Unknown' with no members when it carries an error). */
export function fromClassicGroup(
  listed: { groupId: string; protocolType: string; groupType?: GroupType | '' },
  d: wire.WireGroup | undefined,
  coordinator: BrokerRef,
): GroupDescription {
  const ok = d && d.errorCode === KafkaCode.NONE;
  return {
    groupId: listed.groupId,
    state: ok ? normalizeState(d.state) : 'Unknown',
    protocolType: listed.protocolType,
    protocol: ok ? d.protocol : '',
    members: ok ? d.members.map((m) => toMember(m, d.protocolType)) : [],
    coordinator,
    ...(listed.groupType ? { groupType: listed.groupType } : {}),
  };
}

/** One group's OffsetFetch answer as topic:partition → offset (null: no committed offset), or why not. */
export function offsetsOf(groupId: string, res: { errorCode: number; partitions: wire.WirePartitionOffset[] }): Map<string, bigint | null> {
  if (res.errorCode !== KafkaCode.NONE) {
    if (res.errorCode === KafkaCode.GROUP_AUTHORIZATION_FAILED) throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (needs Describe on the group).`);
    throw new KafkaOffsetsError('kafka', `Could not read offsets of group "${groupId}": ${codeInfo(res.errorCode).type}.`);
  }
  const out = new Map<string, bigint | null>();
  for (const p of res.partitions) {
    if (p.errorCode !== KafkaCode.NONE) {
      if (p.errorCode === KafkaCode.TOPIC_AUTHORIZATION_FAILED) throw new KafkaOffsetsError('authorization', `Not authorized on topic "${p.topic}" (needs Describe on the topic).`);
      if (p.errorCode === KafkaCode.UNKNOWN_TOPIC_OR_PARTITION) {
        out.set(tpKey(p.topic, p.partition), null);
        continue;
      }
      throw new KafkaOffsetsError('kafka', `Could not read the offset of group "${groupId}" on "${p.topic}" partition ${p.partition}: ${codeInfo(p.errorCode).type}.`);
    }
    out.set(tpKey(p.topic, p.partition), p.offset < 0n ? null : p.offset);
  }
  return out;
}
