/**
 * `kafka-offsets serve` as its users run it: dist/cli.js in a child process on a free loopback port,
 * real HTTP requests, the real broker behind it. Every reset is read back from Kafka; every refusal is
 * checked to have changed nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, ChildProcess } from 'node:child_process';
import { Fixtures, brokers, unique } from '../support/fixtures';
import { runCli, CLI_PATH } from '../support/run';
import { KafkaClient, tpKey, withGroupLock, clusterIdentity, clusterKey } from '../../src/core';

const TOKEN = 'serve-test-token-0123456789abcdef';
const T0 = Date.UTC(2026, 0, 1);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-serve-'));
const snapshotDir = path.join(dir, 'snapshots');
const instancesFile = path.join(dir, 'instances.json');
let fx: Fixtures;
let client: KafkaClient;
let topic: string;
let server: Server;

interface Server {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Start `serve` and wait for its "listening on" line (port 0: the OS picks a free port). */
async function startServer(args: string[], env: Record<string, string | undefined> = { KAFKA_OFFSETS_SERVE_TOKEN: TOKEN }): Promise<Server> {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--instances', instancesFile, '--listen', '127.0.0.1:0', '--snapshot-dir', snapshotDir, ...args], {
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
    if (m) return { child, port: +m[1], stderr: () => err, exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

interface CallOptions {
  body?: string | Buffer;
  token?: string | null;
  contentType?: string | null;
  port?: number;
  headers?: Record<string, string>;
}

/** One request on a fresh connection; resolves with the whole answer. */
function call(method: string, target: string, o: CallOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== null) headers['X-Auth-Token'] = o.token ?? TOKEN;
    if (o.contentType !== null && o.body !== undefined) headers['Content-Type'] = o.contentType ?? 'application/json';
    const req = http.request({ host: '127.0.0.1', port: o.port ?? server.port, method, path: target, headers, agent: false, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(o.body);
  });
}

const seedPath = (group: string, instance = 'local', q = '') => `/v2/my-project/instances/${instance}/management/groups/${encodeURIComponent(group)}/reset-message-offset${q}`;
const dmsPath = (group: string, instance = 'local') => `/v2/kafka/my-project/instances/${instance}/groups/${encodeURIComponent(group)}/reset-message-offset`;
const post = (group: string, body: unknown, o: CallOptions & { q?: string } = {}) =>
  call('POST', seedPath(group, 'local', o.q ?? ''), { ...o, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function committed(group: string, t = topic, n = 3): Promise<Array<bigint | null>> {
  const m = await client.committedOffsets(group, [{ topic: t, partitions: Array.from({ length: n }, (_, i) => i) }]);
  return Array.from({ length: n }, (_, i) => m.get(tpKey(t, i)) ?? null);
}

/** A group with offset 20 committed on every partition. */
async function group20(prefix = 'serveg'): Promise<string> {
  const g = unique(prefix);
  await fx.commit(g, [0, 1, 2].map((partition) => ({ topic, partition, offset: 20 })));
  return g;
}

/** The access-log line matching re; the server writes it just after answering, so wait for it. */
async function logLine(s: Server, re: RegExp): Promise<string> {
  for (const t0 = Date.now(); ; ) {
    const line = s.stderr().split('\n').find((l) => re.test(l));
    if (line) return line;
    if (Date.now() - t0 > 10_000) assert.fail(`no access-log line matches ${re}:\n${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const snapshots = () => (fs.existsSync(snapshotDir) ? fs.readdirSync(snapshotDir).filter((f) => f.endsWith('.json')) : []);

function assertError(a: Answer, status: number, code: string, message?: RegExp): void {
  assert.equal(a.status, status, a.text);
  assert.deepEqual(Object.keys(a.json ?? {}), ['error_code', 'error_msg'], a.text);
  assert.equal(a.json.error_code, code, a.text);
  if (message) assert.match(a.json.error_msg, message);
  assert.doesNotMatch(a.text, /(\\n|\n)\s+at |\(\S+\.[jt]s:\d+:\d+\)/, 'no stack trace');
}

before(async () => {
  fx = new Fixtures();
  client = new KafkaClient({ brokers: brokers() });
  topic = unique('serve');
  await fx.createTopic(topic, 3);
  for (let p = 0; p < 3; p++) await fx.produce(topic, p, 50, (i) => T0 + i * 1000);
  // "dead": a loopback port nothing listens on (the cluster is unreachable, at once).
  fs.writeFileSync(instancesFile, JSON.stringify({ local: { brokers: brokers() }, dead: { brokers: ['127.0.0.1:1'] } }));
  server = await startServer(['--read-timeout-ms', '1500']);
});

after(async () => {
  server?.child.kill('SIGKILL');
  await client?.close();
  await fx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the seed's two example requests: 204, a snapshot, offsets read back from Kafka", async () => {
  const g = await group20();
  const before = snapshots().length;
  const a = await post(g, { topic, partition: 0, message_offset: 10 });
  assert.equal(a.status, 204, a.text);
  assert.equal(a.text, '');
  assert.deepEqual(await committed(g), [10n, 20n, 20n]);
  assert.equal(snapshots().length, before + 1);
  assert.ok(snapshots().includes(a.headers['x-snapshot'] as string), `X-Snapshot ${a.headers['x-snapshot']} names the file written`);
  const snap = JSON.parse(fs.readFileSync(path.join(snapshotDir, a.headers['x-snapshot'] as string), 'utf8'));
  assert.deepEqual(snap.offsets, [{ topic, partition: 0, offset: '20' }], 'the snapshot holds what was there before');

  // Message i has timestamp T0 + i s: the first at or after T0 + 5 s is offset 5.
  const b = await post(g, { topic, partition: 0, timestamp: T0 + 5000 });
  assert.equal(b.status, 204, b.text);
  assert.deepEqual(await committed(g), [5n, 20n, 20n]);
  // The access log names the group, the status and the snapshot, never the token.
  await logLine(server, new RegExp(`"POST" "[^"]*${g}[^"]*" group="${g}" status=204 ms=\\d+ snapshot="[^"]+${a.headers['x-snapshot']}"`));
  assert.ok(!server.stderr().includes(TOKEN), 'the token is never logged');
});

test("DMS's PUT route with a topic (partition defaults to -1, all) and without one (every topic of the group); the seed's clamps", async () => {
  const g = await group20();
  const a = await call('PUT', dmsPath(g), { body: JSON.stringify({ topic, message_offset: 30 }) });
  assert.equal(a.status, 204, a.text);
  assert.deepEqual(await committed(g), [30n, 30n, 30n]);
  // Without a topic: every topic the group has offsets for (DMS's whole-group reset).
  const whole = await call('PUT', dmsPath(g), { body: JSON.stringify({ message_offset: 7 }) });
  assert.equal(whole.status, 204, whole.text);
  assert.deepEqual(await committed(g), [7n, 7n, 7n]);
  assert.equal((await call('PUT', dmsPath(g), { body: JSON.stringify({ message_offset: 30 }) })).status, 204);
  // Past the log end → the log end; before the log start (negative) → the log start.
  assert.equal((await post(g, { topic, partition: 1, message_offset: 1_000_000 })).status, 204);
  assert.equal((await post(g, { topic, partition: 2, message_offset: -5 })).status, 204);
  assert.deepEqual(await committed(g), [30n, 50n, 0n]);
  // A time after the last message (but within a year) → the log end; one before the first → the log start.
  assert.equal((await post(g, { topic, partition: 0, timestamp: Date.now() + 3_600_000 })).status, 204);
  assert.equal((await post(g, { topic, partition: 1, timestamp: T0 - 86_400_000 })).status, 204);
  assert.deepEqual(await committed(g), [50n, 0n, 0n]);
  // An offset above 2^53 as a JSON string (the CLI's rule: a JSON number would be rounded) clamps too.
  assert.equal((await post(g, { topic, partition: 2, message_offset: '9007199254740993' })).status, 204);
  assert.deepEqual(await committed(g), [50n, 0n, 50n]);
});

test("any group id Kafka allows: '/', '%', spaces and non-ASCII arrive percent-encoded and are decoded exactly once", async () => {
  const g = `${unique('odd')}/a b%2F✓`;
  await fx.commit(g, [{ topic, partition: 0, offset: 20 }]);
  // encodeURIComponent: '/' → %2F, '%' → %25 (so the server must not decode "%252F" again).
  const a = await post(g, { topic, partition: 0, message_offset: 3 });
  assert.equal(a.status, 204, a.text);
  assert.deepEqual(await committed(g, topic, 1), [3n]);
  const snap = JSON.parse(fs.readFileSync(path.join(snapshotDir, a.headers['x-snapshot'] as string), 'utf8'));
  assert.equal(snap.group, g);
});

test('?dry_run=true: 200 with the plan rows (clamps shown), nothing committed, no snapshot', async () => {
  const g = await group20();
  const before = snapshots().length;
  const a = await post(g, { topic, message_offset: 70 }, { q: '?dry_run=true' });
  assert.equal(a.status, 200, a.text);
  assert.match(a.headers['content-type'] as string, /^application\/json/);
  assert.deepEqual(a.json, {
    group: g,
    topic,
    partition: -1,
    dry_run: true,
    plan: [0, 1, 2].map((partition) => ({ topic, partition, committed: 20, logStart: 0, logEnd: 50, target: 50, clamped: 'latest', lagBefore: 30, lagAfter: 0, targetTimestamp: null })),
  });
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
  assert.equal(snapshots().length, before);
});

test("one code path with the CLI: the same body gives the same plan or the same refusal as `reset --request … --dry-run`", async () => {
  const g = await group20();
  const bodies: unknown[] = [
    { topic, partition: 0, message_offset: 10 },
    { topic, partition: 0, timestamp: T0 + 5000 },
    { topic, message_offset: 1000 },
    { topic, partition: 2, timestamp: T0 - 1 },
    { topic, message_offset: 1, timestamp: T0 },
    { topic, messageOffset: 1 },
    { topic, partition: '1.0', message_offset: 1 },
    { topic, partition: 9, message_offset: 1 },
  ];
  for (const body of bodies) {
    const json = JSON.stringify(body);
    const [viaHttp, viaCli] = await Promise.all([
      post(g, json, { q: '?dry_run=true' }),
      runCli(['reset', '--bootstrap', brokers().join(','), '--group', g, '--request', json, '--dry-run', '--json'], { timeoutMs: 30_000 }),
    ]);
    if (viaCli.code === 0) {
      assert.equal(viaHttp.status, 200, `${json}: ${viaHttp.text}`);
      assert.deepEqual(viaHttp.json.plan, JSON.parse(viaCli.stdout).plan, json);
    } else {
      assert.equal(viaHttp.status, 400, `${json}: ${viaHttp.text}`);
      // The CLI says "kafka-offsets: [--request: ]<sentence>"; the server says the same sentence.
      const sentence = viaCli.stderr.split('\n')[0].replace(/^kafka-offsets: (--request: )?/, '');
      assert.ok(viaHttp.json.error_msg.endsWith(sentence), `${json}:\n  http: ${viaHttp.json.error_msg}\n  cli:  ${sentence}`);
    }
  }
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
});

test('400s name what is wrong (DMS 10240009 for a body that is not JSON) and change nothing', async () => {
  const g = await group20();
  const cases: Array<[unknown, string, RegExp]> = [
    ['{"topic":', '10240009', /not valid JSON/],
    [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), '10240009', /not valid UTF-8/],
    [{ topic, partition: 0 }, 'KO.INVALID_REQUEST', /exactly one of message_offset and timestamp/],
    [{ topic, message_offset: 1, timestamp: T0 }, 'KO.INVALID_REQUEST', /not both/],
    [{ topic, message_offset: 1, group: 'other' }, 'KO.INVALID_REQUEST', /Unknown field "group"/],
    [{ topic, timestamp: 1571812144 }, 'KO.INVALID_REQUEST', /looks like seconds/],
    [{ topic: 'no-such-topic-' + g, message_offset: 1 }, 'KO.NOT_FOUND', /Topic "no-such-topic-.*" does not exist/],
    [{ topic, partition: 3, message_offset: 1 }, 'KO.NOT_FOUND', /Partition 3 of topic ".*" does not exist: the topic has 3 partitions/],
  ];
  for (const [body, code, message] of cases) {
    const a = await call('POST', seedPath(g), { body: Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body) });
    assertError(a, 400, code, message);
  }
  assertError(await call('PUT', dmsPath(unique('serve-nobody')), { body: JSON.stringify({ message_offset: 1 }) }), 400, 'KO.NOT_FOUND', /has no committed offsets: a request without "topic" resets every topic/);
  // A leading space is a different, valid Kafka group (issue 11): reset exactly that one, not g.
  assert.equal((await post(' ' + g, { topic, message_offset: 1 })).status, 204);
  assert.deepEqual(await committed(' ' + g), [1n, 1n, 1n]);
  assertError(await post(g, { topic, message_offset: 1 }, { q: '?dry_run=1' }), 400, 'KO.INVALID_REQUEST', /dry_run must be true or false/);
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
});

test('401 for a missing or wrong X-Auth-Token (DMS 10240103 / 10240101), before anything else is looked at', async () => {
  const g = await group20();
  const body = { topic, message_offset: 1 };
  assertError(await post(g, body, { token: null }), 401, '10240103', /missing/);
  assertError(await post(g, body, { token: '' }), 401, '10240103');
  assertError(await post(g, body, { token: TOKEN + 'x' }), 401, '10240101');
  assertError(await post(g, body, { token: TOKEN.slice(0, -1) }), 401, '10240101');
  // Even for an unknown instance: a stranger cannot probe which instances exist.
  assertError(await call('POST', seedPath(g, 'nope'), { token: 'wrong', body: '{}' }), 401, '10240101');
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
  assert.ok(!server.stderr().includes(TOKEN), 'the token is never logged');
});

test('404 (unknown instance, unknown route), 405 with Allow, 415, 413 (declared or streamed), /healthz without a token', async () => {
  const g = await group20();
  assertError(await call('POST', seedPath(g, 'nope'), { body: '{}' }), 404, 'KO.INSTANCE_NOT_FOUND', /Instance "nope" is not in the instances file; known: "local", "dead"/);
  assertError(await call('POST', '/v2/my-project/instances/local/groups', { body: '{}' }), 404, 'KO.ROUTE_NOT_FOUND');
  const m = await call('GET', seedPath(g));
  assertError(m, 405, 'KO.METHOD_NOT_ALLOWED');
  assert.equal(m.headers.allow, 'POST');
  assertError(await post(g, { topic, message_offset: 1 }, { contentType: 'text/plain' }), 415, 'KO.UNSUPPORTED_MEDIA_TYPE', /application\/json/);
  assertError(await post(g, { topic, message_offset: 1 }, { contentType: null }), 415, 'KO.UNSUPPORTED_MEDIA_TYPE', /missing/);
  const big = JSON.stringify({ topic, message_offset: 1, pad: 'x'.repeat(70_000) });
  assertError(await post(g, big), 413, 'KO.BODY_TOO_LARGE', /64 KiB/);
  assertError(await post(g, big, { headers: { 'Transfer-Encoding': 'chunked' } }), 413, 'KO.BODY_TOO_LARGE');
  const h = await call('GET', '/healthz', { token: null });
  assert.deepEqual([h.status, h.json], [200, { status: 'ok' }]);
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
});

test('503 when the cluster is unreachable, naming the broker; the server keeps serving', async () => {
  const t0 = Date.now();
  const a = await call('POST', seedPath('g', 'dead'), { body: JSON.stringify({ topic, message_offset: 1 }) });
  assertError(a, 503, 'KO.CLUSTER_UNREACHABLE', /Cannot reach the Kafka cluster at 127\.0\.0\.1:1/);
  assert.equal(a.headers['retry-after'], '5');
  // Generous: catches a hang, not a slow machine (the engine's own deadline is 5 s).
  assert.ok(Date.now() - t0 < 20_000);
  assert.equal((await call('GET', '/healthz')).status, 200);
});

test('a slow body hits the read timeout (408, connection closed) and changes nothing', async () => {
  const g = await group20();
  const answer = await new Promise<{ status: number; text: string; ms: number; closed: boolean }>((resolve, reject) => {
    const t0 = Date.now();
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: seedPath(g), agent: false, headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json', 'Content-Length': '60' } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text, ms: Date.now() - t0, closed: res.headers.connection === 'close' }));
      },
    );
    req.on('error', reject);
    req.write(`{"topic":"${topic}",`); // …and never the rest
  });
  assert.equal(answer.status, 408, answer.text);
  assert.equal(JSON.parse(answer.text).error_code, 'KO.REQUEST_TIMEOUT');
  assert.ok(answer.closed, 'the connection is closed');
  assert.ok(answer.ms >= 1400 && answer.ms < 15_000, `answered after ${answer.ms} ms (timeout 1500 ms)`);
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
});

