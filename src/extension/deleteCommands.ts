/**
 * "Delete Committed Offsets…" on a consumer group's topic or partition (OffsetDelete) and "Delete
 * Group…" on a consumer group (DeleteGroups). Both: a preview of what goes (committed offsets and lag
 * now), refused while the group has members (named, with "Wait until empty" and a fresh preview after), a modal confirmation (protected clusters: type the
 * group id), a snapshot first, read-back, the output channel, and a notification whose Undo recommits
 * the offsets — recreating a deleted group. The rules themselves are the engine's (core/deletePlan.ts).
 */
import * as vscode from 'vscode';
import type { DeletePlan, DeleteResult, DeleteRow } from '../core/deletePlan';
import type { GroupDescription } from '../core/types';
import { KafkaOffsetsError } from '../core/errors';
import { formatCount } from '../core/numbers';
import { visible } from '../core/display';
import type { ClusterEntry } from './services';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { loadEngine } from './engine';
import { BACK, pick } from './quickInput';
import { targetFromArg } from './targets';
import * as prompts from './prompts';
import { notice } from './notice';
import { showOutcome } from './outcomeNotice';
import { pruneSnapshots } from './resetFlow';
import { membersDetail, membersTitle, waitProgress, withCancel } from './waitEmpty';
import { waitForEmptySeconds } from './settings';

export function registerDeleteCommands(services: ClusterServices): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'kafkaOffsets.deleteOffsets', (arg?: unknown) => deleteCommittedOffsets(services, arg)),
    registerCommand(services.log, 'kafkaOffsets.deleteGroup', (arg?: unknown) => deleteGroup(services, arg)),
  ];
}

const partitions = (n: number) => (n === 1 ? vscode.l10n.t('1 partition') : vscode.l10n.t('{0} partitions', n));
const num = (v: bigint | null) => (v === null ? vscode.l10n.t('none') : formatCount(v));

/** From a topic or partition node of a consumer group (or { clusterId, group, topic, partition? }). */
export async function deleteCommittedOffsets(services: ClusterServices, arg: unknown): Promise<DeleteResult | undefined> {
  const t = targetFromArg(services, arg);
  if (!t.cluster || !t.group || !t.topic)
    throw new KafkaOffsetsError('validation', vscode.l10n.t('Delete Committed Offsets works on a topic or partition of a consumer group: run it from the Consumer Groups view.'));
  const { cluster, group, topic } = t as Required<Pick<typeof t, 'cluster' | 'group' | 'topic'>>;
  const one = t.partition !== undefined && t.partition >= 0;
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const replan = () => engine.planDeleteOffsets(client, { group, topics: [{ topic, ...(one ? { partitions: [t.partition!] } : {}) }] });
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the committed offsets of group "{0}"…', visible(group)) },
    replan,
  );
  const where = one ? vscode.l10n.t('{0} partition {1}', topic, t.partition!) : topic;
  return run(services, cluster, plan, {
    title: vscode.l10n.t('Delete Committed Offsets — {0} on {1}', visible(group), cluster.name),
    go: vscode.l10n.t('Delete the committed offsets of {0}…', partitions(withCommit(plan))),
    message: vscode.l10n.t('Delete the committed offsets of group "{0}" on {1} (cluster "{2}")?', group, where, cluster.name),
    effect: vscode.l10n.t('Its consumers start these partitions again from auto.offset.reset (latest unless they configure earliest). Other topics and partitions keep their offsets.'),
    button: vscode.l10n.t('Delete Offsets'),
    done: (n) => vscode.l10n.t('Deleted the committed offsets of {0} of group "{1}".', partitions(n), group),
    log: vscode.l10n.t('delete of the committed offsets on {0}', where),
  }, replan);
}

