/**
 * "Kafka: Reset Offset" — the quick-pick flow: cluster → group → topic → partition → mode → value →
 * preview → confirm. Started from a tree node, the steps the node already answers are skipped (Back
 * skips them too). Also registers "Reset Offset (Form)…", which opens the webview form instead.
 */
import * as vscode from 'vscode';
import type { GroupLag, GroupType, Plan, ResetRequest, ResetResult, TopicDescription } from '../core/types';
import { validateModeValue, validateResetInput, describeIssues, shareModeUnsupported, type ResetMode } from '../core/validate';
import { formatCount } from '../core/numbers';
import { KafkaOffsetsError } from '../core/errors';
import { equivalentCommand } from '../core/equivalentTypes';
import { visible } from '../core/display';
import type { ClusterEntry } from './services';
import type { ClusterServices } from './clusters';
import { registerCommand } from './commands';
import { loadEngine } from './engine';
import { type ModeItem, modeItems } from './modeItems';
import { localIsoWithOffset, zoneLabel } from '../core/localTime';
import { partitionDescription, topicDescription } from './groupLabels';
import { partitionsText } from './l10n';
import { pickText } from './markdown';
import { planMarkdown, planRowItem, planSummary, planTopics } from './planLabels';
import { BACK, input, outcome, pick, runSteps, warning, error as errorMessage, type Step } from './quickInput';
import { confirmAndApply } from './resetFlow';
import { ResetPanel } from './resetPanel';
import { isConnectionTrouble, offerClusterActions } from './clusterTrouble';
import { needGroup, pickCluster, pickGroup, targetFromArg, type Target } from './targets';

export function registerResetCommands(services: ClusterServices, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'kafkaOffsets.resetOffset', (arg?: unknown) => resetOffset(services, targetFromArg(services, arg))),
    registerCommand(services.log, 'kafkaOffsets.openResetForm', async (arg?: unknown) => {
      const target = targetFromArg(services, arg);
      const chosen = await needGroup(services, target, vscode.l10n.t('Reset Offset (Form)')).catch((e: unknown) => {
        const cluster = target.cluster ?? (services.clusters().length === 1 ? services.clusters()[0] : undefined);
        if (!cluster || !isConnectionTrouble(e)) throw e;
        offerClusterActions(services, cluster, e, () => vscode.commands.executeCommand('kafkaOffsets.openResetForm', arg));
        return undefined;
      });
      if (!chosen) return;
      ResetPanel.createOrShow(services, confirmAndApply, extensionUri, {
        cluster: chosen.cluster,
        group: chosen.group,
        ...(target.topic ? { topic: target.topic } : {}),
        ...(target.partition !== undefined ? { partition: target.partition } : {}),
      });
    }),
  ];
}

interface FlowState extends Target {
  /** Every topic the group has committed (the first choice of the topic step). */
  allTopics?: boolean;
  /** The group's type (KIP-1043), read with its lag: share groups are not offered every mode. */
  groupType?: GroupType;
  mode?: ModeItem;
  value?: string;
  allowOldTimestamp?: boolean;
  lag?: GroupLag;
  topics?: TopicDescription[];
  plan?: Plan;
  request?: ResetRequest;
}

