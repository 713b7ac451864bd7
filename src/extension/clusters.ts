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
import { passwordKey } from './format';
import { SECTION, readClusters, requestTimeoutMs } from './settings';

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

  constructor(private readonly context: vscode.ExtensionContext, readonly log: OutputLogger) {
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
      const password = await this.context.secrets.get(passwordKey(c.id));
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
    return this.context.secrets.get(passwordKey(clusterId));
  }

  async storePassword(clusterId: string, password: string): Promise<void> {
    await this.context.secrets.store(passwordKey(clusterId), password);
  }

  async deletePassword(clusterId: string): Promise<void> {
    await this.context.secrets.delete(passwordKey(clusterId));
  }

  dispose(): void {
    void this.dropClients();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** "~/certs/ca.pem" and paths relative to the first workspace folder, as users write them in settings. */
export function resolvePath(p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  if (path.isAbsolute(p)) return p;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? path.join(folder, p) : path.resolve(p);
}
