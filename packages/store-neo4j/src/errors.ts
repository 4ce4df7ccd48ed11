/**
 * Driver errors are translated here, once, at the boundary: the rest of
 * ringlink only ever sees a RinglinkError with a `code` and a `retriable`
 * flag. Every function of the store that talks to Neo4j goes through
 * `translateError` (see session.ts).
 *
 * | driver error                                        | code              | retriable |
 * | --------------------------------------------------- | ----------------- | --------- |
 * | ServiceUnavailable, SessionExpired (connection lost) | STORE_UNAVAILABLE | true      |
 * | Neo.ClientError.Security.* (bad credentials)         | STORE_UNAVAILABLE | false     |
 * | Neo.ClientError.Schema.ConstraintValidationFailed    | CONFLICT          | false     |
 * | Neo.TransientError.* (left after the driver retried) | STORE_ERROR       | true      |
 * | anything else                                       | STORE_ERROR       | false     |
 */
import { Neo4jError, isRetriableError } from 'neo4j-driver';
import { RinglinkError, isRinglinkError } from '@ringlink/model';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

export function translateError(err: unknown, context: string): RinglinkError {
  if (isRinglinkError(err)) return err;
  if (err instanceof Neo4jError) {
    const code = err.code ?? '';
    const details = { neo4jCode: code, gqlStatus: err.gqlStatus };
    if (UNAVAILABLE.has(code)) {
      return new RinglinkError('STORE_UNAVAILABLE', `store: ${context}: Neo4j is unavailable: ${err.message}`, {
        cause: err,
        details,
        retriable: true,
      });
    }
    if (code.startsWith('Neo.ClientError.Security.')) {
      return new RinglinkError('STORE_UNAVAILABLE', `store: ${context}: Neo4j refused the credentials: ${err.message}`, {
        cause: err,
        details,
        retriable: false,
      });
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new RinglinkError('CONFLICT', `store: ${context}: ${err.message}`, { cause: err, details });
    }
    return new RinglinkError('STORE_ERROR', `store: ${context}: ${err.message}`, {
      cause: err,
      details,
      retriable: code.startsWith('Neo.TransientError.') || isRetriableError(err),
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new RinglinkError('STORE_ERROR', `store: ${context}: ${message}`, { cause: err });
}
