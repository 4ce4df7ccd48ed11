/**
 * Structured logs (pino) without secrets or personal data. Request lines
 * carry the request id, method, path template (`/api/v1/entities/{id}`,
 * never the URL: paths and query strings hold identifiers), status,
 * duration and key id. Authorization, cookies, URLs and query strings are
 * redacted as a second line of defence. Errors are logged by code, with
 * identifiers scrubbed from their message and no stack trace; the audit
 * log (audit/) is where what was asked is kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { isRinglinkError } from '@ringlink/model';
import type { ServiceConfig } from '../config.js';

export type { Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.url',
  'req.query',
  'req.params',
  'headers.authorization',
  'authorization',
];

export function createLogger(config: Pick<ServiceConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'query-api' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Identifiers out of a message: entity ids, e-mail addresses, runs of five
 * or more digits (phones, CNICs, accounts), IBAN-like tokens.
 */
export function scrub(message: string): string {
  return message
    .replace(/\b(person|phone|account|document|email|address|organization):[^\s'",)\]}]+/g, '$1:[redacted]')
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]')
    .replace(/\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b/g, '[iban]')
    .replace(/\+?\d[\d\s-]{4,}\d/g, '[digits]')
    .slice(0, 500);
}

/** What is logged of an error: its code and a scrubbed message, no stack, no cause chain. */
export function loggableError(err: unknown): Record<string, unknown> {
  if (isRinglinkError(err)) {
    const details = err.details as { neo4jCode?: unknown } | undefined;
    return {
      code: err.code,
      retriable: err.retriable,
      ...(typeof details?.neo4jCode === 'string' ? { neo4jCode: details.neo4jCode } : {}),
      message: scrub(err.message),
    };
  }
  if (err instanceof Error) return { name: err.name, message: scrub(err.message) };
  return { message: scrub(String(err)) };
}

interface Locals {
  requestId?: string;
  route?: string;
  principal?: { keyId: string };
  problemCode?: string;
}

const localsOf = (res: ServerResponse): Locals => ((res as unknown as { locals?: Locals }).locals ?? {});

/** Request logging: one line per request when it completes. */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (_req: IncomingMessage, res: ServerResponse) => localsOf(res).requestId ?? 'unknown',
    // pino-http hands these the standard serializers' output: keep the method and the status, drop url and headers.
    serializers: {
      req: (r: { id?: unknown; method?: unknown }) => ({ id: r.id, method: r.method }),
      res: (r: { statusCode?: unknown }) => ({ statusCode: r.statusCode }),
      err: (err: unknown) => loggableError(err),
    },
    // Called when the request starts and again when it completes: only what is known is added.
    customProps: (_req: IncomingMessage, res: ServerResponse) => {
      const l = localsOf(res);
      return {
        ...(l.route ? { route: l.route } : {}),
        ...(l.principal ? { keyId: l.principal.keyId } : {}),
        ...(l.problemCode ? { problem: l.problemCode } : {}),
      };
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err !== undefined || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    quietReqLogger: true,
  });
}
