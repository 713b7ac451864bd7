/**
 * The cluster a command talks to, from the common options: --bootstrap (or $KAFKA_BOOTSTRAP), TLS,
 * SASL with the password read from the environment (never from a flag's value), timeouts.
 */
import * as fs from 'node:fs';
import type { ClusterConfig } from '../core';
import { KafkaOffsetsError } from '../core/errors';
import { brokerProblem } from '../core/brokers';
import { insecureWarning } from './outcome';
import { str, type Opts } from './options';

export function clusterConfig(o: Opts): ClusterConfig {
  const bootstrap = str(o, 'bootstrap') ?? process.env.KAFKA_BOOTSTRAP ?? 'localhost:9092';
  const brokers = bootstrap.split(',').map((s) => s.trim()).filter(Boolean);
  for (const b of brokers) {
    const problem = brokerProblem(b);
    if (problem) throw new KafkaOffsetsError('validation', `--bootstrap: "${b}" is not host:port${problem === 'port-out-of-range' ? ' (port 1–65535)' : ''}.`);
  }
  const cfg: ClusterConfig = { brokers, clientId: str(o, 'client-id') ?? 'kafka-offsets-cli' };
  const timeout = str(o, 'request-timeout-ms');
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout) || +timeout < 100) throw new KafkaOffsetsError('validation', '--request-timeout-ms must be a number of milliseconds ≥ 100.');
    cfg.requestTimeoutMs = +timeout;
  }
  const ca = str(o, 'ssl-ca');
  if (o.has('ssl') || ca || o.has('ssl-insecure')) {
    let caText: string | undefined;
    if (ca) {
      try {
        caText = fs.readFileSync(ca, 'utf8');
      } catch (e) {
        throw new KafkaOffsetsError('validation', `--ssl-ca: cannot read ${ca}: ${(e as Error).message}`);
      }
    }
    cfg.ssl = { ...(caText ? { ca: caText } : {}), ...(o.has('ssl-insecure') ? { rejectUnauthorized: false } : {}) };
  }
  if (o.has('ssl-insecure')) process.stderr.write(insecureWarning(str(o, 'sasl-mechanism')));
  const mech = str(o, 'sasl-mechanism');
  if (mech) {
    const m = mech.toLowerCase();
    if (m !== 'plain' && m !== 'scram-sha-256' && m !== 'scram-sha-512') throw new KafkaOffsetsError('validation', `--sasl-mechanism must be plain, scram-sha-256 or scram-sha-512, got "${mech}".`);
    const username = str(o, 'sasl-username');
    if (!username) throw new KafkaOffsetsError('validation', '--sasl-mechanism needs --sasl-username.');
    const envName = str(o, 'sasl-password-env') ?? 'KAFKA_OFFSETS_PASSWORD';
    const password = process.env[envName];
    if (password === undefined) throw new KafkaOffsetsError('validation', `The SASL password is read from the environment variable ${envName}, which is not set.`);
    cfg.sasl = { mechanism: m, username, password };
  }
  return cfg;
}

/** Kafka reports an unknown group as Dead with nothing in it; say so rather than print an empty table. */
export function noSuchGroup(groupId: string, cfg: ClusterConfig): KafkaOffsetsError {
  return new KafkaOffsetsError('not-found', `Group "${groupId}" does not exist on ${cfg.brokers.join(', ')}: no members and no committed offsets.`);
}
