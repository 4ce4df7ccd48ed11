/**
 * Counts of nodes by label and relationships by type. Every count is a
 * single-label or single-type count, which Neo4j answers from its count
 * store without scanning. Label and type names come from the database
 * itself (db.labels(), db.relationshipTypes()) and are quoted.
 */
import { quoteDbName } from '../cypher/names.js';
import type { Tx } from '../session.js';

export interface StoreStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  totalNodes: number;
  totalRelationships: number;
}

const sortKeys = (o: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export async function readStats(tx: Tx): Promise<StoreStats> {
  const labels = (await tx.run('CALL db.labels() YIELD label RETURN label')).records.map((r) => r.get('label') as string);
  const types = (await tx.run('CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType')).records.map(
    (r) => r.get('relationshipType') as string,
  );
  const nodes: Record<string, number> = {};
  for (const l of labels) {
    const n = (await tx.run(`MATCH (n:${quoteDbName(l)}) RETURN count(n) AS n`)).records[0]!.get('n') as number;
    if (n > 0) nodes[l] = n;
  }
  const relationships: Record<string, number> = {};
  for (const t of types) {
    const n = (await tx.run(`MATCH ()-[r:${quoteDbName(t)}]->() RETURN count(r) AS n`)).records[0]!.get('n') as number;
    if (n > 0) relationships[t] = n;
  }
  const totalNodes = (await tx.run('MATCH (n) RETURN count(n) AS n')).records[0]!.get('n') as number;
  const totalRelationships = (await tx.run('MATCH ()-[r]->() RETURN count(r) AS n')).records[0]!.get('n') as number;
  return { nodes: sortKeys(nodes), relationships: sortKeys(relationships), totalNodes, totalRelationships };
}
