/**
 * SecretStorage keys that cannot follow a cluster name (issue 11 item 7): ids stored with the cluster
 * entry, a one-time pin for entries saved before, and a question before a stored password goes to
 * brokers it was not saved for. SecretStorage is a Map here (it is VS Code's, not Kafka's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterToSetting, newClusterId, parseClusterSettings, passwordKey } from '../../src/extension/clusterSettings';
import { ClusterSecrets, passwordBrokersKey, sameBrokers, type SecretStore } from '../../src/extension/clusterSecrets';
import type { ClusterEntry } from '../../src/extension/services';

function memoryStore(): SecretStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: async (k) => map.get(k), store: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
}

const sasl = { mechanism: 'plain' as const, username: 'alice' };

test('a cluster inserted above a same-named one does not take its id, so not its password', () => {
  const before = parseClusterSettings([{ id: 'prod-1a2b3c', name: 'prod', brokers: ['good:9092'], sasl }]);
  const after = parseClusterSettings([
    { name: 'prod', brokers: ['evil:9092'], sasl },
    { id: 'prod-1a2b3c', name: 'prod', brokers: ['good:9092'], sasl },
  ]);
  assert.equal(before.clusters[0].id, 'prod-1a2b3c');
  assert.deepEqual(after.clusters.map((c) => [c.id, c.brokers[0]]), [['prod', 'evil:9092'], ['prod-1a2b3c', 'good:9092']]);
  assert.deepEqual(after.pins, [{ index: 0, id: 'prod', sharedName: true }]);
});

test('derived ids never take a stored one; invalid and duplicate stored ids are replaced', () => {
  const r = parseClusterSettings([
    { name: 'prod', brokers: ['a:1'] },
    { id: 'prod', name: 'other', brokers: ['b:1'] },
    { id: 'prod', name: 'third', brokers: ['c:1'] },
    { id: '../x', name: 'x', brokers: ['d:1'] },
  ]);
  assert.deepEqual(r.clusters.map((c) => c.id), ['prod-2', 'prod', 'third', 'x']);
  assert.deepEqual(r.pins.map((p) => p.index), [0, 2, 3]);
  assert.equal(clusterToSetting(r.clusters[1]).id, 'prod');
  assert.match(newClusterId('Prod EU', 'a1b2c3'), /^prod-eu-a1b2c3$/);
});

test('a stored password goes without a question only to the brokers it was saved for', async () => {
  const store = memoryStore();
  const asked: Array<string[] | undefined> = [];
  let answer = false;
  const secrets = new ClusterSecrets(store, async (_c, savedFor) => (asked.push(savedFor), answer));
  const cluster: ClusterEntry = { id: 'prod-1a2b3c', name: 'prod', brokers: ['b:9092', 'a:9092'], sasl };
  const refused = () => new Error('refused');
  assert.equal(await secrets.forConnecting(cluster, refused), undefined, 'nothing stored');
  await secrets.save(cluster.id, 'pw', ['a:9092', 'b:9092']);
  assert.equal(await secrets.forConnecting(cluster, refused), 'pw', 'same brokers in another order');
  assert.deepEqual(asked, []);

  const moved = { ...cluster, brokers: ['evil:9092'] };
  await assert.rejects(secrets.forConnecting(moved, refused), /refused/);
  assert.deepEqual(asked, [['a:9092', 'b:9092']]);
  assert.equal(await secrets.forConnecting(cluster, refused), 'pw', 'declining changes nothing');

  answer = true;
  assert.equal(await secrets.forConnecting(moved, refused), 'pw');
  assert.equal(store.map.get(passwordBrokersKey(cluster.id)), JSON.stringify(['evil:9092']), 'the answer is remembered');
  assert.equal(await secrets.forConnecting(moved, refused), 'pw');
  assert.equal(asked.length, 2);

  await secrets.remove(cluster.id);
  assert.equal(store.map.size, 0);
});

test('concurrent connections ask once', async () => {
  const store = memoryStore();
  let asks = 0;
  const secrets = new ClusterSecrets(store, async () => (asks++, await new Promise((r) => setTimeout(r, 10)), true));
  await store.store(passwordKey('c'), 'pw');
  const c: ClusterEntry = { id: 'c', name: 'c', brokers: ['x:1'], sasl };
  const got = await Promise.all([1, 2, 3].map(() => secrets.forConnecting(c, () => new Error('no'))));
  assert.deepEqual(got, ['pw', 'pw', 'pw']);
  assert.equal(asks, 1);
});

test('migration binds a name-keyed password to its brokers only when the name was unique', async () => {
  const store = memoryStore();
  await store.store(passwordKey('prod'), 'p1');
  await store.store(passwordKey('dup'), 'p2');
  await store.store(passwordKey('dup-2'), 'p3');
  const parsed = parseClusterSettings([
    { name: 'prod', brokers: ['p:1'], sasl },
    { name: 'dup', brokers: ['d1:1'], sasl },
    { name: 'dup', brokers: ['d2:1'], sasl },
  ]);
  assert.deepEqual(parsed.pins.map((p) => [p.id, p.sharedName]), [['prod', false], ['dup', true], ['dup-2', true]]);
  let asked = 0;
  const secrets = new ClusterSecrets(store, async () => (asked++, false));
  await secrets.migrate(parsed.pins, parsed.clusters);
  assert.equal(store.map.get(passwordBrokersKey('prod')), JSON.stringify(['p:1']));
  assert.equal(store.map.get(passwordBrokersKey('dup')), undefined);
  assert.equal(await secrets.forConnecting(parsed.clusters[0], () => new Error('no')), 'p1');
  await assert.rejects(secrets.forConnecting(parsed.clusters[1], () => new Error('not sent')), /not sent/);
  assert.equal(asked, 1);
});

test('sameBrokers ignores order, duplicates and host case', () => {
  assert.ok(sameBrokers(['A:1', 'b:2'], ['b:2', 'a:1', 'a:1']));
  assert.ok(!sameBrokers(['a:1'], ['a:2']));
});
