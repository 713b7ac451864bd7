'use strict';
/**
 * Shared helpers of the extension-host suite (test/e2e/ext/*.test.js). Runs INSIDE VS Code's extension
 * host (loaded by test/e2e/suite/index.js), next to the Kafka Offsets extension.
 *
 *  - the broker comes from KAFKA_TEST_BOOTSTRAP (set by scripts/test.js → test/e2e/run-all.js);
 *  - fixtures (topics, messages, committed offsets) are made here with unique names; offsets are
 *    committed ONLY through the engine (out/src/core, built by `node scripts/build.js --tests`), never
 *    with kafkajs admin.setOffsets, which joins the group;
 *  - the extension's modal questions are answered through its Prompter seam (api.setPrompter);
 *  - quick picks and input boxes are driven like a user does it, through the workbench's own commands
 *    (quickOpenSelectNext / acceptSelectedQuickOpenItem) — see QuickInputs below for how the test knows
 *    which one is showing without sleeping.
 *
 * Nothing here sleeps for a fixed time where a condition can be polled: poll() has a deadline and says
 * what it was waiting for when it runs out.
 */
const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const vscode = require('vscode');

const REPO = path.resolve(__dirname, '../../..');
const EXTENSION_ID = 'kafka-offsets.kafka-offsets';
/** The cluster every file configures; its id (settings name → id) is what commands take as clusterId. */
const CLUSTER_NAME = 'Test';
const CLUSTER_ID = 'test';

function requireBuilt(rel) {
  const file = path.join(REPO, rel);
  try {
    return require(file);
  } catch (e) {
    throw new Error(`cannot load ${file} (${e.message}): run \`node scripts/build.js --tests\` first (npm test does).`);
  }
}

const core = requireBuilt('out/src/core/index.js');
const { Kafka, Partitioners, logLevel } = require(path.join(REPO, 'node_modules/kafkajs'));
const brokerHarness = require(path.join(REPO, 'test/support/broker.js'));

function bootstrap() {
  const b = process.env.KAFKA_TEST_BOOTSTRAP;
  if (!b) {
    throw new Error(
      'KAFKA_TEST_BOOTSTRAP is not set in the extension host. Run through `npm test`, or: ' +
        'KAFKA_OFFSETS_E2E_SUITE_DIR=test/e2e/ext node test/e2e/run-ext-tests.js . test/e2e/suite/index.js <workspace> --env KAFKA_TEST_BOOTSTRAP=<host:port>',
    );
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// Small utilities

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cmd = (id, ...args) => vscode.commands.executeCommand(id, ...args);

const RUN = Date.now();
let seq = 0;
/** A name no other test (or earlier run against the same broker) uses. */
function unique(what) {
  return `${RUN}-${what}-${++seq}`;
}

/**
 * Poll `fn` until it returns something truthy (returned) or the deadline passes (throws, naming `what`
 * and the last value or error seen). Errors thrown by fn count as "not yet".
 */
async function poll(what, fn, { timeoutMs = 20_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `last error: ${last.message}` : `last value: ${safeJson(last)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what} (${detail})`);
    }
    await sleep(intervalMs);
  }
}

function safeJson(v) {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  } catch {
    return String(v);
  }
}

