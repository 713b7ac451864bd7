/** `lag --group G` (per partition) or `lag --all-groups` (one line per group). */
import { KafkaOffsetsError, groupLag } from '../../core';
import type { ClusterRun } from '../command';
import { requireGroup } from '../options';
import { noSuchGroup } from '../connection';
import { lagTable, lagJson, hiddenTopicNote, lagText } from '../format';
import { watchLag } from './lagWatch';
import { totalTimeLagText } from '../timeLagColumns';
import { allGroupsLagCommand } from './lagAll';

export const lag: ClusterRun = {
  async run({ client, options, out, signal, cfg }) {
    if (!options.has('watch') && (options.has('interval') || options.has('window'))) throw new KafkaOffsetsError('validation', '--interval and --window go with --watch.');
    if (options.has('watch') && options.has('all-groups')) throw new KafkaOffsetsError('validation', '--watch follows one group: give --group, not --all-groups.');
    // Time lag reads one record per lagging partition (one Fetch per leader): on by default, since it
    // costs little next to the lag itself (see docs/benchmarks.md); --no-time-lag skips it.
    const timeLag = !options.has('no-time-lag');
    if (options.has('all-groups')) {
      if (options.has('group')) throw new KafkaOffsetsError('validation', 'Give --group or --all-groups, not both.');
      return allGroupsLagCommand({ client, options, out, signal, cfg }, timeLag);
    }
    const groupId = requireGroup(options);
    if (options.has('watch')) return watchLag({ client, options, out, signal, cfg }, groupId);
    const description = await client.describeGroup(groupId, { signal });
    const result = await groupLag(client, groupId, { signal, description, timeLag });
    // Kafka reports an unknown group as Dead with nothing in it; an empty table would read as "no lag".
    if (description.state === 'Dead' && result.topics.length === 0 && !result.hiddenTopics?.length) throw noSuchGroup(groupId, cfg);
    if (out.json) out.data(lagJson(result));
    else {
      out.block(lagTable(result));
      out.text(`Total lag: ${lagText(result.lag)}${totalTimeLagText(result)}`);
      for (const h of result.hiddenTopics ?? []) out.text(hiddenTopicNote(h));
    }
    return 0;
  },
};