/** The palette flow. Resolves with the result, or undefined if the user cancelled anywhere. */
export async function resetOffset(services: ClusterServices, start: Target): Promise<ResetResult | undefined> {
  const s: FlowState = { ...start };
  if (!s.cluster && services.clusters().length === 1) s.cluster = services.clusters()[0];
  const fixed = { cluster: !!s.cluster, group: !!s.group, topic: !!s.topic, partition: s.partition !== undefined };
  // An honest "(n/total)": only the steps the user will actually see count — not the only cluster
  // picked for them, nor what the tree node already answered, nor a value that the mode does not need.
  const counted = () => [!fixed.cluster, !fixed.group, !fixed.topic, !fixed.partition && !s.allTopics, true, !s.mode || s.mode.needsValue, true];
  const at = (i: number) => ({ step: counted().slice(0, i).filter(Boolean).length + 1, totalSteps: counted().filter(Boolean).length });
  const title = () => (s.group ? vscode.l10n.t('Reset Offset — {0}', visible(s.group)) : vscode.l10n.t('Reset Offset'));
  let groupInfo: Promise<{ lag: GroupLag; topics: TopicDescription[] }> | undefined;
  const loadGroupInfo = () =>
    (groupInfo ??= (async () => {
      const [engine, client] = await Promise.all([loadEngine(), services.client(s.cluster!.id)]);
      const description = await client.describeGroup(s.group!);
      const [lag, topics] = await Promise.all([engine.groupLag(client, s.group!, { description }), client.listTopics()]);
      s.groupType = description.groupType;
      s.lag = lag;
      s.topics = topics;
      return { lag, topics };
    })());

  const steps: Step[] = [
    {
      skip: () => fixed.cluster,
      run: async (back) =>
        outcome(await pickCluster(services, { title: title(), ...at(0), back }), (c) => {
          if (c.id !== s.cluster?.id) groupInfo = undefined;
          s.cluster = c;
        }),
    },
    {
      skip: () => fixed.group,
      run: async (back) =>
        outcome(await pickGroup(services, s.cluster!, { title: title(), ...at(1), back, allowNew: true, active: s.group }), (g) => {
          if (g !== s.group) groupInfo = undefined;
          s.group = g;
        }),
    },
    {
      skip: () => fixed.topic,
      run: async (back) => {
        const items = loadGroupInfo().then(({ lag, topics }) => topicItems(lag, topics));
        return outcome(
          await pick({ title: title(), ...at(2), back, placeholder: vscode.l10n.t('Topic'), items, active: (i) => (s.allTopics ? !!i.allTopics : s.topic !== undefined && i.topic === s.topic) }),
          (i) => {
            s.allTopics = !!i.allTopics;
            s.topic = i.topic;
          },
        );
      },
    },
    {
      skip: () => fixed.partition || !!s.allTopics,
      run: async (back) => {
        const items = loadGroupInfo().then(({ lag, topics }) => partitionItems(s.topic!, lag, topics));
        return outcome(
          await pick({ title: title(), ...at(3), back, placeholder: vscode.l10n.t('Partitions of {0}', visible(s.topic!)), items, active: (i) => i.partition === (s.partition ?? -1) }),
          (i) => (s.partition = i.partition),
        );
      },
    },
    {
      run: async (back) => {
        // Modes the group's type cannot take are not offered; the placeholder says which and the output channel why.
        await loadGroupInfo();
        const modes = modeItems();
        const offered = modes.filter((m) => s.groupType !== 'share' || !shareModeUnsupported(m.mode));
        const left = modes.filter((m) => !offered.includes(m));
        for (const m of left) services.log.info(shareModeUnsupported(m.mode)!);
        const where = s.allTopics ? vscode.l10n.t('all topics of the group') : s.partition === -1 || s.partition === undefined ? vscode.l10n.t('all partitions of {0}', s.topic!) : `${s.topic} p${s.partition}`;
        return outcome(
          await pick({
            title: title(),
            ...at(4),
            back,
            placeholder: left.length
              ? vscode.l10n.t('Reset the share start offsets of {0} to… ({1}: not offered for share groups)', where, left.map((m) => m.label).join(', '))
              : vscode.l10n.t('Reset {0} to…', where),
            items: offered,
            active: (i) => i.mode === s.mode?.mode,
            matchOnDetail: true,
          }),
          (m) => {
            if (m.mode !== s.mode?.mode) s.value = undefined;
            s.mode = m;
          },
        );
      },
    },
    {
      skip: () => !s.mode!.needsValue,
      run: (back) => valueStep(s, title(), back, at(5)),
    },
    {
      run: async (back) => {
        const scope = s.allTopics ? { allTopics: true } : { topic: s.topic, partition: s.partition ?? -1 };
        const v = validateResetInput({ group: s.group, ...scope, mode: s.mode!.mode, value: s.value, allowOldTimestamp: s.allowOldTimestamp });
        if (!v.ok) throw new KafkaOffsetsError('validation', describeIssues(v.issues));
        s.request = v.request;
        const [engine, client] = await Promise.all([loadEngine(), services.client(s.cluster!.id)]);
        s.plan = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading offsets of group "{0}"…', s.group!) },
          // With the time of the message at each target ("restarts at"): one more Fetch per leader.
          () => engine.planForGroup(client, v.request, { targetTimestamps: true }),
        );
        return preview(s.cluster!, s.plan, { title: title(), ...at(6), back });
      },
    },
  ];
  try {
    if (!(await runSteps(steps))) return undefined;
  } catch (e) {
    // The cluster did not answer while the wizard read groups, topics or offsets: nothing was changed.
    if (!s.cluster || !isConnectionTrouble(e)) throw e;
    offerClusterActions(services, s.cluster, e, () => resetOffset(services, start));
    return undefined;
  }
  return confirmAndApply(services, s.cluster!, s.request!, s.plan!);
}

