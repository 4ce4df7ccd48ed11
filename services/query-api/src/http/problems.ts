/**
 * Errors to HTTP, in one table. Every failure leaves the service as an
 * RFC 9457 problem (`application/problem+json`):
 *
 *   { type, title, status, detail, instance, requestId, errors?: [{ path, message }] }
 *
 * The table is keyed by the model's RinglinkError codes plus the few
 * conditions only a transport has (authentication, roles, rate limits, body
 * size, media type, deadlines). `problemFromError` is the one place an
 * error becomes a status: RinglinkErrors by their code, express' body
 * parser errors by their `type`, anything else as INTERNAL. Server-side
 * problems (5xx) never carry the error's message, only a generic detail and
 * the request id to find it in the logs.
 */
import type { Response } from 'express';
import { isRinglinkError, type RinglinkErrorCode } from '@ringlink/model';

export type TransportProblemCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'AUDIT_UNAVAILABLE'
  | 'TIMEOUT';

export type ProblemCode = RinglinkErrorCode | TransportProblemCode;

export interface ProblemKind {
  status: number;
  title: string;
  /** Shown instead of the error's message (server-side problems). */
  genericDetail?: string;
}

export const PROBLEMS: Readonly<Record<ProblemCode, ProblemKind>> = Object.freeze({
  INVALID_INPUT: { status: 400, title: 'Invalid input' },
  INVALID_ARGUMENT: { status: 400, title: 'Invalid request' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed for this key' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  UNKNOWN_SOURCE: { status: 422, title: 'Records not recognised' },
  INVALID_SPEC: { status: 422, title: 'Invalid mapping spec' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error', genericDetail: 'The service failed to answer; the request id finds the cause in its logs.' },
  STORE_ERROR: { status: 500, title: 'Store error', genericDetail: 'The graph store failed to answer; the request id finds the cause in the logs.' },
  STORE_UNAVAILABLE: { status: 503, title: 'Store unavailable', genericDetail: 'The graph store is unavailable; try again shortly.' },
  AUDIT_UNAVAILABLE: { status: 503, title: 'Audit log unavailable' },
  TIMEOUT: { status: 504, title: 'Query took too long', genericDetail: 'The query did not finish within the deadline; narrow it (smaller depth, fewer kinds, a lower limit) or try again.' },
});

/** `type` URI of a problem: a URN, listed on the docs page. */
export const problemType = (code: ProblemCode): string => `urn:ringlink:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export interface FieldError {
  /** Where: `query.limit`, `params.id`, `body.seed`. */
  path: string;
  message: string;
}

export interface Problem {
  code: ProblemCode;
  detail: string;
  errors?: FieldError[];
  /** Seconds, for 429 and 503. */
  retryAfter?: number;
}

/** Neo4j codes that mean a transaction ran out of time. */
const TIMEOUT_NEO4J_CODES = /^Neo\.ClientError\.Transaction\.TransactionTimedOut/;

function neo4jCodeOf(details: unknown): string | undefined {
  if (details !== null && typeof details === 'object' && 'neo4jCode' in details) {
    const c = (details as { neo4jCode: unknown }).neo4jCode;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

/** Body-parser errors (express.json / express.raw) carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status?: number;
}
const isBodyParserError = (err: unknown): err is BodyParserError =>
  err !== null && typeof err === 'object' && typeof (err as { type?: unknown }).type === 'string' && typeof (err as { status?: unknown }).status === 'number';

export function problemFromError(err: unknown): Problem {
  if (isRinglinkError(err)) {
    if (err.code === 'STORE_ERROR' && TIMEOUT_NEO4J_CODES.test(neo4jCodeOf(err.details) ?? '')) {
      return { code: 'TIMEOUT', detail: PROBLEMS.TIMEOUT.genericDetail! };
    }
    const kind = PROBLEMS[err.code] ?? PROBLEMS.INTERNAL;
    const errors = fieldErrorsOf(err.details);
    return {
      code: PROBLEMS[err.code] ? err.code : 'INTERNAL',
      detail: kind.genericDetail ?? stripPrefix(err.message),
      ...(errors ? { errors } : {}),
      ...(err.code === 'STORE_UNAVAILABLE' ? { retryAfter: 5 } : {}),
    };
  }
  if (isBodyParserError(err)) {
    switch (err.type) {
      case 'entity.too.large':
        return { code: 'PAYLOAD_TOO_LARGE', detail: 'the request body is larger than this endpoint accepts' };
      case 'entity.parse.failed':
        return { code: 'INVALID_INPUT', detail: 'the request body is not valid JSON' };
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'the request body uses an unsupported encoding or charset' };
      case 'request.aborted':
      case 'request.size.invalid':
        return { code: 'INVALID_INPUT', detail: 'the request body was cut short' };
      default:
        if (err.status && err.status >= 400 && err.status < 500) return { code: 'INVALID_INPUT', detail: 'the request body could not be read' };
    }
  }
  // URIError from a malformed percent-encoding in the path (express decodes params).
  if (err instanceof URIError) return { code: 'INVALID_ARGUMENT', detail: 'the request path is not valid percent-encoding' };
  return { code: 'INTERNAL', detail: PROBLEMS.INTERNAL.genericDetail! };
}

function fieldErrorsOf(details: unknown): FieldError[] | undefined {
  if (!Array.isArray(details)) return undefined;
  const out = details.filter(
    (d): d is FieldError => d !== null && typeof d === 'object' && typeof (d as FieldError).path === 'string' && typeof (d as FieldError).message === 'string',
  );
  return out.length > 0 ? out : undefined;
}

/** Messages of the store start with `store: `; an analyst does not need that. */
const stripPrefix = (message: string): string => message.replace(/^(store|query-api): /, '');

export function sendProblem(res: Response, problem: Problem): void {
  const kind = PROBLEMS[problem.code];
  const requestId = String(res.locals.requestId ?? '');
  const body = {
    type: problemType(problem.code),
    title: kind.title,
    status: kind.status,
    detail: problem.detail,
    instance: requestId ? `urn:ringlink:request:${requestId}` : undefined,
    requestId: requestId || undefined,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  res.locals.problemCode = problem.code;
  if (res.headersSent) return;
  if (problem.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer realm="ringlink"');
  if (problem.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
  res.status(kind.status).type('application/problem+json').send(JSON.stringify(body));
}
