/**
 * Offsets in and out of the cluster, besides the reset flow itself: Undo Last Reset (from the
 * snapshots every reset leaves), Export Offsets (kafka-consumer-groups CSV of a group's committed
 * offsets) and Import Plan (such a CSV → preview → the same confirm-and-apply as any reset).
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { CsvPlanRow, ResetResult } from '../core/types';
import { KafkaOffsetsError } from '../core/errors';
import { formatCsvPlan, parseCsvPlan } from '../core/csv';
import { listSnapshots, loadSnapshot } from '../core/snapshot';
import { byTopicThenPartition } from '../core/tp';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { partitionsText } from './l10n';
import { pickText } from './markdown';
import { loadEngine } from './engine';
import { BACK, pick } from './quickInput';
import { confirmAndApply, confirmAndUndo } from './resetFlow';
import { preview } from './resetCommands';
import { needCluster, needGroup, pickGroup, targetFromArg } from './targets';
import { notice } from './notice';

export function registerOffsetsCommands(services: ClusterServices): vscode.Disposable[] {
  const log = services.log;
  return [
    registerCommand(log, 'kafkaOffsets.undoLastReset', (arg?: unknown) => undoLastReset(services, arg)),
    registerCommand(log, 'kafkaOffsets.exportOffsets', (arg?: unknown) => exportOffsets(services, arg)),
    registerCommand(log, 'kafkaOffsets.importPlan', (arg?: unknown) => importPlan(services, arg)),
  ];
}

/**
 * The newest snapshot of the cluster (of the group, when started from a group node; or the exact
 * file, when started from the "Undo" button after a reset), restored under the reset's safety rules.
 */
async function undoLastReset(services: ClusterServices, arg: unknown): Promise<ResetResult | undefined> {
  const target = targetFromArg(services, arg);
  const cluster = await needCluster(services, target, vscode.l10n.t('Undo Last Reset'));
  if (!cluster) return undefined;
  const dir = services.snapshotDir(cluster.id);
  const requested = typeof (arg as { snapshotFile?: unknown } | undefined)?.snapshotFile === 'string' ? (arg as { snapshotFile: string }).snapshotFile : undefined;
  let file: string | undefined;
  if (requested) {
    // Only files of this cluster's snapshot folder: the argument may come from anywhere.
    if (path.dirname(path.resolve(requested)) !== path.resolve(dir)) throw new KafkaOffsetsError('validation', vscode.l10n.t('{0} is not a snapshot of cluster "{1}".', requested, cluster.name));
    file = requested;
  } else {
    const files = listSnapshots(dir);
    file = target.group ? files.find((p) => snapshotGroup(p) === target.group) : files[0];
  }
  if (!file) {
    void vscode.window.showInformationMessage(
      notice(target.group
        ? vscode.l10n.t('No reset of group "{0}" on "{1}" to undo: no snapshot found.', target.group, cluster.name)
        : vscode.l10n.t('No reset on "{0}" to undo: no snapshot found.', cluster.name)),
    );
    return undefined;
  }
  const snap = loadSnapshot(file);
  services.log.info(vscode.l10n.t('Undo requested: snapshot {0} of group "{1}" ({2}).', file, snap.group, snap.reason));
  return confirmAndUndo(services, cluster, file, snap);
}

function snapshotGroup(file: string): string | undefined {
  try {
    return loadSnapshot(file).group;
  } catch {
    return undefined;
  }
}

/** The group's committed offsets as kafka-consumer-groups CSV (`topic,partition,offset`). */
async function exportOffsets(services: ClusterServices, arg: unknown): Promise<vscode.Uri | undefined> {
  const chosen = await needGroup(services, targetFromArg(services, arg), vscode.l10n.t('Export Offsets'));
  if (!chosen) return undefined;
  const { cluster, group } = chosen;
  const client = await services.client(cluster.id);
  const committed = await client.committedOffsets(group, null);
  const rows = [...committed]
    .filter((e): e is [string, bigint] => e[1] !== null)
    .map(([key, offset]) => {
      const i = key.lastIndexOf(':');
      return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)), offset };
    })
    .sort(byTopicThenPartition);
  if (rows.length === 0) {
    void vscode.window.showInformationMessage(notice(vscode.l10n.t('Group "{0}" has no committed offsets to export.', group)));
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const safe = group.replace(/[^a-zA-Z0-9._-]+/g, '_');
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export offsets of group "{0}"', group),
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${safe}-offsets.csv`) : undefined,
    filters: { CSV: ['csv'] },
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(formatCsvPlan(rows), 'utf8'));
  services.log.info(vscode.l10n.t('Exported {0} committed offsets of group "{1}" on {2} to {3}.', rows.length, group, cluster.name, uri.fsPath));
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(notice(vscode.l10n.t('Exported {0} offsets of group "{1}".', rows.length, group)), open).then((c) => {
    if (c === open) void vscode.window.showTextDocument(uri);
  });
  return uri;
}

/** CSV plan file → group → plan from fresh offsets → preview → confirm and apply. */
async function importPlan(services: ClusterServices, arg: unknown): Promise<ResetResult | undefined> {
  const target = targetFromArg(services, arg);
  const title = vscode.l10n.t('Import Plan');
  const files = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('CSV plan (topic,partition,offset or group,topic,partition,offset)'),
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { CSV: ['csv', 'txt'], [vscode.l10n.t('All files')]: ['*'] },
  });
  if (!files?.length) return undefined;
  const text = Buffer.from(await vscode.workspace.fs.readFile(files[0])).toString('utf8');
  const parsed = parseCsvPlan(text);
  if (!parsed.ok) throw new KafkaOffsetsError('validation', vscode.l10n.t('{0} is not a usable plan: {1}', files[0].fsPath, parsed.errors.slice(0, 5).join(' ')));

  const cluster = await needCluster(services, target, title);
  if (!cluster) return undefined;

  // The file may name its group(s); otherwise the group comes from the node or a pick.
  const named = [...new Set(parsed.rows.map((r) => r.group).filter((g): g is string => g !== undefined))];
  let group = target.group;
  if (named.length === 1) group = named[0];
  else if (named.length > 1) {
    const r = await pick({ title, placeholder: vscode.l10n.t('The file has several groups: which one?'), items: named.map((g) => ({ label: pickText(g), group: g })) });
    if (!r || r === BACK) return undefined;
    group = r.group;
  }
  if (target.group && group !== target.group) {
    throw new KafkaOffsetsError('validation', vscode.l10n.t('The file is for group "{0}", not "{1}".', group!, target.group));
  }
  if (!group) {
    const g = await pickGroup(services, cluster, { title, allowNew: true });
    if (!g || g === BACK) return undefined;
    group = g;
  }
  const rows: CsvPlanRow[] = parsed.rows.filter((r) => r.group === undefined || r.group === group).map(({ topic, partition, offset }) => ({ topic, partition, offset }));
  const request = { group, topic: '', partition: -1, spec: { kind: 'csv' as const, rows } };

  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading offsets of group "{0}"…', group) },
    () => engine.planFromCluster(client, request),
  );
  services.log.info(vscode.l10n.t('Imported a plan of {0} for group "{1}" from {2}.', partitionsText(rows.length), group, files[0].fsPath));
  const step = await preview(cluster, plan, { title: vscode.l10n.t('Import Plan — {0}', group), back: false });
  if (step !== 'next') return undefined;
  return confirmAndApply(services, cluster, request, plan);
}
