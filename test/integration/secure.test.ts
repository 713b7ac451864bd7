/**
 * Secure clusters, on a broker of this file's own (the harness's secured configuration): SASL
 * (SCRAM-SHA-512 and PLAIN) on SASL_PLAINTEXT, TLS with a CA the harness made, and the
 * StandardAuthorizer with ACLs per user. Proves, through the engine's KafkaClient and through the
 * CLI as a user runs it: correct credentials work end to end (groups, lag, a reset that applies,
 * undo); a wrong password is "Authentication failed for user …" at once (no retry storm, no hang,
 * no password in the message); a user lacking an ACL is told which group or topic; TLS is refused
 * without the CA and works with it; the password appears in no output and no snapshot.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, Producer, Admin } from 'kafkajs';
import { runCli, ProcessRun, validRequest, expectFailure } from '../support/run';
import { startBroker, BrokerHandle, User } from '../support/brokers';
import { harness } from '../support/harness';
import { repoRoot } from '../support/harness';
import { unique } from '../support/fixtures';
import {
  KafkaClient,
  KafkaOffsetsError,
  ClusterConfig,
  applyPlan,
  planFromCluster,
  undoSnapshot,
  loadSnapshot,
  validateResetInput,
  groupLag,
  allGroupsLag,
  tpKey,
  ResetInput,
} from '../../src/core';

const CLI = path.join(repoRoot, 'dist/cli.js');
const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-secure-snap-'));

// Distinctive passwords, so finding one in any output is unambiguous.
const ALICE: User = { name: 'alice', password: 'alicePw-Q7f3a9c2' }; // Read/Describe/Delete on sec- topics and groups
const BOB: User = { name: 'bob', password: 'bobPw-K2m8v4x1' }; // topics only: no ACL on any group
const CAROL: User = { name: 'carol', password: 'carolPw-H5n1z7w3' }; // groups only: no ACL on any topic
const DAVE: User = { name: 'dave', password: 'davePw-T9c4r6y8' }; // Describe on groups, Read+Describe on topics: may look, not commit
const ERIN: User = { name: 'erin', password: 'erinPw-B3d6f0g2' }; // Read+Describe on groups, Describe on topics: may look, not commit
const WRONG = 'wrongPw-Zq81xJ5b';
/** Per test, only there to turn a hang into a failure; start-up (certificates, format, ACLs) gets more. */
const TEST_TIMEOUT_MS = 120_000;
const PASSWORDS = [ALICE, BOB, CAROL, DAVE, ERIN].map((u) => u.password).concat(WRONG);

let broker: BrokerHandle;
let sasl: string; // SASL_PLAINTEXT bootstrap
let ssl: string; // SSL bootstrap (no client authentication: principal ANONYMOUS)
let saslSsl: string; // SASL_SSL bootstrap
let caFile: string;
let adminKafka: Kafka;
let admin: Admin;
let producer: Producer;
let adminClient: KafkaClient; // the engine's client as the super user, to check what is committed
const topic = unique('sec-t');
const group = unique('sec-g');
const clients: KafkaClient[] = [];

function client(cfg: Partial<ClusterConfig> & { brokers: string[] }): KafkaClient {
  const c = new KafkaClient({ clientId: 'kafka-offsets-secure-test', ...cfg });
  clients.push(c);
  return c;
}

const scram = (u: User, password = u.password) => ({ mechanism: 'scram-sha-512' as const, username: u.name, password });

