/**
 * The tree's engine port over the real engine: each call takes the cluster's cached client from the
 * Services and the lazily loaded engine (see ../engine for why kafkajs loads on first use).
 */
import type { Services } from '../services';
import { loadEngine } from '../engine';
import type { TreeEnginePort } from './model';
import { TimeLagCache } from '../../core/timeLagCache';

export function kafkaEnginePort(services: Pick<Services, 'client'>): TreeEnginePort {
  const both = (clusterId: string) => Promise.all([loadEngine(), services.client(clusterId)]);
  // Each refresh reads next records only for partitions that moved since the last one. One cache per
  // client: a cluster whose settings changed gets a new client, and starts empty.
  const caches = new WeakMap<object, TimeLagCache>();
  const cacheFor = (client: object) => caches.get(client) ?? caches.set(client, new TimeLagCache()).get(client)!;
  return {
    async listGroups(clusterId) {
      const client = await services.client(clusterId);
      return client.listGroups();
    },
    async describeGroup(clusterId, groupId, o) {
      const [, client] = await both(clusterId);
      return client.describeGroup(groupId, o);
    },
    async groupLag(clusterId, groupId, o) {
      const [engine, client] = await both(clusterId);
      // With lag in time: the next record of each lagging partition ("42 min behind"), one Fetch per leader.
      return engine.groupLag(client, groupId, { ...o, timeLag: true, timeLagCache: cacheFor(client) });
    },
    async groupsLag(clusterId, o) {
      const [engine, client] = await both(clusterId);
      // Described here, batch by batch: the view's rows were shown from the listing alone, and a
      // description read with the lag is as fresh as it.
      const descriptions = await client.describeGroups(o.groups, { signal: o.signal });
      const entries = await engine.allGroupsLag(client, { descriptions, signal: o.signal, timeLag: true, timeLagCache: cacheFor(client) });
      const byId = new Map(descriptions.map((d) => [d.groupId, d]));
      return entries.map((e) => ({ ...e, description: byId.get(e.group.groupId) }));
    },
  };
}
