/**
 * What the extension shows, as plain strings and plain objects: tree labels, descriptions, tooltips
 * (as Markdown text), contextValues, quick-pick items, plan previews and log lines.
 *
 * No vscode import on purpose: everything here is unit-tested with node:test
 * (test/unit/extension-format.test.ts) without a VS Code. The vscode-facing modules wrap these
 * results in TreeItems, ThemeIcons and MarkdownStrings.
 */
import type { ClusterEntry } from './services';
import type {
  GroupDescription,
  GroupMember,
  GroupState,
  HiddenTopic,
  PartitionLag,
  Plan,
  PlanRow,
  ResetResult,
  SaslMechanism,
  TopicLag,
} from '../core/types';
import type { ResetMode } from '../core/validate';
import { formatCount } from '../core/numbers';
import { planTotals } from '../core/plan';
import { hasInvisible, visible } from '../core/display';
import { globMatcher } from '../core/glob';
import { brokerProblem } from '../core/brokers';

// ---------------------------------------------------------------------------------------------
// Localisation. vscode.l10n.t is installed by activate(); tests use the fallback, which only fills
// {0}-style placeholders, exactly as l10n.t does for the default language.

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const fillPlaceholders: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : whole));

let translate: Translate = fillPlaceholders;

export function setTranslator(t: Translate): void {
  translate = t;
}

/** Every user-facing string of this module goes through here. */
export const t: Translate = (message, ...args) => translate(message, ...args);

const plural = (n: number, one: string, many: string): string => (n === 1 ? t(one, n) : t(many, formatCount(n)));

/** "1 partition", "12 partitions" — to embed in longer messages. */
export function partitionsText(n: number): string {
  return plural(n, '{0} partition', '{0} partitions');
}

/** "1 member", "3 members". */
export function membersCount(n: number): string {
  return plural(n, '{0} member', '{0} members');
}

// ---------------------------------------------------------------------------------------------
// Clusters (settings → ClusterEntry). Settings are user-edited JSON: anything may be missing or wrong,
// and one bad entry must not hide the good ones.

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

// ---------------------------------------------------------------------------------------------
// Groups

export type StateKind = 'stable' | 'empty' | 'rebalancing' | 'dead' | 'unknown';

export function stateKind(s: GroupState): StateKind {
  switch (s) {
    case 'Stable':
      return 'stable';
    case 'Empty':
      return 'empty';
    case 'Dead':
      return 'dead';
    case 'PreparingRebalance':
    case 'CompletingRebalance':
    case 'Assigning':
    case 'Reconciling':
    case 'NotReady': // a streams group whose internal topics are missing
      return 'rebalancing';
    default:
      return 'unknown';
  }
}

/** Menus match these with `viewItem =~ /^group:/` (any group) or `viewItem == group:empty`. */
export function groupContextValue(s: GroupState): string {
  return `group:${stateKind(s)}`;
}

export interface IconSpec {
  /** Codicon id. */
  id: string;
  /** Theme colour id, when the icon should stand out. */
  color?: string;
}

const STATE_ICONS: Record<StateKind, string> = {
  stable: 'pass',
  empty: 'circle-large-outline',
  rebalancing: 'sync',
  dead: 'circle-slash',
  unknown: 'question',
};

/**
 * A group with lag and nobody consuming is the case a debugging user is looking for: the same state
 * icon, in the warning colour.
 */
export function groupIcon(state: GroupState, lag: bigint | null | undefined, members: number | undefined): IconSpec {
  const id = STATE_ICONS[stateKind(state)];
  if (lag !== undefined && lag !== null && lag > 0n && (members ?? 0) === 0) return { id, color: 'problemsWarningIcon.foreground' };
  return { id };
}

export function stateLabel(s: GroupState): string {
  switch (stateKind(s)) {
    case 'stable':
      return t('stable');
    case 'empty':
      return t('empty');
    case 'rebalancing':
      return t('rebalancing');
    case 'dead':
      return t('dead');
    default:
      return t('unknown state');
  }
}

