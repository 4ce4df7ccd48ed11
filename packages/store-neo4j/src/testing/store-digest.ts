/**
 * A digest of everything in the store (every node with its labels and
 * properties, every relationship with its endpoints' keys and properties),
 * for tests that compare two stores' states exactly. Properties that hold
 * wall-clock times are left out by default.
 */
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { INTEGER_DRIVER_CONFIG } from '../integers.js';

export const VOLATILE_PROPS = ['ingestedAt', 'createdAt', 'writtenAt', 'timings'] as const;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const nodeKey = 'coalesce(n.id, n.key, n.sha256)';

export interface StoreDump {
  nodes: string[];
  relationships: string[];
  digest: string;
}

/** Reads the whole store at `uri` (its own driver, read-only). */
export async function dumpStore(uri: string, options: { exclude?: readonly string[] } = {}): Promise<StoreDump> {
  const exclude = new Set(options.exclude ?? VOLATILE_PROPS);
  const strip = (props: Record<string, unknown>): unknown =>
    canonical(Object.fromEntries(Object.entries(props).filter(([k]) => !exclude.has(k))));
  const driver = neo4j.driver(uri, undefined, INTEGER_DRIVER_CONFIG);
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const nodes = (await session.run('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props')).records.map((r) =>
      JSON.stringify([[...(r.get('labels') as string[])].sort(), strip(r.get('props') as Record<string, unknown>)]),
    );
    const key = (v: string): string => nodeKey.replace(/n\./g, `${v}.`);
    const relationships = (
      await session.run(`MATCH (a)-[r]->(b) RETURN type(r) AS type, ${key('a')} AS from, ${key('b')} AS to, properties(r) AS props`)
    ).records.map((r) => JSON.stringify([r.get('type'), r.get('from'), r.get('to'), strip(r.get('props') as Record<string, unknown>)]));
    nodes.sort();
    relationships.sort();
    const h = createHash('sha256');
    for (const line of nodes) h.update(`${line}\n`);
    h.update('--\n');
    for (const line of relationships) h.update(`${line}\n`);
    return { nodes, relationships, digest: h.digest('hex') };
  } finally {
    await session.close();
    await driver.close();
  }
}
