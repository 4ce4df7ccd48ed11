/**
 * Reads for the query service, with a deadline: the same managed read
 * transactions as session.ts (retries on transient errors, one translation
 * of driver errors), plus the driver's transaction `timeout`, so Neo4j
 * itself stops a query that runs too long (it then fails with
 * Neo.ClientError.Transaction.TransactionTimedOut…, translated to a
 * STORE_ERROR whose `details.neo4jCode` says so).
 *
 * Added for services/query-api. the store's own methods are
 * unchanged.
 */
import neo4j from 'neo4j-driver';
import { RinglinkError } from '@ringlink/model';
import { translateError } from './errors.js';
import { Db, type Tx } from './session.js';
import type { Neo4jStore } from './store.js';

/**
 * The connection of an open store. Neo4jStore keeps its Db private; until
 * it offers an accessor (or a read with a timeout), this is the one place
 * that reaches for it.
 */
export function apiDb(store: Neo4jStore): Db {
  const db = (store as unknown as { db?: unknown }).db;
  if (!(db instanceof Db)) throw new RinglinkError('INTERNAL', 'store: the store has no connection (closed, or not a Neo4jStore)');
  return db;
}

/** One read transaction that Neo4j aborts after `timeoutMs`. */
export async function readWithin<T>(db: Db, context: string, timeoutMs: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  const session = db.driver.session({
    defaultAccessMode: neo4j.session.READ,
    ...(db.database !== undefined ? { database: db.database } : {}),
  });
  try {
    return await session.executeRead(work, { timeout: Math.max(1, Math.floor(timeoutMs)) });
  } catch (err) {
    throw translateError(err, context);
  } finally {
    await session.close();
  }
}

/** One write transaction that Neo4j aborts after `timeoutMs` (work must be idempotent: it may be retried). */
export async function writeWithin<T>(db: Db, context: string, timeoutMs: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  const session = db.driver.session({
    defaultAccessMode: neo4j.session.WRITE,
    ...(db.database !== undefined ? { database: db.database } : {}),
  });
  try {
    return await session.executeWrite(work, { timeout: Math.max(1, Math.floor(timeoutMs)) });
  } catch (err) {
    throw translateError(err, context);
  } finally {
    await session.close();
  }
}

/** Round trip to Neo4j (`RETURN 1`) within `timeoutMs`: readiness. */
export async function pingWithin(db: Db, timeoutMs: number): Promise<void> {
  await readWithin(db, 'checking readiness', timeoutMs, async (tx) => {
    await tx.run('RETURN 1 AS ok');
  });
}