export interface GroupView {
  state: GroupState;
  /** undefined until the group's lag has been read; null when no partition has a committed offset. */
  lag?: bigint | null;
  members?: number;
  loading?: boolean;
  error?: string;
  /** Partitions the group reads (or has read) with no committed offset: their lag is not the whole story. */
  noCommit?: number;
  /** Catch-up status words ("catching up (~3 min)"), when worth a place in the row (tree/catchUpView.ts). */
  status?: string;
  /** "42 min behind" (tree/timeLagView.ts), when the next record is older than now. */
  behind?: string;
}

/** "lag 12,345 · 2 members", "lag 300 · 1 without commit · empty", "lag … · stable" while loading. */
export function groupDescription(g: GroupView): string {
  const parts: string[] = [];
  if (g.lag === null) parts.push(t('no commit'));
  else if (g.lag !== undefined) parts.push(t('lag {0}', formatCount(g.lag)));
  else if (g.error) parts.push(t('lag unavailable'));
  else parts.push(t('lag …'));
  // Right after the lag: a narrow side bar cuts the end of the row, and these matter most.
  if (g.behind) parts.push(g.behind);
  if (g.status) parts.push(g.status);
  // Some partitions without a commit (all of them is the 'no commit' above).
  if (g.noCommit && g.lag !== null) parts.push(t('{0} without commit', g.noCommit));
  if (g.members !== undefined && g.members > 0) parts.push(plural(g.members, '{0} member', '{0} members'));
  if (stateKind(g.state) !== 'stable' || g.members === undefined) parts.push(stateLabel(g.state));
  return parts.join(' · ');
}

export function memberText(m: GroupMember): string {
  return `${m.clientId || '?'} (${m.host || '?'})`;
}

/** "a (10.0.0.1), b (10.0.0.2) and 3 more" — for messages that must stay one line. */
export function membersText(members: GroupMember[], max = 5): string {
  const shown = members.slice(0, max).map(memberText).join(', ');
  return members.length > max ? t('{0} and {1} more', shown, members.length - max) : shown;
}

export function groupTooltip(
  groupId: string,
  state: GroupState,
  d: GroupDescription | undefined,
  lag: { lag: bigint | null; topics: number; noCommit?: number; /** Markdown line(s) on catch-up rates and status. */ catchUp?: string } | undefined,
  error?: string,
): string {
  const lines: string[] = [`**${md(groupId)}**`, ''];
  // The type (KIP-1043 words) only when it is not the classic kind every Kafka has: share and streams groups, KIP-848 consumer groups.
  const type = d?.groupType && d.groupType !== 'classic' ? ` · ${t('Type')}: ${d.groupType}` : '';
  lines.push(`${t('State')}: ${md(state)}${type}${d ? ` · ${t('Protocol')}: ${md(d.protocolType || t('none'))}${d.protocol ? ` / ${md(d.protocol)}` : ''}` : ''}`);
  if (lag) lines.push(`${t('Lag')}: ${lag.lag === null ? t('no commit') : formatCount(lag.lag)} · ${plural(lag.topics, '{0} topic', '{0} topics')}`);
  if (lag?.catchUp) lines.push(lag.catchUp);
  // A partition without a commit adds nothing to the lag, yet where the group starts there is decided by
  // its consumers' auto.offset.reset (earliest: everything is still to read): say so on the group.
  if (lag?.noCommit && lag.lag !== null)
    lines.push(
      `${t('Without commit')}: ${plural(lag.noCommit, '{0} partition', '{0} partitions')} — ${t('not counted in the lag; a consumer starts there at its auto.offset.reset (earliest or latest)')}`,
    );
  if (d) lines.push(`${t('Coordinator')}: ${t('broker {0}', d.coordinator.nodeId)} (${code(`${d.coordinator.host}:${d.coordinator.port}`)})`);
  if (error) lines.push(`${t('Error')}: ${md(error)}`);
  if (d) {
    lines.push('', d.members.length ? `${t('Members')} (${d.members.length}):` : t('No members: the group can be reset.'));
    const tooltipLines = lines.join('  \n');
    const memberLines = d.members.slice(0, 20).map((m) => {
      const parts = m.assignment.map((a) => `${a.topic}/${a.partition}`);
      const assigned = parts.length ? ` — ${md(parts.slice(0, 8).join(', '))}${parts.length > 8 ? ' …' : ''}` : '';
      return `- ${code(m.clientId || '?')} ${t('on')} ${code(m.host || '?')}${assigned}`;
    });
    if (d.members.length > 20) memberLines.push(`- ${t('… {0} more', d.members.length - 20)}`);
    return memberLines.length ? `${tooltipLines}\n\n${memberLines.join('\n')}` : tooltipLines;
  }
  return lines.join('  \n');
}

