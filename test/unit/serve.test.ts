/**
 * The pure parts of `kafka-offsets serve`: routing and path decoding, the seed body through the
 * CLI's own validation, content types, the instances file, the token rules, the error mapping and
 * the access log's escaping. The server itself is tested over HTTP in test/integration/serve.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { route, ResetRoute } from '../../src/cli/serve/routes';
import { HttpError, httpErrorOf, MAX_MESSAGE } from '../../src/cli/serve/errors';
import { checkContentType, resetRequestOf } from '../../src/cli/serve/body';
import { parseInstances } from '../../src/cli/serve/instances';
import { isLoopback, loadAuthenticator, tokenAuthenticator } from '../../src/cli/serve/auth';
import { accessLine, logValue } from '../../src/cli/serve/accessLog';
import { parseListen } from '../../src/cli/serve/command';
import { KafkaOffsetsError } from '../../src/core/errors';
import { parseSeedRequest } from '../../src/core/validate';

/** The HttpError fn throws: its status and error_code. */
function refusal(fn: () => unknown): { status: number; code: string; message: string; headers: Record<string, string> } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HttpError, `not an HttpError: ${e}`);
    return { status: e.status, code: e.code, message: e.message, headers: e.headers };
  }
  assert.fail('expected a refusal');
}

const SEED = (group: string, q = '') => `/v2/proj/instances/local/management/groups/${group}/reset-message-offset${q}`;
const DMS = (group: string) => `/v2/kafka/proj/instances/local/groups/${group}/reset-message-offset`;

test("routes: the seed's POST, DMS's PUT and /healthz; path segments decoded exactly once", () => {
  assert.deepEqual(route('POST', SEED('billing')), { kind: 'reset', style: 'seed', projectId: 'proj', instanceId: 'local', group: 'billing', dryRun: false });
  assert.deepEqual(route('PUT', DMS('billing')), { kind: 'reset', style: 'dms', projectId: 'proj', instanceId: 'local', group: 'billing', dryRun: false });
  assert.deepEqual(route('GET', '/healthz'), { kind: 'healthz' });
  assert.deepEqual(route('HEAD', '/healthz'), { kind: 'healthz' });
  const g = (target: string) => (route('POST', target) as ResetRoute).group;
  assert.equal(g(SEED('a%2Fb%20c')), 'a/b c');
  assert.equal(g(SEED('100%25')), '100%');
  // Decoded once: %252F is the three characters %2F, not a slash.
  assert.equal(g(SEED('x%252Fy')), 'x%2Fy');
  assert.equal(g(SEED('%E2%9C%93')), '✓');
  // A project id called "kafka" is still the seed's route.
  assert.equal((route('POST', '/v2/kafka/instances/local/management/groups/g/reset-message-offset') as ResetRoute).projectId, 'kafka');
});

test('routes: dry_run is the only query parameter, true or false', () => {
  assert.equal((route('POST', SEED('g', '?dry_run=true')) as ResetRoute).dryRun, true);
  assert.equal((route('POST', SEED('g', '?dry_run=false')) as ResetRoute).dryRun, false);
  assert.equal(refusal(() => route('POST', SEED('g', '?dry_run=yes'))).status, 400);
  assert.match(refusal(() => route('POST', SEED('g', '?dryrun=true'))).message, /Unknown query parameter "dryrun"/);
});

test('routes: 404 for unknown paths and empty segments, 405 with Allow for the wrong method, 400 for bad encoding', () => {
  for (const t of ['/', '/v2', '/healthz/', SEED('g').replace('reset-message-offset', 'reset'), '/v2/p/instances//management/groups/g/reset-message-offset', SEED('')]) {
    const r = refusal(() => route('POST', t));
    assert.deepEqual([r.status, r.code], [404, 'KO.ROUTE_NOT_FOUND'], t);
  }
  const m = refusal(() => route('PUT', SEED('g')));
  assert.deepEqual([m.status, m.headers.Allow], [405, 'POST']);
  assert.deepEqual(refusal(() => route('POST', DMS('g'))).headers, { Allow: 'PUT' });
  assert.equal(refusal(() => route('DELETE', '/healthz')).status, 405);
  assert.deepEqual([refusal(() => route('POST', SEED('%E0%A4%A'))).status, refusal(() => route('POST', SEED('%E0%A4%A'))).code], [400, 'KO.INVALID_REQUEST']);
});

const seedRoute = (group = 'g'): ResetRoute => ({ kind: 'reset', style: 'seed', projectId: 'p', instanceId: 'local', group, dryRun: false });
const dmsRoute = (group = 'g'): ResetRoute => ({ ...seedRoute(group), style: 'dms' });

