/**
 * Every answer that is not a success: an HTTP status plus DMS's error body {error_code, error_msg}.
 * DMS's own codes where its documentation has one for the case (10240009, 10240016, 10240101,
 * 10240103); ours, prefixed "KO.", otherwise. This table is the one home of those codes: the README's
 * error table lists the same rows.
 */
import { KafkaOffsetsError, isLockBusy } from '../../core';

export const CODES = {
  notJson: { status: 400, code: '10240009' },
  badGroupId: { status: 400, code: '10240016' },
  invalidRequest: { status: 400, code: 'KO.INVALID_REQUEST' },
  notFound: { status: 400, code: 'KO.NOT_FOUND' },
  groupNotEmpty: { status: 400, code: 'KO.GROUP_NOT_EMPTY' },
  invalidToken: { status: 401, code: '10240101' },
  missingToken: { status: 401, code: '10240103' },
  noSuchInstance: { status: 404, code: 'KO.INSTANCE_NOT_FOUND' },
  noSuchRoute: { status: 404, code: 'KO.ROUTE_NOT_FOUND' },
  methodNotAllowed: { status: 405, code: 'KO.METHOD_NOT_ALLOWED' },
  requestTimeout: { status: 408, code: 'KO.REQUEST_TIMEOUT' },
  resetInProgress: { status: 409, code: 'KO.RESET_IN_PROGRESS' },
  offsetsMoved: { status: 409, code: 'KO.OFFSETS_MOVED' },
  bodyTooLarge: { status: 413, code: 'KO.BODY_TOO_LARGE' },
  unsupportedMediaType: { status: 415, code: 'KO.UNSUPPORTED_MEDIA_TYPE' },
  headersTooLarge: { status: 431, code: 'KO.HEADERS_TOO_LARGE' },
  internal: { status: 500, code: 'KO.INTERNAL' },
  kafkaRefused: { status: 502, code: 'KO.KAFKA_ERROR' },
  kafkaAuthentication: { status: 502, code: 'KO.KAFKA_AUTHENTICATION' },
  kafkaAuthorization: { status: 502, code: 'KO.KAFKA_AUTHORIZATION' },
  commitFailed: { status: 502, code: 'KO.COMMIT_FAILED' },
  clusterUnreachable: { status: 503, code: 'KO.CLUSTER_UNREACHABLE' },
  shuttingDown: { status: 503, code: 'KO.SHUTTING_DOWN' },
  serverBusy: { status: 503, code: 'KO.SERVER_BUSY' },
} as const;

export type CodeName = keyof typeof CODES;

/** error_msg is a sentence, not a dump: long group ids or broker lists are cut here. */
export const MAX_MESSAGE = 1000;

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(name: CodeName, message: string, readonly headers: Record<string, string> = {}) {
    super(bounded(message));
    this.status = CODES[name].status;
    this.code = CODES[name].code;
  }
  body(): string {
    return JSON.stringify({ error_code: this.code, error_msg: this.message });
  }
}

export function bounded(s: string, max = MAX_MESSAGE): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Whatever a reset threw → the answer. Never a stack trace: only the engine's sentence. */
export function httpErrorOf(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (!(e instanceof KafkaOffsetsError)) return new HttpError('internal', `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
  if (isLockBusy(e)) return new HttpError('resetInProgress', e.message);
  if (e.kind === 'stale-plan') return new HttpError('offsetsMoved', e.message);
  switch (e.kind) {
    case 'validation':
      return new HttpError('invalidRequest', e.message);
    case 'not-found':
      return new HttpError('notFound', e.message);
    case 'group-not-empty':
      return new HttpError('groupNotEmpty', e.message);
    case 'unreachable':
    case 'timeout':
      return new HttpError('clusterUnreachable', e.message, { 'Retry-After': '5' });
    case 'cancelled':
      return new HttpError('shuttingDown', e.message);
    case 'authentication':
      return new HttpError('kafkaAuthentication', e.message);
    case 'authorization':
      return new HttpError('kafkaAuthorization', e.message);
    case 'commit-failed':
      return new HttpError('commitFailed', e.message);
    default:
      return new HttpError('kafkaRefused', e.message);
  }
}
