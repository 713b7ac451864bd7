/**
 * Differential tests: for the same broker state, Apache Kafka's own
 * `kafka-consumer-groups --reset-offsets --dry-run` and our plan must pick the same target for every
 * partition. Kafka's tool is the reference where the seed API is silent (see the contract).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { harness } from '../support/harness';
import { shellWords } from '../support/shellWords';
import { KafkaClient, planFromCluster, validateResetInput, ResetInput, kafkaConsumerGroupsCommand } from '../../src/core';
import { sameTargets } from '../../src/core/plan';

let fx: Fixtures;
let client: KafkaClient;
let topic: string;
let group: string;
const PARTITIONS = 4;
const COUNT = 120;
// Messages one minute apart ending ~10 minutes ago, so durations land between messages.
const BASE = Date.now() - (COUNT + 10) * 60_000 + 30_000;

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
  topic = unique('diff');
  group = unique('diffg');
  await fx.createTopic(topic, PARTITIONS);
  for (let p = 0; p < PARTITIONS; p++) await fx.produce(topic, p, COUNT - p * 10, (i) => BASE + i * 60_000);
  // Partition 3: records before 25 deleted, so log start is 25.
  await fx.deleteRecordsBefore(topic, 3, 25);
  await fx.commit(group, [
    { topic, partition: 0, offset: 60 },
    { topic, partition: 1, offset: 5 },
    { topic, partition: 2, offset: 100 },
    { topic, partition: 3, offset: 30 },
  ]);
});
after(async () => {
  await client.close();
  await fx.close();
});

/** Apache's tool: partition → NEW-OFFSET from its dry-run table. */
async function theirs(args: string[]): Promise<Map<number, bigint>> {
  const r = await harness.consumerGroupCommand(bootstrap(), ['--group', group, '--topic', topic, '--reset-offsets', '--dry-run', ...args]);
  assert.equal(r.code, 0, `kafka-consumer-groups ${args.join(' ')} failed: ${r.stderr}`);
  const out = parseKafkaPlan(r.stdout);
  assert.equal(out.size, PARTITIONS, `could not read Kafka's plan:\n${r.stdout}`);
  return new Map([...out].map(([p, o]) => [p, BigInt(o)]));
}

/**
 * The dry-run table (GROUP TOPIC PARTITION NEW-OFFSET rows) as partition → offset. Read as a stream of
 * 4-token rows after the header: Kafka 3.9's tool prints the rows without line breaks.
 */
function parseKafkaPlan(stdout: string): Map<number, string> {
  const tokens = stdout.split(/\s+/).filter(Boolean);
  const out = new Map<number, string>();
  for (let i = tokens.indexOf('NEW-OFFSET') + 1; i > 0 && i + 3 < tokens.length + 1; i += 4) {
    const [g, t, p, o] = tokens.slice(i, i + 4);
    if (g === group && t === topic && /^\d+$/.test(p ?? '') && /^\d+$/.test(o ?? '')) out.set(Number(p), o);
  }
  return out;
}

async function ours(input: Omit<ResetInput, 'group' | 'topic'>): Promise<Map<number, bigint>> {
  const v = validateResetInput({ group, topic, ...input });
  if (!v.ok) assert.fail(v.issues.map((i) => i.message).join(' '));
  const plan = await planFromCluster(client, v.request);
  return new Map(plan.rows.map((r) => [r.partition, r.target]));
}

const kafkaDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

const cases: Array<[string, string[], Omit<ResetInput, 'group' | 'topic'>]> = [
  ['to-offset inside the range', ['--to-offset', '50'], { messageOffset: '50' }],
  ['to-offset below log start of p3', ['--to-offset', '10'], { messageOffset: '10' }],
  ['to-offset above every log end', ['--to-offset', '100000'], { messageOffset: '100000' }],
  ['to-earliest', ['--to-earliest'], { mode: 'earliest' }],
  ['to-latest', ['--to-latest'], { mode: 'latest' }],
  ['shift-by -20', ['--shift-by', '-20'], { mode: 'shiftBy', value: '-20' }],
  ['shift-by +15', ['--shift-by', '15'], { mode: 'shiftBy', value: '15' }],
  ['to-datetime between messages', ['--to-datetime', kafkaDate(BASE + 40 * 60_000 + 1)], { mode: 'datetime', value: new Date(BASE + 40 * 60_000 + 1).toISOString() }],
  ['to-datetime exactly on a message', ['--to-datetime', kafkaDate(BASE + 70 * 60_000)], { mode: 'datetime', value: new Date(BASE + 70 * 60_000).toISOString() }],
  ['to-datetime before the first message', ['--to-datetime', kafkaDate(BASE - 3_600_000)], { mode: 'datetime', value: new Date(BASE - 3_600_000).toISOString() }],
  ['to-datetime after the last message', ['--to-datetime', kafkaDate(Date.now() - 60_000)], { mode: 'datetime', value: new Date(Date.now() - 60_000).toISOString() }],
  ['timestamp (ms) as to-datetime', ['--to-datetime', kafkaDate(BASE + 33 * 60_000 + 500)], { timestamp: String(BASE + 33 * 60_000 + 500) }],
  ['by-duration PT45M', ['--by-duration', 'PT45M'], { mode: 'duration', value: 'PT45M' }],
  ['by-duration P1D (before everything)', ['--by-duration', 'P1D'], { mode: 'duration', value: 'P1D' }],
];

for (const [name, args, input] of cases) {
  test(`same targets as kafka-consumer-groups: ${name}`, async () => {
    const [a, b] = [await theirs(args), await ours(input)];
    assert.deepEqual(Object.fromEntries([...b].map(([k, v]) => [k, String(v)])), Object.fromEntries([...a].map(([k, v]) => [k, String(v)])));
  });
}

test('the printed equivalent kafka-consumer-groups command, run as is, plans the same targets', async () => {
  for (const input of [{ messageOffset: '50' }, { mode: 'shiftBy', value: '-7' }, { mode: 'datetime', value: new Date(BASE + 40 * 60_000 + 1).toISOString() }, { timestamp: String(BASE + 12 * 60_000) }, { mode: 'duration', value: 'PT45M' }] as Array<Omit<ResetInput, 'group' | 'topic'>>) {
    const v = validateResetInput({ group, topic, ...input });
    if (!v.ok) assert.fail(v.issues.map((i) => i.message).join(' '));
    // A duration is counted back from now: a message's time may cross now − PT45M during the seconds
    // Apache's JVM takes. Ours is planned before and after it; when those two differ, the case runs again.
    for (let attempt = 1; ; attempt++) {
      const plan = await planFromCluster(client, v.request);
      const line = kafkaConsumerGroupsCommand(brokers(), plan);
      const args = shellWords(line).slice(1); // drop "kafka-consumer-groups.sh"
      const r = await harness.consumerGroupCommand(bootstrap(), args.filter((a, i) => !(a === '--bootstrap-server' || args[i - 1] === '--bootstrap-server')));
      assert.equal(r.code, 0, `${line}\n${r.stderr}`);
      if (attempt < 3 && !sameTargets(plan, await planFromCluster(client, v.request))) continue;
      const theirsTargets = parseKafkaPlan(r.stdout);
      assert.deepEqual(Object.fromEntries(plan.rows.map((row) => [row.partition, String(row.target)])), Object.fromEntries(theirsTargets), line);
      break;
    }
  }
});
