/**
 * Records every request (except those whose operation says `audit: false`,
 * i.e. health) in the audit log when its response is finished or the
 * connection closes, and refuses requests once the log cannot be written.
 */
import type { RequestHandler } from 'express';
import type { Principal } from '../api-keys.js';
import type { Operation } from '../http/operation.js';
import { sendProblem } from '../http/problems.js';
import { clipQuery, type AuditSink } from './audit-log.js';

export function auditMiddleware(audit: AuditSink): RequestHandler {
  return (req, res, next) => {
    if (audit.failed) {
      sendProblem(res, { code: 'AUDIT_UNAVAILABLE', detail: 'the audit log cannot be written, so requests are refused until an operator fixes it', retryAfter: 30 });
      return;
    }
    const time = new Date(Number(res.locals.startedAt ?? Date.now())).toISOString();
    let done = false;
    const record = (): void => {
      if (done) return;
      done = true;
      const op = res.locals.operation as Operation | undefined;
      if (op?.audit === false) return;
      const principal = res.locals.principal as Principal | undefined;
      audit.append({
        time,
        requestId: String(res.locals.requestId ?? ''),
        keyId: principal?.keyId ?? null,
        role: principal?.role ?? null,
        method: req.method,
        route: (res.locals.route as string | undefined) ?? req.path.slice(0, 300),
        params: (res.locals.rawParams as Record<string, string> | undefined) ?? {},
        query: clipQuery(req.query),
        status: res.writableFinished ? res.statusCode : 499,
        durationMs: Math.round((Date.now() - Number(res.locals.startedAt ?? Date.now())) * 10) / 10,
        ...(res.locals.problemCode ? { problem: String(res.locals.problemCode) } : {}),
        ip: req.ip ?? null,
        ...(res.locals.auditExtra ? { extra: res.locals.auditExtra as Record<string, unknown> } : {}),
      });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
