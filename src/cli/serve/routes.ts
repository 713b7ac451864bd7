/**
 * Routing, pure: (method, raw request target) → what to do. Each path segment is split on '/' first
 * and then percent-decoded exactly once, so a group id may contain '/', '%' or spaces when the client
 * encodes them (%2F, %25, %20) — and "%252F" stays the three characters "%2F".
 */
import { HttpError } from './errors';

export interface ResetRoute {
  kind: 'reset';
  /** 'seed' = the seed's POST (topic required); 'dms' = DMS's current PUT (topic optional there). */
  style: 'seed' | 'dms';
  projectId: string;
  instanceId: string;
  group: string;
  dryRun: boolean;
}

export type Route = ResetRoute | { kind: 'healthz' };

const SEED = ['v2', null, 'instances', null, 'management', 'groups', null, 'reset-message-offset'] as const;
const DMS = ['v2', 'kafka', null, 'instances', null, 'groups', null, 'reset-message-offset'] as const;

/** Segments of the path (before '?'), still encoded; undefined when it does not match the shape. */
function match(segments: string[], shape: readonly (string | null)[]): string[] | undefined {
  if (segments.length !== shape.length) return undefined;
  const vars: string[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === null) {
      if (segments[i] === '') return undefined;
      vars.push(segments[i]);
    } else if (segments[i] !== shape[i]) return undefined;
  }
  return vars;
}

function decode(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError('invalidRequest', `The ${what} in the path is not valid percent-encoding.`);
  }
}

function allow(methods: string[]): Record<string, string> {
  return { Allow: methods.join(', ') };
}

/** The query of a reset: only dry_run, and only true or false. */
function dryRunOf(query: string): boolean {
  if (query === '') return false;
  let dryRun = false;
  for (const [key, value] of new URLSearchParams(query)) {
    if (key !== 'dry_run') throw new HttpError('invalidRequest', `Unknown query parameter ${JSON.stringify(key.slice(0, 64))}; the only one is dry_run=true.`);
    if (value !== 'true' && value !== 'false') throw new HttpError('invalidRequest', `dry_run must be true or false, got ${JSON.stringify(value.slice(0, 64))}.`);
    dryRun = value === 'true';
  }
  return dryRun;
}

export function route(method: string, target: string): Route {
  const q = target.indexOf('?');
  const pathPart = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? '' : target.slice(q + 1);
  if (pathPart === '/healthz') {
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError('methodNotAllowed', `${method} is not allowed on /healthz; use GET.`, allow(['GET', 'HEAD']));
    return { kind: 'healthz' };
  }
  const segments = pathPart.split('/').slice(1);
  if (pathPart.startsWith('/')) {
    for (const [shape, style, method0] of [[SEED, 'seed', 'POST'], [DMS, 'dms', 'PUT']] as const) {
      const vars = match(segments, shape);
      if (!vars) continue;
      if (method !== method0) throw new HttpError('methodNotAllowed', `${method} is not allowed here; this reset is a ${method0}.`, allow([method0]));
      const [projectId, instanceId, group] = [decode(vars[0], 'project id'), decode(vars[1], 'instance id'), decode(vars[2], 'group')];
      return { kind: 'reset', style, projectId, instanceId, group, dryRun: dryRunOf(query) };
    }
  }
  throw new HttpError(
    'noSuchRoute',
    'No such route. Use POST /v2/{project_id}/instances/{instance_id}/management/groups/{group}/reset-message-offset, ' +
      'PUT /v2/kafka/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset or GET /healthz.',
  );
}