/** Reject if `p` takes longer than `ms`: a hang becomes a failure that says what hung. */
function within(ms, what, p) {
  let t;
  return Promise.race([p, new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what} did not finish within ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}

// ---------------------------------------------------------------------------------------------
// Settings and activation

const config = () => vscode.workspace.getConfiguration('kafkaOffsets');
const Global = vscode.ConfigurationTarget.Global;

/** Settings every file may change; reset to the defaults by resetSettings(). */
const SETTINGS = ['clusters', 'groupFilter', 'groupSort', 'onlyGroupsWithLag', 'requestTimeoutMs', 'waitForEmptySeconds', 'autoRefreshSeconds'];

let api;
let activeBeforeFirstActivate;
const modals = [];
let modalHandler;

/**
 * Configure the clusters (the Test cluster first, then `extra`) and any other settings, and wait until
 * the extension's services see them (configuration events reach the extension asynchronously).
 */
async function configure({ extraClusters = [], settings = {} } = {}) {
  // With their ids, as Add Cluster writes them (an entry without one would be given one, once, by a
  // settings write of the extension's own).
  const withId = (c) => (c.id ? c : { id: c.name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, ''), ...c });
  const clusters = [{ name: CLUSTER_NAME, brokers: [bootstrap()] }, ...extraClusters].map(withId);
  for (const [k, v] of Object.entries(settings)) await config().update(k, v, Global);
  await config().update('clusters', clusters, Global);
  // The extension host hears of the change asynchronously: wait until it reads what was written.
  const wanted = { ...settings, clusters };
  await poll('the settings to reach the extension host', () =>
    Object.entries(wanted).every(([k, v]) => {
      const i = config().inspect(k);
      return JSON.stringify(i && i.globalValue) === JSON.stringify(v);
    }),
  );
  if (api) await waitForClusters(clusters.map((c) => c.name));
}

async function waitForClusters(names) {
  await poll(`the extension to see clusters ${names.join(', ')}`, () => {
    const seen = api.services.clusters().map((c) => c.name);
    return !api.services.implicit && seen.length === names.length && names.every((n, i) => seen[i] === n);
  });
}

async function resetSettings() {
  for (const k of SETTINGS) await config().update(k, undefined, Global);
}

/**
 * The extension's test API ({services, tree, log, confirmAndApply, setPrompter}), activated after the
 * Test cluster is configured. A Prompter is installed that records every modal question and answers
 * with the handler of the running test (onModal), or Cancel when there is none.
 */
async function activate() {
  await configure();
  if (api) return api;
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  if (activeBeforeFirstActivate === undefined) activeBeforeFirstActivate = ext.isActive;
  const exported = await within(30_000, 'activating the extension', ext.activate());
  assert.ok(exported && exported.services && exported.tree && exported.log && exported.setPrompter, 'activate() returns the test API');
  exported.setPrompter({
    modal: async (message, detail, buttons) => {
      const m = { message, detail, buttons, answer: undefined };
      modals.push(m);
      const handler = modalHandler;
      m.answer = handler ? await handler(message, detail, buttons) : undefined;
      console.log(`      [modal] ${message} → ${m.answer === undefined ? 'Cancel' : m.answer}`);
      return m.answer;
    },
    typed: async (_title, _prompt, expected) => (modalHandler ? expected : undefined),
  });
  api = exported;
  await waitForClusters([CLUSTER_NAME]);
  return api;
}

/** Answer modal questions with `handler(message, detail, buttons)` until the next onModal call; undefined = Cancel. */
function onModal(handler) {
  modalHandler = handler;
}

/** Answer every modal with the given button label (it must be among the buttons offered). */
function answerWith(label) {
  return (message, _detail, buttons) => {
    if (!buttons.includes(label)) throw new Error(`modal "${message}" offers [${buttons.join(', ')}], not "${label}"`);
    return label;
  };
}

/** Modals recorded since `mark` (use modals.length as the mark). */
function modalsSince(mark) {
  return modals.slice(mark);
}

// ---------------------------------------------------------------------------------------------
// Quick inputs, driven like a user: the workbench commands move the selection and accept it.
//
// The extension host has no API to ask "which quick pick is showing"; a fixed sleep before pressing
// Enter is what makes such tests flaky. The extension and this suite share one `vscode` API object (the
// test files live inside the extension's folder), so wrapping window.createQuickPick/createInputBox here
// lets the test SEE each quick input the extension creates — its title, items, busy state and active
// item, as reported back by the workbench — and wait for exactly the right moment. The wrapper only
// observes; every selection and every Enter goes through the real workbench.

const quickInputs = [];

