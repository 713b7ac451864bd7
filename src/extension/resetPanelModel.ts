/**
 * The reset form's host-side logic that needs no VS Code: form input → core request, plans and
 * results → protocol views (bigint → decimal strings), the preview's warnings, and partition subsets.
 * Unit-tested with node:test (test/unit/webview-model.test.ts); resetPanel.ts wires it to the webview.
 *
 * Partition subsets. A core request names one partition or all (-1). A subset of 2+ partitions (but
 * not all of them) is planned as "all partitions" and the plan's rows are then restricted to the chosen
 * ones: each row of a plan depends only on its own partition's offsets, so the restricted plan is
 * exactly what planning each chosen partition alone would give, and applyPlan commits exactly the
 * rows it is given. (Turning the subset into a CSV plan instead would freeze targets that depend on
 * the moment — latest, shift-by, duration — and read as "from a CSV plan" in the confirmation.)
 * A subset of one partition is sent as that partition; a subset of every partition as -1.
 */
import type { GroupDescription, GroupLag, Plan, PlanRow, ResetRequest, ResetResult, ResultRow, TopicDescription } from '../core/types';
import { parseSeedRequest, validateResetInput, shareModeUnsupported, type ResetInput, type ValidationIssue } from '../core/validate';
import { planTotals } from '../core/plan';
import { overridesOutside } from '../core/overrides';
import { KafkaOffsetsError } from '../core/errors';
import { isResettable } from '../core/groupState';
import { formatCount } from '../core/numbers';
import { t, partitionsText, membersCount } from './l10n';
import type { FormInput, GroupInfo, PlanRowView, PlanTotalsView, ResultRowView, SavedPanelTarget, TopicInfo, ValidationIssueView } from '../protocol';

const dec = (v: bigint): string => v.toString();
const decOrNull = (v: bigint | null): string | null => (v === null ? null : v.toString());

export function issueView(i: ValidationIssue): ValidationIssueView {
  return { field: i.field === 'partition' ? 'partitions' : i.field, message: i.message, code: i.code ?? 'invalid' };
}

export type FormRequest =
  | { ok: true; request: ResetRequest; /** 2+ chosen partitions, ascending (see the module comment). */ subset?: number[] }
  | { ok: false; issues: ValidationIssueView[] };

/** The form's input, validated by the core exactly as the CLI and the quick-pick flow validate theirs. */
export function formRequest(input: FormInput, group: string, now: number = Date.now()): FormRequest {
  let raw: ResetInput;
  let subset: number[] | undefined;
  if (input.mode === 'seed') {
    const seed = parseSeedRequest(input.value, group);
    if (!seed.ok) return { ok: false, issues: [{ field: 'value', message: seed.error, code: 'invalid' }] };
    raw = { ...seed.input, allowOldTimestamp: input.allowOldTimestamp };
  } else {
    const chosen = input.partitions === 'all' ? [] : [...new Set(input.partitions)].sort((a, b) => a - b);
    const partition = input.partitions === 'all' ? -1 : chosen.length === 1 ? chosen[0] : -1;
    if (chosen.length > 1) subset = chosen;
    if ((input.allTopics || input.topics) && input.partitions !== 'all')
      return { ok: false, issues: [{ field: 'partitions', message: t('Partitions can be chosen for one topic only: with several or all topics, every partition of them is reset.'), code: 'invalid' }] };
    if (input.partitions !== 'all' && chosen.length === 0)
      return { ok: false, issues: [{ field: 'partitions', message: t('Choose at least one partition, or "All partitions".'), code: 'invalid' }] };
    raw = {
      group,
      ...scopeOf(input, partition),
      mode: input.mode,
      value: input.mode === 'earliest' || input.mode === 'latest' ? undefined : input.value,
      allowOldTimestamp: input.allowOldTimestamp,
    };
  }
  if (input.overrides?.length) raw.overrides = input.overrides;
  const v = validateResetInput(raw, now);
  if (!v.ok) return { ok: false, issues: v.issues.map(issueView) };
  return subset ? { ok: true, request: v.request, subset } : { ok: true, request: v.request };
}

/** One topic (with a partition), several whole topics, or all of the group's: the core's scope fields. */
function scopeOf(input: FormInput, partition: number): Pick<ResetInput, 'topic' | 'partition' | 'topics' | 'allTopics'> {
  if (input.allTopics) return { allTopics: true, ...(input.topic ? { topic: input.topic } : {}) };
  if (input.topics) return { topics: input.topics, ...(input.topic ? { topic: input.topic } : {}) };
  return { topic: input.topic, partition };
}

/**
 * The plan of all partitions restricted to the chosen subset. Every chosen partition must exist (the
 * same sentence as the core's for one partition). A subset that covers every partition is the plan
 * itself; `subset` is returned only for a proper subset.
 */
export function restrictPlan(plan: Plan, subset: number[] | undefined): { plan: Plan; subset?: number[] } {
  if (!subset) return { plan };
  const present = new Set(plan.rows.map((r) => r.partition));
  const missing = subset.filter((p) => !present.has(p));
  if (missing.length) {
    const count = plan.rows.length;
    throw new KafkaOffsetsError(
      'not-found',
      missing.length > 1
        ? t('Partitions {0} of topic "{1}" do not exist: the topic has {2}{3}.', missing.join(', '), plan.request.topic, partitionsText(count), count ? ` (0–${count - 1})` : '')
        : t('Partition {0} of topic "{1}" does not exist: the topic has {2}{3}.', missing[0], plan.request.topic, partitionsText(count), count ? ` (0–${count - 1})` : ''),
    );
  }
  const keep = new Set(subset);
  if (keep.size === plan.rows.length) return { plan };
  const rows = plan.rows.filter((r) => keep.has(r.partition));
  // An edited target of a partition left out would silently not apply: refuse instead.
  const outside = overridesOutside(rows, plan.request.overrides);
  if (outside.length)
    throw new KafkaOffsetsError('validation', t('An edited target names "{0}" partition {1}, which is not among the chosen partitions: preview again. Nothing was changed.', outside[0].topic, outside[0].partition));
  return { plan: { ...plan, rows }, subset: [...keep].sort((a, b) => a - b) };
}

