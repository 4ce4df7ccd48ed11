import { describe, expect, it } from 'vitest';
import { STORE_DEFAULTS, connectionFromEnv, resolveStoreOptions } from './config.js';

describe('connectionFromEnv', () => {
  it('is undefined without NEO4J_URI (the caller decides what to start)', () => {
    expect(connectionFromEnv({})).toBeUndefined();
    expect(connectionFromEnv({ NEO4J_URI: '  ' })).toBeUndefined();
  });

  it('reads uri, user, password and database once, frozen', () => {
    const c = connectionFromEnv({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 's3cret', NEO4J_DATABASE: 'ringlink' });
    expect(c).toEqual({ uri: 'neo4j+s://x.databases.neo4j.io', user: 'neo4j', password: 's3cret', database: 'ringlink' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => connectionFromEnv({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI/);
    expect(() => connectionFromEnv({ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'x' })).toThrow(/NEO4J_USER/);
  });
});

describe('resolveStoreOptions', () => {
  it('puts user values over the defaults and validates them', () => {
    expect(resolveStoreOptions({ batchSize: 500, pageSize: undefined })).toEqual({ ...STORE_DEFAULTS, batchSize: 500 });
    expect(() => resolveStoreOptions({ batchSize: 0 })).toThrow(/store: invalid options: batchSize/);
  });
});