before(async () => {
  broker = await startBroker({ heap: '512m', security: { users: [ALICE, BOB, CAROL, DAVE, ERIN] } });
  const sec = broker.security!;
  sasl = sec.listeners.SASL_PLAINTEXT!;
  ssl = sec.listeners.SSL!;
  saslSsl = sec.listeners.SASL_SSL!;
  caFile = sec.caFile;
  const prefixed = ['--resource-pattern-type', 'prefixed'];
  await sec.acls(['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--operation', 'Describe', '--operation', 'Delete', '--topic', 'sec-', '--group', 'sec-', ...prefixed]);
  await sec.acls(['--add', '--allow-principal', 'User:bob', '--operation', 'Read', '--operation', 'Describe', '--topic', 'sec-', ...prefixed]);
  await sec.acls(['--add', '--allow-principal', 'User:carol', '--operation', 'Read', '--operation', 'Describe', '--group', 'sec-', ...prefixed]);
  await sec.acls(['--add', '--allow-principal', 'User:dave', '--allow-principal', 'User:erin', '--operation', 'Describe', '--topic', 'sec-', '--group', 'sec-', ...prefixed]);
  await sec.acls(['--add', '--allow-principal', 'User:dave', '--operation', 'Read', '--topic', 'sec-', ...prefixed]);
  await sec.acls(['--add', '--allow-principal', 'User:erin', '--operation', 'Read', '--group', 'sec-', ...prefixed]);

  adminKafka = new Kafka({ brokers: [sasl], clientId: 'kafka-offsets-secure-fixtures', logLevel: logLevel.NOTHING, sasl: scram(sec.admin) });
  admin = adminKafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  producer = adminKafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (let p = 0; p < 3; p++) await producer.send({ topic, acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ partition: p, value: `m${i}` })) });
  adminClient = client({ brokers: [sasl], sasl: scram(sec.admin) });
  await setCommitted([20n, 20n, 20n]);
}, { timeout: 300_000 });

after(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await producer?.disconnect().catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  await broker?.stop();
  fs.rmSync(snapshotDir, { recursive: true, force: true });
}, { timeout: 60_000 });

async function setCommitted(offsets: bigint[], g = group): Promise<void> {
  const res = await adminClient.commitOffsets(g, offsets.map((offset, partition) => ({ topic, partition, offset })));
  assert.ok(res.every((r) => r.errorCode === 0), JSON.stringify(res));
}

async function committed(g = group): Promise<Array<bigint | null>> {
  const m = await adminClient.committedOffsets(g, [{ topic, partitions: [0, 1, 2] }]);
  return [0, 1, 2].map((p) => m.get(tpKey(topic, p)) ?? null);
}

const request = (input: ResetInput) => validRequest(input);
const failure = expectFailure;

