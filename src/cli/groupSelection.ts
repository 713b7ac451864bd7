/** Which groups a reset or export is about when it names several: repeated --group, --all-groups, or a CSV plan's group column. */
import { KafkaOffsetsError, csvPlanGroups, parseCsvPlan, type KafkaClient } from '../core';
import { all, str, type Opts } from './options';
import { readPlanFile } from './resetInput';

/** The groups of a several-group reset or export, or undefined for one group (--group G). */
export async function severalGroups(client: KafkaClient, o: Opts, signal: AbortSignal): Promise<string[] | undefined> {
  const named = all(o, 'group');
  if (o.has('all-groups')) {
    if (named.length) throw new KafkaOffsetsError('validation', 'Give --group or --all-groups, not both.');
    // As kafka-consumer-groups: the consumer groups (and offset-only groups), not Connect's or others'.
    return (await client.listGroups({ signal }))
      .filter((g) => (g.protocolType === 'consumer' || g.protocolType === '') && g.groupType !== 'share' && g.groupType !== 'streams')
      .map((g) => g.groupId)
      .sort();
  }
  if (named.length > 1) return [...new Set(named)];
  const file = str(o, 'from-file');
  if (named.length === 0 && file !== undefined) {
    // A CSV plan with a group column names its groups itself.
    const parsed = parseCsvPlan(readPlanFile(file));
    if (parsed.ok && csvPlanGroups(parsed.rows).length) return csvPlanGroups(parsed.rows);
  }
  return undefined;
}