/**
 * A group's quick-pick description: its state, and a warning when the id holds invisible, bidi or
 * control characters (shown as escapes in the label), so a lookalike of a real group stands out.
 */
export function groupPickDescription(groupId: string, state: GroupState): string {
  return hasInvisible(groupId) ? `${stateLabel(state)} · ${t('id has hidden characters (shown as \\u escapes)')}` : stateLabel(state);
}

export function groupAccessibilityLabel(groupId: string, g: GroupView): string {
  return t('Consumer group {0}, {1}', groupId, groupDescription(g));
}

// ---------------------------------------------------------------------------------------------
// Topics and partitions under a group

export function topicDescription(tl: TopicLag, behind?: string): string {
  const noCommit = tl.partitions.filter((p) => p.committed === null).length;
  // Every partition without a commit: "no commit", not "lag 0" (which reads as caught up).
  if (tl.lag === null) return [t('no commit'), plural(tl.partitions.length, '{0} partition', '{0} partitions')].join(' · ');
  const parts = [t('lag {0}', formatCount(tl.lag)), ...(behind ? [behind] : []), plural(tl.partitions.length, '{0} partition', '{0} partitions')];
  if (noCommit > 0) parts.push(t('{0} without commit', noCommit));
  return parts.join(' · ');
}

/**
 * A topic of the group (assigned to a member, or with committed offsets) that the cluster does not
 * describe to us: deleted, or no Describe permission. Shown under the group so it does not silently
 * vanish from the lag.
 */
export function hiddenTopicView(h: HiddenTopic): { label: string; description: string; tooltip: string } {
  const why = h.reason === 'deleted' ? t('does not exist') : h.reason === 'unauthorized' ? t('not authorized to describe') : t('Kafka cannot describe it ({0})', h.error ?? 'error');
  const lines = [
    h.reason === 'deleted'
      ? t('Topic {0} does not exist (deleted?), so its lag cannot be read.', md(h.topic))
      : h.reason === 'unauthorized'
        ? t('You are not authorized to describe topic {0} (needs Describe on the topic), so its lag cannot be read. It is not in the group total.', md(h.topic))
        : t('Kafka cannot describe topic {0} ({1}), so its lag cannot be read. It is not in the group total.', md(h.topic), h.error ?? 'error'),
  ];
  if (h.assignedTo.length) lines.push(t('Assigned to: {0}', h.assignedTo.map(md).join(', ')));
  if (h.committed.length) lines.push(t('Committed offsets: {0}', h.committed.map((c) => `p${c.partition} = ${formatCount(c.offset)}`).join(', ')));
  return { label: h.topic, description: `${why} · ${t('lag unknown')}`, tooltip: lines.join('\n\n') };
}

export function partitionLabel(p: { partition: number }): string {
  return `p${p.partition}`;
}

