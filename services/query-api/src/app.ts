/**
 * The express application: `createApp({ config, store, logger })`.
 *
 *   request id + no-store ─► helmet ─► request log (pino) ─► audit ─►
 *   /api/v1 operations (auth, role, rate limit, body, zod, deadline) ─►
 *   the web view at / (static, its own CSP) ─►
 *   404 / 405 ─► errors as problem documents
 *
 * The store is a Neo4jStore (or, in unit tests, any QueryStore via
 * `queries`). The app owns its audit log and analysis jobs; startServer
 * (server.ts) closes them.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { CANONICAL_SPECS_DIR, parseMappingSpec, type MappingSpec } from '@ringlink/core';
import type { Neo4jStore } from '@ringlink/store-neo4j';
import { AnalysisJobs, SerialLock } from './analysis-jobs.js';
import { AlertRuntime, alertOperations, type AlertRuntimeOverrides } from './alerts/index.js';
import { JsonlAuditLog, type AuditSink } from './audit/audit-log.js';
import { auditMiddleware } from './audit/audit-middleware.js';
import type { ServiceConfig } from './config.js';
import { createLogger, loggableError, requestLogger, type Logger } from './http/logging.js';
import { API_PREFIX, authFailureLimiter, authenticate, mountOperations } from './http/mount.js';
import { ApiKeyring } from './api-keys.js';
import type { Operation } from './http/operation.js';
import { PROBLEMS, problemFromError, sendProblem } from './http/problems.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { ReadinessProbe } from './readiness.js';
import { analysisOperations } from './routes/analysis.js';
import type { RouteDeps } from './routes/deps.js';
import { entityOperations } from './routes/entities.js';
import { healthOperations } from './routes/health.js';
import { ingestOperations } from './routes/ingest.js';
import { exportOperations } from './routes/exports.js';
import { metaOperations } from './routes/meta.js';
import { pathOperations } from './routes/paths.js';
import { ringOperations } from './routes/rings.js';
import { Neo4jQueries } from './store/neo4j-queries.js';
import type { QueryStore } from './store/query-store.js';
import { SERVICE_VERSION } from './version.js';
import { webViewHandler } from '@ringlink/web-view';

export interface CreateAppOptions {
  config: Readonly<ServiceConfig>;
  /** The store to serve. */
  store?: Neo4jStore;
  /** Instead of `store`: any QueryStore (unit tests). */
  queries?: QueryStore;
  logger?: Logger;
  /** Default: a JSON-lines file at config.auditLogFile. */
  audit?: AuditSink;
  /** Mapping specs for POST /ingest/{source}; default the canonical ones (data/specs). */
  specs?: readonly MappingSpec[];
  /** Alerting options (SSE, webhook retries, rules; `loadAlertConfig(env)` reads them from the environment), or false to leave alerting out. On by default with a store. */
  alerts?: AlertRuntimeOverrides | false;
}

export interface AppResources {
  jobs: AnalysisJobs;
  audit: AuditSink;
  logger: Logger;
  operations: readonly Operation[];
  openapi: () => Record<string, unknown>;
  /** Alerting (SSE stream, webhook worker); startServer starts and stops it. */
  alerts: AlertRuntime | undefined;
}

const RESOURCES = Symbol.for('ringlink.query-api.resources');

/** The audit log, jobs and logger of an app made by createApp. */
export function appResources(app: Express): AppResources {
  const r = (app as unknown as { [RESOURCES]?: AppResources })[RESOURCES];
  if (r === undefined) throw new Error('query-api: not an app made by createApp');
  return r;
}

/** The canonical mapping specs, read synchronously (createApp is synchronous). */
export function canonicalSpecs(dir: string = CANONICAL_SPECS_DIR): MappingSpec[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseMappingSpec(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown, f));
}

