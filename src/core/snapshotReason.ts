/**
 * What a snapshot was taken before, as its `reason` says it: a delete (delete-offsets, delete-group,
 * Delete Share Offsets) or a reset (anything else, an undo's own snapshot included). The deletes write
 * their reasons with deleteReason, so the undo can say what it undoes. Pure: the extension imports it.
 */
const DELETE = 'delete of ';

/** The reason a delete records: "delete of the group", "delete of the committed offsets on orders". */
export function deleteReason(what: string): string {
  return `${DELETE}${what}`;
}

export function snapshotUndoes(snap: { reason: string }): 'delete' | 'reset' {
  return snap.reason.startsWith(DELETE) ? 'delete' : 'reset';
}
