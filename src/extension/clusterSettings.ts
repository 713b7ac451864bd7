/**
 * Clusters: the kafkaOffsets.clusters setting → ClusterEntry (and back), ids, the SecretStorage key of
 * a password, and a cluster's label in the tree. Settings are user-edited JSON: anything may be missing
 * or wrong, and one bad entry must not hide the good ones. No vscode import (unit-tested).
 */
import type { ClusterEntry } from './services';
import type { SaslMechanism } from '../core/types';
import { visible } from '../core/display';
import { brokerProblem } from '../core/brokers';
import { t } from './l10n';
import { code, md } from './markdown';

export const LOCAL_CLUSTER: ClusterEntry = Object.freeze({ id: 'local', name: 'Local', brokers: ['localhost:9092'] }) as ClusterEntry;

export const SASL_MECHANISMS: SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/** SecretStorage key of a cluster's SASL password (the only place a password ever lives). */
export function passwordKey(clusterId: string): string {
  return `cluster/${clusterId}/password`;
}

/**
 * An id from the display name, for clusters saved before ids were stored in settings (and as the
 * readable start of new ids). Pinned in settings once, so it never follows a renamed or reordered list.
 */
export function clusterIdFromName(name: string): string {
  const id = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64);
  return id || 'cluster';
}

/** "host:port, host2:port" → list; refuses what would only fail later as "unreachable". */
export function parseBrokers(input: unknown): { ok: true; brokers: string[] } | { ok: false; error: string } {
  const items = (Array.isArray(input) ? input : typeof input === 'string' ? input.split(/[,\s]+/) : [])
    .map((b) => (typeof b === 'string' ? b.trim() : ''))
    .filter((b) => b !== '');
  if (items.length === 0) return { ok: false, error: t('Give at least one bootstrap broker as host:port, e.g. localhost:9092.') };
  for (const b of items) {
    const problem = brokerProblem(b);
    if (problem === 'not-host-port') return { ok: false, error: t('"{0}" is not host:port (e.g. broker1.example.com:9092).', visible(b)) };
    if (problem) return { ok: false, error: t('"{0}": port {1} is out of range.', visible(b), b.slice(b.lastIndexOf(':') + 1)) };
  }
  return { ok: true, brokers: [...new Set(items)] };
}

const CLUSTER_ID = /^[a-zA-Z0-9._-]{1,80}$/;

/** One cluster entry of the settings that had no stored id and was given one now (to be stored once). */
export interface IdPin {
  /** Index in the raw settings array. */
  index: number;
  id: string;
  /** Another entry has the same name: a name-keyed secret cannot be told apart, so it is not trusted. */
  sharedName: boolean;
}

/** A new cluster's id: readable, and unique without looking at the others (SecretStorage key, snapshot folder). */
export function newClusterId(name: string, randomHex: string): string {
  return `${clusterIdFromName(name).slice(0, 40)}-${randomHex}`;
}

/**
 * The `kafkaOffsets.clusters` setting as ClusterEntry objects. An entry's `id` (stored in settings) is
 * its identity: its password and snapshot folder are keyed by it. Entries without one (saved before ids
 * were stored, or written by hand) get an id derived from the name, unique among all ("prod", "prod-2"),
 * and are listed in `pins` so the caller can store it once (see clusterSecrets.ts).
 */
export function parseClusterSettings(raw: unknown): { clusters: ClusterEntry[]; problems: string[]; pins: IdPin[] } {
  const clusters: ClusterEntry[] = [];
  const problems: string[] = [];
  const pins: IdPin[] = [];
  if (raw === undefined || raw === null) return { clusters, problems, pins };
  if (!Array.isArray(raw)) return { clusters, problems: [t('kafkaOffsets.clusters must be a list of clusters.')], pins };
  // Stored ids first, so a derived id never takes one that belongs to another entry.
  const used = new Set<string>();
  const stored = raw.map((item) => {
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string' || !CLUSTER_ID.test(id) || used.has(id)) return undefined;
    used.add(id);
    return id;
  });
  const nameOf = (item: unknown): string | undefined => {
    const n = item && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
    return typeof n === 'string' && n.trim() ? clusterIdFromName(n) : undefined;
  };
  raw.forEach((item, i) => {
    const where = t('kafkaOffsets.clusters[{0}]', i);
    if (typeof item !== 'object' || item === null) {
      problems.push(t('{0} is not an object.', where));
      return;
    }
    const o = item as Record<string, unknown>;
    const brokers = parseBrokers(o.brokers);
    if (!brokers.ok) {
      problems.push(`${where}: ${brokers.error}`);
      return;
    }
    const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim() : brokers.brokers.join(',');
    let id = stored[i];
    if (id === undefined) {
      id = clusterIdFromName(name);
      for (let n = 2; used.has(id); n++) id = `${clusterIdFromName(name)}-${n}`;
      used.add(id);
      const key = nameOf(item);
      pins.push({ index: i, id, sharedName: raw.some((other, j) => j !== i && key !== undefined && nameOf(other) === key) });
    }
    const entry: ClusterEntry = { id, name, brokers: brokers.brokers };
    if (typeof o.clientId === 'string' && o.clientId.trim()) entry.clientId = o.clientId.trim();
    if (o.ssl === true) entry.ssl = true;
    if (typeof o.caFile === 'string' && o.caFile.trim()) {
      entry.ssl = true;
      entry.caFile = o.caFile.trim();
    }
    if (o.sasl !== undefined && o.sasl !== null) {
      const s = o.sasl as Record<string, unknown>;
      const mechanism = typeof s.mechanism === 'string' ? s.mechanism.toLowerCase() : '';
      if (!SASL_MECHANISMS.includes(mechanism as SaslMechanism) || typeof s.username !== 'string' || !s.username) {
        problems.push(t('{0}: sasl needs a mechanism (plain, scram-sha-256, scram-sha-512) and a username; the password goes in SecretStorage (Kafka: Edit Cluster).', where));
        return;
      }
      entry.sasl = { mechanism: mechanism as SaslMechanism, username: s.username };
    }
    if (o.protected === true) entry.protected = true;
    clusters.push(entry);
  });
  return { clusters, problems, pins };
}

/** ClusterEntry → the JSON stored in settings (never a password: there is no field for one). */
export function clusterToSetting(c: ClusterEntry): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    brokers: [...c.brokers],
    ...(c.clientId ? { clientId: c.clientId } : {}),
    ...(c.ssl ? { ssl: true } : {}),
    ...(c.caFile ? { caFile: c.caFile } : {}),
    ...(c.sasl ? { sasl: { mechanism: c.sasl.mechanism, username: c.sasl.username } } : {}),
    ...(c.protected ? { protected: true } : {}),
  };
}

export function clusterDescription(c: ClusterEntry): string {
  return c.brokers.join(', ');
}

export function clusterTooltip(c: ClusterEntry, implicit: boolean): string {
  const lines = [`**${md(c.name)}**`, '', `${t('Brokers')}: ${c.brokers.map(code).join(', ')}`];
  lines.push(`${t('Security')}: ${c.ssl ? t('TLS') : t('plaintext')}${c.caFile ? ` (${t('CA')} ${code(c.caFile)})` : ''}${c.sasl ? ` · SASL ${c.sasl.mechanism.toUpperCase()} ${t('as')} ${code(c.sasl.username)}` : ''}`);
  if (c.protected) lines.push(t('Protected: resets require typing the group id.'));
  if (implicit) lines.push('', t('No cluster is configured: this is the default local broker. Use "Add Cluster" to configure yours.'));
  return lines.join('  \n');
}
