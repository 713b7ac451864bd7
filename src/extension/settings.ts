/**
 * The `kafkaOffsets.*` settings, read in one place so defaults and bounds live next to each other.
 * Settings hold only non-secret cluster configuration; passwords are in SecretStorage (clusters.ts).
 */
import * as vscode from 'vscode';
import type { ClusterEntry } from './services';
import { LOCAL_CLUSTER, clusterToSetting, parseClusterSettings, type IdPin } from './clusterSettings';

export const SECTION = 'kafkaOffsets';

const config = () => vscode.workspace.getConfiguration(SECTION);

function boundedNumber(key: string, fallback: number, min: number, max: number): number {
  const v = config().get<number>(key);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

export interface ClusterSettings {
  clusters: ClusterEntry[];
  /** True when nothing is configured and the implicit "Local" cluster stands in. */
  implicit: boolean;
  /** Entries that were skipped, as sentences for the log. */
  problems: string[];
  /** Entries without a stored id: given one now, to be written once (pinClusterIds). */
  pins: IdPin[];
}

export function readClusters(): ClusterSettings {
  const raw = config().get<unknown>('clusters');
  const { clusters, problems, pins } = parseClusterSettings(raw);
  if (Array.isArray(raw) && raw.some((c) => c && typeof c === 'object' && 'password' in c))
    problems.push(vscode.l10n.t('A "password" in kafkaOffsets.clusters is ignored: passwords are kept in SecretStorage only. Remove it from your settings and use "Kafka: Edit Cluster".'));
  if (clusters.length === 0 && (raw === undefined || (Array.isArray(raw) && raw.length === 0)))
    return { clusters: [{ ...LOCAL_CLUSTER, brokers: [...LOCAL_CLUSTER.brokers] }], implicit: true, problems, pins };
  return { clusters, implicit: false, problems, pins };
}

/**
 * Writes the ids of `pins` into the user (machine) settings' cluster entries, touching nothing else in
 * them (an entry the extension skipped stays as the user wrote it). Only when the clusters in effect are
 * those of the user settings; false when nothing was written.
 */
export async function pinClusterIds(pins: IdPin[]): Promise<boolean> {
  const raw = config().inspect<unknown>('clusters')?.globalValue;
  if (!Array.isArray(raw) || JSON.stringify(raw) !== JSON.stringify(config().get<unknown>('clusters'))) return false;
  const next = raw.map((item, i) => {
    const pin = pins.find((p) => p.index === i);
    if (!pin || !item || typeof item !== 'object' || Array.isArray(item)) return item;
    const { id: _replaced, ...rest } = item as Record<string, unknown>; // missing, invalid or a duplicate
    return { id: pin.id, ...rest };
  });
  await config().update('clusters', next, vscode.ConfigurationTarget.Global);
  return true;
}

/**
 * Clusters live in user (machine) settings only — the setting is machine-scoped in package.json, so a
 * cloned repository's .vscode/settings.json cannot point a cluster name, and with it the password
 * stored for that name, at a broker of its choosing.
 */
export async function writeClusters(clusters: ClusterEntry[]): Promise<void> {
  await config().update('clusters', clusters.map(clusterToSetting), vscode.ConfigurationTarget.Global);
}

export function requestTimeoutMs(): number {
  return boundedNumber('requestTimeoutMs', 10_000, 1_000, 300_000);
}

export function waitForEmptySeconds(): number {
  return boundedNumber('waitForEmptySeconds', 60, 1, 3_600);
}

/** 0 = off. At least 5 s when on: a shorter period would keep a busy cluster permanently loading. */
export function autoRefreshSeconds(): number {
  const v = boundedNumber('autoRefreshSeconds', 10, 0, 86_400);
  return v === 0 ? 0 : Math.max(5, v);
}

export function groupFilter(): string {
  const v = config().get<string>('groupFilter');
  return typeof v === 'string' ? v : '';
}

/** How the view orders groups: 'name' (default), 'lag' (largest first) or 'timeLag' (longest behind first). */
export function groupSort(): 'name' | 'lag' | 'timeLag' {
  const v = config().get<string>('groupSort');
  return v === 'lag' || v === 'timeLag' ? v : 'name';
}

export function onlyGroupsWithLag(): boolean {
  return config().get<boolean>('onlyGroupsWithLag') === true;
}

/** A view toggle: saved where the user keeps it (workspace if set there, else user settings). */
export async function setViewSetting(key: 'groupSort' | 'onlyGroupsWithLag', value: string | boolean): Promise<void> {
  const i = config().inspect(key);
  const target = i?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config().update(key, value, target);
}

export async function setGroupFilter(value: string): Promise<void> {
  const i = config().inspect('groupFilter');
  const target = i?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config().update('groupFilter', value || undefined, target);
}