function observeQuickInputs() {
  const w = vscode.window;
  if (w.createQuickPick.__koObserved) return;
  for (const [fn, kind] of [
    ['createQuickPick', 'pick'],
    ['createInputBox', 'input'],
  ]) {
    const original = w[fn];
    const wrapped = function (...args) {
      const qi = original.apply(this, args);
      const rec = { kind, qi, shown: false, closed: false, used: false, at: Date.now() };
      const show = qi.show.bind(qi);
      const hide = qi.hide.bind(qi);
      const dispose = qi.dispose.bind(qi);
      qi.show = () => {
        rec.shown = true;
        show();
      };
      qi.hide = () => {
        rec.closed = true;
        hide();
      };
      qi.dispose = () => {
        rec.closed = true;
        dispose();
      };
      qi.onDidHide(() => (rec.closed = true));
      quickInputs.push(rec);
      return qi;
    };
    wrapped.__koObserved = true;
    w[fn] = wrapped;
  }
}
observeQuickInputs();

// Information notifications the extension shows (message and buttons), observed the same way: the
// wrapper records them and calls through, so the workbench still shows them.
const notifications = [];
(function observeNotifications() {
  const w = vscode.window;
  if (w.showInformationMessage.__koObserved) return;
  const real = w.showInformationMessage;
  w.showInformationMessage = function (message, ...rest) {
    notifications.push({ message, items: rest.filter((x) => typeof x === 'string') });
    return real.call(this, message, ...rest);
  };
  w.showInformationMessage.__koObserved = true;
})();

function describeQuickInput(rec) {
  const q = rec.qi;
  const items = rec.kind === 'pick' ? ` items=[${q.items.map((i) => i.label).join(' | ')}]` : ` value=${JSON.stringify(q.value)}`;
  return `${rec.kind} "${q.title ?? ''}" placeholder="${q.placeholder ?? ''}"${items}`;
}

/**
 * The next quick input the extension shows (not handled yet): waits until it is visible and, for a
 * quick pick, until its items have loaded (busy off, items present).
 */
async function nextQuickInput(kind, { timeoutMs = 30_000 } = {}) {
  const rec = await poll(`a ${kind === 'pick' ? 'quick pick' : 'input box'} to be shown`, () => quickInputs.find((r) => !r.used && r.shown && !r.closed), { timeoutMs, intervalMs: 50 });
  if (rec.kind !== kind) throw new Error(`expected a ${kind === 'pick' ? 'quick pick' : 'input box'}, the extension shows: ${describeQuickInput(rec)}`);
  if (kind === 'pick') await poll(`the items of ${describeQuickInput(rec)}`, () => !rec.qi.busy && rec.qi.items.length > 0, { timeoutMs, intervalMs: 50 });
  await flushed();
  return rec;
}

/**
 * The extension host sends changes of a visible quick input to the workbench in a batch on the next
 * macrotask (setTimeout 0). A command executed after that batch reaches the workbench after it too (one
 * ordered channel), so it acts on the items and active item the test has just looked at.
 */
async function flushed() {
  await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => setTimeout(r, 0));
}

function selectable(qp) {
  return qp.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
}

/**
 * In the next quick pick: optionally type `filter` (as a user filters a long list), move the selection
 * with quickOpenSelectNext until the item matching `pred` is active, then accept it with Enter
 * (acceptSelectedQuickOpenItem). Returns the quick pick's record (its items can be inspected).
 */
