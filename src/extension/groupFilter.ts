/**
 * The group filter (setting kafkaOffsets.groupFilter): comma-separated patterns, `*` and `?`
 * wildcards, a pattern without wildcards matches anywhere in the id, a leading `!` excludes.
 */
import { globMatcher } from '../core/glob';

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
