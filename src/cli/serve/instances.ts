/**
 * The instances file: which Kafka cluster each {instance_id} of the API path means. A JSON object
 * keyed by instance_id; each value has the fields of a `kafkaOffsets.clusters` entry (brokers,
 * clientId, ssl, caFile, sasl {mechanism, username}) plus passwordEnv, the environment variable that
 * holds the SASL password. A password itself is refused: the file is configuration, not a secret store.
 * Everything is checked at start, so a typo stops the server with a sentence instead of failing the
 * first request.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterConfig, KafkaOffsetsError, SaslMechanism } from '../../core';
import { brokerProblem } from '../../core/brokers';

export interface Instance {
  id: string;
  config: ClusterConfig;
}

const FIELDS = new Set(['name', 'brokers', 'clientId', 'ssl', 'caFile', 'sasl', 'passwordEnv']);
const SASL_FIELDS = new Set(['mechanism', 'username']);
const MECHANISMS: SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface InstancesContext {
  /** The file's name, for sentences. */
  file: string;
  /** Relative caFile paths resolve against this (the instances file's directory). */
  baseDir: string;
  env: NodeJS.ProcessEnv;
  readFile?: (file: string) => string;
}

const q = (s: string) => JSON.stringify(s);

export function parseInstances(text: string, ctx: InstancesContext): Map<string, Instance> {
  const fail = (msg: string) => new KafkaOffsetsError('validation', `Instances file ${ctx.file}: ${msg}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail(`not valid JSON: ${(e as Error).message}.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('must be a JSON object keyed by instance_id, e.g. {"local": {"brokers": ["127.0.0.1:9092"]}}.');
  const ids = Object.keys(raw);
  if (ids.length === 0) throw fail('defines no instance.');
  const out = new Map<string, Instance>();
  for (const id of ids) out.set(id, { id, config: parseEntry(id, (raw as Record<string, unknown>)[id], ctx, fail) });
  return out;
}

function parseEntry(id: string, v: unknown, ctx: InstancesContext, fail: (m: string) => KafkaOffsetsError): ClusterConfig {
  const where = `instance ${q(id)}`;
  if (id === '' || /[\u0000-\u001f\u007f/]/.test(id)) throw fail(`instance id ${q(id)} cannot be used in a path (empty, '/' or control characters).`);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail(`${where} must be an object with at least "brokers".`);
  const e = v as Record<string, unknown>;
  if ('password' in e || (typeof e.sasl === 'object' && e.sasl !== null && 'password' in e.sasl))
    throw fail(`${where} has a "password" field: never put the password in this file. Name the environment variable that holds it in "passwordEnv".`);
  const unknown = Object.keys(e).filter((k) => !FIELDS.has(k));
  if (unknown.length) throw fail(`${where} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map(q).join(', ')}; allowed: ${[...FIELDS].join(', ')}.`);
  if (!Array.isArray(e.brokers) || e.brokers.length === 0) throw fail(`${where}: "brokers" must be a non-empty list of "host:port".`);
  for (const b of e.brokers) {
    const problem = typeof b === 'string' ? brokerProblem(b) : 'not-host-port';
    if (problem) throw fail(`${where}: broker ${q(String(b))} ${problem === 'port-out-of-range' ? 'has a port outside 1–65535' : 'is not "host:port"'}.`);
  }
  const config: ClusterConfig = { brokers: [...(e.brokers as string[])], clientId: 'kafka-offsets-serve' };
  if (e.name !== undefined) {
    if (typeof e.name !== 'string' || !e.name) throw fail(`${where}: "name" must be a non-empty string.`);
    config.name = e.name;
  }
  if (e.clientId !== undefined) {
    if (typeof e.clientId !== 'string' || !e.clientId) throw fail(`${where}: "clientId" must be a non-empty string.`);
    config.clientId = e.clientId;
  }
  if (e.ssl !== undefined && typeof e.ssl !== 'boolean') throw fail(`${where}: "ssl" must be true or false.`);
  if (e.caFile !== undefined) {
    if (typeof e.caFile !== 'string' || !e.caFile) throw fail(`${where}: "caFile" must be a path.`);
    if (e.ssl !== true) throw fail(`${where}: "caFile" is only used with "ssl": true.`);
    const file = path.resolve(ctx.baseDir, e.caFile);
    try {
      config.ssl = { ca: (ctx.readFile ?? ((f) => fs.readFileSync(f, 'utf8')))(file) };
    } catch (err) {
      throw fail(`${where}: cannot read the CA file ${file}: ${(err as Error).message}`);
    }
  } else if (e.ssl) config.ssl = true;
  if (e.sasl !== undefined) {
    const s = e.sasl as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw fail(`${where}: "sasl" must be {"mechanism": …, "username": …}.`);
    const extra = Object.keys(s).filter((k) => !SASL_FIELDS.has(k));
    if (extra.length) throw fail(`${where}: "sasl" has unknown field${extra.length > 1 ? 's' : ''} ${extra.map(q).join(', ')}; allowed: mechanism, username.`);
    if (typeof s.mechanism !== 'string' || !MECHANISMS.includes(s.mechanism as SaslMechanism)) throw fail(`${where}: "sasl.mechanism" must be one of ${MECHANISMS.join(', ')}.`);
    if (typeof s.username !== 'string' || !s.username) throw fail(`${where}: "sasl.username" is required.`);
    if (typeof e.passwordEnv !== 'string' || !ENV_NAME.test(e.passwordEnv)) throw fail(`${where}: "passwordEnv" must name the environment variable that holds the SASL password of ${q(s.username)}.`);
    const password = ctx.env[e.passwordEnv];
    if (password === undefined) throw fail(`${where}: the environment variable ${e.passwordEnv} (its "passwordEnv") is not set.`);
    config.sasl = { mechanism: s.mechanism as SaslMechanism, username: s.username, password };
  } else if (e.passwordEnv !== undefined) throw fail(`${where}: "passwordEnv" is only used with "sasl".`);
  return config;
}

export function loadInstances(file: string, env: NodeJS.ProcessEnv = process.env): Map<string, Instance> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new KafkaOffsetsError('validation', `--instances: cannot read ${file}: ${(e as Error).message}`);
  }
  return parseInstances(text, { file, baseDir: path.dirname(path.resolve(file)), env });
}