/** "1,200 / 1,500 · lag 300" (committed / log end) or "no commit". */
export function partitionDescription(p: PartitionLag, behind?: string): string {
  if (p.committed === null || p.lag === null) return t('no commit');
  // The transaction note ("caught up: 1 transaction marker") explains a lag that will never go.
  return [`${formatCount(p.committed)} / ${formatCount(p.logEnd)}`, t('lag {0}', formatCount(p.lag)), ...(behind ? [behind] : []), ...(p.note ? [p.note] : [])].join(' · ');
}

export function partitionTooltip(p: PartitionLag, more: string[] = []): string {
  const lines = [
    `**${md(p.topic)}** ${t('partition {0}', p.partition)}`,
    '',
    `${t('Committed offset')}: ${p.committed === null ? t('none (no commit)') : formatCount(p.committed)}`,
    `${t('Log-start offset')}: ${formatCount(p.logStart)}`,
    `${t('Log-end offset')}: ${formatCount(p.logEnd)}`,
    `${t('Lag')}: ${p.lag === null ? t('none') : formatCount(p.lag)}`,
    `${t('Owner')}: ${p.owner ? `${code(p.owner.clientId || '?')} ${t('on')} ${code(p.owner.host || '?')}` : t('no member assigned')}`,
    ...more,
  ];
  return lines.join('  \n');
}

// ---------------------------------------------------------------------------------------------
// Group filter (setting kafkaOffsets.groupFilter): comma-separated patterns, `*` and `?` wildcards,
// a pattern without wildcards matches anywhere in the id, a leading `!` excludes.

export function groupMatcher(filter: string | undefined): (groupId: string) => boolean {
  const patterns = (filter ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== '!');
  if (patterns.length === 0) return () => true;
  // Matched by a glob matcher, never a regex: the filter can come from a workspace and ids can be long.
  const compile = (p: string) => globMatcher(/[*?]/.test(p) ? p : `*${p}*`);
  const include = patterns.filter((p) => !p.startsWith('!')).map(compile);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => compile(p.slice(1)));
  return (id) => (include.length === 0 || include.some((m) => m(id))) && !exclude.some((m) => m(id));
}

/**
 * The view's filter over a group and its topics: a group is shown when an include pattern matches its
 * id or one of its topics (so `orders*` finds every group reading orders), and no `!` pattern matches
 * its id (an exclusion names groups: `!console-consumer-*` must not be undone by a topic they read).
 */
export function groupTopicMatcher(filter: string | undefined): (groupId: string, topics: readonly string[]) => boolean {
  const byId = groupMatcher(filter);
  const includes = (filter ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('!'));
  if (includes.length === 0) return (id) => byId(id);
  const excludes = (filter ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith('!') && p !== '!');
  const notExcluded = groupMatcher(excludes.join(','));
  const topicMatch = groupMatcher(includes.join(','));
  return (id, topics) => byId(id) || (notExcluded(id) && topics.some((tp) => topicMatch(tp)));
}

// ---------------------------------------------------------------------------------------------
// Reset modes (quick pick) and values

export interface ModeItem {
  mode: ResetMode;
  label: string;
  description: string;
  detail: string;
  /** Earliest/latest need no value. */
  needsValue: boolean;
  prompt?: string;
  placeholder?: string;
}

export function modeItems(): ModeItem[] {
  return [
    { mode: 'offset', label: t('Offset'), description: 'messageOffset', detail: t('A message offset; clamped to the log start / end.'), needsValue: true, prompt: t('Offset to reset to (decimal integer)'), placeholder: '42' },
    { mode: 'timestamp', label: t('Timestamp (ms)'), description: 'timestamp', detail: t('Unix time in milliseconds: first offset at or after it.'), needsValue: true, prompt: t('Unix time in milliseconds (13 digits today)'), placeholder: String(1_700_000_000_000) },
    { mode: 'datetime', label: t('Date-time'), description: 'ISO-8601', detail: t('A date-time with its time zone, e.g. 2026-11-24T10:00:00+01:00.'), needsValue: true, prompt: t('ISO-8601 date-time with a zone (Z or ±hh:mm)'), placeholder: '2026-11-24T10:00:00Z' },
    { mode: 'earliest', label: t('Earliest'), description: 'log start', detail: t('Replay everything still in the log.'), needsValue: false },
    { mode: 'latest', label: t('Latest'), description: 'log end', detail: t('Skip everything: lag becomes 0.'), needsValue: false },
    { mode: 'shiftBy', label: t('Shift by'), description: '± n', detail: t('Move each committed offset by n (negative = replay).'), needsValue: true, prompt: t('Number of messages to shift by (negative replays)'), placeholder: '-100' },
    { mode: 'duration', label: t('Duration back from now'), description: 'ISO-8601', detail: t('E.g. PT30M = the first offset of 30 minutes ago.'), needsValue: true, prompt: t('ISO-8601 duration back from now, e.g. PT30M, PT2H, P1D'), placeholder: 'PT30M' },
  ];
}

