/**
 * Loads the kafkajs-backed half of the engine (./kafkaEngine) on first use.
 *
 * Why: esbuild bundles kafkajs into dist/extension.js, and evaluating it costs start-up time in every
 * window that merely has the extension installed. A module reached only through a dynamic import() is
 * wrapped by esbuild in a lazy initialiser, so kafkajs is evaluated the first time the user actually
 * talks to a cluster — never in activate().
 *
 * Rule for the rest of src/extension: value imports from src/core name only the pure modules
 * (validate, plan, csv, snapshot, numbers, time, errors, tp, deadline, display, glob,
 * equivalent, brokers); never '../core' (its index
 * re-exports the client), '../core/reset', '../core/lag' or '../core/kafka/*'. `import type` from
 * anywhere is fine: it is erased.
 */
export type Engine = typeof import('./kafkaEngine');

let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./kafkaEngine');
  return loading;
}
