#!/usr/bin/env node
// The Consumer Groups tree with 300 groups whose ids are 60 characters long (issue 15), in code-server:
// from clicking the collapsed cluster to the first group rows on screen, to every row on screen showing
// its lag, and to the lag of all 300 groups in the tree. Each run is a fresh code-server + headless
// chromium session (test/e2e/codeserver.js) with the extension under development and
// bench/ext/tree300.js as the extension-host module; the side bar is 300 px wide, groups sorted by name.
// A second cluster entry keeps "Bench" collapsed until the click (one cluster would expand by itself).
// Writes its own section into docs/benchmarks.md between markers (the rest of the file is kept) and a
// screenshot of the last run, docs/benchmarks-tree-300.png. `npm run bench` runs it after its report.
// Standalone, after `npm run pretest` (dist/ and out/): [KAFKA_BOOTSTRAP=host:port] node bench/tree-300.js [--runs N]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { withTimeout } = require('./lib/proc');
const { createTopics, produceAll } = require('./lib/scenarios');
const { stats, fmtMs } = require('./lib/stats');
const { range, pad, HOUR, log, sleep } = require('./lib/config');

const ROOT = path.resolve(__dirname, '..');
const GROUPS = 300;
/** 57 characters; with the three-digit number every id is 60 characters long. */
const PREFIX = 'bench-tree-payments-reconciliation-service-eu-west-1-grp-';
const TOPICS = range(10).map((i) => ({ topic: `bench-tree-t${pad(i, 2)}`, partitions: 5 }));
const M = 30;
const START = '<!-- tree-300:start -->';
const END = '<!-- tree-300:end -->';
const SHOT = path.join(ROOT, 'docs/benchmarks-tree-300.png');

async function main({ runs } = {}) {
  runs = runs ?? (Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3);
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js')) || !fs.existsSync(path.join(ROOT, 'out/src/core/index.js'))) throw new Error('build first: npm run pretest');
  const core = require(path.join(ROOT, 'out/src/core/index.js'));
  const harness = process.env.KAFKA_BOOTSTRAP ? null : require(path.join(ROOT, 'test/support/broker.js'));
  const broker = harness ? await withTimeout(harness.startBroker(), 150_000, 'starting the broker') : null;
  const bootstrap = process.env.KAFKA_BOOTSTRAP || broker.bootstrap;
  try {
    await prepare(core, bootstrap);
    const sessions = [];
    for (let i = 0; i < runs; i++) {
      const r = await session(bootstrap, i === runs - 1 ? SHOT : undefined);
      log(`tree-300 run ${i + 1}/${runs}: first rows ${fmtMs(r.firstRowsMs)}, rows on screen with lag ${fmtMs(r.visibleLagMs)} (${r.visibleRows} rows), all ${GROUPS} with lag ${fmtMs(r.allLagMs)}`);
      sessions.push(r);
    }
    const result = {
      at: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
      runs,
      firstRows: stats(sessions.map((s) => s.firstRowsMs)),
      visibleLag: stats(sessions.map((s) => s.visibleLagMs)),
      visibleRows: Math.min(...sessions.map((s) => s.visibleRows)),
      allLag: stats(sessions.map((s) => s.allLagMs)),
    };
    writeSection(result);
    log(`tree-300: first rows ${fmtMs(result.firstRows.median)}, rows on screen with lag ${fmtMs(result.visibleLag.median)}, all ${GROUPS} groups with lag ${fmtMs(result.allLag.median)} (medians of ${runs})`);
    return result;
  } finally {
    if (broker) await broker.stop({ timeoutMs: 3000 }).catch(() => {});
  }
}

