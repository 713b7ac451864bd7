/**
 * Typed access to the share/streams Java clients (test/support/groupClients.js), and whether the
 * test broker has the Kafka 4 group types at all (Kafka 3.x does not: there the tests check that
 * the product says so, and report the rest as not applicable).
 */
import * as path from 'node:path';
import { repoRoot, ToolResult } from './harness';
import { KafkaClient, readShareStartOffsets } from '../../src/core';

export interface GroupClient {
  pid: number;
  clientId: string;
  stdout(): string;
  stderr(): string;
  waitForOutput(text: string, opts?: { timeoutMs?: number }): Promise<void>;
  waitUntil(check: () => Promise<boolean>, opts?: { timeoutMs?: number }): Promise<void>;
  close(opts?: { timeoutMs?: number }): Promise<void>;
  kill(): Promise<void>;
}

interface GroupClients {
  startShareConsumer(opts: { bootstrap: string; group: string; topic: string; clientId?: string; autoOffsetReset?: 'earliest' | 'latest' }): Promise<GroupClient>;
  startStreamsApp(opts: { bootstrap: string; appId: string; input: string; output: string; clientId?: string }): Promise<GroupClient>;
  setGroupConfig(bootstrap: string, group: string, config: string): Promise<void>;
  groupCommand(kind: 'share' | 'streams', bootstrap: string, args: string[], opts?: { timeoutMs?: number }): Promise<ToolResult>;
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
export const groupClients: GroupClients = require(path.join(repoRoot, 'test/support/groupClients.js'));

/** True when the broker serves the share group APIs (Kafka 4.1+), from its ApiVersions. */
export async function brokerHasShareGroups(client: KafkaClient): Promise<boolean> {
  try {
    await readShareStartOffsets(client, 'kafka-offsets-probe', null);
    return true;
  } catch (e) {
    if (/does not support share groups/.test((e as Error).message)) return false;
    throw e;
  }
}

/**
 * Parse the dry-run table of kafka-share-groups / kafka-streams-groups --reset-offsets:
 * "GROUP TOPIC PARTITION NEW-OFFSET" lines → topic:partition → offset.
 */
export function parseResetDryRun(stdout: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 4 || cells[0] === 'GROUP' || !/^\d+$/.test(cells[2]) || !/^-?\d+$/.test(cells[3])) continue;
    out.set(`${cells[1]}:${cells[2]}`, BigInt(cells[3]));
  }
  return out;
}