async function choose(pred, { what = 'item', filter, timeoutMs } = {}) {
  const rec = await nextQuickInput('pick', { timeoutMs });
  const qp = rec.qi;
  const target = selectable(qp).find(pred);
  if (!target) throw new Error(`no ${what} in ${describeQuickInput(rec)}`);
  if (filter !== undefined) {
    qp.value = filter;
    await poll(`"${filter}" to filter ${describeQuickInput(rec)} down to ${target.label}`, () => qp.activeItems[0] !== undefined && selectable(qp).includes(qp.activeItems[0]) && (qp.activeItems[0] === target || qp.activeItems[0].label.includes(filter)), { intervalMs: 50 });
  }
  // Never a blind Down key: a key pressed before the workbench has the items does nothing. If the
  // active item did not move, the key is pressed again (the list wraps around, so overshooting is safe).
  const deadline = Date.now() + 30_000;
  while (qp.activeItems[0] !== target) {
    if (Date.now() > deadline) throw new Error(`could not make "${target.label}" active in ${describeQuickInput(rec)} (active: ${qp.activeItems[0]?.label})`);
    const before = qp.activeItems[0];
    await cmd('workbench.action.quickOpenSelectNext');
    await poll('the selection to move', () => qp.activeItems[0] !== before, { timeoutMs: 2_000, intervalMs: 25 }).catch(() => undefined);
  }
  await accept(rec);
  return { rec, item: target };
}

/** Type `value` into the next input box and press Enter. */
async function enter(value, { timeoutMs } = {}) {
  const rec = await nextQuickInput('input', { timeoutMs });
  rec.qi.value = value;
  await poll(`the input box to hold ${JSON.stringify(value)}`, () => rec.qi.value === value, { intervalMs: 25 });
  await accept(rec);
  return rec;
}

/** Enter on the showing quick input; waits until the extension has taken the answer (it closes it). */
async function accept(rec) {
  rec.used = true;
  await flushed();
  await cmd('workbench.action.acceptSelectedQuickOpenItem');
  await poll(`${describeQuickInput(rec)} to close after Enter`, () => rec.closed, { timeoutMs: 15_000, intervalMs: 25 });
}

/** Escape: close whatever quick input is showing. */
async function escape() {
  const open = quickInputs.filter((r) => r.shown && !r.closed);
  for (const r of open) r.used = true;
  await cmd('workbench.action.closeQuickOpen');
  await poll('the quick input to close after Escape', () => open.every((r) => r.closed), { timeoutMs: 10_000, intervalMs: 25 });
}

/** Close leftovers of a failed test so the next test starts clean. */
async function closeQuickInputs() {
  const open = quickInputs.filter((r) => !r.closed);
  for (const r of open) r.used = true;
  if (open.length) await cmd('workbench.action.closeQuickOpen').then(undefined, () => undefined);
  for (const r of open) if (!r.closed) r.qi.dispose();
}

// ---------------------------------------------------------------------------------------------
// Webview panels, observed the same way: the test sees each panel the extension creates, every message
// the host posts to it, and every message arriving from it (from the real webview in the browser, or
// delivered by the test through the host's own onDidReceiveMessage listeners — the path a message from
// the webview takes, through the host's protocol guard).

const webviews = [];

function observeWebviews() {
  const w = vscode.window;
  if (w.createWebviewPanel.__koObserved) return;
  const original = w.createWebviewPanel;
  const wrapped = function (viewType, ...rest) {
    const panel = original.call(this, viewType, ...rest);
    const rec = { viewType, panel, posted: [], received: [], listeners: [], disposed: false };
    const webview = panel.webview;
    const post = webview.postMessage.bind(webview);
    webview.postMessage = (message) => {
      // As the webview receives it: messages travel as JSON (undefined properties vanish).
      rec.posted.push(JSON.parse(JSON.stringify(message)));
      return post(message);
    };
    const subscribe = webview.onDidReceiveMessage;
    Object.defineProperty(webview, 'onDidReceiveMessage', {
      configurable: true,
      value: (listener, thisArg, disposables) => {
        const bound = (m) => listener.call(thisArg, m);
        rec.listeners.push(bound);
        return subscribe((m) => {
          rec.received.push(m);
          bound(m);
        }, undefined, disposables);
      },
    });
    panel.onDidDispose(() => (rec.disposed = true));
    webviews.push(rec);
    return panel;
  };
  wrapped.__koObserved = true;
  w.createWebviewPanel = wrapped;
}
observeWebviews();

/** Deliver a message to the host as if the webview had posted it. */
function deliver(rec, message) {
  assert.ok(rec.listeners.length > 0, `the ${rec.viewType} panel has no onDidReceiveMessage listener`);
  for (const l of rec.listeners) l(message);
}