/** Raw bytes on a fresh connection; resolves with everything the server sent until it closed. */
function raw(bytes: string): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('close', () => resolve({ text, ms: Date.now() - t0 }));
    socket.on('error', reject);
    socket.setTimeout(30_000, () => socket.destroy(new Error('the server never closed the connection')));
  });
}

test('headers that never finish (slowloris) get 408 and a closed connection; bytes that are not HTTP get 400 — both as JSON', async () => {
  const slow = await raw(`POST ${seedPath('g')} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ${TOKEN}\r\n`);
  assert.match(slow.text, /^HTTP\/1\.1 408 /);
  assert.match(slow.text, /\{"error_code":"KO.REQUEST_TIMEOUT","error_msg":"The request did not arrive within 1500 ms."\}$/);
  assert.ok(slow.ms >= 1400 && slow.ms < 15_000, `closed after ${slow.ms} ms (timeout 1500 ms)`);
  const garbage = await raw('HELLO THERE\r\n\r\n');
  assert.match(garbage.text, /^HTTP\/1\.1 400 /);
  assert.match(garbage.text, /"error_code":"KO.INVALID_REQUEST"/);
  assert.equal((await call('GET', '/healthz')).status, 200, 'the server is fine afterwards');
});

test('a group with a live member: 400 naming the member, nothing changed, no snapshot', async () => {
  const g = await group20('servelive');
  const consumer = await fx.liveConsumer(g, topic);
  try {
    const before = snapshots().length;
    const a = await post(g, { topic, message_offset: 0 });
    assertError(a, 400, 'KO.GROUP_NOT_EMPTY', new RegExp(`Group "${g}" is \\w+ with 1 member: kafka-offsets-tests \\(`));
    assert.deepEqual(await committed(g), [20n, 20n, 20n]);
    assert.equal(snapshots().length, before);
  } finally {
    await consumer.disconnect();
  }
});

