/**
 * Clusters: add, edit, remove, test connection — through quick inputs. Settings receive the non-secret
 * part (name, brokers, TLS, SASL mechanism and username); the password goes to SecretStorage under
 * `cluster/<id>/password` and nowhere else.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { SaslMechanism } from '../core/types';
import { describeError } from '../core/errors';
import type { ClusterEntry } from './services';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { sameBrokers } from './clusterSecrets';
import { clusterIdFromName, newClusterId, parseBrokers } from './clusterSettings';
import { formatDuration } from './planLabels';
import { BACK, error as errorMessage, input, outcome, pick, runSteps } from './quickInput';
import { readClusters, setGroupFilter, groupFilter, setViewSetting, writeClusters } from './settings';
import { needCluster, targetFromArg } from './targets';
import { notice } from './notice';
import { walkthroughEvent } from './walkthrough';
import { pickGroupSort } from './tree/sortPick';

export function registerClusterCommands(services: ClusterServices): vscode.Disposable[] {
  const log = services.log;
  return [
    registerCommand(log, 'kafkaOffsets.addCluster', () => editCluster(services, undefined)),
    registerCommand(log, 'kafkaOffsets.editCluster', async (arg?: unknown) => {
      const cluster = await needCluster(services, targetFromArg(services, arg), vscode.l10n.t('Edit Cluster'));
      if (cluster) return editCluster(services, cluster);
    }),
    registerCommand(log, 'kafkaOffsets.removeCluster', async (arg?: unknown) => {
      const cluster = await needCluster(services, targetFromArg(services, arg), vscode.l10n.t('Remove Cluster'));
      if (cluster) return removeCluster(services, cluster);
    }),
    registerCommand(log, 'kafkaOffsets.testConnection', async (arg?: unknown) => {
      const cluster = await needCluster(services, targetFromArg(services, arg), vscode.l10n.t('Test Connection'));
      if (cluster) return testConnection(services, cluster);
    }),
    registerCommand(log, 'kafkaOffsets.filterGroups', async () => {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter Consumer Groups'),
        prompt: vscode.l10n.t('Comma-separated patterns; * and ? are wildcards, a leading ! hides matches, plain text matches anywhere. Empty shows all.'),
        placeHolder: 'orders-*, !console-consumer-*',
        value: groupFilter(),
      });
      if (value !== undefined) await setGroupFilter(value.trim());
    }),
    // View-title toggles (package.json shows the one that changes something, by the settings' values).
    registerCommand(log, 'kafkaOffsets.sortGroupsByLag', () => setViewSetting('groupSort', 'lag')),
    registerCommand(log, 'kafkaOffsets.sortGroupsByName', () => setViewSetting('groupSort', 'name')),
    registerCommand(log, 'kafkaOffsets.sortGroupsByTimeLag', () => setViewSetting('groupSort', 'timeLag')),
    registerCommand(log, 'kafkaOffsets.sortGroups', () => pickGroupSort()),
    registerCommand(log, 'kafkaOffsets.showOnlyGroupsWithLag', () => setViewSetting('onlyGroupsWithLag', true)),
    registerCommand(log, 'kafkaOffsets.showAllGroups', () => setViewSetting('onlyGroupsWithLag', false)),
  ];
}

interface Draft {
  name: string;
  brokers: string;
  tls: 'off' | 'on' | 'ca';
  caFile?: string;
  sasl: SaslMechanism | 'none';
  username: string;
  password?: string;
  protected: boolean;
}

/** Add (existing undefined) or edit a cluster, step by step with Back. */
async function editCluster(services: ClusterServices, existing: ClusterEntry | undefined): Promise<ClusterEntry | undefined> {
  const configured = readClusters();
  // Editing the implicit "Local" cluster saves it as a configured one.
  const editing = existing && !services.implicit ? existing : undefined;
  const others = configured.implicit ? [] : configured.clusters.filter((c) => c.id !== editing?.id);
  const hadPassword = editing?.sasl ? !!(await services.getPassword(editing.id)) : false;
  const d: Draft = {
    name: existing?.name ?? '',
    brokers: existing?.brokers.join(', ') ?? '',
    tls: existing?.caFile ? 'ca' : existing?.ssl ? 'on' : 'off',
    caFile: existing?.caFile,
    sasl: existing?.sasl?.mechanism ?? 'none',
    username: existing?.sasl?.username ?? '',
    protected: existing?.protected ?? false,
  };
  const title = existing ? vscode.l10n.t('Edit Cluster {0}', existing.name) : vscode.l10n.t('Add Kafka Cluster');
  const total = 7;
  const ok = await runSteps([
    {
      run: async (back) =>
        outcome(
          await input({
            title,
            step: 1,
            totalSteps: total,
            back,
            prompt: vscode.l10n.t('Name shown in the Kafka view'),
            placeholder: 'prod-eu',
            value: d.name,
            validate: (v) => {
              if (!v.trim()) return errorMessage(vscode.l10n.t('A name is required.'));
              const id = clusterIdFromName(v);
              if (others.some((c) => clusterIdFromName(c.name) === id)) return errorMessage(vscode.l10n.t('A cluster named like this already exists.'));
              return undefined;
            },
          }),
          (v) => (d.name = v.trim()),
        ),
    },
    {
      run: async (back) =>
        outcome(
          await input({
            title,
            step: 2,
            totalSteps: total,
            back,
            prompt: vscode.l10n.t('Bootstrap brokers, comma-separated host:port'),
            placeholder: 'broker1:9092, broker2:9092',
            value: d.brokers,
            validate: (v) => {
              const r = parseBrokers(v);
              return r.ok ? undefined : errorMessage(r.error);
            },
          }),
          (v) => (d.brokers = v),
        ),
    },
    {
      run: async (back) => {
        const r = await pick({
          title,
          step: 3,
          totalSteps: total,
          back,
          placeholder: vscode.l10n.t('TLS'),
          items: [
            { label: vscode.l10n.t('Plaintext'), description: vscode.l10n.t('no TLS'), tls: 'off' as const },
            { label: vscode.l10n.t('TLS'), description: vscode.l10n.t("trust the system's CAs"), tls: 'on' as const },
            { label: vscode.l10n.t('TLS with a CA file…'), description: d.caFile ?? vscode.l10n.t('choose a PEM file'), tls: 'ca' as const },
          ],
          active: (i) => i.tls === d.tls,
        });
        if (r === undefined) return 'cancel';
        if (r === BACK) return 'back';
        d.tls = r.tls;
        if (r.tls === 'ca') {
          const files = await vscode.window.showOpenDialog({
            title: vscode.l10n.t('CA certificate (PEM)'),
            canSelectMany: false,
            defaultUri: d.caFile ? vscode.Uri.file(d.caFile) : undefined,
            filters: { [vscode.l10n.t('Certificates')]: ['pem', 'crt', 'cer'], [vscode.l10n.t('All files')]: ['*'] },
          });
          if (!files?.length) return d.caFile ? 'next' : 'back';
          d.caFile = files[0].fsPath;
        } else d.caFile = undefined;
        return 'next';
      },
    },
    {
      run: async (back) =>
        outcome(
          await pick({
            title,
            step: 4,
            totalSteps: total,
            back,
            placeholder: vscode.l10n.t('SASL authentication'),
            items: [
              { label: vscode.l10n.t('None'), mechanism: 'none' as const },
              { label: 'PLAIN', description: vscode.l10n.t('use with TLS: the password is sent as is'), mechanism: 'plain' as const },
              { label: 'SCRAM-SHA-256', mechanism: 'scram-sha-256' as const },
              { label: 'SCRAM-SHA-512', mechanism: 'scram-sha-512' as const },
            ],
            active: (i) => i.mechanism === d.sasl,
          }),
          (i) => (d.sasl = i.mechanism),
        ),
    },
    {
      skip: () => d.sasl === 'none',
      run: async (back) =>
        outcome(
          await input({
            title,
            step: 5,
            totalSteps: total,
            back,
            prompt: vscode.l10n.t('SASL username'),
            value: d.username,
            validate: (v) => (v.trim() ? undefined : errorMessage(vscode.l10n.t('A username is required.'))),
          }),
          (v) => (d.username = v.trim()),
        ),
    },
    {
      skip: () => d.sasl === 'none',
      run: async (back) =>
        outcome(
          await input({
            title,
            step: 6,
            totalSteps: total,
            back,
            password: true,
            prompt: hadPassword
              ? vscode.l10n.t('Password for {0} — leave empty to keep the stored one. Kept in SecretStorage, never in settings.', d.username)
              : vscode.l10n.t('Password for {0}. Kept in SecretStorage, never in settings.', d.username),
            validate: (v) => (v || hadPassword ? undefined : errorMessage(vscode.l10n.t('A password is required for SASL.'))),
          }),
          (v) => (d.password = v || undefined),
        ),
    },
    {
      run: async (back) =>
        outcome(
          await pick({
            title,
            step: 7,
            totalSteps: total,
            back,
            placeholder: vscode.l10n.t('Protect this cluster?'),
            items: [
              { label: vscode.l10n.t('Not protected'), description: vscode.l10n.t('confirm resets with a button'), value: false },
              { label: vscode.l10n.t('Protected'), description: vscode.l10n.t('confirm resets by typing the group id (production)'), value: true },
            ],
            active: (i) => i.value === d.protected,
          }),
          (i) => (d.protected = i.value),
        ),
    },
  ]);
  if (!ok) return undefined;

  const brokers = parseBrokers(d.brokers);
  if (!brokers.ok) throw new Error(brokers.error);
  const entry: ClusterEntry = {
    // The id never changes after Add Cluster: the password and snapshots stay with this cluster, not its name.
    id: editing?.id ?? newClusterId(d.name, randomBytes(3).toString('hex')),
    name: d.name,
    brokers: brokers.brokers,
    ...(existing?.clientId ? { clientId: existing.clientId } : {}),
    ...(d.tls !== 'off' ? { ssl: true } : {}),
    ...(d.tls === 'ca' && d.caFile ? { caFile: d.caFile } : {}),
    ...(d.sasl !== 'none' ? { sasl: { mechanism: d.sasl, username: d.username } } : {}),
    ...(d.protected ? { protected: true } : {}),
  };

  // Secret first: once settings change, the tree reconnects and needs it. A password is bound to the
  // brokers it is for; one kept while the user typed new brokers here follows them, while brokers
  // changed elsewhere (settings edited by hand) make the next connection ask first.
  if (entry.sasl && d.password) await services.storePassword(entry.id, d.password, entry.brokers);
  else if (entry.sasl && editing && !sameBrokers(entry.brokers, editing.brokers)) await services.rebindPassword(entry.id, entry.brokers);
  if (!entry.sasl) await services.deletePassword(entry.id);

  const list = configured.implicit ? [] : [...configured.clusters];
  const i = editing ? list.findIndex((c) => c.id === editing.id) : -1;
  if (i >= 0) list[i] = entry;
  else list.push(entry);
  await writeClusters(list);
  services.log.info(
    editing
      ? vscode.l10n.t('Cluster "{0}" updated: {1}', entry.name, entry.brokers.join(', '))
      : vscode.l10n.t('Cluster "{0}" added: {1}', entry.name, entry.brokers.join(', ')),
  );

  const test = vscode.l10n.t('Test Connection');
  void vscode.window.showInformationMessage(notice(vscode.l10n.t('Saved cluster "{0}".', entry.name)), test).then((c) => {
    if (c === test) void vscode.commands.executeCommand('kafkaOffsets.testConnection', { clusterId: entry.id });
  });
  return entry;
}

