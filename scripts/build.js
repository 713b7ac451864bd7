#!/usr/bin/env node
// Builds the bundles with esbuild: extension (Node, vscode external), webview (browser), CLI (Node).
// `--production`: minified, no source maps (what the vsix ships). `--tests`: also transpile src/ and
// test/ file by file into out/ for node:test (no bundling, so tests import the same modules).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');

function walk(dir, exts) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p, exts);
    return exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

async function main() {
  // The CLI is minified in every build: Node parses the whole bundle at each start, and half the
  // bytes is a visibly quicker `--help` / `lag --group` (docs/benchmarks.md). Names are kept: error
  // handling reads kafkajs error names, and a stack in a bug report stays readable with the map.
  const CLI_START = { minify: true, keepNames: true };
  const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
  const builds = [];
  const entry = (p) => fs.existsSync(path.join(root, p));
  if (entry('src/extension/extension.ts'))
    builds.push(esbuild.build({ ...common, entryPoints: [path.join(root, 'src/extension/extension.ts')], outfile: path.join(root, 'dist/extension.js'), platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] }));
  if (entry('src/webview/main.ts'))
    builds.push(esbuild.build({ ...common, entryPoints: [path.join(root, 'src/webview/main.ts')], outfile: path.join(root, 'dist/webview.js'), platform: 'browser', format: 'iife', target: 'es2020' }));
  if (entry('src/webview/details/main.ts'))
    builds.push(esbuild.build({ ...common, entryPoints: [path.join(root, 'src/webview/details/main.ts')], outfile: path.join(root, 'dist/details.js'), platform: 'browser', format: 'iife', target: 'es2020' }));
  if (entry('src/cli/main.ts')) builds.push(buildCli(common, CLI_START));
  if (tests) {
    const files = [...walk(path.join(root, 'src'), ['.ts']), ...walk(path.join(root, 'test'), ['.ts'])].filter(
      (f) => !f.includes(`${path.sep}webview${path.sep}`) && !f.includes(`${path.sep}e2e${path.sep}`),
    );
    builds.push(esbuild.build({ entryPoints: files, outdir: path.join(root, 'out'), outbase: root, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning' }));
  }
  await Promise.all(builds);
  // The form's icon font: the webview may only load from dist/ and media/ (node_modules is not shipped).
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  if (fs.existsSync(codicons)) {
    fs.mkdirSync(path.join(root, 'dist/codicons'), { recursive: true });
    for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(root, 'dist/codicons', f));
  }
  // A production build leaves no stale source maps behind.
  if (production) for (const f of fs.readdirSync(path.join(root, 'dist'))) if (f.endsWith('.map')) fs.rmSync(path.join(root, 'dist', f));
  if (fs.existsSync(path.join(root, 'dist/cli.js'))) fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
}

/**
 * dist/cli.js: the CLI bundle (main.ts) embedded as a string in a small loader (src/cli/codeCache.ts)
 * that runs it with V8's code cache, so a start does not compile 450 KB of JavaScript again. One
 * file, as before: it still runs when copied elsewhere.
 */
async function buildCli(common, start) {
  const outfile = path.join(root, 'dist/cli.js');
  const main = await esbuild.build({ ...common, ...start, entryPoints: [path.join(root, 'src/cli/main.ts')], outfile, write: false, platform: 'node', format: 'cjs', target: 'node18', define: { KAFKA_OFFSETS_VERSION: JSON.stringify(require('../package.json').version) } });
  const js = main.outputFiles.find((f) => f.path === outfile);
  for (const f of main.outputFiles) if (f !== js) fs.writeFileSync(f.path, f.contents);
  const buildId = require('node:crypto').createHash('sha256').update(js.text).digest('hex').slice(0, 16);
  await esbuild.build({
    stdin: { contents: `import { runBundle } from './codeCache';\nrunBundle(KAFKA_OFFSETS_CLI_BUNDLE, KAFKA_OFFSETS_CLI_BUILD, __filename);\n`, resolveDir: path.join(root, 'src/cli'), sourcefile: 'cli-loader.ts', loader: 'ts' },
    bundle: true, minify: true, logLevel: 'warning', legalComments: 'none', outfile, platform: 'node', format: 'cjs', target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
    define: { KAFKA_OFFSETS_CLI_BUNDLE: JSON.stringify(js.text), KAFKA_OFFSETS_CLI_BUILD: JSON.stringify(buildId) },
  });
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
