/**
 * The one-line summary of a several-group reset (src/cli/resetGroups.ts batchLine): it says exactly which
 * groups changed, and a group refused for another reason than members (offsets still moving, a share or
 * streams group) is not called "not empty".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchLine, type Entry } from '../../src/cli/resetGroups';
import type { GroupDescription } from '../../src/core/types';

const description = (state: string, members = 0) =>
  ({ groupId: 'x', state, members: Array.from({ length: members }, (_, i) => ({ memberId: `m${i}`, clientId: 'c', host: 'h' })) }) as unknown as GroupDescription;

test('refused groups are split by why: members, or a reason of their own', () => {
  const entries: Entry[] = [
    { group: 'live', status: 'refused', description: description('Stable', 1) },
    { group: 'moving', status: 'refused', description: description('Empty'), reason: 'no members, but its committed offsets moved' },
    { group: 'share', status: 'refused', description: description('Empty'), reason: 'a share group' },
    { group: 'none', status: 'nothing', reason: 'no committed offsets' },
  ];
  assert.equal(
    batchLine(entries, false),
    'Refused (not empty, left untouched): "live". Refused (left untouched, reason above): "moving", "share". Nothing to reset: "none". No group was changed.',
  );
});

test('only members: the summary Apache users know, and a dry run says nothing changed', () => {
  const entries: Entry[] = [{ group: 'live', status: 'refused', description: description('Stable', 2) }];
  assert.equal(batchLine(entries, true), 'Refused (not empty, left untouched): "live". Dry run: nothing was changed.');
});