/** 10 topics × 5 partitions × 30 messages over 6 hours; group i commits on topic i mod 10 at offsets (7i + p) mod 31. */
async function prepare(core, bootstrap) {
  const { Kafka, logLevel, Partitioners } = require('kafkajs');
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'bench-tree-setup', logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const setup = new core.KafkaClient({ brokers: [bootstrap], clientId: 'kafka-offsets-bench-setup', requestTimeoutMs: 60_000 });
  try {
    await admin.connect();
    await producer.connect();
    const existing = new Set(await admin.listTopics());
    const fresh = TOPICS.filter((t) => !existing.has(t.topic));
    if (fresh.length) {
      await createTopics(admin, setup, fresh);
      await produceAll(producer, fresh, M, Date.now() - 6 * HOUR);
    }
    await core.mapLimit(range(GROUPS), 16, async (i) => {
      const { topic, partitions } = TOPICS[i % TOPICS.length];
      const res = await setup.commitOffsets(`${PREFIX}${pad(i, 3)}`, range(partitions).map((partition) => ({ topic, partition, offset: BigInt((7 * i + partition) % (M + 1)) })));
      const bad = res.filter((r) => r.errorCode !== 0);
      if (bad.length) throw new Error(`commit of group ${i} refused: ${JSON.stringify(bad)}`);
    });
    log(`tree-300: ${GROUPS} groups of ${PREFIX.length + 3} characters on ${TOPICS.length} topics × 5 partitions ready`);
  } finally {
    await Promise.allSettled([setup.close(), producer.disconnect(), admin.disconnect()]);
  }
}

