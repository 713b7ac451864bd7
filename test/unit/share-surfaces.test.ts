/**
 * How share and streams groups reach the extension's surfaces, as plain data: the equivalent Apache
 * command follows the plan's group type, a share group's topic row matches the Delete Share Offsets
 * menu (and still the reset menus), the form lists shift-by as not offered with the core's sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { equivalentCommand } from '../../src/core/equivalentTypes';
import { planReset } from '../../src/core/plan';
import { shareModeUnsupported } from '../../src/core/validate';
import { watchesCommits } from '../../src/core/groupReset';
import { itemFor, type ItemSource } from '../../src/extension/tree/items';
import { NodeCache } from '../../src/extension/tree/nodes';
import type { GroupModel } from '../../src/extension/tree/store';
import { groupInfoView } from '../../src/extension/resetPanelModel';
import type { GroupDescription, GroupType, Plan } from '../../src/core/types';

const parts = [0, 1, 2].map((partition) => ({ topic: 'orders', partition, logStart: 0n, logEnd: 30n, committed: 10n }));
const plan = (groupType?: GroupType): Plan => ({
  ...planReset({ group: 'g', topic: 'orders', partition: -1, spec: { kind: 'earliest' } }, { partitions: parts, partitionCounts: new Map([['orders', 3]]), takenAt: 0 }),
  ...(groupType ? { groupType } : {}),
});

test('equivalent command: kafka-share-groups for a share plan, kafka-streams-groups for streams, kafka-consumer-groups otherwise; a partition subset as topic:p,p', () => {
  const b = ['127.0.0.1:9092'];
  assert.match(equivalentCommand(b, plan('share')), /^kafka-share-groups\.sh .* --topic 'orders' --to-earliest --dry-run$/);
  assert.match(equivalentCommand(b, plan('streams')), /^kafka-streams-groups\.sh .* --input-topic 'orders' --to-earliest --dry-run$/);
  assert.match(equivalentCommand(b, plan()), /^kafka-consumer-groups\.sh .* --topic 'orders' --to-earliest --dry-run$/);
  assert.match(equivalentCommand(b, plan('share'), { partitions: [2, 0] }), / --topic 'orders:0,2' /);
  assert.match(equivalentCommand(b, plan('streams'), { partitions: [1] }), / --input-topic 'orders:1' /);
});

test('share groups: shift-by and CSV not offered (with the sentence why), the rest offered; nobody outside a share group moves its offsets', () => {
  assert.match(shareModeUnsupported('shiftBy')!, /Shift-by is not offered for share groups/);
  assert.match(shareModeUnsupported('csv')!, /CSV plan is not offered for share groups/);
  for (const mode of ['earliest', 'latest', 'offset', 'timestamp', 'datetime', 'duration'] as const) assert.equal(shareModeUnsupported(mode), undefined, mode);
  assert.equal(watchesCommits('share'), false);
  for (const t of [undefined, 'classic', 'consumer', 'streams'] as const) assert.equal(watchesCommits(t), true, String(t));
});

test('tree: a share group\'s topic is "topic:share" and partition "partition:share", which the Reset, Form (and Delete Share Offsets) menus match but not Delete Committed Offsets; other groups\' topics and partitions get it', () => {
  const nodes = new NodeCache();
  const model = (groupType?: GroupType): GroupModel => ({ listing: { groupId: 'g', state: 'Empty', protocolType: groupType === 'share' ? 'share' : 'consumer', ...(groupType ? { groupType } : {}) } });
  const groups = new Map<string, GroupModel>([['sh', model('share')], ['cg', model('consumer')], ['st', model('streams')]]);
  const source: ItemSource = {
    clusterEntry: (id) => ({ id, name: 'Test', brokers: ['127.0.0.1:9092'] }),
    clusterCount: () => 1,
    implicit: () => false,
    clusterFailed: () => false,
    group: (_c, g) => groups.get(g),
  };
  const ctx = (g: string) => itemFor(nodes.topic('c', g, 'orders'), source).contextValue!;
  assert.equal(ctx('sh'), 'topic:share');
  assert.equal(ctx('cg'), 'topic');
  assert.equal(ctx('st'), 'topic');
  const pctx = (g: string) => itemFor(nodes.partition('c', g, 'orders', 1), source).contextValue!;
  assert.equal(pctx('sh'), 'partition:share');
  assert.equal(pctx('cg'), 'partition');
  assert.equal(pctx('st'), 'partition');

  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const menus: Array<{ command: string; when: string }> = pkg.contributes.menus['view/item/context'];
  const matches = (command: string, viewItem: string) =>
    menus.some((m) => {
      if (m.command !== command) return false;
      const re = /viewItem =~ \/(.+)\/$/.exec(m.when);
      if (re) return new RegExp(re[1]).test(viewItem);
      return m.when.endsWith(`viewItem == ${viewItem}`);
    });
  for (const cmd of ['kafkaOffsets.resetOffset', 'kafkaOffsets.openResetForm']) {
    assert.ok(matches(cmd, 'topic:share'), `${cmd} on a share group's topic`);
    assert.ok(matches(cmd, 'topic'), `${cmd} on a topic`);
  }
  assert.ok(matches('kafkaOffsets.deleteShareOffsets', 'topic:share'));
  assert.ok(!matches('kafkaOffsets.deleteShareOffsets', 'topic'), 'no Delete Share Offsets on a consumer group\'s topic');
  assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'kafkaOffsets.deleteShareOffsets'));
  for (const cmd of ['kafkaOffsets.resetOffset', 'kafkaOffsets.openResetForm', 'kafkaOffsets.showNextMessages', 'kafkaOffsets.skipThisMessage']) {
    assert.ok(matches(cmd, 'partition:share'), `${cmd} on a share group's partition`);
    assert.ok(matches(cmd, 'partition'), `${cmd} on a partition`);
  }
  assert.ok(matches('kafkaOffsets.deleteOffsets', 'partition') && matches('kafkaOffsets.deleteOffsets', 'topic'));
  assert.ok(!matches('kafkaOffsets.deleteOffsets', 'partition:share') && !matches('kafkaOffsets.deleteOffsets', 'topic:share'), 'no Delete Committed Offsets on a share group\'s partition or topic');
});

test('form: a share group\'s info lists shift-by as not offered, with the core\'s sentence; other groups offer every mode', () => {
  const d = (groupType?: GroupType): GroupDescription => ({ groupId: 'g', state: 'Empty', protocolType: '', protocol: '', members: [], coordinator: { nodeId: 1, host: 'localhost', port: 9092 }, ...(groupType ? { groupType } : {}) });
  const lag = { groupId: 'g', lag: null, topics: [] };
  assert.deepEqual(groupInfoView(d('share'), lag, []).notOffered, [{ mode: 'shiftBy', why: shareModeUnsupported('shiftBy') }]);
  assert.equal(groupInfoView(d('consumer'), lag, []).notOffered, undefined);
  assert.equal(groupInfoView(d('streams'), lag, []).notOffered, undefined);
});