type TopicItem = vscode.QuickPickItem & { topic?: string; allTopics?: boolean };

function topicItems(lag: GroupLag, topics: TopicDescription[]): TopicItem[] {
  const own = new Set(lag.topics.map((t) => t.topic));
  const items: TopicItem[] = [];
  // First (so a reset started on a group node covers the whole group unless the user picks a topic).
  if (lag.topics.length)
    items.push({
      label: vscode.l10n.t('All topics of this group'),
      description: `${lag.topics.length === 1 ? vscode.l10n.t('1 topic') : vscode.l10n.t('{0} topics', lag.topics.length)} · ${lag.lag === null ? vscode.l10n.t('no commit') : vscode.l10n.t('lag {0}', formatCount(lag.lag))}`,
      detail: lag.topics.map((t) => pickText(t.topic)).join(', '),
      iconPath: new vscode.ThemeIcon('files'),
      allTopics: true,
    });
  if (lag.topics.length) {
    items.push({ label: vscode.l10n.t('Topics of this group'), kind: vscode.QuickPickItemKind.Separator });
    for (const t of lag.topics) items.push({ label: pickText(t.topic), description: topicDescription(t), iconPath: new vscode.ThemeIcon('layers'), topic: t.topic });
  }
  const others = topics.filter((t) => !own.has(t.topic) && !t.topic.startsWith('__'));
  if (others.length) {
    items.push({ label: vscode.l10n.t('Other topics'), kind: vscode.QuickPickItemKind.Separator });
    for (const t of others)
      items.push({ label: pickText(t.topic), description: vscode.l10n.t('{0} · no offsets of this group', partitionsText(t.partitions)), iconPath: new vscode.ThemeIcon('layers'), topic: t.topic });
  }
  return items;
}

type PartitionItem = vscode.QuickPickItem & { partition: number };

function partitionItems(topic: string, lag: GroupLag, topics: TopicDescription[]): PartitionItem[] {
  const tl = lag.topics.find((t) => t.topic === topic);
  const count = tl?.partitions.length ?? topics.find((t) => t.topic === topic)?.partitions ?? 0;
  const items: PartitionItem[] = [
    {
      label: vscode.l10n.t('All partitions ({0})', count),
      description: tl ? (tl.lag === null ? vscode.l10n.t('no commit') : vscode.l10n.t('lag {0}', formatCount(tl.lag))) : undefined,
      iconPath: new vscode.ThemeIcon('layers'),
      partition: -1,
    },
  ];
  for (let p = 0; p < count; p++) {
    const pl = tl?.partitions.find((x) => x.partition === p);
    items.push({ label: `p${p}`, description: pl ? partitionDescription(pl) : vscode.l10n.t('no commit'), iconPath: new vscode.ThemeIcon('symbol-field'), partition: p });
  }
  return items;
}

/** The value of the chosen mode, validated by the core as the user types. */
async function valueStep(s: FlowState, title: string, back: boolean, step: { step: number; totalSteps: number }): Promise<'next' | 'back' | 'cancel'> {
  const mode = s.mode!;
  const tzMinutes = -new Date().getTimezoneOffset();
  const prompt = mode.mode === 'datetime' ? `${mode.prompt} — ${vscode.l10n.t('your time zone: {0}', zoneLabel())}` : mode.prompt;
  let value = s.value ?? (mode.mode === 'datetime' ? localIsoWithOffset(Date.now(), tzMinutes) : '');
  for (;;) {
    const r = await input({
      title,
      ...step,
      back,
      prompt,
      placeholder: mode.placeholder,
      value,
      validate: (v) => {
        const res = validateModeValue(mode.mode as ResetMode, v, Date.now(), false, s.group);
        if (!res.issue) return timestampHint(res.spec);
        return res.issue.code === 'looks-like-seconds' ? warning(res.issue.message) : errorMessage(res.issue.message);
      },
    });
    if (r === undefined) return 'cancel';
    if (r === BACK) return 'back';
    value = r;
    const res = validateModeValue(mode.mode as ResetMode, r, Date.now(), false, s.group);
    if (res.issue?.code === 'looks-like-seconds') {
      // Never silently: the user says which unit they meant.
      const n = Number(r.trim());
      const choice = await pick({
        title,
        placeholder: vscode.l10n.t('{0} looks like seconds, not milliseconds', r.trim()),
        items: [
          { label: vscode.l10n.t('Use {0} as seconds', r.trim()), description: `= ${n * 1000} ms · ${new Date(n * 1000).toISOString()}`, value: String(n * 1000), old: false },
          { label: vscode.l10n.t('Use {0} as milliseconds anyway', r.trim()), description: new Date(n).toISOString(), value: r.trim(), old: true },
          { label: vscode.l10n.t('Edit the value'), value: undefined as string | undefined, old: false },
        ],
      });
      if (choice === undefined) return 'cancel';
      if (choice === BACK || choice.value === undefined) continue;
      s.value = choice.value;
      s.allowOldTimestamp = choice.old;
      return 'next';
    }
    s.value = r;
    s.allowOldTimestamp = false;
    return 'next';
  }
}

