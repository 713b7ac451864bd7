/**
 * Reading groups on a connected cluster: every group with its members (ListGroups + DescribeGroups
 * per broker), one group's description on its coordinator, and committed offsets of many groups in
 * OffsetFetch v8 batches per coordinator. KafkaClient runs these under its deadline and error mapping.
 */
import type { BrokerRef, GroupDescription, GroupListing, GroupState, GroupType } from '../types';
import { KafkaOffsetsError } from '../errors';
import { mapLimit } from '../deadline';
import type { KjsBroker, KjsCluster } from './internals';
import type { Connection } from './connection';
import type { Coordinators } from './coordinators';
import * as wire from './wire';
import { listGroupsOn, describeTypedGroups, describeAsShareOrStreams, isShareOrStreams, normalizeGroupState, typeOfListed, type ListedGroup } from './groupTypes';
import { listGroupsTyped } from './groupTypesWire';
import { fromClassicGroup, fromConsumerGroup, normalizeState, offsetsOf, toMember } from './groupShapes';
import { KafkaCode, codeInfo, isNotCoordinator } from './codes';

/** Brokers asked at once when every broker must answer (listing groups, batched offset reads). */
const BROKERS_AT_ONCE = 8;
/** Groups per OffsetFetch v8 request: bounded so one answer stays a few hundred KB at most. */
const GROUPS_PER_OFFSET_FETCH = 100;
/** Groups per DescribeGroups / ConsumerGroupDescribe: each request stays small and well inside its deadline. */
const GROUPS_PER_DESCRIBE = 1000;
/** Requests in flight at once to one broker when a job is split in many (bounded: never flood a coordinator). */
const IN_FLIGHT_PER_BROKER = 4;

/**
 * Every group with its members: each broker lists the groups it coordinates (one ListGroups) and
 * describes them in DescribeGroups of up to 1,000 groups, a few in flight per broker.
 */
export async function describeAllOn(conn: Connection, coords: Coordinators, c: KjsCluster): Promise<GroupDescription[]> {
  // getNodeIds() returns the broker pool's object keys: strings.
  const nodeIds = c.getNodeIds().map(Number);
  const perBroker = await mapLimit(nodeIds, BROKERS_AT_ONCE, async (nodeId) => {
    const broker = await conn.broker(c, nodeId);
    // Each group with its type (ListGroups v5, KIP-1043); share and streams groups are described
    // with their own APIs (groupTypes.ts), classic and consumer groups below.
    const listed = await listGroupsOn(broker);
    if (listed.errorCode !== KafkaCode.NONE) throw new KafkaOffsetsError('kafka', `Broker ${broker.brokerAddress} could not list groups: ${codeInfo(listed.errorCode).type}.`);
    if (listed.groups.length === 0) return [];
    for (const g of listed.groups) coords.remember(g.groupId, nodeId);
    return describeListedOn(broker, listed.groups, conn.brokerRef(c, nodeId));
  });
  return perBroker.flat().sort((a, b) => byLocale.compare(a.groupId, b.groupId));
}

/**
 * Groups one broker coordinates, described: share and streams groups with their own APIs
 * (groupTypes.ts), classic and KIP-848 groups in DescribeGroups of up to 1,000 groups, a few in
 * flight. `stale` receives the groups the broker says it no longer coordinates (they moved).
 */
async function describeListedOn(broker: KjsBroker, listed: ListedGroup[], coordinator: BrokerRef, stale?: string[]): Promise<GroupDescription[]> {
  const typed = await describeTypedGroups(broker, listed.filter((g) => isShareOrStreams(g.groupType)), coordinator);
  const classic = listed.filter((g) => !isShareOrStreams(g.groupType));
  if (classic.length === 0) return typed;
  const protocolOf = new Map(classic.map((g) => [g.groupId, g.protocolType]));
  // A classic group listed Empty has no members, and DescribeGroups names no protocol outside Stable:
  // its description is its listing, without a request (most groups of a large cluster; as describeManyOn).
  const toDescribe = classic.filter((g) => !listedEmptyClassic(g));
  // In chunks, a few in flight: 50,000 groups in one request would be one multi-megabyte answer
  // that a loaded broker may not give within one request's deadline.
  const chunks: string[][] = [];
  for (let i = 0; i < toDescribe.length; i += GROUPS_PER_DESCRIBE) chunks.push(toDescribe.slice(i, i + GROUPS_PER_DESCRIBE).map((g) => g.groupId));
  const described = new Map<string, wire.WireGroup>();
  const modernById = new Map<string, wire.WireConsumerGroup>();
  await mapLimit(chunks, IN_FLIGHT_PER_BROKER, async (ids) => {
    for (const d of await wire.describeGroups(broker, ids)) described.set(d.groupId, d);
    // Classic DescribeGroups reports KIP-848 groups as Dead: ask again with ConsumerGroupDescribe.
    const modern = ids.filter((id) => described.get(id)?.state === 'Dead' && protocolOf.get(id) === 'consumer');
    const modernDescribed = modern.length ? await wire.consumerGroupDescribe(broker, modern) : null;
    for (const m of modernDescribed ?? []) if (m.errorCode === KafkaCode.NONE) modernById.set(m.groupId, m);
  });
  const out = [...typed];
  for (const g of classic) {
    if (listedEmptyClassic(g)) {
      out.push({ groupId: g.groupId, state: 'Empty', protocolType: g.protocolType, protocol: '', members: [], coordinator, groupType: 'classic' });
      continue;
    }
    const d = described.get(g.groupId);
    if (stale && d && isNotCoordinator(d.errorCode)) stale.push(g.groupId);
    else {
      const m = modernById.get(g.groupId);
      out.push(m ? fromConsumerGroup(m, coordinator) : fromClassicGroup(g, d, coordinator));
    }
  }
  return out;
}