test("body: the seed's two examples become the same requests as the CLI's --request", () => {
  const a = resetRequestOf('{"topic":"test","partition":0,"message_offset":10}', seedRoute('billing'));
  assert.deepEqual(a, { group: 'billing', topic: 'test', partition: 0, spec: { kind: 'offset', offset: 10n } });
  const b = resetRequestOf('{"topic":"test","partition":0,"timestamp":1571812144000}', seedRoute('billing'));
  assert.deepEqual(b, { group: 'billing', topic: 'test', partition: 0, spec: { kind: 'timestamp', timestamp: 1571812144000 } });
  // partition defaults to -1 (all), as the seed says.
  assert.equal(resetRequestOf('{"topic":"test","message_offset":10}', seedRoute()).partition, -1);
  // The DMS route with a topic is the same request.
  assert.deepEqual(resetRequestOf('{"topic":"test","message_offset":10}', dmsRoute()), resetRequestOf('{"topic":"test","message_offset":10}', seedRoute()));
});

test('body: not JSON → DMS 10240009; wrong shape, both/neither value, unknown fields, bad numbers → KO.INVALID_REQUEST', () => {
  for (const b of ['', '{', 'topic=test', '{"topic":"t",}']) assert.equal(refusal(() => resetRequestOf(b, seedRoute())).code, '10240009', b);
  const cases: Array<[string, RegExp]> = [
    ['[]', /must be a JSON object/],
    ['null', /must be a JSON object/],
    ['{"topic":"t","message_offset":1,"timestamp":1571812144000}', /not both/],
    ['{"topic":"t"}', /exactly one of message_offset and timestamp/],
    ['{"topic":"t","messageOffset":1}', /Unknown field "messageOffset"/],
    ['{"topic":"t","message_offset":1.5}', /whole number/],
    ['{"topic":"t","message_offset":"1e3"}', /decimal whole number/],
    ['{"topic":"t","partition":-2,"message_offset":1}', /Partition -2 is invalid/],
    ['{"topic":"t","timestamp":-1}', /negative/],
    ['{"topic":"t","timestamp":1571812144}', /looks like seconds/],
    ['{"topic":"bad topic!","message_offset":1}', /not a valid Kafka topic name/],
    ['{"message_offset":1}', /Topic is required/],
  ];
  for (const [b, re] of cases) {
    const r = refusal(() => resetRequestOf(b, seedRoute('billing')));
    assert.deepEqual([r.status, r.code], [400, 'KO.INVALID_REQUEST'], b);
    assert.match(r.message, re, b);
    assert.match(r.message, /group "billing"/, b);
  }
});

test("body: DMS's PUT without a topic resets every topic of the group; a partition still needs a topic; the seed's POST still needs one", () => {
  const all = resetRequestOf('{"message_offset":1}', dmsRoute('billing'));
  assert.deepEqual([all.allTopics, all.topic, all.spec], [true, '', { kind: 'offset', offset: 1n }]);
  const part = refusal(() => resetRequestOf('{"partition":0,"message_offset":1}', dmsRoute('billing')));
  assert.deepEqual([part.status, part.code], [400, 'KO.INVALID_REQUEST']);
  assert.match(part.message, /partition cannot be chosen with all topics/);
  const seed = refusal(() => resetRequestOf('{"message_offset":1}', seedRoute('billing')));
  assert.equal(seed.code, 'KO.INVALID_REQUEST');
});

test('body: group ids Kafka accepts (spaces around, control characters) are taken exactly as given (issue 11: a group that exists must be usable)', () => {
  for (const g of [' g', 'g\n', 'a\u0000b']) assert.equal(resetRequestOf('{"topic":"t","message_offset":1}', seedRoute(g)).group, g, JSON.stringify(g));
});

test('parseSeedRequest says why: not JSON vs the wrong shape', () => {
  const a = parseSeedRequest('{', 'g');
  const b = parseSeedRequest('{"x":1}', 'g');
  assert.deepEqual([!a.ok && a.reason, !b.ok && b.reason], ['not-json', 'shape']);
});