/** The CLI with the password only in its environment (or none at all). */
function cli(args: string[], password?: string, opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ProcessRun> {
  return runCli(args, { timeoutMs: opts.timeoutMs, env: { KAFKA_OFFSETS_SNAPSHOT_DIR: snapshotDir, ...opts.env, KAFKA_OFFSETS_PASSWORD: password } });
}

const asUser = (u: User, bootstrap = sasl, mechanism = 'scram-sha-512') => ['--bootstrap', bootstrap, '--sasl-mechanism', mechanism, '--sasl-username', u.name];

function assertNoPassword(text: string, where: string): void {
  for (const pw of PASSWORDS) assert.ok(!text.includes(pw), `${where} contains a password:\n${text}`);
  assert.ok(!text.includes(broker.security!.admin.password), `${where} contains the admin password`);
}

function failedAuthLines(): number {
  return (fs.readFileSync(broker.logFile, 'utf8').match(/Failed authentication with/g) ?? []).length;
}

test('SCRAM-SHA-512 with the right password: list groups, lag, a reset that applies, undo (KafkaClient)', { timeout: TEST_TIMEOUT_MS }, async () => {
  const c = client({ brokers: [sasl], sasl: scram(ALICE) });
  const groups = await c.listGroups();
  assert.ok(groups.some((g) => g.groupId === group), `group listed: ${JSON.stringify(groups)}`);
  const lag = await groupLag(c, group);
  assert.equal(lag.lag, 90n);
  const plan = await planFromCluster(c, request({ group, topic, partition: 0, messageOffset: '10' }));
  const result = await applyPlan(c, plan, { snapshotDir });
  assert.deepEqual(result.rows.map((r) => [r.partition, r.outcome, r.readBack]), [[0, 'applied', 10n]]);
  assert.deepEqual(await committed(), [10n, 20n, 20n]);
  assertNoPassword(fs.readFileSync(result.snapshotFile, 'utf8'), 'snapshot');
  const undone = await undoSnapshot(c, loadSnapshot(result.snapshotFile), { snapshotDir });
  assert.ok(undone.rows.every((r) => r.outcome === 'applied'));
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test('CLI with SCRAM-SHA-512 (password from KAFKA_OFFSETS_PASSWORD): groups, lag, reset --yes applies, undo; no password in any output or snapshot, also with debug logging', { timeout: TEST_TIMEOUT_MS }, async () => {
  const runs: ProcessRun[] = [];
  const g = await cli(['groups', ...asUser(ALICE), '--json'], ALICE.password);
  runs.push(g);
  assert.equal(g.code, 0, g.stderr);
  assert.ok(JSON.parse(g.stdout).some((x: any) => x.groupId === group));
  const l = await cli(['lag', ...asUser(ALICE), '--group', group, '--json'], ALICE.password, { env: { KAFKA_OFFSETS_DEBUG: '1' } });
  runs.push(l);
  assert.equal(l.code, 0, l.stderr);
  assert.equal(JSON.parse(l.stdout).lag, 90);
  const r = await cli(['reset', ...asUser(ALICE), '--group', group, '--topic', topic, '--to-earliest', '--yes', '--json'], ALICE.password, { env: { KAFKA_OFFSETS_DEBUG: '1' } });
  runs.push(r);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(doc.result.rows.map((x: any) => x.outcome), ['applied', 'applied', 'applied']);
  assert.deepEqual(await committed(), [0n, 0n, 0n]);
  const u = await cli(['undo', ...asUser(ALICE), '--snapshot', doc.result.snapshotFile, '--yes'], ALICE.password);
  runs.push(u);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
  for (const [i, run] of runs.entries()) assertNoPassword(run.stdout + run.stderr, `CLI run ${i}`);
  for (const f of fs.readdirSync(snapshotDir)) assertNoPassword(fs.readFileSync(path.join(snapshotDir, f), 'utf8'), `snapshot ${f}`);
});

test('wrong password: "Authentication failed for user …" within 5 s, one or two attempts (no retry storm), no password in the message; CLI exits 1 promptly', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const before = failedAuthLines();
  const c = client({ brokers: [sasl], sasl: scram(ALICE, WRONG) });
  const { err, ms } = await failure(c.listGroups());
  t.diagnostic(`KafkaClient: ${ms} ms: ${err.message}`);
  assert.equal(err.kind, 'authentication', err.message);
  assert.match(err.message, /^Authentication failed for user "alice"/);
  assert.ok(err.message.includes(sasl), 'names the broker');
  assertNoPassword(err.message, 'error message');
  assert.ok(ms < 5000, `took ${ms} ms`);
  // The same client asked again: again one quick refusal, not a hang on a half-open connection.
  const again = await failure(c.describeGroup(group));
  assert.equal(again.err.kind, 'authentication');
  assert.ok(again.ms < 5000, `second call took ${again.ms} ms`);

  const r = await cli(['lag', ...asUser(ALICE), '--group', group, '--json'], WRONG);
  t.diagnostic(`CLI: exit ${r.code} after ${r.ms} ms: ${r.stderr.trim()}`);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Authentication failed for user "alice"/);
  assert.equal(JSON.parse(r.stdout).error.kind, 'authentication');
  assertNoPassword(r.stdout + r.stderr, 'CLI output');
  assert.ok(r.ms < 6000, `CLI took ${r.ms} ms to exit`);

  // Broker side: how many SASL authentications failed for these three attempts (KafkaClient ×2, CLI).
  await new Promise((res) => setTimeout(res, 500)); // the broker's log is written asynchronously
  const attempts = failedAuthLines() - before;
  t.diagnostic(`failed authentications logged by the broker: ${attempts}`);
  assert.ok(attempts >= 3 && attempts <= 6, `expected 1–2 authentication attempts per call, the broker logged ${attempts} for 3 calls`);
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test('unknown user and wrong PLAIN password are authentication failures too', { timeout: TEST_TIMEOUT_MS }, async () => {
  const ghost = await failure(client({ brokers: [sasl], sasl: { mechanism: 'scram-sha-512', username: 'nobody', password: WRONG } }).listGroups());
  assert.equal(ghost.err.kind, 'authentication', ghost.err.message);
  assert.match(ghost.err.message, /Authentication failed for user "nobody"/);
  assertNoPassword(ghost.err.message, 'error message');
  const plain = await failure(client({ brokers: [sasl], sasl: { mechanism: 'plain', username: ALICE.name, password: WRONG } }).listGroups());
  assert.equal(plain.err.kind, 'authentication', plain.err.message);
  assert.match(plain.err.message, /Authentication failed for user "alice"/);
  assertNoPassword(plain.err.message, 'error message');
  assert.ok(ghost.ms < 5000 && plain.ms < 5000, `${ghost.ms} / ${plain.ms} ms`);
});

test('PLAIN mechanism with the right password works (KafkaClient and CLI)', { timeout: TEST_TIMEOUT_MS }, async () => {
  const c = client({ brokers: [sasl], sasl: { mechanism: 'plain', username: ALICE.name, password: ALICE.password } });
  assert.equal((await groupLag(c, group)).lag, 90n);
  const r = await cli(['reset', ...asUser(ALICE, sasl, 'plain'), '--group', group, '--topic', topic, '--partition', '2', '--offset', '33', '--yes'], ALICE.password);
  assert.equal(r.code, 0, r.stderr);
  assertNoPassword(r.stdout + r.stderr, 'CLI output');
  assert.deepEqual(await committed(), [20n, 20n, 33n]);
  await setCommitted([20n, 20n, 20n]);
});

test('no ACL on the group: "authorization" naming the group (lag, reset; KafkaClient and CLI), nothing changed', { timeout: TEST_TIMEOUT_MS }, async () => {
  const c = client({ brokers: [sasl], sasl: scram(BOB) });
  const lag = await failure(groupLag(c, group));
  assert.equal(lag.err.kind, 'authorization', lag.err.message);
  assert.ok(lag.err.message.includes(`"${group}"`), lag.err.message);
  const plan = await failure(planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '1' })));
  assert.equal(plan.err.kind, 'authorization', plan.err.message);
  assert.ok(plan.err.message.includes(`"${group}"`), plan.err.message);
  const r = await cli(['reset', ...asUser(BOB), '--group', group, '--topic', topic, '--offset', '1', '--yes'], BOB.password);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`Not authorized on group "${group}"`));
  assertNoPassword(r.stdout + r.stderr, 'CLI output');
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