/** A classic group that its listing says is Empty: no members, no protocol; nothing to ask DescribeGroups. */
function listedEmptyClassic(g: { state?: string; groupType?: GroupType | '' }): boolean {
  return g.state === 'Empty' && g.groupType === 'classic';
}

/**
 * Some listed groups, described (the tree, batch by batch after a listing): routed by the
 * coordinators the listing remembered (else looked up in batches), so N groups cost one
 * DescribeGroups per coordinator per 1,000 groups, not a description of the whole cluster (and none
 * for a classic group listed Empty). A group
 * that moved is described on its own on its new coordinator; one whose coordinator cannot be found
 * is 'Unknown' with no members (its lag read then names why).
 */
export async function describeManyOn(conn: Connection, coords: Coordinators, c: KjsCluster, groups: GroupListing[]): Promise<{ described: GroupDescription[]; moved: string[] }> {
  const byNode = new Map<number, ListedGroup[]>();
  const described: GroupDescription[] = [];
  const listedOf = (g: GroupListing): ListedGroup => ({ groupId: g.groupId, protocolType: g.protocolType, groupType: g.groupType ?? typeOfListed(g) });
  const found = await coords.lookupMany(c, groups.map((g) => g.groupId));
  for (const g of groups) {
    const nodeId = found.get(g.groupId);
    if (typeof nodeId !== 'number') {
      described.push(fromClassicGroup(listedOf(g), undefined, { nodeId: -1, host: '', port: 0 }));
      continue;
    }
    // A classic group listed Empty has no members, and DescribeGroups names no protocol outside
    // Stable: its description is its listing, without a request (most groups of a large cluster).
    if (listedEmptyClassic(g)) {
      described.push({ groupId: g.groupId, state: 'Empty', protocolType: g.protocolType, protocol: '', members: [], coordinator: conn.brokerRef(c, nodeId), groupType: 'classic' });
      continue;
    }
    const list = byNode.get(nodeId);
    if (list) list.push(listedOf(g));
    else byNode.set(nodeId, [listedOf(g)]);
  }
  const moved: string[] = [];
  await mapLimit([...byNode], BROKERS_AT_ONCE, async ([nodeId, listed]) => {
    described.push(...(await describeListedOn(await conn.broker(c, nodeId), listed, conn.brokerRef(c, nodeId), moved)));
  });
  return { described, moved };
}

/**
 * Every group with its type and state from ListGroups alone (v5, KIP-1043: one request per broker and
 * no DescribeGroups): 50,000 groups in one answer of about 2 MB. null when a broker is older than
 * Kafka 4.0 (ListGroups without types): then describeAllOn tells a KIP-848 group from a classic one.
 */
export async function listAllOn(conn: Connection, coords: Coordinators, c: KjsCluster): Promise<GroupListing[] | null> {
  const nodeIds = c.getNodeIds().map(Number);
  const perBroker = await mapLimit(nodeIds, BROKERS_AT_ONCE, async (nodeId) => {
    const broker = await conn.broker(c, nodeId);
    const listed = await listGroupsTyped(broker);
    if (!listed || listed.version < 5) return null;
    if (listed.errorCode !== KafkaCode.NONE) throw new KafkaOffsetsError('kafka', `Broker ${broker.brokerAddress} could not list groups: ${codeInfo(listed.errorCode).type}.`);
    return listed.groups.map((g): GroupListing => {
      coords.remember(g.groupId, nodeId);
      const groupType = typeOfListed(g) || 'classic';
      return { groupId: g.groupId, state: listedState(groupType, g.state), protocolType: g.protocolType, groupType };
    });
  });
  if (perBroker.some((x) => x === null)) return null;
  return (perBroker as GroupListing[][]).flat().sort((a, b) => byLocale.compare(a.groupId, b.groupId));
}