test('two concurrent requests for one group are never mixed: one wins whole, the other is 409 (or runs after it)', async () => {
  for (let round = 0; round < 3; round++) {
    const g = await group20('serverace');
    const targets = [5, 15];
    const answers = await Promise.all(targets.map((o) => post(g, { topic, message_offset: o })));
    const statuses = answers.map((a) => a.status);
    for (const a of answers) if (a.status !== 204) assertError(a, 409, 'KO.RESET_IN_PROGRESS', new RegExp(`group "${g}"`));
    assert.ok(statuses.includes(204), `statuses ${statuses}`);
    const after = await committed(g);
    assert.ok(after.every((v) => v === after[0]), `mixed offsets ${after}`);
    const winners = targets.filter((_, i) => statuses[i] === 204).map(BigInt);
    assert.ok(winners.includes(after[0]!), `offsets ${after} are not a winner's ${winners}`);
  }
});

test("the engine's cross-process lock (a CLI or the extension resetting the same group) → 409, nothing changed", async () => {
  const g = await group20();
  // The lock is keyed by the cluster's id (whatever bootstrap string each process was given).
  await withGroupLock(clusterKey(await clusterIdentity(client)), g, async () => {
    const a = await post(g, { topic, message_offset: 1 });
    assertError(a, 409, 'KO.RESET_IN_PROGRESS', new RegExp(`Another reset of group "${g}" is in progress on this machine \\(process ${process.pid}\\)`));
  });
  assert.deepEqual(await committed(g), [20n, 20n, 20n]);
  assert.equal((await post(g, { topic, message_offset: 1 })).status, 204, 'free again once the lock is released');
});

