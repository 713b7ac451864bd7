/**
 * The Services implementation: configured clusters, their passwords (SecretStorage only), one cached
 * KafkaClient per cluster, and where undo snapshots go.
 *
 * Clients are created on first use, never in activate(): creating one loads kafkajs, and connecting
 * happens on the client's first request. They are dropped (and their sockets closed) whenever the
 * cluster settings, the request timeout or a cluster's password change, so the next request uses the
 * new configuration.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClusterConfig } from '../core/types';
import type { KafkaClient } from '../core';
import { KafkaOffsetsError } from '../core/errors';
import type { ClusterEntry, Services } from './services';
import type { OutputLogger } from './log';
import { loadEngine } from './engine';
import { ClusterSecrets } from './clusterSecrets';
import { SECTION, pinClusterIds, readClusters, requestTimeoutMs } from './settings';
import { notice } from './notice';

export class ClusterServices implements Services, vscode.Disposable {
  private entries: ClusterEntry[] = [];
  private implicitLocal = false;
  private readonly clients = new Map<string, Promise<KafkaClient>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly groupsChanged = new vscode.EventEmitter<{ clusterId?: string; group?: string }>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.groupsChanged];
  /** Fired after the cluster list or connection settings changed (clients already dropped). */
  readonly onDidChangeClusters = this.changed.event;
  /** Fired by refresh(): a command changed a group's offsets (or a cluster's groups); the tree reloads them. */
  readonly onDidChangeGroups = this.groupsChanged.event;

  private readonly trouble = new vscode.EventEmitter<{ clusterId: string; reason: string }>();
  /** A command could not reach a cluster (./clusterTrouble): the tree marks its row until it answers again. */
  readonly onDidHaveTrouble = this.trouble.event;
  reportTrouble(clusterId: string, reason: string): void {
    this.trouble.fire({ clusterId, reason });
  }

  /** What the tree already read of a group's lag (set by activate()): the palette's group picker shows it without reading Kafka again. */
  knownLag: (clusterId: string, groupId: string) => bigint | null | undefined = () => undefined;

  /** Passwords, keyed by the cluster's stable id and bound to the brokers they were saved for. */
  private readonly secrets: ClusterSecrets;
  private pinning = false;

  constructor(private readonly context: vscode.ExtensionContext, readonly log: OutputLogger) {
    this.secrets = new ClusterSecrets(context.secrets, askToSendPassword);
    this.load();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.clusters`) || e.affectsConfiguration(`${SECTION}.requestTimeoutMs`)) {
          this.load();
          this.log.info(vscode.l10n.t('Cluster settings changed: reconnecting on next use.'));
          void this.dropClients();
          this.changed.fire();
        }
      }),
      context.secrets.onDidChange((e) => {
        const m = /^cluster\/(.+)\/password$/.exec(e.key);
        if (m) void this.dropClients(m[1]);
      }),
    );
  }

  private load(): void {
    const s = readClusters();
    this.entries = s.clusters;
    this.implicitLocal = s.implicit;
    for (const p of s.problems) this.log.warn(p);
    if (s.pins.length && !this.pinning) void this.pinIds(s);
    void vscode.commands.executeCommand('setContext', 'kafkaOffsets.hasConfiguredClusters', !s.implicit);
  }

  clusters(): ClusterEntry[] {
    return this.entries;
  }

  /** True when no cluster is configured and the "Local" one stands in. */
  get implicit(): boolean {
    return this.implicitLocal;
  }

  cluster(clusterId: string): ClusterEntry {
    const c = this.entries.find((e) => e.id === clusterId);
    if (!c) throw new KafkaOffsetsError('not-found', vscode.l10n.t('Cluster "{0}" is not configured (any more).', clusterId));
    return c;
  }

  async clusterConfig(clusterId: string): Promise<ClusterConfig> {
    const c = this.cluster(clusterId);
    const config: ClusterConfig = {
      name: c.name,
      brokers: [...c.brokers],
      clientId: c.clientId ?? 'kafka-offsets-vscode',
      requestTimeoutMs: requestTimeoutMs(),
    };
    if (c.ssl) config.ssl = c.caFile ? { ca: await this.readCa(c) } : true;
    if (c.sasl) {
      const password = await this.secrets.forConnecting(
        c,
        () => new KafkaOffsetsError('authentication', vscode.l10n.t('The stored password of cluster "{0}" was not sent to {1}: it was saved for other brokers. Run "Kafka: Edit Cluster" to check the brokers and enter the password again.', c.name, c.brokers.join(', '))),
      );
      if (!password)
        throw new KafkaOffsetsError(
          'authentication',
          vscode.l10n.t('No password is stored for SASL user "{0}" of cluster "{1}". Run "Kafka: Edit Cluster" to enter it (it is kept in VS Code\'s SecretStorage only).', c.sasl.username, c.name),
        );
      this.log.addSecret(password);
      config.sasl = { mechanism: c.sasl.mechanism, username: c.sasl.username, password };
    }
    return config;
  }

  private async readCa(c: ClusterEntry): Promise<string> {
    const file = resolvePath(c.caFile!);
    if (file === undefined)
      throw new KafkaOffsetsError(
        'validation',
        vscode.l10n.t('The CA file "{0}" of cluster "{1}" is a relative path: give an absolute path (or ~/…). It is not looked up in the open workspace, which could supply a CA of its own.', c.caFile!, c.name),
      );
    try {
      return await fs.readFile(file, 'utf8');
    } catch (e) {
      throw new KafkaOffsetsError('validation', vscode.l10n.t('Cannot read the CA file of cluster "{0}" ({1}): {2}', c.name, file, (e as Error).message));
    }
  }

  client(clusterId: string): Promise<KafkaClient> {
    let p = this.clients.get(clusterId);
    if (!p) {
      let name: string;
      try {
        name = this.cluster(clusterId).name;
      } catch (e) {
        return Promise.reject(e);
      }
      p = (async () => {
        const [engine, config] = await Promise.all([loadEngine(), this.clusterConfig(clusterId)]);
        return new engine.KafkaClient(config, {
          // kafkajs's own lines are detail; our KafkaOffsetsError says what went wrong.
          log: (level, message) => this.log[level](`[${name}] ${message}`),
        });
      })();
      const created = p;
      this.clients.set(clusterId, created);
      // A failed creation (no password, unreadable CA file) must not be cached.
      created.catch(() => {
        if (this.clients.get(clusterId) === created) this.clients.delete(clusterId);
      });
    }
    return p;
  }

  /** Close and forget clients (one cluster's, or all). */
  async dropClients(clusterId?: string): Promise<void> {
    const ids = clusterId ? [clusterId] : [...this.clients.keys()];
    await Promise.all(
      ids.map(async (id) => {
        const p = this.clients.get(id);
        this.clients.delete(id);
        const client = await p?.catch(() => undefined);
        await client?.close().catch(() => undefined);
      }),
    );
  }

  snapshotDir(clusterId: string): string {
    return path.join(this.context.globalStorageUri.fsPath, 'snapshots', clusterId);
  }

  refresh(clusterId?: string, group?: string): void {
    this.groupsChanged.fire({ clusterId, group });
  }

  async getPassword(clusterId: string): Promise<string | undefined> {
    return this.secrets.peek(clusterId);
  }

  /** A password the user typed for these brokers. */
  async storePassword(clusterId: string, password: string, brokers: readonly string[]): Promise<void> {
    await this.secrets.save(clusterId, password, brokers);
  }

  /** The user kept the stored password and typed new brokers for it in Edit Cluster. */
  async rebindPassword(clusterId: string, brokers: readonly string[]): Promise<void> {
    await this.secrets.rebind(clusterId, brokers);
  }

  async deletePassword(clusterId: string): Promise<void> {
    await this.secrets.remove(clusterId);
  }

  /**
   * Once: clusters saved before ids were stored get their (name-derived) id written into settings, so
   * their password and snapshots no longer follow the name; their secrets are bound to their brokers
   * where that is unambiguous (clusterSecrets.ts).
   */
  private async pinIds(s: { clusters: ClusterEntry[]; pins: { index: number; id: string; sharedName: boolean }[] }): Promise<void> {
    this.pinning = true;
    try {
      await this.secrets.migrate(s.pins, s.clusters);
      if (await pinClusterIds(s.pins)) this.log.info(vscode.l10n.t('Stored an id with {0} cluster(s) in kafkaOffsets.clusters: their passwords and snapshots now follow that id, not the name.', s.pins.length));
    } catch (e) {
      this.log.warn(vscode.l10n.t('Could not store cluster ids in kafkaOffsets.clusters: {0}', (e as Error).message));
    } finally {
      this.pinning = false;
    }
  }

  dispose(): void {
    void this.dropClients();
    this.trouble.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * "~/certs/ca.pem" or an absolute path; undefined for a relative one. Never resolved against the open
 * workspace: a cloned repository must not be able to supply the CA that a cluster's TLS trusts.
 */
export function resolvePath(p: string): string | undefined {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return path.isAbsolute(p) ? p : undefined;
}

/** Asked before a stored password goes to brokers it was not saved for (clusterSecrets.ts). */
async function askToSendPassword(cluster: ClusterEntry, savedFor: string[] | undefined): Promise<boolean> {
  const send = vscode.l10n.t('Send Password');
  const choice = await vscode.window.showWarningMessage(
    notice(vscode.l10n.t('Send the stored password of cluster "{0}" to {1}?', cluster.name, cluster.brokers.join(', '))),
    {
      modal: true,
      detail: savedFor
        ? vscode.l10n.t('It was saved for {0}. The brokers of this cluster were changed outside "Kafka: Edit Cluster" since then (settings edited or synced). Send it only if you made that change.', savedFor.join(', '))
        : vscode.l10n.t('It was saved before Kafka Offsets recorded which brokers a password is for, and another cluster has the same name, so it may have been entered for that one. Send it only if these are the brokers you entered it for.'),
    },
    send,
  );
  return choice === send;
}