test('no ACL on the topic: "authorization" naming the topic (KafkaClient and CLI), nothing changed', { timeout: TEST_TIMEOUT_MS }, async () => {
  const c = client({ brokers: [sasl], sasl: scram(CAROL) });
  const plan = await failure(planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '1' })));
  assert.equal(plan.err.kind, 'authorization', plan.err.message);
  assert.ok(plan.err.message.includes(`"${topic}"`), plan.err.message);
  const off = await failure(c.committedOffsets(group, [{ topic, partitions: [0] }]));
  assert.equal(off.err.kind, 'authorization', off.err.message);
  assert.ok(off.err.message.includes(`"${topic}"`), off.err.message);
  const r = await cli(['reset', ...asUser(CAROL), '--group', group, '--topic', topic, '--to-latest', '--yes'], CAROL.password);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`Not authorized .*topic "${topic}"`));
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
});

/**
 * The broker refuses the commit itself (OffsetCommit needs Read on the group and on the topic). The
 * snapshot is already written then; the result must say, naming the group or topic, that nothing was
 * committed: either applyPlan rejects with an 'authorization' error, or it reports every partition
 * failed with that sentence as the reason (what the engine does today: the commit's error becomes
 * each row's reason, and the read-back proves nothing moved).
 */
async function assertCommitRefused(u: User, resource: RegExp): Promise<void> {
  const c = client({ brokers: [sasl], sasl: scram(u) });
  // Looking is allowed…
  assert.equal((await groupLag(c, group)).lag, 90n);
  const plan = await planFromCluster(c, request({ group, topic, partition: -1, messageOffset: '5' }));
  // …committing is not.
  let outcome: string;
  try {
    const result = await applyPlan(c, plan, { snapshotDir });
    assert.deepEqual(result.rows.map((r) => [r.outcome, r.readBack]), [['failed', 20n], ['failed', 20n], ['failed', 20n]]);
    for (const r of result.rows) assert.match(r.reason ?? '', resource);
    outcome = `reported per partition: ${result.rows[0].reason}`;
  } catch (e) {
    assert.ok(e instanceof KafkaOffsetsError && e.kind === 'authorization', String(e));
    assert.match(e.message, resource);
    outcome = `rejected: ${e.message}`;
  }
  assert.match(outcome, /Nothing was committed/);
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
  const r = await cli(['reset', ...asUser(u), '--group', group, '--topic', topic, '--offset', '5', '--yes'], u.password);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout + r.stderr, resource);
  assertNoPassword(r.stdout + r.stderr, 'CLI output');
  assert.deepEqual(await committed(), [20n, 20n, 20n]);
}

