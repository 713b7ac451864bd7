/** Helpers shared by the integration tests: child processes (the CLI as users run it) and expectations. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { KafkaOffsetsError, ResetInput, validateResetInput } from '../../src/core';
import { repoRoot } from './harness';

export const CLI_PATH = path.join(repoRoot, 'dist/cli.js');

export interface ProcessRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * A child Node process, SIGKILLed after timeoutMs (a hang shows as signal SIGKILL, not as a stuck
 * test). env is merged over process.env; a key set to undefined is removed.
 */
export function runNode(args: string[], opts: { env?: Record<string, string | undefined>; timeoutMs?: number; cwd?: string } = {}): Promise<ProcessRun> {
  const t0 = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** kafka-offsets (dist/cli.js) in a child process. */
export function runCli(args: string[], opts: { env?: Record<string, string | undefined>; timeoutMs?: number; cwd?: string } = {}): Promise<ProcessRun> {
  return runNode([CLI_PATH, ...args], opts);
}

/** A request that must be valid (a test's own input). */
export function validRequest(input: ResetInput, now?: number) {
  const v = validateResetInput(input, now);
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join(' '));
  return v.request;
}

/** The rejection of p, which must be a KafkaOffsetsError, with how long it took. */
export async function expectFailure(p: Promise<unknown>): Promise<{ err: KafkaOffsetsError; ms: number }> {
  const t0 = Date.now();
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof KafkaOffsetsError, `not a KafkaOffsetsError: ${(e as Error)?.stack ?? e}`);
    return { err: e, ms: Date.now() - t0 };
  }
  assert.fail('expected a rejection');
}