/** A listed state as the describe APIs give it (a KIP-848 group's NOT_READY is shown Empty, as fromConsumerGroup does). */
function listedState(type: string, state: string): GroupState {
  const s = normalizeGroupState(state);
  return type === 'consumer' && s === 'NotReady' ? 'Empty' : s;
}

/** One group on its coordinator, whichever protocol it speaks (classic, KIP-848, share, streams). */
export async function describeOneOn(conn: Connection, coords: Coordinators, c: KjsCluster, groupId: string): Promise<GroupDescription> {
  const [g] = await coords.on(c, groupId, (b) => wire.describeGroups(b, [groupId]), (r) => isNotCoordinator(r[0]?.errorCode));
  if (!g) throw new KafkaOffsetsError('kafka', `Kafka returned no description for group "${groupId}".`);
  if (g.errorCode !== KafkaCode.NONE) {
    if (g.errorCode === KafkaCode.GROUP_AUTHORIZATION_FAILED) throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (needs Describe on the group).`);
    throw new KafkaOffsetsError('kafka', `Could not describe group "${groupId}": ${codeInfo(g.errorCode).type}.`);
  }
  const nodeId = Number(coords.known(groupId)!);
  const coordinator = conn.brokerRef(c, nodeId);
  if (g.state === 'Dead') {
    // Dead in the classic protocol: either no such group, or a KIP-848 group the classic API cannot see.
    const modern = await wire.consumerGroupDescribe(await conn.broker(c, nodeId), [groupId]);
    const m = modern?.find((x) => x.groupId === groupId && x.errorCode === KafkaCode.NONE);
    if (m) return fromConsumerGroup(m, coordinator);
    // …or a share or streams group (Kafka 4), each with its own describe API.
    const typed = await describeAsShareOrStreams(await conn.broker(c, nodeId), groupId, coordinator);
    if (typed) return typed;
  }
  return {
    groupId,
    state: normalizeState(g.state),
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members.map((m) => toMember(m, g.protocolType)),
    coordinator,
    groupType: 'classic',
  };
}

/** The order localeCompare gives, without its per-call set-up (a second or more for 50,000 ids). */
const byLocale = new Intl.Collator();

export type OffsetsOrError = Map<string, bigint | null> | KafkaOffsetsError;

/**
 * Committed offsets (every topic) of many groups in OffsetFetch v8 batches per coordinator. Each
 * group's answer or own failure is set in `out`; the groups whose coordinator moved, or whose
 * coordinator is older than Kafka 3.0, are returned for the per-group path.
 */
export async function committedOffsetsBatchedOn(
  conn: Connection,
  coords: Coordinators,
  c: KjsCluster,
  groupIds: string[],
  out: Map<string, OffsetsOrError>,
): Promise<string[]> {
  const settle = (groupId: string, fn: () => Map<string, bigint | null>) => {
    try {
      out.set(groupId, fn());
    } catch (e) {
      if (!(e instanceof KafkaOffsetsError)) throw e;
      out.set(groupId, e);
    }
  };
  const retry: string[] = [];
  const byCoordinator = new Map<number, string[]>();
  // Known from the group listing on this client, else looked up in batches (and then cached).
  for (const [groupId, found] of await coords.lookupMany(c, groupIds)) {
    if (found instanceof KafkaOffsetsError) {
      out.set(groupId, found);
      continue;
    }
    const ids = byCoordinator.get(found);
    if (ids) ids.push(groupId);
    else byCoordinator.set(found, [groupId]);
  }
  await mapLimit([...byCoordinator], BROKERS_AT_ONCE, async ([nodeId, ids]) => {
    const broker = await conn.broker(c, nodeId);
    if (!wire.supportsOffsetFetchGroups(broker)) {
      retry.push(...ids);
      return;
    }
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += GROUPS_PER_OFFSET_FETCH) chunks.push(ids.slice(i, i + GROUPS_PER_OFFSET_FETCH));
    await mapLimit(chunks, IN_FLIGHT_PER_BROKER, async (chunk) => {
      const res = await wire.offsetFetchGroups(broker, chunk);
      for (const groupId of chunk) {
        const r = res.get(groupId);
        if (!r || isNotCoordinator(r.errorCode)) retry.push(groupId);
        else settle(groupId, () => offsetsOf(groupId, r));
      }
    });
  });
  return retry;
}
