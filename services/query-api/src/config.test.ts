import { describe, expect, it } from 'vitest';
import { isRinglinkError } from '@ringlink/model';
import { ApiKeyring, bearerToken } from './api-keys.js';
import { keyIdOf, loadConfig } from './config.js';
import { roleAllows } from './roles.js';

const LONG = 'k'.repeat(20);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (isRinglinkError(err, 'INVALID_ARGUMENT')) return err.details as string[] ?? [err.message];
    throw err;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has safe defaults and is frozen all the way down', () => {
    const c = loadConfig({ RINGLINK_API_KEYS: `${LONG}:analyst` });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, logLevel: 'info', neo4j: undefined, devKey: undefined });
    expect(c.limits).toMatchObject({ jsonBodyBytes: 1048576, ingestBodyBytes: 50 * 1048576, queryTimeoutMs: 10000, requestTimeoutMs: 15000, maxPageSize: 200 });
    expect(Object.isFrozen(c) && Object.isFrozen(c.limits) && Object.isFrozen(c.apiKeys[0])).toBe(true);
  });

  it('keeps key digests and ids, never the keys', () => {
    const c = loadConfig({ RINGLINK_API_KEYS: `${LONG}:analyst, ${'j'.repeat(24)}:admin` });
    expect(c.apiKeys.map((k) => k.role)).toEqual(['analyst', 'admin']);
    expect(c.apiKeys[0]!.id).toBe(keyIdOf(LONG));
    expect(JSON.stringify(c)).not.toContain(LONG);
  });

  it('generates a random admin key per start outside production, never a fixed one', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.devKey).toMatch(/^rl_dev_[A-Za-z0-9_-]{32}$/);
    expect(a.devKey).not.toBe(b.devKey);
    expect(a.apiKeys).toEqual([expect.objectContaining({ role: 'admin', id: keyIdOf(a.devKey!) })]);
    expect(problems({ NODE_ENV: 'production' })[0]).toMatch(/RINGLINK_API_KEYS is required when NODE_ENV=production/);
  });

  it('names every bad variable, never a key', () => {
    const p = problems({ RINGLINK_API_KEYS: 'short:analyst,abcdefghijklmnopqrstuvwxyz:boss', PORT: 'http', RINGLINK_JSON_LIMIT: 'lots', LOG_LEVEL: 'loud', NEO4J_URI: 'http://x', RINGLINK_PHONE_REGION: 'XX' });
    const text = p.join('\n');
    for (const v of ['RINGLINK_API_KEYS', 'PORT', 'RINGLINK_JSON_LIMIT', 'LOG_LEVEL', 'NEO4J_URI', 'RINGLINK_PHONE_REGION']) expect(text).toContain(v);
    expect(text).toMatch(/entry 1: key must be at least 16/);
    expect(text).toMatch(/entry 2: role must be one of analyst, exporter, ingest, admin/);
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(problems({ RINGLINK_API_KEYS: `${LONG}:analyst,${LONG}:admin` })[0]).toMatch(/same key appears twice/);
    expect(problems({ RINGLINK_QUERY_TIMEOUT_MS: '20000', RINGLINK_REQUEST_TIMEOUT_MS: '10000' })[0] ?? '').toMatch(/must not exceed/);
  });

  it('reads sizes in bytes, kb and mb', () => {
    expect(loadConfig({ RINGLINK_JSON_LIMIT: '512kb', RINGLINK_INGEST_LIMIT: '200mb' }).limits).toMatchObject({ jsonBodyBytes: 512 * 1024, ingestBodyBytes: 200 * 1048576 });
  });
});

describe('keys and roles', () => {
  it('authenticates exactly the configured keys', () => {
    const c = loadConfig({ RINGLINK_API_KEYS: `${LONG}:ingest` });
    const ring = new ApiKeyring(c.apiKeys);
    expect(ring.authenticate(LONG)).toEqual({ keyId: keyIdOf(LONG), role: 'ingest' });
    expect(ring.authenticate(`${LONG}x`)).toBeUndefined();
    expect(ring.authenticate('')).toBeUndefined();
  });

  it('reads only Bearer tokens', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('grants admin ⊇ ingest, exporter ⊇ analyst', () => {
    expect(roleAllows('admin', 'ingest') && roleAllows('ingest', 'analyst') && roleAllows('analyst', 'analyst')).toBe(true);
    expect(roleAllows('analyst', 'ingest') || roleAllows('ingest', 'admin')).toBe(false);
    // Exporting and ingesting are separate duties; admin holds both.
    expect(roleAllows('exporter', 'exporter') && roleAllows('exporter', 'analyst') && roleAllows('admin', 'exporter')).toBe(true);
    expect(roleAllows('exporter', 'ingest') || roleAllows('ingest', 'exporter') || roleAllows('analyst', 'exporter')).toBe(false);
  });
});