async function removeCluster(services: ClusterServices, cluster: ClusterEntry): Promise<boolean> {
  if (services.implicit) {
    void vscode.window.showInformationMessage(notice(vscode.l10n.t('"{0}" is the default shown when no cluster is configured; there is nothing to remove.', cluster.name)));
    return false;
  }
  const remove = vscode.l10n.t('Remove');
  const choice = await vscode.window.showWarningMessage(
    notice(vscode.l10n.t('Remove cluster "{0}"?', cluster.name)),
    { modal: true, detail: vscode.l10n.t('Removes it from your settings and deletes its stored password. Nothing changes on the Kafka cluster; undo snapshots are kept.') },
    remove,
  );
  if (choice !== remove) return false;
  const list = readClusters().clusters.filter((c) => c.id !== cluster.id);
  await services.deletePassword(cluster.id);
  await writeClusters(list);
  services.log.info(vscode.l10n.t('Cluster "{0}" removed.', cluster.name));
  return true;
}

/** describeCluster: broker count and controller, or the exact failure. */
async function testConnection(services: ClusterServices, cluster: ClusterEntry): Promise<{ brokers: number; controllerId: number | null; ms: number } | undefined> {
  // A fresh client, so the test says how the cluster answers now, not what a cached connection remembers.
  await services.dropClients(cluster.id);
  const started = Date.now();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Connecting to {0} ({1})…', cluster.name, cluster.brokers.join(', ')) },
      async () => (await services.client(cluster.id)).describeCluster(),
    );
    const ms = Date.now() - started;
    const brokers = result.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(', ');
    const message = vscode.l10n.t(
      'Connected to "{0}": {1} brokers ({2}), controller {3}, in {4}.',
      cluster.name,
      result.brokers.length,
      brokers,
      result.controllerId ?? '?',
      formatDuration(ms),
    );
    services.log.info(message);
    void vscode.window.showInformationMessage(notice(message));
    walkthroughEvent('connected');
    services.refresh(cluster.id);
    return { brokers: result.brokers.length, controllerId: result.controllerId, ms };
  } catch (e) {
    const message = vscode.l10n.t('Connection to "{0}" failed after {1}: {2}', cluster.name, formatDuration(Date.now() - started), describeError(e));
    services.log.error(message);
    const showOutput = vscode.l10n.t('Show Output');
    const edit = vscode.l10n.t('Edit Cluster');
    void vscode.window.showErrorMessage(notice(message), edit, showOutput).then((c) => {
      if (c === showOutput) services.log.show();
      if (c === edit) void vscode.commands.executeCommand('kafkaOffsets.editCluster', { clusterId: cluster.id });
    });
    return undefined;
  }
}
