/** `describe --group G`: state, coordinator, members and what they read (a streams group's topology too). */
import type { ClusterRun } from '../command';
import { requireGroup } from '../options';
import { noSuchGroup } from '../connection';
import { describeLines } from '../groupTypes';

export const describe: ClusterRun = {
  async run({ client, options, out, signal, cfg }) {
    const d = await client.describeGroup(requireGroup(options), { signal });
    if (d.state === 'Dead') throw noSuchGroup(d.groupId, cfg);
    if (out.json) out.data(d);
    else {
      // The first line is a sentence, the rest are tables.
      const [head, ...tables] = describeLines(d);
      out.text(head);
      for (const t of tables) out.block(t);
    }
    return 0;
  },
};