test('access log: one line per request, untrusted group ids escaped, no body, no token', async () => {
  const g = `evil\n${unique('x')}\u001b[31m`;
  await post(g, { topic, message_offset: 1, secret_marker: 'BODY-MARKER' });
  const line = await logLine(server, /evil\\u000a/);
  assert.match(line, /group="evil\\u000a.*\\u001b\[31m" status=400 ms=\d+$/);
  assert.ok(!server.stderr().includes('\u001b'), 'no raw control byte reaches the log');
  assert.ok(!server.stderr().includes('BODY-MARKER'), 'the body is never logged');
  assert.ok(!server.stderr().includes(TOKEN));
});

test('SIGTERM: the request in flight finishes (204, read back), new requests get 503, exit 0; the concurrency limit answers 503', async () => {
  const g = await group20('serveterm');
  const s = await startServer(['--max-concurrent', '1', '--read-timeout-ms', '20000']);
  let exit: number | null | undefined;
  void s.exited.then((c) => (exit = c));
  try {
    const body = JSON.stringify({ topic, partition: 1, message_offset: 7 });
    // Request 1 is in flight: headers and half the body sent.
    let resolveAnswer!: (a: { status: number; text: string }) => void;
    const answer1 = new Promise<{ status: number; text: string }>((r) => (resolveAnswer = r));
    const req = http.request(
      { host: '127.0.0.1', port: s.port, method: 'POST', path: seedPath(g), agent: false, headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json', 'Content-Length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolveAnswer({ status: res.statusCode!, text }));
      },
    );
    req.on('error', (e) => resolveAnswer({ status: 0, text: String(e) }));
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 300));
    // --max-concurrent 1: a second request now is turned away.
    const busy = await call('POST', seedPath(g), { port: s.port, body });
    assertError(busy, 503, 'KO.SERVER_BUSY');
    assert.equal(busy.headers['retry-after'], '1');

    s.child.kill('SIGTERM');
    for (const t0 = Date.now(); !s.stderr().includes('shutting down'); ) {
      assert.ok(Date.now() - t0 < 10_000, 'no shutdown line');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(exit, undefined, 'still running while a request is in flight');
    assertError(await call('POST', seedPath(g), { port: s.port, body }), 503, 'KO.SHUTTING_DOWN');
    assertError(await call('GET', '/healthz', { port: s.port }), 503, 'KO.SHUTTING_DOWN');

    req.end(body.slice(10));
    const a1 = await answer1;
    assert.equal(a1.status, 204, a1.text);
    assert.equal(await s.exited, 0, s.stderr());
    assert.deepEqual(await committed(g), [20n, 7n, 20n]);
  } finally {
    s.child.kill('SIGKILL');
  }
});