/** From a consumer group node (or { clusterId, group }). */
export async function deleteGroup(services: ClusterServices, arg: unknown): Promise<DeleteResult | undefined> {
  const t = targetFromArg(services, arg);
  if (!t.cluster || !t.group) throw new KafkaOffsetsError('validation', vscode.l10n.t('Delete Group works on a consumer group: run it from the Consumer Groups view.'));
  const { cluster, group } = t as Required<Pick<typeof t, 'cluster' | 'group'>>;
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading group "{0}"…', visible(group)) },
    () => engine.planDeleteGroup(client, group),
  );
  const replan = () => engine.planDeleteGroup(client, group);
  const n = withCommit(plan);
  return run(services, cluster, plan, {
    title: vscode.l10n.t('Delete Group — {0} on {1}', visible(group), cluster.name),
    go: n ? vscode.l10n.t('Delete group "{0}" and the committed offsets of {1}…', visible(group), partitions(n)) : vscode.l10n.t('Delete group "{0}" (it has no committed offsets)…', visible(group)),
    message: vscode.l10n.t('Delete group "{0}" on cluster "{1}"?', group, cluster.name),
    effect: n
      ? vscode.l10n.t('The group and all its committed offsets are deleted; if its consumers start again they begin from auto.offset.reset.')
      : vscode.l10n.t('The group has no committed offsets: nothing is saved, and there is nothing to undo.'),
    button: vscode.l10n.t('Delete Group'),
    done: () => vscode.l10n.t('Deleted group "{0}" ({1} with committed offsets).', group, partitions(n)),
    log: vscode.l10n.t('delete of group "{0}"', group),
  }, replan);
}

interface Texts {
  title: string;
  go: string;
  message: string;
  effect: string;
  button: string;
  done(applied: number): string;
  log: string;
}

const withCommit = (plan: DeletePlan) => plan.rows.filter((r) => r.committed !== null).length;

function rowLine(r: DeleteRow): string {
  return `${r.topic}/${r.partition}: ${num(r.committed)}${r.lag !== null ? ` (${vscode.l10n.t('lag {0}', formatCount(r.lag))})` : ''} → ${vscode.l10n.t('none')}`;
}

async function run(services: ClusterServices, cluster: ClusterEntry, planned: DeletePlan, texts: Texts, replan: () => Promise<DeletePlan>): Promise<DeleteResult | undefined> {
  const log = services.log;
  const engine = await loadEngine();
  let plan = planned;
  let refusal = engine.deleteRefusal(plan.description, plan.kind);
  if (refusal?.kind === 'group-not-empty') {
    // As for a reset: name the members, offer to wait for them to leave, then preview again from fresh offsets.
    log.warn(refusal.message);
    if (!(await waitedUntilEmpty(services, cluster, plan.description))) return cancelled(services, cluster, plan);
    plan = await replan();
    refusal = engine.deleteRefusal(plan.description, plan.kind);
  }
  if (refusal) {
    log.warn(refusal.message);
    throw refusal;
  }
  const lines = plan.rows.filter((r) => r.committed !== null).map(rowLine);
  const items: Array<vscode.QuickPickItem & { go?: boolean }> = [
    { label: `$(trash) ${texts.go}`, detail: texts.effect, go: true, alwaysShow: true },
    ...(lines.length ? [{ label: vscode.l10n.t('Partitions: committed offset (lag) → none'), kind: vscode.QuickPickItemKind.Separator }, ...lines.map((label) => ({ label: visible(label) }))] : []),
  ];
  const chosen = await pick({ title: texts.title, placeholder: vscode.l10n.t('Group "{0}" is {1}', visible(plan.group), plan.description.state), items });
  if (chosen === undefined || chosen === BACK || !chosen.go) return undefined;

  const shown = lines.slice(0, 12);
  if (lines.length > 12) shown.push(vscode.l10n.t('… and {0} more', lines.length - 12));
  const detail = [texts.effect, '', ...shown, '', ...(lines.length ? [vscode.l10n.t('The current offsets are saved first: "Undo" (or "Kafka: Undo Last Reset") puts them back.')] : [])].join('\n');
  if ((await prompts.modal(texts.message, detail, texts.button)) !== texts.button) return cancelled(services, cluster, plan);
  if (cluster.protected) {
    const typed = await prompts.typed(vscode.l10n.t('Cluster "{0}" is protected', cluster.name), vscode.l10n.t('Type the group id "{0}" to confirm', plan.group), plan.group);
    if (typed !== plan.group) return cancelled(services, cluster, plan);
  }

  log.info(vscode.l10n.t('Plan: {0} of group "{1}" on {2} ({3})', texts.log, plan.group, cluster.name, cluster.brokers.join(', ')));
  for (const line of lines) log.info(`  ${line}`);
  const client = await services.client(cluster.id);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting: {0}…', texts.log), cancellable: true },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const opts = { snapshotDir: services.snapshotDir(cluster.id), signal: abort.signal };
      return plan.kind === 'group' ? engine.applyDeleteGroup(client, plan, opts) : engine.applyDeleteOffsets(client, plan, opts);
    },
  );
  report(services, cluster, result, texts);
  return result;
}

