/**
 * Typed access to the harness's own brokers (startBroker in test/support/broker.js), for test files
 * that start a broker of their own: a secured one, or one they kill and restart (never the shared
 * KAFKA_TEST_BOOTSTRAP broker).
 */
import * as path from 'node:path';
import { repoRoot, ToolResult } from './harness';

export interface User {
  name: string;
  password: string;
}

export interface SecurityHandle {
  listeners: { SASL_PLAINTEXT?: string; SSL?: string; SASL_SSL?: string };
  caFile: string;
  admin: User;
  users: User[];
  adminConfigFile: string;
  acls(args: string[], opts?: { timeoutMs?: number }): Promise<ToolResult>;
  runAdminTool(mainClass: string, args: string[], opts?: { timeoutMs?: number }): Promise<ToolResult>;
}

export interface BrokerHandle {
  bootstrap: string;
  port: number;
  controllerPort: number;
  dataDir: string;
  logFile: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  jarsDir: string;
  security?: SecurityHandle;
  stop(opts?: { timeoutMs?: number }): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

export interface BrokerOptions {
  port?: number;
  controllerPort?: number;
  dataDir?: string;
  logFile?: string;
  version?: string;
  extraProps?: Record<string, string>;
  nodeId?: number;
  readyTimeoutMs?: number;
  heap?: string;
  security?: { sasl?: boolean; ssl?: boolean; users?: User[]; acls?: boolean; admin?: User };
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const h = require(path.join(repoRoot, 'test/support/broker.js'));

export const startBroker: (opts?: BrokerOptions) => Promise<BrokerHandle> = h.startBroker;
export const freePort: () => Promise<number> = h.freePort;
