/**
 * Constraints and indexes, derived from the model: the uniqueness of every
 * entity id, one index per declared identifier property of every entity
 * kind (ENTITY_KINDS[kind].identifiers), and the keys of the store's own
 * nodes (aliases, source records and files, analysis runs, rings).
 * `schemaPlan()` is pure (unit-tested); `ensureSchema()` creates what is
 * missing, then checks that everything planned exists and is online,
 * collecting every problem before it throws.
 */
import { ENTITY_KINDS, ENTITY_KIND_NAMES, RinglinkError } from '@ringlink/model';
import { STORE_LABELS, kindLabel } from './cypher/names.js';

export interface SchemaItem {
  /** Name in Neo4j (stable: ensureSchema finds its own items by name or by shape). */
  name: string;
  type: 'UNIQUENESS' | 'RANGE';
  label: string;
  property: string;
  /** Why it exists (shown in problems and the README). */
  purpose: string;
}

const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Everything the store needs, in creation order (constraints first). */
export function schemaPlan(): SchemaItem[] {
  const items: SchemaItem[] = [
    { name: 'entity_id_unique', type: 'UNIQUENESS', label: STORE_LABELS.Entity, property: 'id', purpose: 'MERGE of entities by their deterministic id' },
    { name: 'alias_id_unique', type: 'UNIQUENESS', label: STORE_LABELS.Alias, property: 'id', purpose: 'lookups by an id an entity was known by before a merge' },
    { name: 'source_record_key_unique', type: 'UNIQUENESS', label: STORE_LABELS.SourceRecord, property: 'key', purpose: 'each source record once (evidence)' },
    { name: 'source_file_sha256_unique', type: 'UNIQUENESS', label: STORE_LABELS.SourceFile, property: 'sha256', purpose: 'each ingested file once' },
    { name: 'analysis_run_id_unique', type: 'UNIQUENESS', label: STORE_LABELS.AnalysisRun, property: 'id', purpose: 'analysis runs' },
    { name: 'ring_id_unique', type: 'UNIQUENESS', label: STORE_LABELS.Ring, property: 'id', purpose: 'rings by their stable id' },
    { name: 'ring_event_key_unique', type: 'UNIQUENESS', label: STORE_LABELS.RingEvent, property: 'key', purpose: 'ring events of a run' },
    { name: 'export_record_id_unique', type: 'UNIQUENESS', label: STORE_LABELS.ExportRecord, property: 'id', purpose: 'the log of court packages exported' },
  ];
  for (const kind of ENTITY_KIND_NAMES) {
    const label = kindLabel(kind);
    for (const property of ENTITY_KINDS[kind].identifiers as readonly string[]) {
      items.push({
        name: `${snake(label)}_${snake(property)}`,
        type: 'RANGE',
        label,
        property,
        purpose: `lookups of ${label} by its identifier ${property}`,
      });
    }
  }
  items.push(
    { name: 'person_birth_date', type: 'RANGE', label: 'Person', property: 'birthDate', purpose: 'POSSIBLY_SAME_AS candidates across ingests (same birth date)' },
    { name: 'source_record_file', type: 'RANGE', label: STORE_LABELS.SourceRecord, property: 'fileSha256', purpose: 'records of one file' },
    { name: 'entity_broker_run', type: 'RANGE', label: STORE_LABELS.Entity, property: 'brokerRun', purpose: 'clearing broker scores another analysis run left' },
    { name: 'entity_hub_run', type: 'RANGE', label: STORE_LABELS.Entity, property: 'hubRun', purpose: 'clearing hub flags another analysis run left' },
    { name: 'source_record_record_id', type: 'RANGE', label: STORE_LABELS.SourceRecord, property: 'recordId', purpose: 'records by their own id' },
  );
  return items;
}

/** The DDL for one item; names and labels come from schemaPlan() only. */
export function schemaStatement(item: SchemaItem): string {
  return item.type === 'UNIQUENESS'
    ? `CREATE CONSTRAINT ${item.name} IF NOT EXISTS FOR (n:${item.label}) REQUIRE n.${item.property} IS UNIQUE`
    : `CREATE INDEX ${item.name} IF NOT EXISTS FOR (n:${item.label}) ON (n.${item.property})`;
}

/** What SHOW INDEXES says about one index (constraints own an index of their own). */
export interface ExistingIndex {
  name: string;
  type: string;
  entityType: string;
  labelsOrTypes: string[] | null;
  properties: string[] | null;
  state: string;
  owningConstraint: string | null;
}

export interface ExistingConstraint {
  name: string;
  type: string;
  labelsOrTypes: string[] | null;
  properties: string[] | null;
}

const sameShape = (labels: string[] | null, props: string[] | null, item: SchemaItem): boolean =>
  labels?.length === 1 && labels[0] === item.label && props?.length === 1 && props[0] === item.property;

/** Every planned item missing, of the wrong kind or not online. Pure, for tests. */
export function checkSchema(
  plan: readonly SchemaItem[],
  constraints: readonly ExistingConstraint[],
  indexes: readonly ExistingIndex[],
): string[] {
  const problems: string[] = [];
  for (const item of plan) {
    if (item.type === 'UNIQUENESS') {
      const c = constraints.find((x) => sameShape(x.labelsOrTypes, x.properties, item) && /UNIQUE/.test(x.type));
      if (c === undefined) {
        problems.push(`missing uniqueness constraint on :${item.label}(${item.property}) (${item.purpose})`);
        continue;
      }
      const idx = indexes.find((i) => i.owningConstraint === c.name);
      if (idx !== undefined && idx.state !== 'ONLINE') problems.push(`index of constraint ${c.name} is ${idx.state}, not ONLINE`);
    } else {
      const idx = indexes.find((i) => sameShape(i.labelsOrTypes, i.properties, item) && (i.type === 'RANGE' || i.owningConstraint !== null));
      if (idx === undefined) {
        problems.push(`missing index on :${item.label}(${item.property}) (${item.purpose})`);
        continue;
      }
      if (idx.state !== 'ONLINE') problems.push(`index ${idx.name} on :${item.label}(${item.property}) is ${idx.state}, not ONLINE`);
    }
  }
  return problems;
}

export function schemaError(problems: readonly string[]): RinglinkError {
  return new RinglinkError('STORE_ERROR', `store: schema is not as the model requires (${problems.length} problems): ${problems.join('; ')}`, {
    details: problems,
  });
}