/** The first message the host posted to the panel (after index `from`) that matches. */
function posted(rec, pred, what, { from = 0, timeoutMs = 30_000 } = {}) {
  return poll(() => `the host to post ${what} (posted so far: ${rec.posted.map((m) => m.type).join(', ') || 'nothing'})`, () => rec.posted.slice(from).find(pred), { timeoutMs, intervalMs: 50 });
}

// ---------------------------------------------------------------------------------------------
// Kafka fixtures (engine for offsets, kafkajs only to create topics and produce)

const kafkaClients = [];

/** A fresh engine client on the test broker (closed by closeAll()). */
function engineClient() {
  const c = new core.KafkaClient({ name: 'e2e-fixtures', brokers: [bootstrap()], clientId: 'kafka-offsets-e2e-fixtures', requestTimeoutMs: 15_000 });
  kafkaClients.push(c);
  return c;
}

/**
 * Topics with messages: topics = [{ topic, partitions, messages, timestamp? }] — `messages` per partition
 * (a number, or an array with one count per partition); `timestamp` (ms) dates every message (a record
 * hours old for lag in time), else the producer's clock.
 */
async function createTopics(topics) {
  const kafka = new Kafka({ clientId: 'kafka-offsets-e2e-fixtures', brokers: [bootstrap()], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions })), waitForLeaders: true });
    await producer.connect();
    for (const t of topics) {
      for (let p = 0; p < t.partitions; p++) {
        const n = Array.isArray(t.messages) ? t.messages[p] : t.messages;
        const at = t.timestamp === undefined ? {} : { timestamp: String(t.timestamp) };
        if (n > 0) await producer.send({ topic: t.topic, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ partition: p, value: `m${i}`, ...at })) });
      }
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  // The extension's client must see the new topics with their log-end offsets: wait until the engine does.
  const client = engineClient();
  for (const t of topics) {
    const parts = Array.from({ length: t.partitions }, (_, partition) => ({ topic: t.topic, partition }));
    await poll(`topic ${t.topic} to show its log-end offsets`, async () => {
      const ends = await client.listOffsets(parts, -1);
      return parts.every((p, i) => ends.get(`${p.topic}:${p.partition}`) === BigInt(Array.isArray(t.messages) ? t.messages[i] : t.messages));
    });
  }
}

/** Append `count` messages to one partition, once the engine sees the new log end. */
async function produce(topic, partition, count) {
  const client = engineClient();
  const key = `${topic}:${partition}`;
  const before = (await client.listOffsets([{ topic, partition }], -1)).get(key);
  const kafka = new Kafka({ clientId: 'kafka-offsets-e2e-fixtures', brokers: [bootstrap()], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ partition, value: `more${i}` })) });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  await poll(`${key} to end at ${before + BigInt(count)}`, async () => (await client.listOffsets([{ topic, partition }], -1)).get(key) === before + BigInt(count));
}

/** Commit offsets for a group with the engine (one OffsetCommit; the group must have no members). */
async function commit(group, offsets) {
  const client = engineClient();
  const list = offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: BigInt(o.offset) }));
  const res = await client.commitOffsets(group, list);
  const bad = res.filter((r) => r.errorCode !== 0);
  if (bad.length) throw new Error(`fixture commit for ${group} refused: ${safeJson(bad)}`);
}

/**
 * The group's committed offsets as { "topic:partition": "offset" | null } (strings, so deepEqual shows
 * exactly what differs).
 */
async function committed(group, topics) {
  const client = engineClient();
  const m = await client.committedOffsets(group, topics ?? null);
  return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v === null ? null : String(v)]));
}

/**
 * A live Java console consumer in `group` (classic protocol, session timeout 3 s), once the engine sees
 * it as a member.
 */
