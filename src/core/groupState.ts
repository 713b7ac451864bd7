/**
 * When a group may be committed to: no members, and Empty — or Dead, which is how Kafka describes a
 * group that does not exist yet. Pure: the form and the webview say it in advance with the same rule
 * the engine enforces at commit time.
 */
/** States in which committing is allowed. Dead = the group does not exist (yet). */
export const RESETTABLE_STATES: ReadonlySet<string> = new Set(['Empty', 'Dead']);

/** The group as described may be reset now: a resettable state and nobody in it. */
export function isResettable(d: { state: string; members: readonly unknown[] }): boolean {
  return RESETTABLE_STATES.has(d.state) && d.members.length === 0;
}