function requestContext(): RequestHandler {
  return (_req, res, next) => {
    const id = randomUUID();
    res.locals.requestId = id;
    res.locals.startedAt = Date.now();
    res.setHeader('X-Request-Id', id);
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

function templateRegex(p: string): RegExp {
  const body = `${API_PREFIX}${p}`.split(/\{[A-Za-z][A-Za-z0-9]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${body}/?$`);
}

/** 405 when the path exists with other methods, else 404. */
function notFound(operations: readonly Operation[]): RequestHandler {
  const routes = operations.map((op) => ({ re: templateRegex(op.path), method: op.method.toUpperCase() }));
  return (req, res) => {
    const allowed = routes.filter((r) => r.re.test(req.path)).map((r) => r.method);
    if (allowed.length > 0) {
      res.setHeader('Allow', [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])])].join(', '));
      sendProblem(res, { code: 'METHOD_NOT_ALLOWED', detail: `${req.method} is not allowed here; use ${allowed.join(' or ')}` });
      return;
    }
    sendProblem(res, {
      code: 'NOT_FOUND',
      detail: req.path.startsWith(API_PREFIX) ? 'no such endpoint; GET /api/v1/docs lists them' : 'no such endpoint; the API is under /api/v1',
    });
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const problem = problemFromError(err);
    if (PROBLEMS[problem.code].status >= 500) {
      logger.error({ requestId: res.locals.requestId, route: res.locals.route ?? null, problem: problem.code, err: loggableError(err) }, 'request failed');
    }
    sendProblem(res, problem);
  };
}

export function createApp(options: CreateAppOptions): Express {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  let queries: QueryStore;
  if (options.queries) queries = options.queries;
  else if (options.store) queries = new Neo4jQueries(options.store);
  else throw new Error('query-api: createApp needs a store');
  const audit =
    options.audit ??
    new JsonlAuditLog(config.auditLogFile, (err) => logger.fatal({ err: loggableError(err) }, 'audit log cannot be written; refusing requests'));
  const writeLock = new SerialLock();
  const alerts =
    options.store && options.alerts !== false
      ? new AlertRuntime(options.store, logger, { ...options.alerts, rules: { phoneRegion: config.phoneRegion, ...(options.alerts || {}).rules } }, SERVICE_VERSION)
      : undefined;
  const jobs = new AnalysisJobs(queries, writeLock, logger);
  const deps: RouteDeps = {
    config,
    queries,
    logger,
    jobs,
    writeLock,
    specs: options.specs ?? canonicalSpecs(),
    readiness: new ReadinessProbe(queries, Math.min(2000, config.limits.queryTimeoutMs)),
    version: SERVICE_VERSION,
    ...(alerts ? { alerts } : {}),
  };

  let document: Record<string, unknown> | undefined;
  const openapi = (): Record<string, unknown> => (document ??= buildOpenApiDocument(operations, SERVICE_VERSION));
  const operations: Operation[] = [
    ...healthOperations(deps),
    ...entityOperations(deps),
    ...pathOperations(deps),
    ...ringOperations(deps),
    ...analysisOperations(deps),
    ...ingestOperations(deps),
    ...exportOperations(deps),
    ...(alerts ? alertOperations({ config, alerts, specs: deps.specs }) : []),
    ...metaOperations(openapi),
  ];

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  app.use(requestContext());
  app.use(helmet());
  app.use(requestLogger(logger));
  app.use(auditMiddleware(audit));
  const router = express.Router({ caseSensitive: true, strict: false });
  const authFailures = authFailureLimiter(config);
  mountOperations(router, operations, { config, logger, authFailures });
  app.use(API_PREFIX, router);
  // The analyst's web view (services/web-view) at / and /assets/: no key needed, the page holds no data and sends the key to /api/v1 itself.
  app.use(webViewHandler({ onError: (err) => logger.error({ err: loggableError(err) }, 'web view unavailable') }));
  // Unknown paths need a key too: without one, nobody learns which endpoints exist.
  app.use(authFailures, authenticate(new ApiKeyring(config.apiKeys), { role: 'analyst', method: 'get', path: '' }));
  app.use(notFound(operations));
  app.use(errorHandler(logger));

  const resources: AppResources = { jobs, audit, logger, operations, openapi, alerts };
  Object.defineProperty(app, RESOURCES, { value: resources, enumerable: false });
  return app;
}
