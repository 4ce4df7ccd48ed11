/**
 * Mounts operations on an express router. Per request, in order:
 *
 *   1. authentication (Bearer key, constant-time) → 401
 *   2. role → 403
 *   3. rate limit per key → 429
 *   4. body: media type → 415, size → 413 (only now: an unauthenticated
 *      caller cannot make the service buffer a body)
 *   5. validation of path, query and body with the operation's zod schemas → 400
 *   6. the handler, under the request deadline → 504
 *
 * Everything that fails becomes a problem document (problems.ts).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { z } from 'zod';
import { ApiKeyring, bearerToken, type Principal } from '../api-keys.js';
import type { ServiceConfig } from '../config.js';
import { roleAllows } from '../roles.js';
import type { Logger } from './logging.js';
import { expressPath, type Deadline, type Operation } from './operation.js';
import { sendProblem, type FieldError } from './problems.js';

export interface MountOptions {
  config: Readonly<ServiceConfig>;
  logger: Logger;
  /** The failed-authentication limiter, shared with the app's fallback route (default: a new one). */
  authFailures?: RequestHandler;
}

const API_PREFIX = '/api/v1';

/** zod issues as field errors: one per path (the first; later checks on a value already wrong add nothing). */
export function issuesToErrors(where: 'params' | 'query' | 'body', issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    const path = [where, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].join('.').replace(/\.\[/g, '[');
    if (!out.some((e) => e.path === path)) out.push({ path, message: i.message });
  }
  return out;
}

function validationDetail(errors: readonly FieldError[]): string {
  const first = errors[0]!;
  return `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''}`;
}

export function authenticate(keyring: ApiKeyring, op: Pick<Operation, 'role' | 'method' | 'path'>): RequestHandler {
  return (req, res, next) => {
    if (op.role === null) return next();
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (token === undefined) {
      sendProblem(res, {
        code: 'UNAUTHENTICATED',
        detail: header === undefined ? 'send an API key as `Authorization: Bearer <key>`' : 'the Authorization header must be `Bearer <key>`',
      });
      return;
    }
    const principal = keyring.authenticate(token);
    if (principal === undefined) {
      sendProblem(res, { code: 'UNAUTHENTICATED', detail: 'the API key is not valid' });
      return;
    }
    res.locals.principal = principal;
    if (!roleAllows(principal.role, op.role)) {
      sendProblem(res, { code: 'FORBIDDEN', detail: `${op.method.toUpperCase()} ${API_PREFIX}${op.path} needs the ${op.role} role; this key has ${principal.role}` });
      return;
    }
    next();
  };
}

function acceptBody(op: Operation, config: Readonly<ServiceConfig>): RequestHandler[] {
  if (op.rawBody) {
    const types = op.rawBody.contentTypes;
    const raw = express.raw({ type: () => true, limit: config.limits.ingestBodyBytes });
    return [
      (req, res, next) => {
        if (req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0) {
          sendProblem(res, { code: 'INVALID_INPUT', detail: `the body is empty: send the records as ${types.join(' or ')}` });
          return;
        }
        const charset = /charset=([^;]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.trim().replace(/"/g, '').toLowerCase();
        if (!req.is(types) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
          sendProblem(res, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: `send the records as ${types.join(' or ')} (UTF-8)` });
          return;
        }
        next();
      },
      raw,
    ];
  }
  if (op.body) {
    const json = express.json({ limit: config.limits.jsonBodyBytes, strict: true, type: () => true });
    return [
      (req, res, next) => {
        const length = Number(req.headers['content-length'] ?? (req.headers['transfer-encoding'] ? NaN : 0));
        if (length === 0) {
          req.body = {};
          return next();
        }
        if (!req.is('application/json')) {
          sendProblem(res, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'send the body as application/json' });
          return;
        }
        next();
      },
      json,
    ];
  }
  // No body expected: refuse one rather than leave it unread.
  return [
    (req, res, next) => {
      const length = Number(req.headers['content-length'] ?? 0);
      if (req.headers['transfer-encoding'] !== undefined || length > 0) {
        sendProblem(res, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: `${op.method.toUpperCase()} ${API_PREFIX}${op.path} takes no request body` });
        return;
      }
      next();
    },
  ];
}

function deadlineFor(op: Operation, config: Readonly<ServiceConfig>, startedAt: number): Deadline {
  const total = op.deadline === 'ingest' ? Math.max(config.limits.requestTimeoutMs, 20 * config.limits.requestTimeoutMs) : config.limits.requestTimeoutMs;
  const remaining = (): number => Math.max(0, startedAt + total - Date.now());
  return {
    remaining,
    queryTimeout: () => Math.max(1, Math.min(config.limits.queryTimeoutMs, remaining() - 25)),
  };
}

