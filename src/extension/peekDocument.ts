/**
 * "Show Next Messages" on a partition or topic node: a read-only virtual document (a
 * TextDocumentContentProvider, scheme kafka-offsets-records) with the next records the group will
 * read. The URI's query names cluster, group, topic and partitions; the content is read when VS Code
 * asks for it (opening, or reopening the tab), never joining the group, never committing.
 */
import * as vscode from 'vscode';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { targetFromArg } from './targets';
import { peekText, type PeekPartition } from './peekText';
import { peek } from '../core/peek';

export const PEEK_SCHEME = 'kafka-offsets-records';
const PER_PARTITION = 10;
const PER_TOPIC_PARTITION = 3;

export interface PeekQuery {
  clusterId: string;
  group: string;
  topic: string;
  partitions: number[];
  count: number;
}

export function peekUri(q: PeekQuery): vscode.Uri {
  // The path is only the tab's title; the query holds what is read (a group id may contain '/').
  const title = `${q.group}-${q.topic}${q.partitions.length === 1 ? `-p${q.partitions[0]}` : ''}.txt`.replace(/[\\/?#%\u0000-\u001f]/g, '_');
  return vscode.Uri.from({ scheme: PEEK_SCHEME, path: `/${title}`, query: JSON.stringify(q) });
}

/** What a Show Next Messages document shows (undefined: not an address this extension wrote). */
export function peekQueryOf(uri: vscode.Uri): PeekQuery | undefined {
  try {
    const q = JSON.parse(uri.query) as PeekQuery;
    const ok =
      typeof q.clusterId === 'string' && typeof q.group === 'string' && typeof q.topic === 'string' && Array.isArray(q.partitions) &&
      q.partitions.every((p) => Number.isInteger(p) && p >= 0) && Number.isInteger(q.count) && q.count > 0 && q.count <= 100;
    return ok ? q : undefined;
  } catch {
    return undefined;
  }
}

class PeekProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly services: ClusterServices) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = peekQueryOf(uri);
    if (!q) return 'This document’s address is not one Kafka Offsets wrote; nothing was read.\n';
    const cluster = this.services.clusters().find((c) => c.id === q.clusterId);
    if (!cluster) return `Cluster "${q.clusterId}" is no longer configured; nothing was read.\n`;
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      const client = await this.services.client(q.clusterId);
      // The same read as `kafka-offsets peek --group` (core/peek.ts): committed offsets, then records.
      const peeked = await peek(client, { group: q.group, topic: q.topic, partitions: q.partitions, count: q.count }, { signal: abort.signal });
      const parts: PeekPartition[] = peeked.map((p) => ({ topic: p.topic, partition: p.partition, committed: p.committed ?? null, ...(p.read ? { read: p.read } : {}) }));
      return peekText(cluster.name, q.group, parts, q.count);
    } catch (e) {
      return `Could not read the next messages of group "${q.group}" on ${cluster.name}: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }
}

export function registerPeek(services: ClusterServices, partitionsOf: (clusterId: string, group: string, topic: string) => number[]): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(PEEK_SCHEME, new PeekProvider(services)),
    registerCommand(services.log, 'kafkaOffsets.showNextMessages', async (arg?: unknown) => {
      const target = targetFromArg(services, arg);
      if (!target.cluster || !target.group || !target.topic) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Show Next Messages works on a topic or partition of a group in the Consumer Groups view.'));
        return undefined;
      }
      const one = target.partition !== undefined && target.partition >= 0;
      const partitions = one ? [target.partition!] : partitionsOf(target.cluster.id, target.group, target.topic);
      const uri = peekUri({ clusterId: target.cluster.id, group: target.group, topic: target.topic, partitions, count: one ? PER_PARTITION : PER_TOPIC_PARTITION });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
      return uri;
    }),
  ];
}
