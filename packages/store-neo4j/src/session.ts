/**
 * The one place that runs Cypher: a thin wrapper over the driver that opens
 * a session per unit of work, uses managed transactions (executeRead /
 * executeWrite, which retry transient errors and lost connections) and
 * translates every driver error once (errors.ts).
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { translateError } from './errors.js';
import { INTEGER_DRIVER_CONFIG } from './integers.js';
import type { ConnectionConfig, StoreOptions } from './config.js';

/** A query and its parameters: what every Cypher builder returns. */
export interface CypherQuery {
  text: string;
  params: Record<string, unknown>;
}

export type Tx = ManagedTransaction;

export class Db {
  readonly driver: Driver;
  readonly database: string | undefined;

  constructor(config: ConnectionConfig, options: Pick<StoreOptions, 'maxConnectionPoolSize' | 'maxTransactionRetryTimeMs'>) {
    const auth = config.user !== undefined ? neo4j.auth.basic(config.user, config.password ?? '') : undefined;
    this.driver = neo4j.driver(config.uri, auth, {
      ...INTEGER_DRIVER_CONFIG,
      maxConnectionPoolSize: options.maxConnectionPoolSize,
      maxTransactionRetryTime: options.maxTransactionRetryTimeMs,
      userAgent: 'ringlink-store-neo4j',
    });
    this.database = config.database;
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.database !== undefined ? { database: this.database } : {}),
    });
  }

  async verify(context: string): Promise<void> {
    try {
      await this.driver.verifyConnectivity(this.database !== undefined ? { database: this.database } : {});
    } catch (err) {
      throw translateError(err, context);
    }
  }

  /** A read transaction (retried on transient errors). */
  async read<T>(context: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.session('READ');
    try {
      return await session.executeRead(work);
    } catch (err) {
      throw translateError(err, context);
    } finally {
      await session.close();
    }
  }

  /** A write transaction (retried on transient errors, so `work` must be idempotent). */
  async write<T>(context: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite(work);
    } catch (err) {
      throw translateError(err, context);
    } finally {
      await session.close();
    }
  }

  /** One query in a read transaction. */
  async query<R extends RecordShape = RecordShape>(context: string, q: CypherQuery): Promise<QueryResult<R>> {
    return this.read(context, (tx) => tx.run<R>(q.text, q.params));
  }

  /**
   * An auto-commit query: only for schema commands and `CALL { … } IN
   * TRANSACTIONS`, which cannot run inside a managed transaction.
   */
  async autoCommit<R extends RecordShape = RecordShape>(context: string, q: CypherQuery): Promise<QueryResult<R>> {
    const session = this.session('WRITE');
    try {
      return await session.run<R>(q.text, q.params);
    } catch (err) {
      throw translateError(err, context);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