/** One fresh code-server session: click the collapsed cluster, time the rows in the page and the lag in the host. */
async function session(bootstrap, screenshot) {
  const { startCodeServer, workbenchUrl, launchChromium } = require(path.join(ROOT, 'test/e2e/codeserver.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-tree-'));
  const outFile = path.join(dir, 'host.json');
  const workspace = path.join(dir, 'ws');
  fs.mkdirSync(workspace);
  let server;
  let browser;
  try {
    server = await withTimeout(
      startCodeServer({
        env: { BENCH_TREE_OUT: outFile, BENCH_TREE_GROUPS: String(GROUPS), BENCH_TREE_PREFIX: PREFIX },
        userSettings: {
          'kafkaOffsets.clusters': [
            { id: 'bench', name: 'Bench', brokers: [bootstrap] },
            { id: 'other', name: 'Other', brokers: [bootstrap] },
          ],
          'kafkaOffsets.groupFilter': 'bench-tree-*',
          'kafkaOffsets.autoRefreshSeconds': 0,
          'workbench.colorTheme': 'Default Dark Modern',
        },
      }),
      90_000,
      'starting code-server',
    );
    browser = await withTimeout(launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }), 30_000, 'launching chromium');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))));
    await withTimeout(page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: ROOT, extensionTestsPath: path.join(ROOT, 'bench/ext/tree300.js') })), 60_000, 'loading the workbench');
    const deadline = Date.now() + 180_000;
    while (!fs.existsSync(`${outFile}.ready`)) {
      if (fs.existsSync(outFile)) throw new Error(`the extension host gave up: ${fs.readFileSync(outFile, 'utf8')}`);
      if (Date.now() > deadline) throw new Error('the extension host never opened the view');
      await sleep(50);
    }
    const clusterRow = page.locator('.part.sidebar .monaco-list-row[aria-level="1"]', { hasText: 'Bench' }).first();
    await clusterRow.waitFor({ timeout: 60_000 });
    await sidebarWidth(page, 300);
    // Let the freshly loaded workbench settle (built-in extensions activating), as when a user clicks.
    await sleep(2000);
    await page.evaluate(() => {
      // Level-2 rows are the groups; "lag …" in their accessible name until their lag is read.
      const mark = { firstRows: null, visibleLag: null, visibleRows: 0 };
      /** @type {any} */ (window).__tree300 = mark;
      const check = () => {
        const rows = [...document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="2"]')];
        if (!rows.length) return;
        const now = Date.now();
        if (mark.firstRows === null) mark.firstRows = now;
        if (mark.visibleLag === null && rows.every((r) => /, (lag [\d,]+|no commit)/.test(r.getAttribute('aria-label') || ''))) {
          mark.visibleLag = now;
          mark.visibleRows = rows.length;
        }
      };
      new MutationObserver(check).observe(document.querySelector('.part.sidebar'), { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const clickedAt = Date.now();
    await clusterRow.click();
    const mark = await withTimeout(
      page.waitForFunction(() => { const m = /** @type {any} */ (window).__tree300; return m.visibleLag !== null && m; }, null, { polling: 100, timeout: 170_000 }).then((h) => h.jsonValue()),
      175_000,
      'the group rows on screen to show their lag',
    );
    // The screenshot before the host module returns: the extension host ends with it, and the view empties.
    while (!fs.existsSync(`${outFile}.all`) && !fs.existsSync(outFile) && Date.now() < deadline) await sleep(50);
    if (screenshot) await withTimeout(page.screenshot({ path: screenshot }), 10_000, 'screenshot').catch(() => {});
    fs.writeFileSync(`${outFile}.browser-done`, '1');
    await withTimeout(exited, Math.max(1000, deadline - Date.now()), 'the extension host to finish');
    const host = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    if (host.error) throw new Error(`extension host: ${host.error}`);
    return { firstRowsMs: mark.firstRows - clickedAt, visibleLagMs: mark.visibleLag - clickedAt, visibleRows: mark.visibleRows, allLagMs: host.allLagAt - clickedAt, notes: host.notes };
  } finally {
    if (browser) await withTimeout(browser.close(), 10_000, 'closing chromium').catch(() => {});
    if (server) await withTimeout(server.stop(), 15_000, 'stopping code-server').catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Drag the side bar's edge until it is about `px` wide (as journey 09 does). */
async function sidebarWidth(page, px) {
  const box = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + px, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

function writeSection(r) {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const cell = (s) => `**${fmtMs(s.median)}** (${fmtMs(s.min)} – ${fmtMs(s.max)})`;
  const section = [
    START,
    `## Tree: ${GROUPS} groups with 60-character ids in code-server (issue 15)`,
    '',
    `\`node bench/tree-300.js\` (also run at the end of \`npm run bench\`) on ${r.at.slice(0, 10)}, ${r.machine}; ${r.runs} fresh code-server sessions (headless chromium, 1400 × 900, dev build of the extension), side bar dragged to 300 px, groups by name, auto-refresh off. ${GROUPS} groups \`${PREFIX}000\` … (60 characters), each committed on one of ${TOPICS.length} topics × 5 partitions × ${M} messages. A second cluster entry keeps the cluster collapsed until the click, so the clock starts with nothing listed.`,
    '',
    '| from clicking the collapsed cluster to … | median (min – max) | how |',
    '|---|---|---|',
    `| the first group rows on screen | ${cell(r.firstRows)} | a MutationObserver in the page: the first row at tree level 2 (ListGroups + DescribeGroups, then VS Code's render) |`,
    `| every group row on screen shows its lag (${r.visibleRows} rows) | ${cell(r.visibleLag)} | the same observer: every rendered level-2 row's accessible name has "lag N" or "no commit" instead of "lag …" |`,
    `| the lag of all ${GROUPS} groups in the tree | ${cell(r.allLag)} | extension host (bench/ext/tree300.js): the tree's store has the lag of every group, checked at each lag sample; same machine clock |`,
    '',
    'What the clock includes: the first use of the engine (kafkajs loads on first use), ListGroups + DescribeGroups, then the lag read with time lag (one Fetch round per leader for the next records) in batches of 50 groups, in the order the view shows them, so the rows on screen are in the first batch; every group that gets its lag is one tree change VS Code renders (when the rows on screen show their lag after the store has all of it, the rest is VS Code passing the changes to the window and rendering them). On a loaded 2-core machine the extension host, code-server and chromium share the cores with the broker: compare runs by their load figure.',
    '',
    `The last run's window: [benchmarks-tree-300.png](benchmarks-tree-300.png).`,
    END,
  ].join('\n');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

module.exports = { main };

if (require.main === module)
  main().catch((e) => {
    console.error(`[bench tree-300] failed: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
