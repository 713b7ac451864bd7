/**
 * `kafka-offsets serve`: its options, its checks at start (instances file, token), and its life until
 * SIGTERM / Ctrl-C. Returns the exit code: 0 after a graceful stop, 2 for bad options or files, 1 when
 * it cannot listen or requests were still running at the drain deadline.
 */
import * as path from 'node:path';
import { KafkaOffsetsError } from '../../core';
import { parseArgs, UsageError, OptionSpec } from '../args';
import { defaultSnapshotDir } from '../options';
import { loadAuthenticator, DEFAULT_TOKEN_ENV } from './auth';
import { loadInstances } from './instances';
import { Resets } from './reset';
import { startServer } from './server';
import { logValue } from './accessLog';

export const SERVE_USAGE = `kafka-offsets serve — the DMS "reset consumer group offset" API over your own Kafka clusters

Usage:
  kafka-offsets serve --instances FILE [--listen HOST:PORT] [--snapshot-dir DIR]
        [--token-env NAME | --token-file FILE | --no-auth] [--max-concurrent N] [--read-timeout-ms MS]

  --instances FILE      JSON object keyed by instance_id: {"local": {"brokers": ["127.0.0.1:9092"]}}
                        (fields of a kafkaOffsets.clusters entry, plus passwordEnv for SASL)
  --listen HOST:PORT    default 127.0.0.1:8080 (port 0 = any free port; the address is printed)
  --token-env NAME      variable holding the X-Auth-Token value (default ${DEFAULT_TOKEN_ENV})
  --token-file FILE     file holding it instead
  --no-auth             no token; only allowed on a loopback address
  --snapshot-dir DIR    undo snapshots (default $KAFKA_OFFSETS_SNAPSHOT_DIR or ~/.kafka-offsets/snapshots)
  --max-concurrent N    requests handled at once, default 8 (more get 503)
  --read-timeout-ms MS  headers and body must arrive within this, default 10000 (else 408)

Routes:
  POST /v2/{project_id}/instances/{instance_id}/management/groups/{group}/reset-message-offset
  PUT  /v2/kafka/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset
  GET  /healthz
  Body: {"topic": "t", "partition": 0, "message_offset": 10} or {"topic": "t", "timestamp": 1571812144000};
  ?dry_run=true answers 200 with the plan instead of resetting.

Exit codes: 0 stopped by SIGTERM/Ctrl-C, 1 cannot listen or the shutdown timed out, 2 bad options or files.
`;

const SPECS: Record<string, OptionSpec> = {
  instances: { value: true },
  listen: { value: true },
  'token-env': { value: true },
  'token-file': { value: true },
  'no-auth': { value: false },
  'snapshot-dir': { value: true },
  'max-concurrent': { value: true },
  'read-timeout-ms': { value: true },
  help: { value: false },
};

export function parseListen(s: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9._-]+):(\d{1,5})$/.exec(s);
  if (!m || +m[2] > 65535) throw new KafkaOffsetsError('validation', `--listen: "${s}" is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080).`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: +m[2] };
}

function positiveInt(o: Map<string, string | true>, name: string, dflt: number, min: number): number {
  const v = o.get(name);
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || +v < min) throw new KafkaOffsetsError('validation', `--${name} must be a whole number ≥ ${min}, got "${v}".`);
  return +v;
}

/** signal: the CLI's Ctrl-C; it drains like SIGTERM. */
export async function runServe(argv: string[], signal: AbortSignal): Promise<number> {
  const { positional, options } = parseArgs(argv, SPECS);
  if (options.has('help')) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (positional.length) throw new UsageError(`Unexpected argument "${positional[0]}".`);
  const str = (k: string) => (typeof options.get(k) === 'string' ? (options.get(k) as string) : undefined);
  const file = str('instances');
  if (!file) throw new KafkaOffsetsError('validation', 'serve needs --instances FILE: a JSON object keyed by instance_id, e.g. {"local": {"brokers": ["127.0.0.1:9092"]}}.');
  const { host, port } = parseListen(str('listen') ?? '127.0.0.1:8080');
  const instances = loadInstances(file);
  const auth = loadAuthenticator({ tokenFile: str('token-file'), tokenEnv: str('token-env'), noAuth: options.has('no-auth'), host });
  const snapshotDir = path.resolve(str('snapshot-dir') ?? defaultSnapshotDir());
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const server = await startServer({
    host,
    port,
    auth,
    resets: new Resets(instances, snapshotDir),
    maxConcurrent: positiveInt(options, 'max-concurrent', 8, 1),
    readTimeoutMs: positiveInt(options, 'read-timeout-ms', 10_000, 100),
    drainTimeoutMs: 120_000,
    log,
  });
  const shown = server.address.host.includes(':') ? `[${server.address.host}]` : server.address.host;
  log(
    `kafka-offsets serve: listening on http://${shown}:${server.address.port} — instances ${[...instances.keys()].map(logValue).join(', ')}; ` +
      `snapshots in ${snapshotDir}; ${options.has('no-auth') ? 'no authentication (--no-auth)' : 'X-Auth-Token required'}.`,
  );
  const onTerm = () => server.drain('SIGTERM');
  process.once('SIGTERM', onTerm);
  signal.addEventListener('abort', () => server.drain('SIGINT'), { once: true });
  try {
    return await server.stopped;
  } finally {
    process.removeListener('SIGTERM', onTerm);
  }
}
