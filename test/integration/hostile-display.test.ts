/**
 * Hostile names on a real broker, display side (issue 11): a consumer chooses its client.id (ESC/OSC
 * sequences, CR, line breaks, a Markdown link and image) and the group owner its group id (ESC, a
 * newline, bidi override, C1 CSI, shell syntax). The CLI's `groups`, `describe`, `lag`, the not-empty
 * refusal and the wait progress must print none of it raw — no control byte, no C1 or bidi
 * character, no forged line — while `--json` gives every value back exactly.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Consumer } from 'kafkajs';
import { Fixtures, bootstrap, brokers, unique } from '../support/fixtures';
import { runCli, type ProcessRun } from '../support/run';
import { hostileAssignmentConsumer } from '../support/hostile';

const ESC = '\u001b';
const TEST_TIMEOUT_MS = 180_000;
let fx: Fixtures;
const consumers: Consumer[] = [];

/** A client id that would retitle the terminal, recolour, erase the line, forge a row and render a link. */
const CLIENT_ID = `evil${ESC}]0;pwned\u0007${ESC}[31mred\r${ESC}[2K\nFAKE-ROW 0 0\n\n[Re-authenticate](https://evil.example/login) ![](https://evil.example/p.png)`;

/** Characters that must never reach a terminal raw: C0 (but the line feeds we print), DEL, C1, separators, bidi. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function clean(r: ProcessRun, what: string): void {
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const m = RAW.exec(text);
    assert.equal(m, null, `${what}: raw U+${m?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} on ${name}:\n${JSON.stringify(text)}`);
    assert.doesNotMatch(text, /^FAKE-ROW/m, `${what}: a forged line on ${name}`);
  }
}

const cli = (args: string[], timeoutMs = 60_000) => runCli([...args, '--bootstrap', bootstrap()], { timeoutMs });

before(async () => {
  fx = new Fixtures();
});
after(async () => {
  await Promise.allSettled(consumers.map((c) => c.disconnect()));
  await fx.close();
}, { timeout: 60_000 });

test('hostile client id and group ids: groups, describe, lag, the not-empty refusal and the wait progress print no raw control byte; --json is exact', { timeout: TEST_TIMEOUT_MS }, async () => {
  const topic = unique('hd');
  await fx.createTopic(topic, 2);
  await fx.produce(topic, 0, 5);
  // Passes the CLI's group id check (no C0 control), but carries bidi, C1 CSI, Markdown and shell syntax.
  const group = `${unique('hd')}-\u202egnp.exe-\u009b31m-[x](https://e.example)-$(id)`;
  // Only listed: ESC and a newline (a forged row in `groups`).
  const escGroup = `${unique('hd')}${ESC}[31m\nFAKE-ROW Stable consumer`;
  consumers.push(await hostileAssignmentConsumer({ brokers: brokers(), group, topic, extraTopics: [], clientId: CLIENT_ID }));
  consumers.push(await hostileAssignmentConsumer({ brokers: brokers(), group: escGroup, topic, extraTopics: [], clientId: CLIENT_ID }));

  const groups = await cli(['groups']);
  assert.equal(groups.code, 0, groups.stderr);
  clean(groups, 'groups');
  assert.ok(groups.stdout.includes('\\x1b[31m\\nFAKE-ROW'), groups.stdout);
  assert.ok(groups.stdout.includes('\\u202egnp.exe-\\u009b31m'), groups.stdout);
  const groupsJson = await cli(['groups', '--json']);
  const listed = (JSON.parse(groupsJson.stdout) as Array<{ groupId: string }>).map((g) => g.groupId);
  assert.ok(listed.includes(group) && listed.includes(escGroup), 'the exact ids in --json');
  clean(groupsJson, 'groups --json');

  const describe = await cli(['describe', '--group', group]);
  assert.equal(describe.code, 0, describe.stderr);
  clean(describe, 'describe');
  assert.ok(describe.stdout.includes('evil\\x1b]0;pwned\\x07\\x1b[31mred\\r\\x1b[2K\\nFAKE-ROW'), describe.stdout);
  const describeJson = await cli(['describe', '--group', group, '--json']);
  clean(describeJson, 'describe --json');
  const d = JSON.parse(describeJson.stdout) as { groupId: string; members: Array<{ clientId: string }> };
  assert.equal(d.groupId, group);
  assert.equal(d.members[0].clientId, CLIENT_ID);

  const lag = await cli(['lag', '--group', group]);
  assert.equal(lag.code, 0, lag.stderr);
  clean(lag, 'lag');
  const lagJson = await cli(['lag', '--group', group, '--json']);
  clean(lagJson, 'lag --json');
  const l = JSON.parse(lagJson.stdout) as { group: string; topics: Array<{ partitions: Array<{ consumer?: { clientId: string } }> }> };
  assert.equal(l.group, group);
  assert.equal(l.topics[0].partitions[0].consumer?.clientId, CLIENT_ID);

  const all = await cli(['lag', '--all-groups']);
  clean(all, 'lag --all-groups');

  // The refusal names the group and its members; the wait progress lists who is left.
  const refused = await cli(['reset', '--group', group, '--topic', topic, '--to-earliest', '--yes']);
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  clean(refused, 'reset refused');
  assert.match(refused.stderr, /\\u202egnp\.exe/);
  const waited = await cli(['reset', '--group', group, '--topic', topic, '--to-earliest', '--yes', '--wait-empty', '2'], 90_000);
  assert.equal(waited.code, 1, waited.stdout + waited.stderr);
  clean(waited, 'reset --wait-empty');
  assert.match(waited.stderr, /evil\\x1b\]0;pwned/);

  // A group id with ESC and a newline: refused or answered, but never printed raw.
  const esc = await cli(['describe', '--group', escGroup]);
  clean(esc, 'describe of an ESC group');
  const escJson = await cli(['describe', '--group', escGroup, '--json']);
  clean(escJson, 'describe --json of an ESC group');
  if (escJson.code === 0) assert.equal((JSON.parse(escJson.stdout) as { groupId: string }).groupId, escGroup);
});

test('--bootstrap that is not host:port is refused before anything is sent, and never run', async () => {
  for (const b of ['$(touch /tmp/ko-pwned):9092', 'localhost:9092;id', 'http://x:9092', 'host', 'h:70000', '`id`:1']) {
    const r = await runCli(['groups', '--bootstrap', b], { timeoutMs: 30_000 });
    assert.equal(r.code, 2, `${b}: ${r.stderr}`);
    assert.match(r.stderr, /--bootstrap: .* is not host:port/);
  }
  const ok = await runCli(['groups', '--bootstrap', `[::1]:1,${bootstrap()}`], { timeoutMs: 30_000 });
  assert.notEqual(ok.code, 2, `an IPv6 address in brackets is host:port: ${ok.stderr}`);
});
