/**
 * Hostile names in every display sink, without a broker: whatever a consumer puts in its client.id or
 * a group id — control bytes, line breaks, Markdown links and images, HTML, shell syntax, bidi
 * overrides — is shown as text, and printed command lines give it back exactly.
 *
 * Oracles are independent of the code under test: Markdown is rendered by markdown-it (CommonMark +
 * linkify), shell lines are parsed by a real bash (test/support/shellWords.ts), the glob matcher is
 * compared with a regex on short inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { clusterTooltip, parseBrokers } from '../../src/extension/clusterSettings';
import { code, md, pickText } from '../../src/extension/markdown';
import { groupMatcher } from '../../src/extension/groupFilter';
import { groupPickDescription, groupTooltip, hiddenTopicView, partitionTooltip } from '../../src/extension/groupLabels';
import { visible, visibleLines, hasInvisible, terminalSafeJson } from '../../src/core/display';
import { shellQuote, kafkaConsumerGroupsCommand, undoCommand } from '../../src/core/equivalent';
import { globMatcher } from '../../src/core/glob';
import type { GroupDescription, Plan, PlanRow } from '../../src/core/types';
import { shellWords } from '../support/shellWords';
import { table } from '../../src/cli/format';
import { brokerProblem } from '../../src/core/brokers';

const ESC = '\u001b';
/** Strings a hostile consumer or group owner can choose. */
const HOSTILE = [
  `${ESC}]0;pwned${'\u0007'}${ESC}[31mred${ESC}[0m`,
  'line one\r\nline two\rover',
  'x\n\n[Re-authenticate](https://evil.example/login)\n\n![](https://evil.example/pixel.png)',
  '<img src=https://evil.example/p.png> <script>alert(1)</script> &lt;b&gt;',
  '`code` ``x`` ```fence```',
  '*bold* _em_ # head | a | b |\n- list\n1. one\n> quote',
  'https://evil.example and www.evil.example and mail@evil.example',
  '$(rm -rf ~) `id` \'single\' "double" \\back\\slash',
  'pay\u202egnp.exe \u2066iso\u2069 zero\u200bwidth \ufeffbom \u00a0nbsp',
  '\u009b31mC1 CSI \u0085NEL \u2028LS \u2029PS',
  'tag\u{e0041}chars 😀 ok',
];

// -- visible: the one escaping rule --------------------------------------------------------------

const ACTS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/u;

test('visible: controls, line breaks, C1, bidi and invisible characters become readable escapes', () => {
  assert.equal(visible(`a${ESC}[31mb`), 'a\\x1b[31mb');
  assert.equal(visible('a\r\nb\tc\u0007'), 'a\\r\\nb\\tc\\x07');
  assert.equal(visible('\u009b\u0085'), '\\u009b\\u0085');
  assert.equal(visible('pay\u202egnp'), 'pay\\u202egnp');
  assert.equal(visible('a\u200bb\ufeffc\u2066d\u00a0e'), 'a\\u200bb\\ufeffc\\u2066d\\u00a0e');
  assert.equal(visible('t\u{e0041}'), 't\\U000e0041');
  assert.equal(visible('lone \ud800 surrogate'), 'lone \\ud800 surrogate');
  for (const s of HOSTILE) assert.doesNotMatch(visible(s), ACTS, JSON.stringify(s));
});

test('visible: ordinary names are unchanged (accents, emoji, CJK, backslashes, punctuation)', () => {
  for (const s of ['orders-eu', 'Zürich_billing', '注文', 'team 😀', 'DOMAIN\\user', 'a.b:c/d@e', '$(not an icon']) {
    assert.equal(visible(s), s);
    assert.equal(hasInvisible(s), false);
  }
  assert.equal(hasInvisible('a\u202eb'), true);
  assert.equal(hasInvisible('a\nb'), true);
});

test('visible (property): never leaves an acting character; identity on printable ASCII', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !ACTS.test(visible(s))));
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))) }), (s) => visible(s) === s));
});

test('visibleLines keeps the line breaks of a block and escapes everything else', () => {
  assert.equal(visibleLines(`a${ESC}\nb\r`), 'a\\x1b\nb\\r');
});

test('terminalSafeJson: the same values, no raw C1/bidi character in the text', () => {
  const value = { group: 'g\u009b\u202e\u2028x', client: `${ESC}]0;t\u0007` };
  const text = terminalSafeJson(JSON.stringify(value));
  assert.deepEqual(JSON.parse(text), value);
  assert.doesNotMatch(text, ACTS);
});

// -- Markdown tooltips ---------------------------------------------------------------------------

// markdown-it is pinned as a dev dependency (the exact version vsce brought before); it has no bundled types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt: new (options: object) => { render(text: string): string } = require('markdown-it');
const markdown = new MarkdownIt({ html: true, linkify: true });
const render = (text: string) => markdown.render(text);

