/** `groups`: every group with its type and state, optionally only some types. */
import type { ClusterRun } from '../command';
import { str } from '../options';
import { parseTypeFilter, groupsTable, typeOf } from '../groupTypes';

export const groups: ClusterRun = {
  async run({ client, options, out, signal }) {
    const types = parseTypeFilter(str(options, 'type'));
    const list = (await client.listGroups({ signal })).filter((g) => !types || types.has(typeOf(g)));
    if (out.json) out.data(list.map((g) => ({ ...g, groupType: typeOf(g) })));
    else out.block(groupsTable(list));
    return 0;
  },
};
