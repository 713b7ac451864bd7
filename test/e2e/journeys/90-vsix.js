#!/usr/bin/env node
// Journey: the packaged extension, as a user installs it. `npm run package` builds the production vsix,
// `code-server --install-extension` installs it into a fresh extensions dir, and the workbench (without
// extensionDevelopmentPath) shows the Kafka view with the test broker's groups. Records the vsix size.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureCodeServer, startCodeServer, workbenchUrl, launchChromium } = require('../codeserver.js');
const { openWorkbench, screenshot } = require('../ui.js');

const root = path.resolve(__dirname, '../../..');

async function main() {
  const bootstrap = process.env.KAFKA_TEST_BOOTSTRAP;
  if (!bootstrap) throw new Error('KAFKA_TEST_BOOTSTRAP is not set: run through `npm test`.');
  const core = require(path.join(root, 'out/src/core/index.js'));
  const group = `vsix-${Date.now()}`;
  const topic = `vsix-t-${Date.now()}`;
  // A group with offsets to see in the tree: topic via kafkajs admin, commit through the engine.
  const { Kafka, logLevel } = require(path.join(root, 'node_modules/kafkajs'));
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  await admin.disconnect();
  const client = new core.KafkaClient({ brokers: [bootstrap] });
  await client.commitOffsets(group, [{ topic, partition: 0, offset: 0n }, { topic, partition: 1, offset: 0n }]);
  await client.close();

  // Package into a temp copy of dist/ would be cleaner, but vsce packages the repo: build, package,
  // then rebuild the dev bundles so later steps see what they expect.
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = path.join(root, 'kafka-offsets.vsix');
  const size = fs.statSync(vsix).size;
  console.log(`[vsix] kafka-offsets.vsix: ${(size / 1024).toFixed(0)} KB`);
  if (size > 1024 * 1024) throw new Error(`the vsix is ${size} bytes, over 1 MB`);
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });

  const bin = await ensureCodeServer();
  const extDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-vsix-ext-'));
  const out = execFileSync(bin, ['--install-extension', vsix, '--extensions-dir', extDir], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: extDir } });
  if (!/successfully installed/.test(out)) throw new Error(`install failed: ${out}`);

  const server = await startCodeServer({ extensionsDir: extDir, userSettings: { 'kafkaOffsets.clusters': [{ id: 'test', name: 'Test', brokers: [bootstrap] }], 'kafkaOffsets.groupFilter': group } });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ko-vsix-ws-'));
    await openWorkbench(page, workbenchUrl({ port: server.port, folder }));
    await page.locator('.activitybar [aria-label^="Kafka"]').first().click({ timeout: 60_000 });
    await page.locator('.monaco-list-row', { hasText: 'Test' }).first().waitFor({ timeout: 60_000 });
    const row = page.locator('.monaco-list-row', { hasText: group });
    // Expand the cluster (select it, then the Right arrow expands a collapsed tree row).
    await page.locator('.monaco-list-row', { hasText: 'Test' }).first().click();
    await page.keyboard.press('ArrowRight');
    try {
      await row.first().waitFor({ timeout: 60_000 });
    } finally {
      await screenshot(page, 'vsix-installed-tree');
    }
    await screenshot(page, 'vsix-installed-tree');
    console.log('[vsix] installed extension shows the group in the Kafka view');
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(extDir, { recursive: true, force: true });
  }
}

const timer = setTimeout(() => {
  console.error('[vsix] journey timed out after 4 minutes');
  process.exit(1);
}, 240_000);
main().then(
  () => {
    clearTimeout(timer);
    process.exit(0);
  },
  (e) => {
    console.error(`[vsix] FAILED: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