/** The members modal with "Wait until empty", then the cancellable wait; false when the user stopped. */
async function waitedUntilEmpty(services: ClusterServices, cluster: ClusterEntry, d: GroupDescription): Promise<boolean> {
  const seconds = waitForEmptySeconds();
  const wait = vscode.l10n.t('Wait until empty');
  if ((await prompts.modal(membersTitle(cluster, d, 'delete'), membersDetail(d, seconds), wait)) !== wait) return false;
  const [engine, client] = await Promise.all([loadEngine(), services.client(cluster.id)]);
  try {
    const empty = await withCancel(vscode.l10n.t('Waiting for group "{0}" to become empty', d.groupId), (signal, progress) => {
      const totalMs = seconds * 1000;
      const report = waitProgress(progress);
      return engine.waitUntilEmpty(client, d.groupId, { timeoutMs: totalMs, signal, onPoll: (group, remainingMs) => report({ group, remainingMs, totalMs }) });
    });
    services.log.info(vscode.l10n.t('Group "{0}" is now {1} with no members.', empty.groupId, empty.state));
    return true;
  } catch (e) {
    if (!(e instanceof KafkaOffsetsError) || e.kind !== 'cancelled') throw e;
    services.log.info(vscode.l10n.t('Stopped waiting for group "{0}" to become empty.', d.groupId));
    return false;
  }
}

function cancelled(services: ClusterServices, cluster: ClusterEntry, plan: DeletePlan): undefined {
  services.log.info(vscode.l10n.t('Delete of group "{0}" on {1} cancelled: nothing changed.', plan.group, cluster.name));
  return undefined;
}

function report(services: ClusterServices, cluster: ClusterEntry, result: DeleteResult, texts: Texts): void {
  const log = services.log;
  const bad = result.rows.filter((r) => r.outcome !== 'applied');
  const applied = result.rows.length - bad.length;
  log.info(vscode.l10n.t('{0} of group "{1}" on {2}: {3} deleted, {4} not confirmed, in {5} ms', texts.log, result.group, cluster.name, applied, bad.length, result.durationMs));
  for (const r of result.rows) (r.outcome === 'applied' ? log.info : log.warn).call(log, `  ${r.topic}/${r.partition}: ${num(r.committed)} → ${r.outcome === 'applied' ? vscode.l10n.t('none') : `${r.outcome}${r.reason ? ` (${r.reason})` : ''}`}`);
  if (result.snapshotFile) {
    log.info(vscode.l10n.t('Snapshot of the previous offsets: {0}', result.snapshotFile));
    pruneSnapshots(services, cluster.id);
  }
  services.refresh(cluster.id, result.kind === 'group' ? undefined : result.group);
  const showOutput = vscode.l10n.t('Show Output');
  if (bad.length === 0 && (result.kind !== 'group' || result.groupDeleted)) {
    if (result.snapshotFile) void showOutcome({ clusterId: cluster.id, group: result.group, verb: 'reset', message: texts.done(applied), snapshotFile: result.snapshotFile, showOutput: () => log.show() });
    else void vscode.window.showInformationMessage(notice(texts.done(applied)));
    return;
  }
  const why = bad.slice(0, 5).map((r) => `${r.topic}/${r.partition}: ${r.reason ?? r.outcome}`).join('; ') || vscode.l10n.t('the group still exists');
  void vscode.window
    .showErrorMessage(notice(vscode.l10n.t('Group "{0}": not everything was deleted — {1}', result.group, why)), showOutput)
    .then((c) => c === showOutput && log.show());
}