/** Now, as an ISO-8601 date-time in the given zone offset (minutes east of UTC), to prefill the value. */
export function localIsoWithOffset(ms: number, offsetMinutesEast: number): string {
  const shifted = new Date(ms + offsetMinutesEast * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutesEast >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutesEast);
  const zone = offsetMinutesEast === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}${zone}`
  );
}

// ---------------------------------------------------------------------------------------------
// Plans and results

const off = (v: bigint | null): string => (v === null ? t('none') : formatCount(v));

export function rowName(r: { topic: string; partition: number }, withTopic: boolean): string {
  return withTopic ? `${r.topic} p${r.partition}` : `p${r.partition}`;
}

export function clampText(r: PlanRow): string | undefined {
  if (r.clamped === 'earliest') return t('clamped to log start {0}', formatCount(r.logStart));
  if (r.clamped === 'latest') return t('clamped to log end {0}', formatCount(r.logEnd));
  return undefined;
}

export interface PlanRowItem {
  label: string;
  description: string;
  detail: string;
}

/** One quick-pick row per partition: "p0", "50 → 10", "lag 50 → 90 · clamped to log start 10". */
export function planRowItem(r: PlanRow, withTopic: boolean): PlanRowItem {
  const lag = t('lag {0} → {1}', off(r.lagBefore), formatCount(r.lagAfter));
  const extra = r.error ?? clampText(r);
  return {
    label: pickText(rowName(r, withTopic)),
    description: `${off(r.committed)} → ${formatCount(r.target)}`,
    detail: extra ? `${lag} · ${extra}` : lag,
  };
}

export function planTopics(plan: Plan): string[] {
  return [...new Set(plan.rows.map((r) => r.topic))];
}

/** "3 partitions of orders · lag 1,234 → 5,678 · replays 4,444 messages" */
export function planSummary(plan: Plan): string {
  const tot = planTotals(plan);
  const topics = planTopics(plan);
  const parts = [
    topics.length === 1
      ? t('{0} of {1}', plural(tot.partitions, '{0} partition', '{0} partitions'), topics[0])
      : t('{0} in {1} topics', plural(tot.partitions, '{0} partition', '{0} partitions'), topics.length),
    t('lag {0} → {1}', formatCount(tot.lagBefore), formatCount(tot.lagAfter)),
  ];
  if (tot.replayed > 0n) parts.push(t('replays {0} messages', formatCount(tot.replayed)));
  if (tot.skipped > 0n) parts.push(t('skips {0} messages', formatCount(tot.skipped)));
  if (tot.noCommit > 0) parts.push(t('{0} without a commit yet', tot.noCommit));
  if (tot.errors > 0) parts.push(t('{0} cannot be reset', tot.errors));
  return parts.join(' · ');
}

/** The preview as a Markdown document (opened beside the quick pick, and logged). */
export function planMarkdown(plan: Plan, clusterName: string, modeText: string): string {
  const withTopic = planTopics(plan).length > 1;
  const head = [
    `# ${t('Reset plan for group {0}', code(plan.request.group))}`,
    '',
    `- ${t('Cluster')}: ${md(clusterName)}`,
    `- ${t('Mode')}: ${md(modeText)}`,
    ...(plan.resolvedTimestamp !== undefined ? [`- ${t('Searched instant')}: ${new Date(plan.resolvedTimestamp).toISOString()} (${plan.resolvedTimestamp})`] : []),
    `- ${t('Offsets read at')}: ${new Date(plan.plannedAt).toISOString()}`,
    `- ${planSummary(plan)}`,
    '',
    `| ${t('Partition')} | ${t('Committed')} | ${t('Log start')} | ${t('Log end')} | ${t('Target')} | ${t('Lag before → after')} | ${t('Note')} |`,
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  const rows = plan.rows.map(
    (r) =>
      `| ${md(rowName(r, withTopic))} | ${off(r.committed)} | ${formatCount(r.logStart)} | ${formatCount(r.logEnd)} | ${formatCount(r.target)} | ${off(r.lagBefore)} → ${formatCount(r.lagAfter)} | ${md(r.error ?? clampText(r) ?? '')} |`,
  );
  return [...head, ...rows, ''].join('\n');
}

