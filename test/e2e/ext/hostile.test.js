'use strict';
// A consumer chooses its own client.id: one with blank lines, a Markdown link and a remote image, and a
// group id with Markdown, shell syntax and a bidi override. The tree's tooltips (MarkdownStrings) must
// render none of it as a link or image, and stay untrusted, without HTML or theme icons.
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

const { Kafka, logLevel } = require(path.join(s.REPO, 'node_modules/kafkajs'));
// The same CommonMark renderer (with autolinks) as the unit tests; markdown-it comes with @vscode/vsce.
const MarkdownIt = require(path.join(s.REPO, 'node_modules/markdown-it'));
const render = (text) => new MarkdownIt({ html: true, linkify: true }).render(text);

const CLIENT_ID = 'svc\n\n[Re-authenticate](https://evil.example/login)\n\n![](https://evil.example/pixel.png) <img src=https://evil.example/x.png> `tick';

describe('Hostile names in the tree: tooltips show them as text', function () {
  this.timeout(180_000);
  let api;
  let consumer;
  const topic = s.unique('hostile-topic');
  const group = `${s.unique('hostile')}-[x](https://e.example)-$(id)-\u202egnp`;

  before(async function () {
    this.timeout(120_000);
    api = await s.activate();
    await s.createTopics([{ topic, partitions: 1, messages: 5 }]);
    const kafka = new Kafka({ brokers: [s.bootstrap()], clientId: CLIENT_ID, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await s.within(60_000, 'the hostile consumer joining', joined);
  });

  after(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await s.closeAll();
    await s.resetSettings();
  });

  it('the group and partition tooltips render no link or image from the client id or group id', async () => {
    const node = await s.poll('the hostile group with its member', async () => {
      const n = await s.groupNode(group);
      // A group's tooltip comes on hover (resolveTreeItem), as VS Code asks for it.
      return api.tree.resolveTreeItem(api.tree.getTreeItem(n), n).tooltip?.value.includes('evil') ? n : (await api.tree.refresh(), undefined);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    const tip = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node).tooltip;
    assert.ok(!tip.isTrusted, 'untrusted');
    assert.ok(!tip.supportHtml, 'no HTML');
    assert.ok(!tip.supportThemeIcons, 'no theme icons');
    const html = render(tip.value);
    assert.doesNotMatch(html, /<(a|img|script)\b/, html);
    assert.ok(html.includes('evil.example/pixel.png'), `the client id is shown, as text:\n${html}`);

    const [topicNode] = await api.tree.getChildren(node);
    const [p0] = await api.tree.getChildren(topicNode);
    const ptip = api.tree.getTreeItem(p0).tooltip;
    assert.ok(ptip && !ptip.isTrusted);
    assert.doesNotMatch(render(ptip.value), /<(a|img|script)\b/);
  });
});
