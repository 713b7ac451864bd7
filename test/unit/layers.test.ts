/**
 * The layers of src/, enforced (they used to live in comments only). Every import and re-export of
 * every file under src/ is read with TypeScript's own parser, so these rules break the build of a
 * change that crosses a layer, not a reviewer's memory:
 *   - `vscode` is imported only under src/extension;
 *   - nothing outside src/core reaches src/core/kafka (the kafkajs quarantine), not even for types;
 *   - src/core and src/protocol.ts import nothing of src/extension, src/cli or src/webview; src/cli
 *     imports nothing of src/extension or src/webview; nothing imports src/webview from outside it;
 *   - src/webview imports only the protocol, its own files, and core modules that need neither Node
 *     built-ins nor kafkajs (checked through everything those modules import in turn);
 *   - the eagerly loaded extension (all of src/extension but kafkaEngine.ts, which engine.ts loads on
 *     first use) never loads kafkajs through a value import;
 *   - no import cycles among src/ files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/harness';

const SRC = path.join(repoRoot, 'src');

interface Edge {
  /** Resolved file under src/ (relative, forward slashes), or the bare package/built-in name. */
  to: string;
  /** Erased at compile time: `import type`, `export type`, or only type specifiers. */
  typeOnly: boolean;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const rel = (abs: string) => path.relative(SRC, abs).split(path.sep).join('/');

function resolve(fromFile: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const c of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(c)) return rel(c);
  return `unresolved:${rel(base)}`;
}

function allTypeSpecifiers(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import './x'`: a side effect
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const b = clause.namedBindings;
  if (!b || !ts.isNamedImports(b)) return false;
  return b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
}

function edgesOf(file: string): Edge[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteralLike(spec)) edges.push({ to: resolve(file, spec.text), typeOnly });
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n)) add(n.moduleSpecifier, allTypeSpecifiers(n.importClause));
    else if (ts.isExportDeclaration(n)) {
      const named = n.exportClause && ts.isNamedExports(n.exportClause) ? n.exportClause.elements : undefined;
      add(n.moduleSpecifier, n.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal, true);
    else if (ts.isCallExpression(n) && n.arguments.length === 1) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) add(n.arguments[0], false);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return edges;
}

const graph = new Map<string, Edge[]>(walk(SRC).map((f) => [rel(f), edgesOf(f)]));
const files = [...graph.keys()];
const isFile = (to: string) => graph.has(to);
const inDir = (f: string, dir: string) => f.startsWith(`${dir}/`);

/** Everything `from` loads at run time (value edges only), transitively, itself excluded. */
function valueClosure(from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    for (const e of graph.get(stack.pop()!) ?? []) {
      if (e.typeOnly || seen.has(e.to)) continue;
      seen.add(e.to);
      if (isFile(e.to)) stack.push(e.to);
    }
  }
  return seen;
}

function violations(check: (from: string, e: Edge) => string | undefined): string[] {
  return files.flatMap((f) => graph.get(f)!.map((e) => check(f, e)).filter((v): v is string => !!v));
}

test('the parser sees the imports (a rule over nothing would always pass)', () => {
  assert.ok(files.length > 30, `only ${files.length} files under src/`);
  assert.ok(graph.get('extension/extension.ts')!.some((e) => e.to === 'vscode'), 'extension.ts imports vscode');
  assert.ok(graph.get('core/lag.ts')!.some((e) => e.to === 'core/kafka/port.ts' && e.typeOnly), 'lag.ts imports the engine port as a type');
  assert.ok(graph.get('extension/engine.ts')!.some((e) => e.to === 'extension/kafkaEngine.ts' && !e.typeOnly), 'engine.ts loads kafkaEngine with import()');
  assert.deepEqual(violations((f, e) => (e.to.startsWith('unresolved:') ? `${f} → ${e.to}` : undefined)), []);
});

test('vscode is imported only under src/extension', () => {
  assert.deepEqual(violations((f, e) => (e.to === 'vscode' && !inDir(f, 'extension') ? `${f} imports vscode` : undefined)), []);
});

test('kafkajs and src/core/kafka are reached only from src/core', () => {
  assert.deepEqual(
    violations((f, e) =>
      (inDir(e.to, 'core/kafka') || e.to === 'kafkajs' || e.to.startsWith('kafkajs/')) && !inDir(f, 'core') ? `${f} imports ${e.to}` : undefined,
    ),
    [],
  );
  assert.deepEqual(violations((f, e) => ((e.to === 'kafkajs' || e.to.startsWith('kafkajs/')) && !inDir(f, 'core/kafka') ? `${f} imports ${e.to}` : undefined)), []);
});

test('no layer imports upward', () => {
  const allowed: Array<[string, (to: string) => boolean]> = [
    ['core', (to) => !inDir(to, 'extension') && !inDir(to, 'cli') && !inDir(to, 'webview') && to !== 'protocol.ts'],
    ['cli', (to) => !inDir(to, 'extension') && !inDir(to, 'webview') && to !== 'protocol.ts'],
    ['extension', (to) => !inDir(to, 'webview') && !inDir(to, 'cli')],
  ];
  assert.deepEqual(
    violations((f, e) => {
      if (!isFile(e.to)) return undefined;
      if (f === 'protocol.ts') return inDir(e.to, 'core') && !e.typeOnly ? `protocol.ts (types only) value-imports ${e.to}` : inDir(e.to, 'core') ? undefined : `protocol.ts imports ${e.to}`;
      const rule = allowed.find(([dir]) => inDir(f, dir));
      return rule && !rule[1](e.to) ? `${f} imports ${e.to}` : undefined;
    }),
    [],
  );
});

test('the webview loads only the protocol and pure core modules (no Node built-ins, no kafkajs)', () => {
  const bad: string[] = [];
  for (const f of files.filter((x) => inDir(x, 'webview'))) {
    for (const to of valueClosure(f)) {
      const ok = isFile(to) ? inDir(to, 'webview') || to === 'protocol.ts' || (inDir(to, 'core') && !inDir(to, 'core/kafka')) : !to.startsWith('node:') && !to.startsWith('kafkajs') && to !== 'vscode';
      if (!ok) bad.push(`${f} loads ${to}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the eagerly loaded extension never loads kafkajs (only kafkaEngine.ts does, on first use)', () => {
  const bad: string[] = [];
  for (const f of files.filter((x) => inDir(x, 'extension') && x !== 'extension/kafkaEngine.ts')) {
    const closure = new Set<string>();
    // Follow value edges but stop at the lazy import() of kafkaEngine (engine.ts's whole point).
    const stack = [f];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const e of graph.get(cur) ?? []) {
        if (e.typeOnly || closure.has(e.to) || e.to === 'extension/kafkaEngine.ts') continue;
        closure.add(e.to);
        if (isFile(e.to)) stack.push(e.to);
      }
    }
    for (const to of closure) if (to === 'kafkajs' || to.startsWith('kafkajs/') || inDir(to, 'core/kafka')) bad.push(`${f} loads ${to}`);
  }
  assert.deepEqual([...new Set(bad)], []);
});

test('no import cycles among src/ files', () => {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const dfs = (f: string, trail: string[]) => {
    state.set(f, 'open');
    for (const e of graph.get(f)!) {
      if (!isFile(e.to)) continue;
      if (state.get(e.to) === 'open') cycles.push([...trail.slice(trail.indexOf(e.to)), e.to].join(' → '));
      else if (!state.has(e.to)) dfs(e.to, [...trail, e.to]);
    }
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) dfs(f, [f]);
  assert.deepEqual(cycles, []);
});