test('content type: application/json (charset utf-8 at most), else 415', () => {
  for (const ok of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) checkContentType(ok);
  for (const bad of [undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/jsonx']) {
    const r = refusal(() => checkContentType(bad));
    assert.deepEqual([r.status, r.code], [415, 'KO.UNSUPPORTED_MEDIA_TYPE'], String(bad));
  }
});

const ctx = (env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) => ({
  file: '/etc/ko/instances.json',
  baseDir: '/etc/ko',
  env,
  readFile: (f: string) => {
    if (!(f in files)) throw new Error(`ENOENT: no such file, open '${f}'`);
    return files[f];
  },
});

test('instances: the fields of a kafkaOffsets.clusters entry; relative caFile against the file; SASL password from passwordEnv', () => {
  const m = parseInstances(
    JSON.stringify({
      local: { brokers: ['127.0.0.1:9092'] },
      prod: { name: 'Prod', brokers: ['k1:9093', '[::1]:9094'], clientId: 'ops', ssl: true, caFile: 'ca.pem', sasl: { mechanism: 'scram-sha-512', username: 'ops' }, passwordEnv: 'PROD_PW' },
      tls: { brokers: ['k:9093'], ssl: true },
    }),
    ctx({ PROD_PW: 's3cret' }, { '/etc/ko/ca.pem': 'PEM' }),
  );
  assert.deepEqual(m.get('local')!.config, { brokers: ['127.0.0.1:9092'], clientId: 'kafka-offsets-serve' });
  assert.deepEqual(m.get('prod')!.config, {
    name: 'Prod',
    brokers: ['k1:9093', '[::1]:9094'],
    clientId: 'ops',
    ssl: { ca: 'PEM' },
    sasl: { mechanism: 'scram-sha-512', username: 'ops', password: 's3cret' },
  });
  assert.equal(m.get('tls')!.config.ssl, true);
});

test('instances: every mistake stops the start with a sentence naming the instance; a password in the file is refused', () => {
  const bad = (v: unknown, re: RegExp, env: NodeJS.ProcessEnv = {}) =>
    assert.throws(
      () => parseInstances(typeof v === 'string' ? v : JSON.stringify(v), ctx(env)),
      (e: unknown) => e instanceof KafkaOffsetsError && e.kind === 'validation' && re.test(e.message) && e.message.startsWith('Instances file /etc/ko/instances.json: '),
      String(re),
    );
  bad('{', /not valid JSON/);
  bad([], /JSON object keyed by instance_id/);
  bad({}, /defines no instance/);
  bad({ a: {} }, /instance "a": "brokers" must be a non-empty list/);
  bad({ a: { brokers: ['nohost'] } }, /broker "nohost" is not "host:port"/);
  bad({ a: { brokers: ['h:0'] } }, /broker "h:0" has a port outside 1–65535/);
  bad({ a: { brokers: ['h:1;rm -rf /'] } }, /is not "host:port"/);
  bad({ a: { brokers: ['h:1'], bootstrap: 'x' } }, /unknown field "bootstrap"/);
  bad({ a: { brokers: ['h:1'], ssl: 'yes' } }, /"ssl" must be true or false/);
  bad({ a: { brokers: ['h:1'], caFile: 'ca.pem' } }, /only used with "ssl": true/);
  bad({ a: { brokers: ['h:1'], ssl: true, caFile: 'ca.pem' } }, /cannot read the CA file \/etc\/ko\/ca\.pem/);
  bad({ a: { brokers: ['h:1'], password: 'x' } }, /never put the password in this file/);
  bad({ a: { brokers: ['h:1'], sasl: { mechanism: 'plain', username: 'u', password: 'x' } } }, /never put the password/);
  bad({ a: { brokers: ['h:1'], sasl: { mechanism: 'gssapi', username: 'u' }, passwordEnv: 'P' } }, /sasl.mechanism/);
  bad({ a: { brokers: ['h:1'], sasl: { mechanism: 'plain', username: 'u' } } }, /"passwordEnv" must name/);
  bad({ a: { brokers: ['h:1'], sasl: { mechanism: 'plain', username: 'u' }, passwordEnv: 'P' } }, /environment variable P .* is not set/);
  bad({ a: { brokers: ['h:1'], passwordEnv: 'P' } }, /only used with "sasl"/, { P: 'x' });
  bad({ 'a/b': { brokers: ['h:1'] } }, /cannot be used in a path/);
});

test('auth: the token from the environment or a file; refuse to start without one unless --no-auth on loopback', () => {
  const token = 'a-long-enough-token-123';
  assert.throws(() => loadAuthenticator({ noAuth: false, host: '127.0.0.1' }, {}), /No token: set KAFKA_OFFSETS_SERVE_TOKEN/);
  assert.throws(() => loadAuthenticator({ noAuth: true, host: '0.0.0.0' }, {}), /only allowed on a loopback address/);
  assert.throws(() => loadAuthenticator({ noAuth: true, host: '127.0.0.1' }, { KAFKA_OFFSETS_SERVE_TOKEN: token }), /remove one of them/);
  assert.throws(() => loadAuthenticator({ noAuth: false, host: '127.0.0.1' }, { KAFKA_OFFSETS_SERVE_TOKEN: 'short' }), /shorter than 16/);
  assert.throws(() => loadAuthenticator({ noAuth: false, host: '127.0.0.1', tokenEnv: 'MY_TOKEN' }, {}), /MY_TOKEN is not set/);
  assert.throws(() => loadAuthenticator({ noAuth: false, host: '127.0.0.1', tokenFile: '/nonexistent/token' }, {}), /cannot read \/nonexistent\/token/);
  loadAuthenticator({ noAuth: true, host: '::1' }, {})({});
  const auth = loadAuthenticator({ noAuth: false, host: '0.0.0.0', tokenEnv: 'MY_TOKEN' }, { MY_TOKEN: token });
  auth({ 'x-auth-token': token });
  assert.equal(refusal(() => auth({})).code, '10240103');
  assert.equal(refusal(() => auth({ 'x-auth-token': '' })).code, '10240103');
  for (const wrong of [`${token}x`, token.slice(1), 'x', token.toUpperCase()]) {
    const r = refusal(() => auth({ 'x-auth-token': wrong }));
    assert.deepEqual([r.status, r.code], [401, '10240101']);
    assert.ok(!r.message.includes(token) && !r.message.includes(wrong), 'the 401 never echoes a token');
  }
  assert.equal(refusal(() => tokenAuthenticator(token)({ 'x-auth-token': [token, token] as unknown as string })).code, '10240101');
  assert.deepEqual(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0.0.0.0', '10.0.0.1', '::'].map(isLoopback), [true, true, true, true, true, false, false, false]);
});

test('errors: engine kinds → statuses; the lock refusal and moved offsets → 409; messages bounded; no stack', () => {
  const of = (e: unknown) => {
    const h = httpErrorOf(e);
    return [h.status, h.code];
  };
  assert.deepEqual(of(new KafkaOffsetsError('validation', 'x')), [400, 'KO.INVALID_REQUEST']);
  assert.deepEqual(of(new KafkaOffsetsError('not-found', 'x')), [400, 'KO.NOT_FOUND']);
  assert.deepEqual(of(new KafkaOffsetsError('group-not-empty', 'x')), [400, 'KO.GROUP_NOT_EMPTY']);
  assert.deepEqual(of(new KafkaOffsetsError('unreachable', 'x')), [503, 'KO.CLUSTER_UNREACHABLE']);
  assert.deepEqual(of(new KafkaOffsetsError('timeout', 'x')), [503, 'KO.CLUSTER_UNREACHABLE']);
  assert.deepEqual(of(new KafkaOffsetsError('authentication', 'x')), [502, 'KO.KAFKA_AUTHENTICATION']);
  assert.deepEqual(of(new KafkaOffsetsError('authorization', 'x')), [502, 'KO.KAFKA_AUTHORIZATION']);
  assert.deepEqual(of(new KafkaOffsetsError('kafka', 'x')), [502, 'KO.KAFKA_ERROR']);
  assert.deepEqual(of(new KafkaOffsetsError('kafka', 'x', { lockFile: '/tmp/l', holderPid: 1 })), [409, 'KO.RESET_IN_PROGRESS']);
  assert.deepEqual(of(new KafkaOffsetsError('stale-plan', 'x', { moved: [] })), [409, 'KO.OFFSETS_MOVED']);
  const internal = httpErrorOf(new TypeError('boom'));
  assert.deepEqual([internal.status, internal.code], [500, 'KO.INTERNAL']);
  assert.ok(!internal.body().includes('at '), 'no stack frames');
  const long = httpErrorOf(new KafkaOffsetsError('validation', 'x'.repeat(10_000)));
  assert.equal(long.message.length, MAX_MESSAGE);
  assert.deepEqual(Object.keys(JSON.parse(long.body())), ['error_code', 'error_msg']);
});

test('access log: untrusted values escaped (no raw control bytes, quotes or bidi), long ones cut', () => {
  const line = accessLine({ method: 'POST', target: '/x', group: 'evil\n2026-01-01 "GET" status=200\u001b[31m\u202e', status: 400, ms: 3 }, new Date(0));
  assert.equal(line, '1970-01-01T00:00:00.000Z "POST" "/x" group="evil\\u000a2026-01-01 \\"GET\\" status=200\\u001b[31m\\u202e" status=400 ms=3');
  assert.ok(!/[\u0000-\u001f\u007f-\uffff]/.test(line));
  assert.equal(logValue('x'.repeat(1000)), `"${'x'.repeat(300)}"…`);
  assert.match(accessLine({ method: 'GET', target: '/healthz', status: 200, ms: 1 }), / group=- status=200 ms=1$/);
});

test('--listen: HOST:PORT or [v6]:PORT', () => {
  assert.deepEqual(parseListen('127.0.0.1:8080'), { host: '127.0.0.1', port: 8080 });
  assert.deepEqual(parseListen('[::1]:0'), { host: '::1', port: 0 });
  for (const bad of ['8080', 'host:', ':80', 'h:70000', 'a b:1']) assert.throws(() => parseListen(bad), /is not HOST:PORT/);
});
