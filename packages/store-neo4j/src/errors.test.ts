import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { RinglinkError } from '@ringlink/model';
import { translateError } from './errors.js';

const driverError = (code: string): Neo4jError => new Neo4jError(`boom ${code}`, code as never, '50N42', 'error');

describe('translateError', () => {
  it('maps a lost or absent server to STORE_UNAVAILABLE, retriable', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired']) {
      expect(translateError(driverError(code), 'writing')).toMatchObject({ code: 'STORE_UNAVAILABLE', retriable: true });
    }
  });

  it('maps constraint violations to CONFLICT and bad credentials to STORE_UNAVAILABLE, not retriable', () => {
    expect(translateError(driverError('Neo.ClientError.Schema.ConstraintValidationFailed'), 'x')).toMatchObject({ code: 'CONFLICT', retriable: false });
    expect(translateError(driverError('Neo.ClientError.Security.Unauthorized'), 'x')).toMatchObject({ code: 'STORE_UNAVAILABLE', retriable: false });
  });

  it('maps transient errors to a retriable STORE_ERROR and anything else to STORE_ERROR', () => {
    expect(translateError(driverError('Neo.TransientError.Transaction.DeadlockDetected'), 'x')).toMatchObject({ code: 'STORE_ERROR', retriable: true });
    const other = translateError(driverError('Neo.ClientError.Statement.SyntaxError'), 'reading');
    expect(other).toMatchObject({ code: 'STORE_ERROR', retriable: false, message: expect.stringMatching(/^store: reading: /) });
    expect(other.cause).toBeInstanceOf(Neo4jError);
    expect(translateError(new TypeError('x'), 'y')).toMatchObject({ code: 'STORE_ERROR' });
  });

  it('passes ringlink errors through', () => {
    const e = new RinglinkError('NOT_FOUND', 'no');
    expect(translateError(e, 'x')).toBe(e);
  });
});
