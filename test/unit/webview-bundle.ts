/**
 * Loads a module of the webview (src/webview/…) in Node for a unit test. The webview's sources are
 * bundled for the browser rather than transpiled into out/, so the module is bundled here with esbuild
 * (its imports included) and evaluated as CommonJS.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';

export function loadWebviewModule<T>(file: string): T {
  // out/test/unit → repo root, wherever the compiled test runs from.
  let root = __dirname;
  while (!fs.existsSync(path.join(root, 'package.json'))) root = path.dirname(root);
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({ entryPoints: [path.join(root, file)], bundle: true, format: 'cjs', platform: 'neutral', write: false, logLevel: 'silent' });
  const module = { exports: {} as T };
  new Function('module', 'exports', out.outputFiles[0].text)(module, module.exports);
  return module.exports;
}