test('md: a hostile string renders as exactly its visible text — no link, image, HTML or paragraph', () => {
  for (const s of HOSTILE) {
    const html = render(`Client: ${md(s)}`);
    assert.doesNotMatch(html, /<(a|img|script|em|strong|code|h\d|ul|ol|li|blockquote|table|br)\b/, html);
    assert.equal(html.match(/<p>/g)?.length, 1, html);
    const text = html.replace(/^<p>|<\/p>\n$/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(text, `Client: ${visible(s)}`);
  }
});

test('code: a hostile string renders as one code span holding exactly its visible text', () => {
  for (const s of [...HOSTILE, '`', '``a', 'b`', ' lead', 'trail ', '']) {
    const html = render(`Host: ${code(s)} end`);
    assert.doesNotMatch(html, /<(a|img|script|em|strong|br)\b/, html);
    assert.equal(html.match(/<p>/g)?.length, 1, html);
    const m = /<code>([\s\S]*)<\/code>/.exec(html);
    assert.ok(m, html);
    const inner = m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(inner, visible(s) === '' ? ' ' : visible(s));
  }
});

test('group tooltip with a hostile client id, host, group id, topic and error: no live link or image, paragraphs as for a benign group', () => {
  const describe = (clientId: string, host: string, topic: string): GroupDescription => ({
    groupId: 'g',
    state: 'Stable',
    protocolType: 'consumer',
    protocol: 'range',
    coordinator: { nodeId: 1, host: 'broker-1', port: 9092 },
    members: [{ memberId: `${clientId}-m`, clientId, host, assignment: [{ topic, partition: 0 }] }],
  });
  const benign = render(groupTooltip('billing', 'Stable', describe('svc', '10.0.0.1', 'orders'), { lag: 5n, topics: 1 }, 'Some error'));
  for (const s of HOSTILE) {
    const html = render(groupTooltip(s, 'Stable', describe(s, s, s), { lag: 5n, topics: 1 }, s));
    assert.doesNotMatch(html, /<(a|img|script)\b/, html);
    assert.equal(html.match(/<p>/g)?.length, benign.match(/<p>/g)?.length, html);
    assert.equal(html.match(/<li>/g)?.length, benign.match(/<li>/g)?.length, html);
  }
});

test('partition, hidden-topic and cluster tooltips escape hostile owners and topics', () => {
  for (const s of HOSTILE) {
    const owner = { memberId: 'm', clientId: s, host: s, assignment: [] };
    const parts = [
      partitionTooltip({ topic: s, partition: 0, committed: 1n, logStart: 0n, logEnd: 2n, lag: 1n, owner }),
      hiddenTopicView({ topic: s, reason: 'unauthorized', assignedTo: [s], committed: [] }).tooltip,
      clusterTooltip({ id: 'c', name: s, brokers: ['b:9092'], caFile: s, sasl: { mechanism: 'plain', username: s } }, false),
    ];
    for (const tip of parts) assert.doesNotMatch(render(tip), /<(a|img|script)\b/, tip);
  }
});

// -- quick picks ---------------------------------------------------------------------------------

test('pickText: $(icon) syntax shows as written, invisible and bidi characters are marked', () => {
  assert.equal(pickText('$(check) approved'), '\\$(check) approved');
  assert.equal(pickText('a $(x) $(y'), 'a \\$(x) \\$(y');
  assert.equal(pickText('billing\u202e'), 'billing\\u202e');
  assert.equal(pickText('bill\u200bing'), 'bill\\u200bing');
  assert.equal(pickText('orders-eu'), 'orders-eu');
  assert.match(groupPickDescription('bill\u200bing', 'Empty'), /hidden characters/);
  assert.equal(groupPickDescription('billing', 'Empty'), 'empty');
});

// -- shell quoting -------------------------------------------------------------------------------

test('shellQuote: bash reads back exactly the string — $(…), backticks, quotes, globs, newlines, ESC', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-shell-'));
  try {
    fs.writeFileSync(path.join(dir, '1:9092'), ''); // what an unquoted [::1]:9092 would glob to
    const inputs = [...HOSTILE, '$(touch pwned)', '`touch pwned2`', "it's", '"', '[::1]:9092', '*', 'a b', 'new\nline', '', '-x', '!!', '~', '#c', 'a;touch pwned3', '\\'];
    assert.deepEqual(shellWords(inputs.map(shellQuote).join(' '), dir), inputs);
    assert.deepEqual(fs.readdirSync(dir), ['1:9092'], 'nothing ran');
    for (const s of inputs) assert.doesNotMatch(shellQuote(s), ACTS, 'the printed word holds no raw control or invisible character');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('shellQuote (property): bash reads back any string without NUL', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')), { minLength: 1, maxLength: 20 }), (words) => {
      assert.deepEqual(shellWords(words.map(shellQuote).join(' ')), words);
    }),
    { numRuns: 30 },
  );
});

