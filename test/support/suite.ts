/**
 * The set-up most integration files share: test-data fixtures and one engine client on the test
 * broker, a snapshot folder, all closed after the file; plus the two helpers they kept writing
 * again — a validated request, and polling until the broker shows something.
 */
import { before, after } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fixtures, brokers } from './fixtures';
import { KafkaClient, validateResetInput, sleep, type ResetInput, type ResetRequest } from '../../src/core';

export interface EngineSuite {
  readonly fx: Fixtures;
  readonly client: KafkaClient;
  /** A fresh temporary folder for this file's snapshots. */
  readonly snapshotDir: string;
}

/** Registers before/after hooks in the calling file; the fields are usable from its first test on. */
export function engineSuite(name: string): EngineSuite {
  let fx: Fixtures | undefined;
  let client: KafkaClient | undefined;
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), `ko-${name}-`));
  before(() => {
    fx = new Fixtures();
    client = new KafkaClient({ brokers: brokers() });
  });
  after(async () => {
    await client?.close();
    await fx?.close();
  });
  return {
    get fx() {
      if (!fx) throw new Error('engineSuite: fixtures used before the file\'s before() hook');
      return fx;
    },
    get client() {
      if (!client) throw new Error('engineSuite: client used before the file\'s before() hook');
      return client;
    },
    snapshotDir,
  };
}

/** The validated request, or a thrown list of the issues (a test's own input is never wrong on purpose here). */
export function request(input: ResetInput, now?: number): ResetRequest {
  const v = validateResetInput(input, now);
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join(' '));
  return v.request;
}

/** Poll `check` every 500 ms until true; a sentence naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}
