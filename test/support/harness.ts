/**
 * Typed access to the broker harness (test/support/broker.js, plain JS so npm scripts and .ci/run
 * use it without a build). Compiled tests live in out/test/…, so the harness is required from the
 * repository root.
 */
import * as path from 'node:path';

export interface ToolResult {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}
export interface JavaConsumer {
  pid: number;
  clientId: string;
  waitUntilMember(check?: () => Promise<boolean>, opts?: { timeoutMs?: number }): Promise<void>;
  close(opts?: { timeoutMs?: number }): Promise<void>;
  kill(): Promise<void>;
  stderr(): string;
}
export interface Harness {
  runKafkaTool(mainClass: string, args: string[], opts?: { timeoutMs?: number }): Promise<ToolResult>;
  consumerGroupCommand(bootstrap: string, args: string[], opts?: { timeoutMs?: number }): Promise<ToolResult>;
  startJavaConsumer(opts: { bootstrap: string; group: string; topic: string; sessionTimeoutMs?: number; groupProtocol?: 'classic' | 'consumer'; clientId?: string; consumerProps?: Record<string, string> }): Promise<JavaConsumer>;
}

const root = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const harness: Harness = require(path.join(root, 'test/support/broker.js'));
export const repoRoot = root;