test('refuses to start: no token, --no-auth off loopback, no --instances, a password in the instances file (exit 2, a sentence); --help', async () => {
  const noToken = await runCli(['serve', '--instances', instancesFile, '--listen', '127.0.0.1:0'], { env: { KAFKA_OFFSETS_SERVE_TOKEN: undefined }, timeoutMs: 20_000 });
  assert.equal(noToken.code, 2, noToken.stderr);
  assert.match(noToken.stderr, /No token: set KAFKA_OFFSETS_SERVE_TOKEN/);
  const open = await runCli(['serve', '--instances', instancesFile, '--listen', '0.0.0.0:0', '--no-auth'], { env: { KAFKA_OFFSETS_SERVE_TOKEN: undefined }, timeoutMs: 20_000 });
  assert.equal(open.code, 2, open.stderr);
  assert.match(open.stderr, /--no-auth is only allowed on a loopback address/);
  const help = await runCli(['serve', '--help'], { timeoutMs: 20_000 });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /POST \/v2\/\{project_id\}\/instances\/\{instance_id\}\/management\/groups\/\{group\}\/reset-message-offset/);
  const noFile = await runCli(['serve'], { env: { KAFKA_OFFSETS_SERVE_TOKEN: TOKEN }, timeoutMs: 20_000 });
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /serve needs --instances FILE/);
  const withPassword = path.join(dir, 'bad-instances.json');
  fs.writeFileSync(withPassword, JSON.stringify({ p: { brokers: ['h:9092'], sasl: { mechanism: 'plain', username: 'u' }, password: 'hunter2' } }));
  const pw = await runCli(['serve', '--instances', withPassword, '--listen', '127.0.0.1:0'], { env: { KAFKA_OFFSETS_SERVE_TOKEN: TOKEN }, timeoutMs: 20_000 });
  assert.equal(pw.code, 2, pw.stderr);
  assert.match(pw.stderr, /instance "p" has a "password" field: never put the password in this file/);
  assert.ok(!pw.stderr.includes('hunter2'));
});