const TIMED_OUT = Symbol('timed out');

function handle(op: Operation, config: Readonly<ServiceConfig>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const errors: FieldError[] = [];
    const parse = (where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown => {
      if (schema === undefined) return undefined;
      const r = schema.safeParse(value);
      if (r.success) return r.data;
      errors.push(...issuesToErrors(where, r.error.issues));
      return undefined;
    };
    const params = parse('params', op.params, { ...req.params });
    const query = parse('query', op.query, { ...(req.query as Record<string, unknown>) });
    const body = parse('body', op.body, req.body);
    if (errors.length > 0) {
      sendProblem(res, { code: 'INVALID_ARGUMENT', detail: validationDetail(errors), errors });
      return;
    }
    const deadline = deadlineFor(op, config, Number(res.locals.startedAt ?? Date.now()));
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = op.handler({
        params,
        query,
        body,
        rawBody: op.rawBody ? (req.body as Buffer) : undefined,
        principal: res.locals.principal as Principal | undefined,
        deadline,
        req,
        res,
      });
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), deadline.remaining());
      });
      const reply = await Promise.race([work, timeout]);
      if (reply === TIMED_OUT) {
        work.catch(() => {}); // settles later; the answer is gone
        sendProblem(res, { code: 'TIMEOUT', detail: 'the request did not finish within its deadline; narrow it (smaller depth, fewer kinds, a lower limit) or try again' });
        return;
      }
      if (res.headersSent) return;
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      res.status(reply.status ?? 200);
      if (reply.contentType === undefined) res.json(reply.body);
      else res.type(reply.contentType).send(reply.body);
    } catch (err) {
      next(err);
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}

/** Rate limit per API key (after authentication). */
export function keyRateLimiter(config: Readonly<ServiceConfig>): RequestHandler {
  return rateLimit({
    windowMs: config.limits.rateWindowMs,
    limit: config.limits.rateLimit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => (res.locals.principal as Principal | undefined)?.keyId ?? 'anonymous',
    skip: (_req, res) => res.locals.principal === undefined,
    handler: (_req, res, _next, options) => {
      sendProblem(res, {
        code: 'RATE_LIMITED',
        detail: `more than ${options.limit} requests in ${Math.round(options.windowMs / 1000)} s for this key; slow down`,
        retryAfter: Math.ceil(options.windowMs / 1000),
      });
    },
    validate: { keyGeneratorIpFallback: false },
  });
}

/**
 * Failed authentications per client address (fixed window): slows down key
 * guessing. Only 401 answers count, when they are sent (a request cut off
 * by its client counts nothing); past the limit every request from the
 * address gets 429 until the window ends.
 */
export function authFailureLimiter(config: Readonly<ServiceConfig>): RequestHandler {
  const windowMs = config.limits.rateWindowMs;
  const limit = config.limits.authFailureLimit;
  const failures = new Map<string, { count: number; resetAt: number }>();
  return (req, res, next) => {
    const now = Date.now();
    const ip = ipKeyGenerator(req.ip ?? 'unknown');
    const entry = failures.get(ip);
    if (entry !== undefined && entry.resetAt <= now) failures.delete(ip);
    const current = failures.get(ip);
    if (current !== undefined && current.count >= limit) {
      sendProblem(res, {
        code: 'RATE_LIMITED',
        detail: 'too many failed authentications from this address; wait before trying again',
        retryAfter: Math.max(1, Math.ceil((current.resetAt - now) / 1000)),
      });
      return;
    }
    res.once('finish', () => {
      if (res.statusCode !== 401) return;
      if (failures.size >= 100_000) failures.clear(); // bounded memory under a spray of addresses
      const e = failures.get(ip);
      if (e === undefined || e.resetAt <= Date.now()) failures.set(ip, { count: 1, resetAt: Date.now() + windowMs });
      else e.count++;
    });
    next();
  };
}

export function mountOperations(router: Router, operations: readonly Operation[], options: MountOptions): void {
  const keyring = new ApiKeyring(options.config.apiKeys);
  const perKey = keyRateLimiter(options.config);
  const authFailures = options.authFailures ?? authFailureLimiter(options.config);
  for (const op of operations) {
    const route: RequestHandler = (req, res, next) => {
      res.locals.route = `${API_PREFIX}${op.path}`;
      res.locals.operation = op;
      res.locals.rawParams = { ...req.params };
      next();
    };
    const chain: RequestHandler[] = [route];
    if (op.role !== null) chain.push(authFailures, authenticate(keyring, op), perKey);
    chain.push(...acceptBody(op, options.config), handle(op, options.config));
    router[op.method](expressPath(op.path), ...chain);
  }
}

export { API_PREFIX };
