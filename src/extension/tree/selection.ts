/**
 * Which listed groups the "Consumer Groups" view shows, in what order, and the sentence that says so
 * (the view's description). Pure: the store asks it, node:test checks it. No vscode import.
 *
 * Two steps, because lag is read only for the groups the filter keeps: `candidates` are the groups the
 * filter keeps (their lag is read), `shown` are the candidates after "only groups with lag" and the sort.
 */
import { groupTopicMatcher } from '../groupFilter';
import { t } from '../l10n';
import { formatCount } from '../../core/numbers';
import { visible } from '../../core/display';
import type { GroupModel, GroupSort } from './model';

export type { GroupSort } from './model';

export interface Selection {
  /** The groupFilter setting (patterns over group ids and topic names). */
  filter: string;
  sort: GroupSort;
  /** Show only groups whose lag is known and above zero. */
  onlyLagging: boolean;
}

export const DEFAULT_SELECTION: Selection = { filter: '', sort: 'name', onlyLagging: false };

/**
 * The topics a group is known to read: those its members are assigned (known from the listing) and
 * those it has committed offsets on (known once its lag was read), deleted or hidden ones included.
 */
export function groupTopics(g: Readonly<GroupModel>): string[] {
  const topics = new Set<string>();
  for (const m of g.description?.members ?? []) for (const a of m.assignment) topics.add(a.topic);
  for (const tl of g.lag?.topics ?? []) topics.add(tl.topic);
  for (const h of g.lag?.hiddenTopics ?? []) topics.add(h.topic);
  return [...topics];
}

/** The groups the filter keeps, in listing order: the ones whose lag the store reads. */
export function candidates<G extends Readonly<GroupModel>>(groups: Iterable<G>, filter: string): G[] {
  // No filter keeps every group: skip gathering each group's topics (the count runs every second).
  if (filter.trim() === '') return [...groups];
  const match = groupTopicMatcher(filter);
  return [...groups].filter((g) => match(g.listing.groupId, groupTopics(g)));
}

/**
 * Groups the filter hides by id whose topics are not known yet (no member is assigned a matching topic
 * and their lag, which names their committed topics, was not read): the store reads their lag after
 * the candidates', so `orders*` finds an empty group that only committed on an orders topic. None
 * without an include pattern (nothing to match a topic against).
 */
export function undecided<G extends Readonly<GroupModel>>(listed: Iterable<G>, filter: string): G[] {
  const groups = [...listed];
  const includes = filter.split(',').some((p) => p.trim() !== '' && !p.trim().startsWith('!'));
  if (!includes) return [];
  const kept = new Set(candidates(groups, filter));
  const notExcluded = groupTopicMatcher(filter.split(',').filter((p) => p.trim().startsWith('!')).join(','));
  return groups.filter((g) => !kept.has(g) && !g.lag && !g.error && notExcluded(g.listing.groupId, []));
}

/** localeCompare's order without its per-call set-up: sorting 5,000 groups is done at every lag batch. */
const collator = new Intl.Collator();
const byName = (a: Readonly<GroupModel>, b: Readonly<GroupModel>) => collator.compare(a.listing.groupId, b.listing.groupId);

/**
 * Largest lag first; then groups with no commit at all (lag null), then those whose lag is not known
 * yet (or failed), so the troubled groups are on top while the rest is still being read; ties by name.
 */
function byLag(a: Readonly<GroupModel>, b: Readonly<GroupModel>): number {
  const rank = (g: Readonly<GroupModel>) => (g.lag === undefined ? 2 : g.lag.lag === null ? 1 : 0);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const la = a.lag?.lag;
  const lb = b.lag?.lag;
  if (typeof la === 'bigint' && typeof lb === 'bigint' && la !== lb) return la > lb ? -1 : 1;
  return byName(a, b);
}

/**
 * Longest behind in time first (the group's oldest unread record): lag in records says how much, time
 * lag how stale, and a slow topic with a small lag can be hours behind. Then groups with no commit
 * (timeLagMs null), then those whose time lag is not known (not read yet, failed, or a read without
 * it); ties (0 ms: caught up) by lag, then by name.
 */
function byTimeLag(a: Readonly<GroupModel>, b: Readonly<GroupModel>): number {
  const rank = (g: Readonly<GroupModel>) => (typeof g.lag?.timeLagMs === 'number' ? 0 : g.lag?.timeLagMs === null ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const ta = a.lag?.timeLagMs;
  const tb = b.lag?.timeLagMs;
  if (typeof ta === 'number' && typeof tb === 'number' && ta !== tb) return tb - ta;
  return byLag(a, b);
}

const ORDER: Record<GroupSort, (a: Readonly<GroupModel>, b: Readonly<GroupModel>) => number> = { name: byName, lag: byLag, timeLag: byTimeLag };

/** What the view shows of a cluster's groups, in the order it shows them. */
export function shownGroups<G extends Readonly<GroupModel>>(groups: Iterable<G>, s: Selection): G[] {
  return shownUnsorted(groups, s).sort(ORDER[s.sort] ?? byName);
}

/** How many groups the view shows (the description's count: no sort needed). */
export function shownCount(groups: Iterable<Readonly<GroupModel>>, s: Selection): number {
  return shownUnsorted(groups, s).length;
}

function shownUnsorted<G extends Readonly<GroupModel>>(groups: Iterable<G>, s: Selection): G[] {
  return candidates(groups, s.filter).filter((g) => !s.onlyLagging || (typeof g.lag?.lag === 'bigint' && g.lag.lag > 0n));
}

/** The words for a sort in the view's description and the sort picker ("by lag"). */
export function sortWords(sort: GroupSort): string {
  return sort === 'lag' ? t('by lag') : sort === 'timeLag' ? t('by time lag') : t('by name');
}

/**
 * The view's description: how many groups of how many are shown and why, so a filter saved in the
 * settings never makes groups vanish silently. "343 groups", "3 of 343 groups · filter: orders-*",
 * "12 of 343 groups · with lag · by lag", "343 groups · by time lag". Undefined while no cluster has listed its groups.
 */
export function selectionDescription(counts: ReadonlyArray<{ shown: number; total: number }>, s: Selection): string | undefined {
  if (counts.length === 0) return undefined;
  const shown = counts.reduce((n, c) => n + c.shown, 0);
  const total = counts.reduce((n, c) => n + c.total, 0);
  const parts = [shown === total ? (total === 1 ? t('1 group') : t('{0} groups', formatCount(total))) : t('{0} of {1} groups', formatCount(shown), formatCount(total))];
  if (s.filter.trim() !== '') parts.push(t('filter: {0}', visible(s.filter.trim())));
  if (s.onlyLagging) parts.push(t('with lag'));
  // Name order is the default and needs no word; any other is said, so a saved sort is never a surprise.
  if (s.sort !== 'name') parts.push(sortWords(s.sort));
  return parts.join(' · ');
}

/** The sort picker's rows (the view title's "Sort Groups…"): each sort, what it puts first, the current one marked. */
export function sortChoices(current: GroupSort): Array<{ sort: GroupSort; label: string; detail: string; current: boolean }> {
  const rows: Array<{ sort: GroupSort; label: string; detail: string }> = [
    { sort: 'name', label: t('Sort by name'), detail: t('Group ids in alphabetical order') },
    { sort: 'lag', label: t('Sort by lag'), detail: t('Most records behind first; then groups without a commit, then those not read yet') },
    { sort: 'timeLag', label: t('Sort by time lag'), detail: t('Longest behind in time first (the oldest record not yet read); then groups without a commit') },
  ];
  return rows.map((r) => ({ ...r, current: r.sort === current }));
}