/** One log line per planned partition. */
export function planLogLines(plan: Plan): string[] {
  return plan.rows.map(
    (r) =>
      `  ${r.topic}/${r.partition}: committed ${off(r.committed)} → target ${formatCount(r.target)} ` +
      `(log ${formatCount(r.logStart)}..${formatCount(r.logEnd)}, lag ${off(r.lagBefore)} → ${formatCount(r.lagAfter)})` +
      (r.clamped ? ` [clamped ${r.clamped}]` : '') +
      (r.error ? ` ERROR ${r.error}` : ''),
  );
}

/** One log line per partition of a result: before → after, outcome. */
export function resultLogLines(result: ResetResult): string[] {
  return result.rows.map(
    (r) =>
      `  ${r.topic}/${r.partition}: ${off(r.committed)} → ${r.target < 0n ? t('deleted') : formatCount(r.target)} ${r.outcome}` +
      (r.readBack !== null && r.readBack !== r.target ? ` (read back ${formatCount(r.readBack)})` : '') +
      (r.reason ? ` — ${r.reason}` : ''),
  );
}

export function resultCounts(result: ResetResult): { applied: number; failed: number; unknown: number } {
  const c = { applied: 0, failed: 0, unknown: 0 };
  for (const r of result.rows) c[r.outcome]++;
  return c;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/** Snapshot JSON files beyond the newest `keep` (input newest first, as listSnapshots returns). */
export function snapshotsToPrune(newestFirst: string[], keep = 20): string[] {
  return newestFirst.slice(keep);
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers. Group ids, client ids, hosts, topics and error sentences come from the cluster
// (any consumer chooses its client.id): in a tooltip they must read as text — never a link, an image,
// HTML, emphasis, a list or a new paragraph. MarkdownStrings are also created untrusted, without
// HTML or theme icons (groupsTree.ts), so even a miss here could not run a command.

/**
 * Text for Markdown: first `visible` (a line break or control becomes `\n`, `\x1b`…, so the value
 * stays inside its line and paragraph), then every ASCII punctuation character backslash-escaped —
 * CommonMark lets any of them be escaped, and escaping all of them leaves no syntax at all: no `[`,
 * `!`, `<`, `` ` ``, `*`, `_`, `#`, `|`, and no bare `https://` or `www.` for autolinking.
 */
export function md(s: string): string {
  return visible(s).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * An inline code span holding exactly the (visible) text: fenced by more backticks than the longest
 * run inside, padded with a space where the text starts or ends with a backtick or a space.
 */
export function code(s: string): string {
  const text = visible(s);
  if (text === '') return '` `';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text for a quick pick label, description or detail: `visible`, and `$(` escaped so a group id or
 * topic like `$(check) approved` shows as written instead of as an icon.
 */
export function pickText(s: string): string {
  return visible(s).replace(/\$\(/g, '\\$(');
}
