/**
 * X-Auth-Token, the header DMS uses. The expected token comes from an environment variable or a file
 * (never a flag: flags show in `ps`). Both sides are hashed first so timingSafeEqual compares equal
 * lengths and the comparison time says nothing about the token. The token is never logged.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { KafkaOffsetsError } from '../../core';
import { HttpError } from './errors';

export const DEFAULT_TOKEN_ENV = 'KAFKA_OFFSETS_SERVE_TOKEN';
const MIN_TOKEN_LENGTH = 16;

/** A function that throws the 401 for a request, or passes. */
export type Authenticator = (headers: IncomingHttpHeaders) => void;

const digest = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest();

export function tokenAuthenticator(token: string): Authenticator {
  const expected = digest(token);
  return (headers) => {
    const given = headers['x-auth-token'];
    if (given === undefined || given === '') throw new HttpError('missingToken', 'The X-Auth-Token header is missing.');
    const value = Array.isArray(given) ? given.join(',') : given;
    if (!crypto.timingSafeEqual(digest(value), expected)) throw new HttpError('invalidToken', 'The X-Auth-Token header does not hold the token this server was started with.');
  };
}

export const noAuth: Authenticator = () => undefined;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Where the token comes from: --token-file FILE, else the variable --token-env names (default
 * KAFKA_OFFSETS_SERVE_TOKEN). Without a token, only --no-auth on a loopback address starts.
 */
export function loadAuthenticator(o: { tokenFile?: string; tokenEnv?: string; noAuth: boolean; host: string }, env: NodeJS.ProcessEnv = process.env): Authenticator {
  if (o.tokenFile && o.tokenEnv) throw new KafkaOffsetsError('validation', 'Give --token-file or --token-env, not both.');
  let token: string | undefined;
  let source: string;
  if (o.tokenFile) {
    source = `the file ${o.tokenFile}`;
    try {
      token = fs.readFileSync(o.tokenFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new KafkaOffsetsError('validation', `--token-file: cannot read ${o.tokenFile}: ${(e as Error).message}`);
    }
  } else {
    const name = o.tokenEnv ?? DEFAULT_TOKEN_ENV;
    source = `the environment variable ${name}`;
    token = env[name] || undefined;
    if (o.tokenEnv && token === undefined) throw new KafkaOffsetsError('validation', `--token-env: the environment variable ${name} is not set.`);
  }
  if (o.noAuth) {
    if (token !== undefined) throw new KafkaOffsetsError('validation', `--no-auth was given, but a token is set in ${source}; remove one of them.`);
    if (!isLoopback(o.host)) throw new KafkaOffsetsError('validation', `--no-auth is only allowed on a loopback address (127.0.0.1, ::1, localhost), not ${o.host}: anyone who can reach it could reset offsets.`);
    return noAuth;
  }
  if (token === undefined)
    throw new KafkaOffsetsError(
      'validation',
      `No token: set ${DEFAULT_TOKEN_ENV} (or --token-env NAME, or --token-file FILE); clients send it in X-Auth-Token. On a loopback address, --no-auth starts without one.`,
    );
  if (token.length < MIN_TOKEN_LENGTH) throw new KafkaOffsetsError('validation', `The token in ${source} is shorter than ${MIN_TOKEN_LENGTH} characters; use a random one (e.g. openssl rand -hex 32).`);
  if (/[\u0000-\u001f\u007f]/.test(token)) throw new KafkaOffsetsError('validation', `The token in ${source} contains control characters, which an HTTP header cannot carry.`);
  return tokenAuthenticator(token);
}