test('Describe but no Read on the group: the broker refuses the commit; reported as not authorized on the group, nothing changed', { timeout: TEST_TIMEOUT_MS }, async () => {
  await assertCommitRefused(DAVE, new RegExp(`Not authorized on group "${group}" \\(committing offsets needs Read on the group\\)`));
});

test('Describe but no Read on the topic: the broker refuses the commit; reported as not authorized on the topic, nothing changed', { timeout: TEST_TIMEOUT_MS }, async () => {
  await assertCommitRefused(ERIN, new RegExp(`Not authorized on topic "${topic}" \\(committing offsets of group "${group}" needs Read on the topic\\)`));
});

// The broker leaves topics a user may not Describe out of OffsetFetch and of the all-topics Metadata,
// so their lag silently vanished. A member's assignment (DescribeGroups, allowed with Describe on the
// group) still names them: lag now lists them as hidden, with the reason, in the engine and the CLI.
test('a topic the group consumes but the user may not describe is listed as hidden with the reason (engine, all groups, CLI text and --json)', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const sec = broker.security!;
  const hidden = unique('hid-t'); // outside the sec- prefix of ERIN's ACLs
  const g = unique('sec-hg');
  await admin.createTopics({ topics: [{ topic: hidden, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  const consumer = await harness.startJavaConsumer({
    bootstrap: sasl,
    group: g,
    topic: hidden,
    consumerProps: {
      'security.protocol': 'SASL_PLAINTEXT',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${sec.admin.name}" password="${sec.admin.password}";`,
    },
  });
  try {
    await consumer.waitUntilMember(async () => {
      const d = await adminClient.describeGroup(g);
      return d.state === 'Stable' && d.members.some((m) => m.assignment.length === 2);
    });
    const c = client({ brokers: [sasl], sasl: scram(ERIN) });
    const lag = await groupLag(c, g);
    t.diagnostic(`as erin: ${JSON.stringify({ topics: lag.topics.map((x) => x.topic), hiddenTopics: lag.hiddenTopics })}`);
    assert.deepEqual(lag.topics, []);
    assert.deepEqual(lag.hiddenTopics, [{ topic: hidden, reason: 'unauthorized', committed: [], assignedTo: [consumer.clientId] }]);
    const all = (await allGroupsLag(c)).find((e) => e.group.groupId === g);
    assert.deepEqual(all?.lag?.hiddenTopics?.map((h) => [h.topic, h.reason]), [[hidden, 'unauthorized']]);
    // The super user sees the topic as usual.
    assert.deepEqual((await groupLag(adminClient, g)).topics.map((x) => x.topic), [hidden]);

    const text = await cli(['lag', ...asUser(ERIN), '--group', g], ERIN.password);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`Not authorized to describe topic "${hidden}" \\(needs Describe on the topic\\); assigned to ${consumer.clientId}: its lag cannot be read`));
    const json = await cli(['lag', ...asUser(ERIN), '--group', g, '--json'], ERIN.password);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).hiddenTopics, [{ topic: hidden, reason: 'unauthorized', assignedTo: [consumer.clientId], committed: [] }]);
    assertNoPassword(text.stdout + text.stderr + json.stdout + json.stderr, 'CLI output');
  } finally {
    await consumer.close();
  }
});

