/**
 * The CLI's start-up: dist/cli.js is this small loader with the real bundle (main.ts) embedded as a
 * string. Node would compile the 450 KB bundle at every start (a third of `lag --group`'s own time);
 * instead the bundle runs as a vm.Script with V8's code cache, kept per user in
 * ~/.cache/kafka-offsets/cli-code-cache (XDG_CACHE_HOME respected), so later starts skip compiling.
 *
 * Commands load their modules lazily (commands/index.ts), and V8 caches only what a run compiled, so
 * a cache written by `--help` would leave kafkajs and the engine to compile at every `lag`. Hence two
 * tiers: 'light' (written by a run that never loaded the engine) and 'full' (by one that did; the
 * bundle says so with markEngineLoaded()). A run that loads the engine with only a light cache
 * writes the full one, which every later start then uses.
 *
 * The cache is only an optimisation: no cache, a cache V8 rejects (another Node, other flags, another
 * build) or a directory we cannot use all simply compile as Node would, and a new cache is written
 * at exit. The directory must be ours (mode 0700, our uid): cached code is code, so never read one
 * another user could have written. KAFKA_OFFSETS_NO_CODE_CACHE=1 turns it off.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { homedir } from 'node:os';
import Module from 'node:module';

const ENGINE_LOADED = Symbol.for('kafka-offsets.cli.engine-loaded');

/** Called by the bundle once it loads the engine: this run's cache is worth keeping as the 'full' tier. */
export function markEngineLoaded(): void {
  (globalThis as Record<symbol, unknown>)[ENGINE_LOADED] = true;
}

type Tier = 'light' | 'full';

/** `buildId`: a hash of the bundle (scripts/build.js), so each build has its own cache file. */
export function runBundle(source: string, buildId: string, filename: string): void {
  const dir = cacheDir();
  const fileOf = (tier: Tier) => (dir ? path.join(dir, `cli-${buildId}-${process.version}-${process.arch}-${tier}.bin`) : undefined);
  let cached: Buffer | undefined;
  let cachedTier: Tier | undefined;
  for (const tier of ['full', 'light'] as const) {
    const file = fileOf(tier);
    if (!file || cached) continue;
    try {
      cached = fs.readFileSync(file);
      cachedTier = tier;
    } catch {
      cached = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData: cached });
  if (dir) {
    const rejected = !cached || script.cachedDataRejected;
    // At exit: the cache then also holds the functions this run compiled lazily (the hot ones).
    process.once('exit', () => {
      const tier: Tier = (globalThis as Record<symbol, unknown>)[ENGINE_LOADED] ? 'full' : 'light';
      if (rejected || (tier === 'full' && cachedTier !== 'full')) writeCache(fileOf(tier)!, `cli-${buildId}-`, () => script.createCachedData());
      // A cache V8 refused (other flags) would be read and refused again at every start.
      if (cached && script.cachedDataRejected && cachedTier !== tier) fs.rmSync(fileOf(cachedTier!)!, { force: true });
    });
  }
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const mod = { exports: {} };
  wrapper.call(mod.exports, mod.exports, Module.createRequire(filename), mod, filename, path.dirname(filename));
}

function cacheDir(): string | undefined {
  if (process.env.KAFKA_OFFSETS_NO_CODE_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  const dir = path.join(base, 'kafka-offsets', 'cli-code-cache');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    // Not our directory, or others may write in it: compile as usual.
    if ((typeof process.getuid === 'function' && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return dir;
}

/** Write atomically (a concurrent start reads the old file or the new one, never half), and drop older builds' caches. */
function writeCache(file: string, buildPrefix: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data(), { mode: 0o600 });
    fs.renameSync(tmp, file);
    const dir = path.dirname(file);
    for (const f of fs.readdirSync(dir)) if (f.startsWith('cli-') && !f.startsWith(buildPrefix) && !f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