/** Show what a timestamp-like value resolves to, so a wrong zone or unit is visible before the preview. */
function timestampHint(spec: ReturnType<typeof validateModeValue>['spec']): vscode.InputBoxValidationMessage | undefined {
  if (!spec) return undefined;
  const at = spec.kind === 'timestamp' || spec.kind === 'datetime' ? spec.timestamp : spec.kind === 'duration' ? Date.now() - spec.ms : undefined;
  if (at === undefined) return undefined;
  return { message: vscode.l10n.t('= {0} ({1} local)', new Date(at).toISOString(), new Date(at).toLocaleString()), severity: vscode.InputBoxValidationSeverity.Info };
}

type PreviewItem = vscode.QuickPickItem & { action?: 'apply' | 'document' };

/**
 * The plan as a quick pick: "Reset N partitions…" first, the plan as a document on request, then one
 * row per partition (committed → target, lag before → after, clamped).
 */
export async function preview(cluster: ClusterEntry, plan: Plan, info: { title: string; step?: number; totalSteps?: number; back: boolean }): Promise<'next' | 'back' | 'cancel'> {
  const withTopic = planTopics(plan).length > 1;
  const errors = plan.rows.filter((r) => r.error).length;
  for (;;) {
    const items: PreviewItem[] = [];
    if (errors === 0)
      items.push({ label: `$(check) ${vscode.l10n.t('Reset {0}…', partitionsText(plan.rows.length))}`, detail: planSummary(plan), action: 'apply', alwaysShow: true });
    else items.push({ label: `$(error) ${vscode.l10n.t('{0} cannot be reset: go back and change the request', partitionsText(errors))}`, detail: planSummary(plan), alwaysShow: true });
    items.push({ label: `$(markdown) ${vscode.l10n.t('Open the plan as a document')}`, description: vscode.l10n.t('with the equivalent {0} command', equivalentTool(plan)), action: 'document', alwaysShow: true });
    items.push({ label: vscode.l10n.t('Partitions: committed → target'), kind: vscode.QuickPickItemKind.Separator });
    for (const r of plan.rows) items.push(planRowItem(r, withTopic));
    const r = await pick<PreviewItem>({
      title: vscode.l10n.t('{0} — preview on {1}', info.title, cluster.name),
      step: info.step,
      totalSteps: info.totalSteps,
      back: info.back,
      placeholder: planSummary(plan),
      items,
      matchOnDetail: true,
    });
    if (r === undefined) return 'cancel';
    if (r === BACK) return 'back';
    if (r.action === 'apply') return 'next';
    if (r.action === 'document') await openPlanDocument(cluster, plan);
  }
}

export async function openPlanDocument(cluster: ClusterEntry, plan: Plan): Promise<void> {
  const engine = await loadEngine();
  const content = `${planMarkdown(plan, cluster.name, engine.describeSpec(plan))}\n${vscode.l10n.t('Equivalent command (dry run)')}:\n\n\`\`\`sh\n${equivalentCommand(cluster.brokers, plan)}\n\`\`\`\n`;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

function equivalentTool(plan: Plan): string {
  return plan.groupType === 'share' ? 'kafka-share-groups' : plan.groupType === 'streams' ? 'kafka-streams-groups' : 'kafka-consumer-groups';
}