test('TLS: with the generated CA configured it works (SSL and SASL_SSL), CLI --ssl-ca too', { timeout: TEST_TIMEOUT_MS }, async () => {
  const ca = fs.readFileSync(caFile, 'utf8');
  const anon = client({ brokers: [ssl], ssl: { ca } });
  assert.ok((await anon.listGroups()).some((g) => g.groupId === group));
  const withSasl = client({ brokers: [saslSsl], ssl: { ca }, sasl: scram(ALICE) });
  assert.equal((await groupLag(withSasl, group)).lag, 90n);
  const r = await cli(['reset', ...asUser(ALICE, saslSsl), '--ssl', '--ssl-ca', caFile, '--group', group, '--topic', topic, '--partition', '1', '--offset', '44', '--yes', '--json'], ALICE.password);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).result.rows[0].outcome, 'applied');
  assertNoPassword(r.stdout + r.stderr, 'CLI output');
  assert.doesNotMatch(r.stderr, /Warning/, 'no Node TLS warnings');
  assert.deepEqual(await committed(), [20n, 44n, 20n]);
  await setCommitted([20n, 20n, 20n]);
});

test('TLS without the CA (system trust only) is refused: a message telling to configure the CA file, within 5 s; CLI exits 1 promptly', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  for (const [bootstrap, cfg] of [
    [ssl, {}],
    [saslSsl, { sasl: scram(ALICE) }],
  ] as const) {
    const { err, ms } = await failure(client({ brokers: [bootstrap], ssl: true, ...cfg }).listGroups());
    t.diagnostic(`${bootstrap}: ${ms} ms: ${err.message}`);
    assert.equal(err.kind, 'unreachable', err.message);
    assert.match(err.message, /TLS connection to 127\.0\.0\.1:\d+ failed/);
    assert.match(err.message, /configure its CA file/);
    assertNoPassword(err.message, 'error message');
    assert.ok(ms < 5000, `took ${ms} ms`);
  }
  const r = await cli(['groups', ...asUser(ALICE, saslSsl), '--ssl'], ALICE.password);
  t.diagnostic(`CLI: exit ${r.code} after ${r.ms} ms: ${r.stderr.trim()}`);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /TLS connection .* failed: .*CA file/);
  assertNoPassword(r.stdout + r.stderr, 'CLI output');
  assert.ok(r.ms < 6000, `CLI took ${r.ms} ms to exit`);
  // Plaintext spoken to a TLS listener is not a hang either.
  const plainToTls = await failure(client({ brokers: [ssl] }).listGroups());
  t.diagnostic(`plaintext to the TLS port: ${plainToTls.ms} ms: ${plainToTls.err.message}`);
  assert.ok(plainToTls.ms < 5000 + 1000, `took ${plainToTls.ms} ms`);
  assert.equal(plainToTls.err.kind, 'unreachable', plainToTls.err.message);
});