async function startConsumer({ group, topic, sessionTimeoutMs = 3000 }) {
  const consumer = await brokerHarness.startJavaConsumer({ bootstrap: bootstrap(), group, topic, sessionTimeoutMs });
  liveConsumers.add(consumer);
  const client = engineClient();
  await consumer.waitUntilMember(async () => (await client.describeGroup(group)).members.some((m) => m.clientId === consumer.clientId), { timeoutMs: 90_000 });
  return consumer;
}
const liveConsumers = new Set();

/** A TCP server that accepts connections and never answers: a broker that hangs. */
async function silentServer() {
  const sockets = new Set();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${srv.address().port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}

/** Stop consumers, close clients. */
async function closeAll() {
  await Promise.all([...liveConsumers].map((c) => c.kill().catch(() => undefined)));
  liveConsumers.clear();
  await Promise.all(kafkaClients.splice(0).map((c) => c.close().catch(() => undefined)));
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

/** The Test cluster's node. */
async function clusterNode(name = CLUSTER_NAME) {
  const roots = await api.tree.getChildren();
  const node = roots.find((n) => api.tree.getTreeItem(n).label === name);
  assert.ok(node, `cluster node "${name}" among [${roots.map((n) => api.tree.getTreeItem(n).label).join(', ')}]`);
  return node;
}

/** The group's node under the Test cluster, once its lag has been read ("lag …" replaced by a number or "no commit"). */
async function groupNode(group) {
  const cluster = await clusterNode();
  return poll(`group ${group} in the tree with its lag`, async () => {
    const groups = await api.tree.getChildren(cluster);
    const node = groups.find((g) => g.groupId === group);
    if (!node) {
      await api.tree.refresh(cluster);
      return undefined;
    }
    await api.tree.idle();
    const item = api.tree.getTreeItem(node);
    // "no commit": a group whose partitions all lack a commit (lag null), e.g. a consumer before its first commit.
    return /^(lag \d|no commit)/.test(String(item.description)) ? node : undefined;
  }, { timeoutMs: 30_000, intervalMs: 250 });
}

function label(item) {
  return typeof item.label === 'string' ? item.label : item.label?.label;
}

/** "label description" of each child, e.g. "p0 40 / 100 · lag 60". */
async function childLines(node) {
  const kids = await api.tree.getChildren(node);
  return kids.map((k) => {
    const item = api.tree.getTreeItem(k);
    return item.description ? `${label(item)} ${item.description}` : label(item);
  });
}

/**
 * The hooks most files of this suite share: before all, activate (then the file's own `setup(api)`,
 * e.g. its topics); after each test, no modal handler and no quick input left open; after all, clients
 * closed and settings back to their defaults. Call inside describe(); returns { api } filled by before.
 */
function fileHooks(setup) {
  const ctx = { api: undefined };
  before(async function () {
    this.timeout(180_000);
    ctx.api = await activate();
    if (setup) await setup(ctx.api);
  });
  afterEach(async () => {
    onModal(undefined);
    await closeQuickInputs();
  });
  after(async () => {
    onModal(undefined);
    await closeAll();
    await resetSettings();
  });
  return ctx;
}

/** Log lines written since `mark` (use api.log.recent().length as the mark; the log keeps 1,000 lines). */
function logSince(mark) {
  return api.log.recent().slice(mark);
}

module.exports = {
  REPO,
  fileHooks,
  CLUSTER_NAME,
  CLUSTER_ID,
  core,
  bootstrap,
  sleep,
  cmd,
  unique,
  poll,
  within,
  configure,
  resetSettings,
  activate,
  get api() {
    return api;
  },
  get activeBeforeFirstActivate() {
    return activeBeforeFirstActivate;
  },
  modals,
  notifications,
  onModal,
  answerWith,
  modalsSince,
  choose,
  enter,
  escape,
  nextQuickInput,
  closeQuickInputs,
  webviews,
  deliver,
  posted,
  engineClient,
  createTopics,
  produce,
  commit,
  committed,
  startConsumer,
  silentServer,
  closeAll,
  clusterNode,
  groupNode,
  childLines,
  label,
  logSince,
};
