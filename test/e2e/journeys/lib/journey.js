'use strict';
// Shared plumbing of the browser journeys (test/e2e/journeys/NN-*.js). Not a journey itself: run-all.js
// only runs the *.js files directly in test/e2e/journeys, not this lib/ folder.
//
// Each journey: journey('NN-name', async (j) => { ... }) — j has the broker bootstrap, a unique
// prefix, the engine (for checks on the broker, never the UI), and workbench()/tree helpers.
// A journey has a hard 3-minute timeout, always closes its workbench, and exits non-zero on failure.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startWorkbench, runCommand, findFrameWith, screenshot } = require('../../ui');

const REPO = path.resolve(__dirname, '../../../..');
const HARD_TIMEOUT_MS = 180_000;
const CLUSTER = 'Demo';

function loadEngine() {
  const file = path.join(REPO, 'out/src/core/index.js');
  try {
    return require(file);
  } catch (e) {
    throw new Error(`cannot load the engine ${file} (${e.message}): run \`node scripts/build.js --tests\` first (npm test does).`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function poll(what, fn, { timeoutMs = 30_000, intervalMs = 250 } = {}) {
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
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

function journey(name, body) {
  const started = Date.now();
  const log = (...a) => console.log(`[${name}] +${((Date.now() - started) / 1000).toFixed(1)}s`, ...a);
  const bootstrap = process.env.KAFKA_TEST_BOOTSTRAP;
  if (!bootstrap) {
    console.error(`[${name}] FAIL: KAFKA_TEST_BOOTSTRAP is not set (host:port of a running broker; npm test sets it).`);
    process.exit(2);
  }
  const prefix = `${name.slice(0, 2)}-${Date.now().toString(36)}-`;
  const cleanups = [];
  let wb;
  const timer = setTimeout(() => {
    console.error(`[${name}] FAIL: hard timeout of ${HARD_TIMEOUT_MS / 1000} s`);
    // Closing is best-effort; the exit handler of codeserver.js kills the server in any case.
    Promise.race([closeAll(), sleep(10_000)]).finally(() => process.exit(3));
  }, HARD_TIMEOUT_MS);

  async function closeAll() {
    if (wb && wb.page) await screenshot(wb.page, `${name}-final`).catch(() => {});
    for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch(() => {});
    cleanups.length = 0;
    if (wb) await wb.close().catch(() => {});
    wb = undefined;
    await removeData().catch((e) => log(`cleanup of the ${prefix}* groups and topics failed (ignored): ${e.message}`));
  }

  /**
   * Deletes this journey's groups and topics (all named `${prefix}…`), so the shared test broker does
   * not fill up with groups that push other tests' rows out of the (virtualised) tree.
   */
  async function removeData() {
    const { Kafka, logLevel } = require(path.join(REPO, 'node_modules/kafkajs'));
    const admin = new Kafka({ brokers: [bootstrap], clientId: `journey-${name}-cleanup`, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
      // A killed consumer's group only becomes deletable once its session has expired.
      for (let i = 0; groups.length && i < 20; i++) {
        try {
          await admin.deleteGroups(groups);
          break;
        } catch (e) {
          await sleep(500);
        }
      }
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  const engine = loadEngine();
  const j = {
    name,
    bootstrap,
    prefix,
    engine,
    log,
    poll,
    sleep,
    CLUSTER,
    /** A number as the tree shows it (en-US grouping, e.g. 2,175). */
    fmt: (n) => BigInt(n).toLocaleString('en-US'),
    onCleanup: (fn) => cleanups.push(fn),
    /** Offsets committed by `group` on the broker, as { 'topic:partition': 'offset' } (strings). */
    async committed(group, topics) {
      const client = new engine.KafkaClient({ brokers: [bootstrap], clientId: `journey-${name}` });
      try {
        const m = await client.committedOffsets(group, topics);
        const out = {};
        for (const [k, v] of m) if (v != null) out[k.replace(/\//, ':')] = String(typeof v === 'object' && v !== null && 'offset' in v ? v.offset : v);
        return out;
      } finally {
        await client.close();
      }
    },
    async describeGroup(group) {
      const client = new engine.KafkaClient({ brokers: [bootstrap], clientId: `journey-${name}` });
      try {
        return await client.describeGroup(group);
      } finally {
        await client.close();
      }
    },
    async logEnds(topic, partitions) {
      const client = new engine.KafkaClient({ brokers: [bootstrap], clientId: `journey-${name}` });
      try {
        const m = await client.listOffsets(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })), -1);
        const out = {};
        for (const [k, v] of m) out[k.replace(/\//, ':')] = String(v);
        return out;
      } finally {
        await client.close();
      }
    },
    /** code-server + chromium with the extension, the Demo cluster on our broker, only this journey's groups shown. */
    async workbench(settings = {}) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), `ko-${name.slice(0, 2)}-`));
      cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
      wb = await startWorkbench({
        extensionDevelopmentPath: REPO,
        folder,
        userSettings: {
          'kafkaOffsets.clusters': [{ id: 'demo', name: CLUSTER, brokers: [bootstrap] }],
          'kafkaOffsets.groupFilter': `${prefix}*`,
          'kafkaOffsets.autoRefreshSeconds': 0,
          'workbench.colorTheme': 'Default Dark Modern',
          ...settings,
        },
      });
      j.page = wb.page;
      return wb.page;
    },
    shot: (what) => screenshot(j.page, `${name}-${what}`).then((f) => (log(`screenshot ${path.relative(REPO, f)}`), f)),
    runCommand: (title, opts) => runCommand(j.page, title, opts),
    findFrameWith: (sel, t) => findFrameWith(j.page, sel, t),

    // ---- the Consumer Groups view ----------------------------------------------------------------
    /** Opens the Kafka view container (activity bar) and waits for the Demo cluster row. */
    async openView() {
      const page = j.page;
      const pane = page.locator('.pane-body .monaco-list', { has: page.locator('.monaco-list-row') });
      await poll('the Kafka view with the Demo cluster row', async () => {
        if (await j.row(CLUSTER).isVisible().catch(() => false)) return true;
        const icon = page.locator('.activitybar .action-item a[aria-label^="Kafka"], .activitybar .action-item .action-label[aria-label^="Kafka"]').first();
        if (await icon.isVisible().catch(() => false)) {
          const active = await icon.locator('xpath=..').getAttribute('class').catch(() => '');
          if (!/checked/.test(active || '')) await icon.click().catch(() => {});
        }
        return false;
      }, { timeoutMs: 60_000, intervalMs: 1000 });
      void pane;
      // A wider side bar, so group rows show their whole description in screenshots.
      const box = await page.locator('.part.sidebar').boundingBox().catch(() => null);
      if (box && box.width < 500) {
        const x = box.x + box.width + 1;
        const y = box.y + box.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + 200, y, { steps: 5 });
        await page.mouse.up();
      }
    },
    /** A row of the Consumer Groups tree whose text contains `text`. */
    row(text) {
      return j.page.locator('.monaco-list-row', { hasText: text }).filter({ has: j.page.locator('.monaco-tl-contents') }).first();
    },
    /** Right-click a tree row → "Reset Offset (Form)…"; resolves with the form's frame. */
    async openFormFromRow(text) {
      const page = j.page;
      await j.row(text).click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item', { hasText: 'Reset Offset (Form)' }).first();
      await item.waitFor({ timeout: 10_000 });
      // The menu ignores a click that comes too soon after it opened (it stays open, item
      // highlighted): click again until it closes.
      await poll('the context menu to take the click', async () => {
        if (!(await item.isVisible().catch(() => false))) return true;
        await item.click({ timeout: 2000 }).catch(() => {});
        await sleep(500);
        return !(await item.isVisible().catch(() => false));
      }, { timeoutMs: 15_000, intervalMs: 100 });
      const form = await j.findFrameWith('#mode', 60_000);
      await form.locator('#topic option').first().waitFor({ state: 'attached', timeout: 30_000 });
      return form;
    },
    async rowText(text) {
      // label and description are separate spans without a space between them in the DOM
      return j.row(text).evaluate((el) => {
        const l = el.querySelector('.label-name');
        const d = el.querySelector('.label-description');
        return `${l ? l.textContent : ''} ${d ? d.textContent : ''}`.replace(/\s+/g, ' ').trim();
      });
    },
    async expand(text) {
      const r = j.row(text);
      await r.waitFor({ timeout: 30_000 });
      if ((await r.getAttribute('aria-expanded')) === 'false') await r.click();
      await poll(`row "${text}" to be expanded`, async () => (await r.getAttribute('aria-expanded')) === 'true', { timeoutMs: 30_000 });
    },
    async refresh() {
      await j.runCommand('Kafka: Refresh');
    },
    /** Clicks a button of the open modal dialog (whose text must match `expect`); returns the dialog's text. */
    async modal(button, { expect, timeoutMs = 60_000, shot } = {}) {
      const box = j.page.locator('.monaco-dialog-box');
      await box.waitFor({ state: 'visible', timeout: timeoutMs });
      const text = (await box.innerText()).replace(/\s+/g, ' ');
      if (expect) for (const e of [].concat(expect)) if (!(e instanceof RegExp ? e.test(text) : text.includes(e))) throw new Error(`the dialog does not say ${e}: "${text}"`);
      if (shot) await j.shot(shot);
      await box.locator('.dialog-buttons a.monaco-button, .dialog-buttons .monaco-button', { hasText: button }).first().click();
      await box.waitFor({ state: 'hidden', timeout: 10_000 });
      return text;
    },
    /** Picks the quick-pick row containing `text` (after typing `filter`, if given). */
    async pick(text, { filter, timeoutMs = 30_000 } = {}) {
      const page = j.page;
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: timeoutMs });
      if (filter !== undefined) await input.fill(filter);
      // A RegExp is matched against the item's label alone (e.g. /^p2$/), a string against the whole row.
      // The label is the first row's .label-name: an item's detail line is a second icon label with a
      // .label-name of its own ("All topics of this group" lists its one topic there).
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const label = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';
      const row = (text instanceof RegExp ? rows.filter({ has: page.locator(label, { hasText: text }) }) : rows.filter({ hasText: text })).first();
      await row.waitFor({ timeout: timeoutMs });
      await row.click();
    },
  };

  (async () => {
    try {
      await body(j);
      clearTimeout(timer);
      await closeAll();
      log(`PASS in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    } catch (e) {
      clearTimeout(timer);
      console.error(`[${name}] FAIL: ${e && e.stack ? e.stack : e}`);
      await Promise.race([closeAll(), sleep(15_000)]);
      process.exit(1);
    }
  })();
}

module.exports = { journey, REPO, sleep, poll };