export function planRowView(r: PlanRow): PlanRowView {
  return {
    topic: r.topic,
    partition: r.partition,
    committed: decOrNull(r.committed),
    logStart: dec(r.logStart),
    logEnd: dec(r.logEnd),
    target: dec(r.target),
    clamped: r.clamped,
    lagBefore: decOrNull(r.lagBefore),
    lagAfter: dec(r.lagAfter),
    ...(r.error ? { error: r.error } : {}),
    ...(r.overridden ? { overridden: true } : {}),
    ...(r.targetTimestamp !== undefined ? { targetTimestamp: r.targetTimestamp } : {}),
  };
}

export function totalsView(plan: Plan): PlanTotalsView {
  const t = planTotals(plan);
  return { partitions: t.partitions, lagBefore: dec(t.lagBefore), lagAfter: dec(t.lagAfter), replayed: dec(t.replayed), skipped: dec(t.skipped), noCommit: t.noCommit, errors: t.errors };
}

export function resultRowView(r: ResultRow, kind: 'reset' | 'undo'): ResultRowView {
  const deleted = kind === 'undo' && r.target < 0n;
  return {
    ...planRowView(r),
    outcome: r.outcome,
    readBack: decOrNull(r.readBack),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(deleted ? { deleted: true } : {}),
  };
}

/** What to read before pressing Reset. */
export function previewWarnings(plan: Plan, description: GroupDescription | undefined): string[] {
  const w: string[] = [];
  const group = plan.request.group;
  if (description && !isResettable(description)) {
    const n = description.members.length;
    const who = description.members.slice(0, 5).map((m) => t('{0} on {1}', m.clientId || '?', m.host || '?')).join(', ') + (n > 5 ? ', …' : '');
    w.push(
      n
        ? t('Group "{0}" is {1} with {2} ({3}): stop its consumers before resetting. Reset will explain and offer to wait until the group is empty.', group, description.state, membersCount(n), who)
        : t('Group "{0}" is {1}: it can be reset only once it is Empty. Reset will explain and offer to wait.', group, description.state),
    );
  }
  const errors = plan.rows.filter((r) => r.error);
  if (errors.length) w.push(t('{0} cannot be reset (see the table): change the request.', partitionsText(errors.length)));
  const toStart = plan.rows.filter((r) => r.clamped === 'earliest').length;
  const toEnd = plan.rows.filter((r) => r.clamped === 'latest').length;
  if (toStart) w.push(t('{0} clamped to the log start: the requested position is before the start of the log (deleted by retention or never written).', partitionsText(toStart)));
  if (toEnd) w.push(t('{0} clamped to the log end: the requested position is past the end of the log.', partitionsText(toEnd)));
  const noCommit = plan.rows.filter((r) => r.committed === null && !r.error).length;
  if (noCommit) w.push(noCommit === 1 ? t('1 partition has no committed offset yet: the reset gives it one.') : t('{0} have no committed offset yet: the reset gives them one.', partitionsText(noCommit)));
  if (plan.rows.length > 0 && !errors.length && plan.rows.every((r) => r.committed === r.target)) w.push(t('Nothing would change: every target equals the committed offset.'));
  return w;
}

/** The group's topics (with lag per partition) first, then the cluster's other topics (internal ones left out). */
export function groupInfoView(description: GroupDescription, lag: GroupLag, topics: TopicDescription[]): GroupInfo {
  const own: TopicInfo[] = lag.topics.map((tl) => ({
    topic: tl.topic,
    partitions: tl.partitions.length,
    ofGroup: true,
    lag: decOrNull(tl.lag),
    partitionLag: tl.partitions.map((p) => ({
      partition: p.partition,
      committed: decOrNull(p.committed),
      logEnd: dec(p.logEnd),
      lag: decOrNull(p.lag),
      ...(p.owner ? { owner: p.owner.clientId } : {}),
    })),
  }));
  const ownNames = new Set(own.map((t) => t.topic));
  const others: TopicInfo[] = topics
    .filter((t) => !ownNames.has(t.topic) && !t.topic.startsWith('__'))
    .map((t) => ({ topic: t.topic, partitions: t.partitions, ofGroup: false, lag: null, partitionLag: [] }));
  return {
    state: description.state,
    members: description.members.map((m) => ({ clientId: m.clientId, host: m.host })),
    topics: [...own.sort((a, b) => a.topic.localeCompare(b.topic)), ...others],
    ...(description.groupType === 'share' ? { notOffered: [{ mode: 'shiftBy' as const, why: shareModeUnsupported('shiftBy')! }] } : {}),
  };
}

/** The file name of a snapshot path (the webview never sees paths). */
/** Cluster and group from a restored webview's saved state; undefined unless both are sane strings. */
export function savedTarget(state: unknown): SavedPanelTarget | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const target = (state as { target?: unknown }).target;
  if (!target || typeof target !== 'object') return undefined;
  const { clusterId, group } = target as Record<string, unknown>;
  if (typeof clusterId !== 'string' || typeof group !== 'string') return undefined;
  if (!clusterId || clusterId.length > 1000 || !group || group.length > 1000) return undefined;
  return { clusterId, group };
}

export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