const row = (partition: number): PlanRow => ({ topic: 'orders', partition, committed: 5n, logStart: 0n, logEnd: 10n, target: 0n, clamped: null, lagBefore: 5n, lagAfter: 10n });
const plan = (group: string, partition = -1): Plan => ({
  request: { group, topic: 'orders', partition, spec: { kind: 'earliest' } },
  rows: [row(0), row(2), row(5)],
  plannedAt: 0,
});

test('equivalent command: built from fields, every value quoted, a subset named as topic:p,p', () => {
  const group = "team --topic orders $(touch pwned) 'x'";
  const brokers = ['[::1]:9092', 'b:9093'];
  const line = kafkaConsumerGroupsCommand(brokers, plan(group), { partitions: [5, 0, 2] });
  assert.deepEqual(shellWords(line), ['kafka-consumer-groups.sh', '--bootstrap-server', '[::1]:9092,b:9093', '--group', group, '--reset-offsets', '--topic', 'orders:0,2,5', '--to-earliest', '--dry-run']);
  assert.deepEqual(shellWords(kafkaConsumerGroupsCommand(['b:9092'], plan('g', 3))).slice(6, 8), ['--topic', 'orders:3']);
  assert.deepEqual(shellWords(kafkaConsumerGroupsCommand(['b:9092'], plan('g'))).slice(6, 8), ['--topic', 'orders']);
  const odd = kafkaConsumerGroupsCommand(['b:9092'], plan(`g\n${ESC}[2Kfake`));
  assert.doesNotMatch(odd, ACTS, 'one visible line');
  assert.equal(shellWords(odd)[4], `g\n${ESC}[2Kfake`);
});

test('undo command: the snapshot path is one word, spaces and quotes included', () => {
  const file = "/tmp/my snaps/it's $(x)/2026_billing.json";
  assert.deepEqual(shellWords(undoCommand(file)), ['kafka-offsets', 'undo', '--snapshot', file]);
});

// -- group filter --------------------------------------------------------------------------------

/** The reference: the regex the filter used to build (with `s` so `*` also spans line breaks). */
function reference(pattern: string, text: string): boolean {
  const body = Array.from(pattern, (c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\*?]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'isu').test(text);
}

test('glob matcher (property): agrees with a regex reference on short inputs', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', '-', '.', 'é', '😀', '\n');
  const pat = fc.string({ unit: fc.oneof(alphabet, fc.constantFrom('*', '?')), maxLength: 8 });
  const text = fc.string({ unit: alphabet, maxLength: 10 });
  fc.assert(fc.property(pat, text, (p, s) => globMatcher(p)(s) === reference(p, s)), { numRuns: 5000 });
});

test('glob matcher: a 10,000-character id against a pattern of many stars answers at once', () => {
  const id = 'a'.repeat(10_000);
  const patterns = [`${'*a'.repeat(200)}*b`, `*${'a*'.repeat(2_000)}`, `${'*?'.repeat(500)}*b*`];
  const started = Date.now();
  assert.equal(globMatcher(patterns[0])(id), false);
  assert.equal(globMatcher(patterns[1])(id), true);
  assert.equal(globMatcher(patterns[2])(id), false);
  assert.equal(groupMatcher(`${'*a'.repeat(200)}*b, !x`)(id), false);
  // A generous deadline that only catches backtracking (the old regex took minutes here).
  assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
});

// -- CLI tables and broker strings ---------------------------------------------------------------

test('CLI table: a hostile cell stays one cell of one row, escaped; columns line up on what is printed', () => {
  const out = table(['GROUP', 'STATE'], [[`a${ESC}[31m\nFAKE Stable`, 'Empty'], ['b', 'Stable']]);
  const lines = out.split('\n');
  assert.equal(lines.length, 3);
  for (const line of lines) assert.doesNotMatch(line, ACTS);
  assert.equal(lines[1], 'a\\x1b[31m\\nFAKE Stable  Empty');
  assert.equal(lines[2].indexOf('Stable'), lines[1].indexOf('Empty'));
});

test('broker strings: only host:port (name, IPv4, [IPv6]) with a port 1-65535', () => {
  for (const b of ['localhost:9092', '10.0.0.1:1', '[::1]:9092', '[fe80::1]:65535', 'kafka-1.example.com:9093']) assert.equal(brokerProblem(b), undefined, b);
  for (const b of ['$(id):9092', '`id`:1', 'a b:1', 'host', 'http://x:9092', 'x:9092/path', '::1:9092', 'h:;id', "h':1"]) assert.equal(brokerProblem(b), 'not-host-port', b);
  assert.equal(brokerProblem('h:0'), 'port-out-of-range');
  assert.equal(brokerProblem('h:70000'), 'port-out-of-range');
  assert.equal(parseBrokers('$(touch x):9092').ok, false);
});
