'use strict';
/**
 * The builds the bench measures (a copy of the dev build, a production build and its vsix), their
 * sizes, and the VS Code figures measured on them in code-server.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');
const { ROOT, TIMEOUT, log } = require('./config');
const { stats, fmtMs } = require('./stats');

/**
 * The builds the bench runs: `dev` = a copy of what `node scripts/build.js --tests` just wrote to dist/
 * (with the manifest and media, so it loads as an extension); `prod` = the sources copied and built
 * with `scripts/build.js --production`, then packaged with vsce (for the vsix size).
 */
function prepareBuilds() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-builds-'));
  const dev = path.join(root, 'dev');
  const manifest = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];
  fs.mkdirSync(dev);
  for (const f of manifest) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(dev, f));
  for (const d of ['dist', 'media']) if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(dev, d), { recursive: true });
  // The bundles require kafkajs's internals by computed paths (src/core/kafka/internals.ts), which
  // esbuild leaves to run time: they need node_modules beside them.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dev, 'node_modules'));
  const prod = { dir: path.join(root, 'prod') };
  try {
    fs.mkdirSync(prod.dir);
    for (const f of [...manifest, 'tsconfig.json']) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(prod.dir, f));
    for (const d of ['src', 'scripts', 'media']) if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(prod.dir, d), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(prod.dir, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.js', '--production'], { cwd: prod.dir, stdio: 'pipe', timeout: TIMEOUT.build });
    const vsce = path.join(ROOT, 'node_modules/.bin/vsce');
    if (fs.existsSync(vsce)) {
      try {
        const file = path.join(root, 'kafka-offsets.vsix');
        const said = execFileSync(vsce, ['package', '--no-dependencies', '--out', file], { cwd: prod.dir, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
        prod.vsix = { bytes: fs.statSync(file).size, files: Number(/\((\d+) files?/.exec(said)?.[1]) || undefined };
      } catch (e) {
        prod.vsix = { error: `vsce package failed: ${String(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}` };
      }
    } else prod.vsix = { error: 'no @vscode/vsce in node_modules' };
  } catch (e) {
    return { root, dev, prod: { error: `production build failed: ${String(e.stderr || e.message).slice(-500)}` } };
  }
  return { root, dev, prod };
}

/**
 * VS Code figures (bench/lib/vscode.js: code-server + headless chromium, bench/ext/host.js in the
 * extension host), 3 fresh sessions per build of the extension, on the cluster of `groups` groups.
 */
async function measureExtension(ctx, builds, groups) {
  const { vscodeSession } = require('./vscode');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-offsets-bench-ext-'));
  const variants = [];
  const list = [['dev build (scripts/build.js, as the e2e tests load it)', builds.dev]];
  if (builds.prod.dir) list.push(['production build (minified, as the vsix ships it)', builds.prod.dir]);
  try {
    for (const [name, devPath] of list) {
      const sessions = [];
      for (let s = 0; s < 3; s++) {
        log(`extension: ${name}, code-server session ${s + 1}/3`);
        const r = await vscodeSession({ devPath, outFile: path.join(tmp, `ext-${variants.length}-${s}.json`), timeoutMs: TIMEOUT.ext, env: { BENCH_BOOTSTRAP: ctx.bootstrap, BENCH_EXPECT_GROUPS: String(groups) } });
        if (r.error) throw new Error(`${name}, session ${s + 1}: ${r.error}`);
        sessions.push(r);
      }
      const w = sessions.map((x) => x.webview || {});
      const v = {
        name,
        sessions: sessions.length,
        activation: stats(sessions.map((x) => x.activationMs).filter((x) => typeof x === 'number')),
        firstLoad: stats(sessions.map((x) => x.firstLoadMs)),
        refresh: stats(sessions.flatMap((x) => x.refreshMs)),
        webviewFcp: stats(w.map((x) => x.firstContentfulPaintMs).filter((x) => typeof x === 'number')),
        webviewData: stats(w.map((x) => x.formWithDataMs).filter((x) => typeof x === 'number')),
        notes: [...new Set([...sessions.flatMap((x) => x.notes || []), ...w.filter((x) => x.error).map((x) => `webview: ${x.error}`)])],
      };
      variants.push(v);
      log(`extension (${name}): activation ${fmtMs(v.activation?.median)}, first load ${fmtMs(v.firstLoad?.median)}, refresh ${fmtMs(v.refresh?.median)}, webview FCP ${fmtMs(v.webviewFcp?.median)}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { groups, variants };
}

/** Bundle sizes: the dev build the bench runs and the production build, plus the vsix. */
function bundleSizes(b) {
  const out = {};
  const add = (label, file) => {
    try {
      const buf = fs.readFileSync(file);
      out[label] = { bytes: buf.length, gzip: zlib.gzipSync(buf).length };
    } catch {}
  };
  for (const f of ['extension.js', 'webview.js', 'cli.js']) add(`dev dist/${f}`, path.join(b.dev, 'dist', f));
  if (b.prod.dir) for (const f of ['extension.js', 'webview.js', 'cli.js']) add(`production dist/${f}`, path.join(b.prod.dir, 'dist', f));
  else out.productionError = b.prod.error;
  out.vsix = b.prod.vsix ?? { error: b.prod.error };
  return out;
}

module.exports = { prepareBuilds, measureExtension, bundleSizes };
