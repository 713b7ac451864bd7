/**
 * `lag --all-groups`: one line or JSON element per group, written as each batch of groups is read
 * (eachGroupLag), so the process holds one batch's lag at a time however many groups there are.
 */
import { eachGroupLag } from '../../core';
import type { GroupLagEntry } from '../../core';
import type { CommandContext } from '../command';
import { lagJson, table, topicsCell, lagText } from '../format';
import { timeLagCell } from '../timeLagColumns';
import { writeJsonArray } from '../jsonStream';

/** One group of `lag --all-groups --json` / `--ndjson`. */
export const entryJson = (e: GroupLagEntry) => ({ group: e.group.groupId, state: e.group.state, ...(e.lag ? lagJson(e.lag) : {}), ...(e.error ? { error: e.error } : {}) });

/** Exit 1 when any group's lag could not be read (each such group says why in its own line or element). */
export async function allGroupsLagCommand({ client, options, out, signal }: CommandContext, timeLag: boolean): Promise<number> {
  let failed = 0;
  const counted = (e: GroupLagEntry) => {
    if (e.error) failed++;
    return e;
  };
  // --ndjson: one line per group as soon as its batch is read.
  if (options.has('ndjson')) {
    const lines = out.jsonLines();
    await eachGroupLag(client, { signal, timeLag, onGroup: (e) => lines.add(entryJson(counted(e))) });
    return failed ? 1 : 0;
  }
  if (out.json) {
    // Groups in the order they are read (share groups first); a failure part-way (broker gone,
    // deadline, Ctrl-C) ends the array with its {error} (writeJsonArray).
    await writeJsonArray(out.jsonArray(), (add) => eachGroupLag(client, { signal, timeLag, onGroup: (e) => add(entryJson(counted(e))) }));
    return failed ? 1 : 0;
  }
  // A table needs every width before its first line: keep each group's cells (strings), not its lag.
  const rows = new Map<string, string[]>();
  const order = await eachGroupLag(client, {
    signal,
    timeLag,
    onGroup: (e) => {
      counted(e);
      rows.set(e.group.groupId, [e.group.groupId, e.group.state, e.lag ? lagText(e.lag.lag) : `error: ${e.error}`, ...(timeLag ? [timeLagCell(e.lag?.timeLagMs)] : []), e.lag ? topicsCell(e.lag) : '']);
    },
  });
  out.block(table(['GROUP', 'STATE', 'LAG', ...(timeLag ? ['TIME-LAG'] : []), 'TOPICS'], order.map((id) => rows.get(id)!)));
  return failed ? 1 : 0;
}
